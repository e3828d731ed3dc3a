package commands

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The tests below guard issue 11's findings on files and terminals.

// runIn runs a command line in-process on the built-in data, with the
// given stdin and stdout, and returns stderr and the exit status.
func runIn(t *testing.T, stdin *os.File, stdout *os.File, args ...string) (string, int) {
	t.Helper()
	data, err := os.ReadFile("../themes.toml")
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	env := Env{Args: append([]string{"envcoop", "--no-cache"}, args...), Stdout: stdout, Stderr: &errb, Embedded: data,
		Getenv: func(k string) string {
			if k == "ENVCOOP_TODAY" {
				return "2026-11-29"
			}
			return ""
		}}
	if stdin != nil {
		env.Stdin = stdin
	} else {
		env.Stdin = strings.NewReader("")
	}
	code := Run(env)
	return errb.String(), code
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestOutputDevStdoutRedirectedToFileWritesThrough: 'export -o /dev/stdout >
// out.json' writes the export into out.json (it exited 1, "file exists").
func TestOutputDevStdoutRedirectedToFileWritesThrough(t *testing.T) {
	name := filepath.Join(t.TempDir(), "out.json")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stderr, code := runIn(t, nil, f, "export", "--kind", "sdgs", "--fields", "id", "-o", "/dev/stdout")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := readFile(t, name); !strings.HasPrefix(got, "[\n  {\n    \"id\": \"sdg-1\"") {
		t.Errorf("out.json = %q", got)
	}
}

// TestOutputDevStdoutAppendsUnderAppendRedirect: with '>> log.txt' (and
// --force) the earlier content of log.txt is kept.
func TestOutputDevStdoutAppendsUnderAppendRedirect(t *testing.T) {
	name := filepath.Join(t.TempDir(), "log.txt")
	if err := os.WriteFile(name, []byte("earlier\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, dest := range []string{"/dev/stdout", name} {
		stderr, code := runIn(t, nil, f, "export", "--kind", "sdgs", "--format", "csv", "--fields", "number", "--limit", "1", "--no-header", "-o", dest, "--force")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", dest, code, stderr)
		}
	}
	if got := readFile(t, name); got != "earlier\n1\n1\n" {
		t.Errorf("log.txt = %q", got)
	}
}

// TestOutputNewFileHonoursUmask: under umask 077 a new file is 0600, not 0644.
func TestOutputNewFileHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	name := filepath.Join(t.TempDir(), "new.json")
	if err := writeFile(name, []byte("{}\n"), false, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
}

// TestOutputNeverOverwritesInputReadFromStdin: '--data - export --format
// toml -o in.toml --force < in.toml' is refused and in.toml kept, whether
// stdin is the file itself or a pipe carrying its bytes.
func TestOutputNeverOverwritesInputReadFromStdin(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "in.toml")
	data, err := os.ReadFile("../testdata/fixtures/small.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	stderr, code := runIn(t, in, nil, "--data", "-", "export", "--format", "toml", "-o", name, "--force")
	if code != ExitError || !strings.Contains(stderr, "refusing to overwrite an input file") {
		t.Errorf("from the file: exit %d, stderr %q", code, stderr)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() { w.Write(data); w.Close() }()
	defer r.Close()
	stderr, code = runIn(t, r, nil, "--data", "-", "export", "--format", "toml", "-o", name, "--force")
	if code != ExitError || !strings.Contains(stderr, "refusing to overwrite an input file") {
		t.Errorf("from a pipe: exit %d, stderr %q", code, stderr)
	}
	if got := readFile(t, name); got != string(data) {
		t.Error("in.toml changed")
	}
}

// TestOutputDanglingSymlinkWrittenThrough: a link to a file that does not
// exist yet stays a link, and the file it names is created.
func TestOutputDanglingSymlinkWrittenThrough(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(link, []byte("{}\n"), false, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("link replaced: %v %v", fi, err)
	}
	if got := readFile(t, filepath.Join(dir, "real.json")); got != "{}\n" {
		t.Errorf("real.json = %q", got)
	}
}

// TestStdoutWriteErrorFailsEveryCommand: validate, --help and list --help
// on a full disk exit non-zero with the reason (they exited 0).
func TestStdoutWriteErrorFailsEveryCommand(t *testing.T) {
	data, err := os.ReadFile("../themes.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"validate"}, {"--help"}, {"list", "--help"}, {"help", "list"}, {"--version"}, {"completion", "bash"}} {
		var errb bytes.Buffer
		code := Run(Env{Args: append([]string{"envcoop"}, args...), Stdout: &failingWriter{n: 0}, Stderr: &errb, Embedded: data})
		if code != ExitError || !strings.Contains(errb.String(), "no space left on device") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
	}
}
