package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"envcoop/bench/gen"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"envcoop": main})
}

// TestScripts runs the script tests in testdata/script: each drives the real
// command line and compares exit status, stdout and stderr.
func TestScripts(t *testing.T) {
	fixtures, err := filepath.Abs("testdata/fixtures")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(e *testscript.Env) error {
			e.Setenv("ENVCOOP_TODAY", "2026-11-29")
			e.Setenv("FIXTURES", fixtures)
			e.Setenv("COLUMNS", "")
			e.Setenv("LINES", "")
			// no colour and no pager unless a script asks for them
			e.Setenv("NO_COLOR", "1")
			e.Setenv("ENVCOOP_PAGER", "cat")
			e.Setenv("PAGER", "")
			// one cache for all scripts, outside their work directories
			e.Setenv("ENVCOOP_CACHE_DIR", filepath.Join(filepath.Dir(e.WorkDir), "cache"))
			if os.Geteuid() == 0 {
				e.Setenv("ROOT", "1")
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": cmdStatus,
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "root":
				return os.Geteuid() == 0, nil
			}
			return false, nil
		},
	})
}

// cmdStatus runs a command and checks its exact exit status:
// "status 4 envcoop show nope". stdout and stderr are kept for the
// commands that follow, as exec keeps them.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: bad code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("status: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// buildEnvcoop builds the command into a temporary directory, for tests
// that need a process of its own (a real signal).
func buildEnvcoop(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build envcoop with")
	}
	bin := filepath.Join(t.TempDir(), "envcoop")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// A real SIGINT to a running envcoop. Once it may leave a temporary file
// (here: a large input with the cache on), envcoop catches the signal,
// removes its temporary files and exits 130 itself; before that moment
// (here: still reading standard input) the signal ends it as it ends any
// program. The run is held at a known point by writing to a FIFO nobody
// reads, and by a standard input that stays open.
func TestRealSignal(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("reads /proc and the amd64 system call numbers of Linux")
	}
	bin := buildEnvcoop(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "kb.toml")
	if err := os.WriteFile(data, gen.TOML(300), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "out.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(dir, "cache")
	env := append(os.Environ(), "ENVCOOP_CACHE_DIR="+cache, "ENVCOOP_TODAY=2026-11-29")

	t.Run("caught once there is something to remove", func(t *testing.T) {
		cmd := exec.Command(bin, "--data", data, "export", "--format", "json", "-o", fifo)
		cmd.Env = env
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// the validation marker is written after signals are caught; then
		// the run blocks opening the FIFO
		waitFor(t, func() bool { m, _ := filepath.Glob(filepath.Join(cache, "*.valid")); return len(m) > 0 })
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 130 {
			t.Fatalf("want exit status 130 from envcoop's own handler, got %v", err)
		}
		if m, _ := filepath.Glob(filepath.Join(cache, ".entry-*")); len(m) > 0 {
			t.Errorf("temporary files left: %v", m)
		}
	})

	t.Run("default before", func(t *testing.T) {
		cmd := exec.Command(bin, "--no-cache", "--data", "-", "list")
		cmd.Env = env
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		defer stdin.Close()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// it reads standard input until the end, which does not come
		waitFor(t, func() bool { return readingStdin(cmd.Process.Pid) })
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		err = cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("want the process ended by SIGINT, got %v", err)
		}
		if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGINT {
			t.Errorf("want the process ended by SIGINT (a shell reports 130), got %v", err)
		}
	})
}

// waitFor polls cond for up to a minute.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("timed out waiting for the process")
}

// readingStdin reports whether one of the process's threads is blocked in
// a read of file descriptor 0: /proc/PID/task/TID/syscall reads "0 0x0 ..."
// for read(0, ...) on amd64 (elsewhere the test waits and fails).
func readingStdin(pid int) bool {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/syscall", pid))
	for _, p := range tasks {
		if b, err := os.ReadFile(p); err == nil && strings.HasPrefix(string(b), "0 0x0 ") {
			return true
		}
	}
	return false
}
