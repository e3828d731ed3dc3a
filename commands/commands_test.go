package commands

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/urfave/cli/v2"
)

// -update is accepted by every package so that 'go test ./... -update' works.
var _ = flag.Bool("update", false, "rewrite golden files")

func TestInterspersed(t *testing.T) {
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
		{"envcoop show a -x b", "envcoop show -x -- a b"}, // unknown: left for the command to report
		{"envcoop show paris -h", "envcoop show -h"},
		{"envcoop show paris kyoto --help --json", "envcoop show --help --json"},
		{"envcoop show -- -h", "envcoop show -- -h"},
		{"envcoop --version", "envcoop --version"},
		{"envcoop lsit a --json", "envcoop lsit a --json"},
		{"envcoop", "envcoop"},
	}
	for _, tt := range tests {
		got := interspersed(app, strings.Fields(tt.in))
		if strings.Join(got, " ") != tt.want {
			t.Errorf("interspersed(%s) = %s, want %s", tt.in, strings.Join(got, " "), tt.want)
		}
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

// Signals are caught only from the first guard on: a run with nothing to
// clean up starts no goroutine for them, and one that writes a temporary
// file removes it on a signal.
func TestSignalsCaughtFromFirstGuard(t *testing.T) {
	sigs := make(chan os.Signal, 1)
	asked := 0
	exited := make(chan int, 1)
	s := &state{env: Env{
		Signals: func() <-chan os.Signal { asked++; return sigs },
		Exit:    func(c int) { exited <- c },
	}}
	stop := s.handleSignals()
	defer stop()
	if asked != 0 {
		t.Fatalf("signals caught before anything needed cleaning up")
	}
	tmp := filepath.Join(t.TempDir(), ".out.json.tmp-1")
	s.temps.guard()
	s.temps.guard()
	if asked != 1 {
		t.Fatalf("Signals called %d times, want 1", asked)
	}
	if err := os.WriteFile(tmp, []byte("partial"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.temps.add(tmp)
	sigs <- syscall.SIGTERM
	if code := <-exited; code != 143 {
		t.Errorf("exit %d, want 143", code)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind")
	}
}

func TestVersionLine(t *testing.T) {
	bi := &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261129120000-867b847abcde+dirty"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "867b847abcdef0123456789"}, {Key: "vcs.time", Value: "2026-11-29T12:00:00Z"}, {Key: "vcs.modified", Value: "true"},
	}}
	for _, tt := range []struct {
		version string
		bi      *debug.BuildInfo
		want    string
	}{
		{"", bi, "envcoop v0.0.0-20261129120000-867b847abcde+dirty, revision 867b847abcdef0123456789 (2026-11-29T12:00:00Z), modified"},
		{"v1.2.0", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "envcoop v1.2.0"},
		{"", &debug.BuildInfo{}, "envcoop (devel)"},
		{"", nil, "envcoop (devel)"},
	} {
		if got := versionLine(tt.version, tt.bi); got != tt.want {
			t.Errorf("versionLine = %q, want %q", got, tt.want)
		}
	}
}

// Wrapped flags give the names cli would give, stay comparable (cli
// compares flags with ==) and unwrap to the flag they wrap.
func TestFastNames(t *testing.T) {
	orig := []cli.Flag{
		&cli.BoolFlag{Name: "json"},
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}},
		&cli.StringSliceFlag{Name: "fields"},
		&cli.IntFlag{Name: "limit", Aliases: []string{"n"}},
	}
	flags := slices.Clone(orig)
	fastNames(flags)
	for i, f := range flags {
		if f == orig[i] {
			t.Errorf("%v: not wrapped", orig[i].Names())
		}
		if !slices.Equal(f.Names(), orig[i].Names()) {
			t.Errorf("Names() = %v, want %v", f.Names(), orig[i].Names())
		}
		if unwrap(f) != orig[i] {
			t.Errorf("%v: unwrap gives another flag", orig[i].Names())
		}
		if f != flags[i] || f == flags[(i+1)%len(flags)] {
			t.Errorf("%v: comparison", orig[i].Names())
		}
	}
}
