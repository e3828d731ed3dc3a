package commands

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/urfave/cli/v2"
)

// -update is accepted by every package so that 'go test ./... -update' works.
var _ = flag.Bool("update", false, "rewrite golden files")

func TestNormalizeArgs(t *testing.T) {
	app := &cli.App{
		Flags: []cli.Flag{&cli.StringSliceFlag{Name: "data"}, &cli.BoolFlag{Name: "version"}},
		Commands: []*cli.Command{{Name: "show", Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}}, &cli.BoolFlag{Name: "json"},
		}}},
	}
	tests := []struct {
		in, want string
	}{
		{"envcoop show plastics --format json", "envcoop show --format json -- plastics"},
		{"envcoop show --format json plastics", "envcoop show --format json -- plastics"},
		{"envcoop show plastics -f=json --json", "envcoop show -f=json --json -- plastics"},
		{"envcoop show plastics --data x.toml", "envcoop --data x.toml show -- plastics"},
		{"envcoop show -- --json", "envcoop show -- --json"},
		{"envcoop --data x show a b", "envcoop --data x show -- a b"},
		{"envcoop --version", "envcoop --version"},
		{"envcoop show a --generate-bash-completion", "envcoop show a --generate-bash-completion"},
	}
	for _, tt := range tests {
		got, err := normalizeArgs(app, strings.Fields(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("normalizeArgs(%s) = %s, want %s", tt.in, strings.Join(got, " "), tt.want)
		}
	}
	if _, err := normalizeArgs(app, []string{"envcoop", "shwo"}); err == nil || !strings.Contains(err.Error(), `did you mean "show"?`) {
		t.Errorf("unknown command: %v", err)
	}
}

func TestWriteFileInterrupted(t *testing.T) {
	dir := t.TempDir()
	target := dir + "/out.json"
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	sig := make(chan os.Signal, 1)
	sig <- os.Interrupt
	err := writeFile(target, bytes.Repeat([]byte("x"), 3*chunk), true, nil, sig, nil)
	if exitCode(err) != 130 {
		t.Fatalf("err %v, code %d", err, exitCode(err))
	}
	got, _ := os.ReadFile(target)
	if string(got) != "old" {
		t.Errorf("target changed: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// failingWriter fails like a full disk after n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return w.n, syscall.ENOSPC
	}
	w.n -= len(p)
	return len(p), nil
}

func TestStdoutWriteErrorIsReported(t *testing.T) {
	data, err := os.ReadFile("../themes.toml")
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	code := Run(Env{Args: []string{"envcoop", "export"}, Stdout: &failingWriter{n: 100}, Stderr: &errb, Embedded: data})
	if code != ExitError || !strings.Contains(errb.String(), "no space left on device") {
		t.Errorf("code %d, stderr %q", code, errb.String())
	}
}

// Issue 10, finding 8: a signal removes the temporary files of the run and
// ends it with 128 plus the signal's number (143 for SIGTERM, not 130).
func TestSignalRemovesTemporaryFilesAndExits128PlusSignal(t *testing.T) {
	for sig, want := range map[syscall.Signal]int{syscall.SIGTERM: 143, syscall.SIGINT: 130, syscall.SIGHUP: 129} {
		dir := t.TempDir()
		tmp := filepath.Join(dir, ".out.json.tmp-1")
		if err := os.WriteFile(tmp, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
		code := -1
		s := &state{env: Env{Exit: func(c int) { code = c }}}
		s.temps.add(tmp)
		s.onSignal(sig)
		if code != want {
			t.Errorf("%v: exit %d, want %d", sig, code, want)
		}
		if _, err := os.Stat(tmp); !os.IsNotExist(err) {
			t.Errorf("%v: temporary file left behind", sig)
		}
	}
}
