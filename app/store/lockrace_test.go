package store

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockChildEnv makes the test binary a child that takes the lock of the
// project at its value, saves it when it wins, says "won" or "refused",
// and holds the lock until its stdin closes (see TestLockStaleRaceProcesses).
const lockChildEnv = "XUEQU_STORE_LOCK_CHILD"

func lockChild(target string) {
	l, err := Lock(target)
	var le *LockedError
	switch {
	case err == nil:
		if err := Save(target, sampleProject()); err != nil {
			fmt.Println("save:", err)
			os.Exit(3)
		}
		fmt.Println("won")
	case errors.As(err, &le) && strings.Contains(err.Error(), "is open in Xuequ by"):
		fmt.Println("refused")
	default:
		fmt.Println("error:", err)
	}
	io.Copy(io.Discard, os.Stdin)
	l.Unlock()
}

// deadLock writes a lock file at path's lock of a process of this host
// that has exited: stale, to be taken over.
func deadLock(t *testing.T, path string) {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("cannot start a process to get a dead pid")
	}
	host, _ := os.Hostname()
	dead, _ := json.Marshal(LockInfo{Host: host, User: "someone", PID: cmd.Process.Pid, Since: time.Now()})
	if err := os.WriteFile(LockPath(path), dead, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLockStaleRace: many goroutines taking over the same stale lock at
// the same instant — exactly one wins each round, the others are told who
// holds it.
func TestLockStaleRace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	for round := range 30 {
		deadLock(t, path)
		var wg sync.WaitGroup
		var mu sync.Mutex
		var won []*FileLock
		refused := 0
		start := make(chan struct{})
		for range 8 {
			wg.Go(func() {
				<-start
				l, err := Lock(path)
				mu.Lock()
				defer mu.Unlock()
				var le *LockedError
				switch {
				case err == nil:
					won = append(won, l)
				case errors.As(err, &le) && !le.Unreadable:
					refused++
				default:
					t.Errorf("round %d: %v", round, err)
				}
			})
		}
		close(start)
		wg.Wait()
		if len(won) != 1 || refused != 7 {
			t.Fatalf("round %d: %d won, %d refused", round, len(won), refused)
		}
		won[0].Unlock()
	}
}

// TestLockStaleRaceProcesses: the same with processes that each take the
// lock and save: one saves per round, the others get "is open in Xuequ
// by …", and the winner's project is intact.
func TestLockStaleRaceProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	for round := range 4 {
		deadLock(t, path)
		var cmds []*exec.Cmd
		var stdins []io.WriteCloser
		var outs []*bufio.Reader
		for range 6 {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), lockChildEnv+"="+path)
			in, _ := cmd.StdinPipe()
			out, _ := cmd.StdoutPipe()
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			cmds, stdins, outs = append(cmds, cmd), append(stdins, in), append(outs, bufio.NewReader(out))
		}
		count := map[string]int{}
		for _, o := range outs {
			line, _ := o.ReadString('\n')
			count[strings.TrimSpace(line)]++
		}
		for i, in := range stdins {
			in.Close()
			cmds[i].Wait()
		}
		if count["won"] != 1 || count["refused"] != 5 {
			t.Fatalf("round %d: %v", round, count)
		}
		if _, _, err := Open(path); err != nil {
			t.Fatalf("round %d: the winner's save: %v", round, err)
		}
		if _, err := os.Stat(LockPath(path)); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("round %d: the lock file stayed", round)
		}
	}
}
