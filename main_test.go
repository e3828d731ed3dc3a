package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
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
