package commands

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"envcoop/website"

	"github.com/google/go-cmp/cmp"
)

// tree lists the files under dir with their contents, "path=content".
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel)+"="+string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteSiteDir(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "out")
	s := &state{}
	files := []website.File{{Path: "index.html", Data: []byte("one")}, {Path: "a/b.html", Data: []byte("two")}}
	if err := s.writeSiteDir(dest, files, false); err != nil {
		t.Fatal(err)
	}
	want := []string{".envcoop-site=" + siteMarkerText, "a/b.html=two", "index.html=one"}
	if diff := cmp.Diff(want, tree(t, dest)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// --force swaps in the new site; nothing of the old one, nor a
	// temporary directory, is left
	if err := os.WriteFile(filepath.Join(dest, "stale.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.writeSiteDir(dest, files[:1], true); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{want[0], want[2]}, tree(t, dest)); diff != "" {
		t.Errorf("after --force (-want +got):\n%s", diff)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"out"}) {
		t.Errorf("the parent holds %q", got)
	}
}

func TestWriteSiteDirErrorLeavesNothing(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "out")
	s := &state{}
	err := s.writeSiteDir(dest, []website.File{{Path: "ok.html"}, {Path: "../escape.html"}}, false)
	if err == nil || !strings.Contains(err.Error(), `refusing to write "../escape.html" outside the site`) {
		t.Fatalf("err = %v", err)
	}
	if got := names(t, parent); len(got) != 0 {
		t.Errorf("left behind: %q", got)
	}
}

// replaceAside is what replaceDir does where the system cannot exchange
// two names atomically.
func TestReplaceAside(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "site")
	tmp := filepath.Join(parent, ".site.tmp-1")
	for dir, content := range map[string]string{target: "old", tmp: "new"} {
		if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "sub", "f"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := replaceAside(tmp, target); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"sub/f=new"}, tree(t, target)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"site"}) {
		t.Errorf("the parent holds %q", got)
	}
}

// A signal while the site is being written removes its temporary
// directory, files and all.
func TestSignalRemovesSiteTemporaryDirectory(t *testing.T) {
	tmp := filepath.Join(t.TempDir(), ".out.tmp-1")
	if err := os.MkdirAll(filepath.Join(tmp, "agreements"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "agreements", "paris.html"), []byte("partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	code := -1
	s := &state{env: Env{Exit: func(c int) { code = c }}}
	s.temps.add(tmp)
	s.onSignal(syscall.SIGINT)
	if code != 130 {
		t.Errorf("exit %d, want 130", code)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("temporary directory left behind")
	}
}
