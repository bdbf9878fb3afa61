package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// crashChildEnv makes the test binary a child that saves forever (see
// TestCrashSafety); its value is the target path.
const crashChildEnv = "XUEQU_STORE_CRASH_CHILD"

func TestMain(m *testing.M) {
	if target := os.Getenv(crashChildEnv); target != "" {
		crashChild(target)
		return
	}
	os.Exit(m.Run())
}

// crashStates are the two projects the child saves in turn. They differ in
// size so that a save lasts a few milliseconds and is killed at every
// stage: building the temporary file, syncing, renaming.
func crashStates() [2]*Project {
	a := sampleProject()
	b := genProject(300, 7)
	b.Settings = map[string]string{"state": "B"}
	return [2]*Project{a, b}
}

func crashChild(target string) {
	states := crashStates()
	fmt.Println("ready")
	for i := 1; ; i++ { // B first: the target starts as A
		start := time.Now()
		if err := Save(target, states[i%2]); err != nil {
			fmt.Fprintln(os.Stderr, "save:", err)
			os.Exit(3)
		}
		fmt.Println("saved", time.Since(start).Nanoseconds()) // how long a save takes here
	}
}

// saveTimes keeps how long the children's saves took, so that the kill
// window follows the speed of this build and machine (-race makes a save
// several times slower).
type saveTimes struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *saveTimes) add(d time.Duration) {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
}

// median of the saves seen, or fallback before any.
func (s *saveTimes) median(fallback time.Duration) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.d) == 0 {
		return fallback
	}
	d := slices.Clone(s.d)
	slices.Sort(d)
	return d[len(d)/2]
}

// TestCrashSafety kills a saving child process at random moments and checks
// that the project file always opens as one of the two saved states, and
// that the temporary files of the killed saves do not pile up.
//
// The kill comes at a uniformly random moment within the time of about
// three saves after the child is ready: every stage of the first save
// (building the temporary file, syncing, renaming) and of those after it
// is hit. The time of a save is measured, first here and then as the
// children report it, rather than fixed, so the test means the same under
// -race or on a loaded machine.
func TestCrashSafety(t *testing.T) {
	trials := 100
	if testing.Short() {
		trials = 20
	}
	states := crashStates()
	dir := t.TempDir()
	target := filepath.Join(dir, "crash.xuequ.gpkg")
	start := time.Now()
	if err := Save(target, states[1]); err != nil {
		t.Fatal(err)
	}
	var times saveTimes
	firstSave := time.Since(start)
	if err := Save(target, states[0]); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(2024, 9))
	seen := [2]int{}
	for trial := 0; trial < trials; trial++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+target)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewReader(out)
		if line, err := lines.ReadString('\n'); err != nil || line != "ready\n" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child did not start: %q %v", line, err)
		}
		window := max(150*time.Millisecond, 3*times.median(firstSave))
		done := make(chan struct{})
		go func() { // until the child dies
			defer close(done)
			for {
				line, err := lines.ReadString('\n')
				if err != nil {
					return
				}
				var ns int64
				if _, err := fmt.Sscanf(line, "saved %d", &ns); err == nil {
					times.add(time.Duration(ns))
				}
			}
		}()
		time.Sleep(time.Duration(rng.Int64N(int64(window))))
		cmd.Process.Kill()
		<-done
		cmd.Wait()

		got, _, err := Open(target)
		if err != nil {
			t.Fatalf("trial %d: the project no longer opens after a crash: %v", trial, err)
		}
		switch {
		case sameProject(got, states[0]):
			seen[0]++
		case sameProject(got, states[1]):
			seen[1]++
		default:
			t.Fatalf("trial %d: the project is neither saved state", trial)
		}
	}
	left := len(tempFiles(target))
	t.Logf("%d trials: state A %d times, state B %d times; %d abandoned temporary files; a save takes %v (kill window %v)",
		trials, seen[0], seen[1], left, times.median(firstSave), max(150*time.Millisecond, 3*times.median(firstSave)))
	if seen[1] == 0 {
		t.Error("no child ever completed a save: the kills came too early to test anything")
	}
	if seen[0] == 0 {
		t.Error("the target never kept state A: the kills came too late to test anything")
	}
	// Each child's saves removed the temp files of the killed children
	// before it; the next save removes the last one's.
	if left > 1 {
		t.Errorf("%d temporary files of killed saves are left, want at most 1", left)
	}
	if err := Save(target, states[0]); err != nil {
		t.Fatal(err)
	}
	if temps := tempFiles(target); len(temps) > 0 {
		t.Errorf("temporary files of killed saves stay after the next save: %q", temps)
	}
}
