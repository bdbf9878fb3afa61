package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
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
		if err := Save(target, states[i%2]); err != nil {
			fmt.Fprintln(os.Stderr, "save:", err)
			os.Exit(3)
		}
	}
}

// TestCrashSafety kills a saving child process at random moments and checks
// that the project file always opens as one of the two saved states.
func TestCrashSafety(t *testing.T) {
	trials := 100
	if testing.Short() {
		trials = 20
	}
	states := crashStates()
	dir := t.TempDir()
	target := filepath.Join(dir, "crash.xuequ.gpkg")
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
		if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "ready\n" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child did not start: %q %v", line, err)
		}
		time.Sleep(time.Duration(rng.IntN(150_000)) * time.Microsecond)
		cmd.Process.Kill()
		cmd.Wait()

		got, _, err := Open(target)
		if err != nil {
			t.Fatalf("trial %d: the project no longer opens after a crash: %v", trial, err)
		}
		switch {
		case reflect.DeepEqual(got, states[0]):
			seen[0]++
		case reflect.DeepEqual(got, states[1]):
			seen[1]++
		default:
			t.Fatalf("trial %d: the project is neither saved state", trial)
		}
	}
	temps := tempFiles(target)
	t.Logf("%d trials: state A %d times, state B %d times; %d abandoned temporary files", trials, seen[0], seen[1], len(temps))
	if seen[1] == 0 {
		t.Error("no child ever completed a save: the kills came too early to test anything")
	}
}
