package commands

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"envcoop/kb"
	"envcoop/website"
)

// siteMarker is the file that marks a directory as a site envcoop wrote:
// only such a directory is replaced by 'envcoop site --force', so that a
// mistyped -o never deletes a home directory or a project.
const siteMarker = ".envcoop-site"

const siteMarkerText = "This directory was written by 'envcoop site'. 'envcoop site -o DIR --force' replaces it as a whole.\n"

// writeSiteDir writes files into the directory dest so that dest is never
// half-written: the files go into a temporary directory beside dest, are
// synced, and the directory is renamed into place. dest must not exist or
// be empty; with force, a directory holding siteMarker is replaced, by an
// atomic exchange where the system has one. A directory that holds an
// input file of this run is never replaced. The temporary directory is
// removed on any error, and on a signal (see handleSignals).
func (s *state) writeSiteDir(dest string, files []website.File, force bool) error {
	target := dest
	if fi, err := os.Lstat(dest); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// build the site where the link points
		if resolved, err := filepath.EvalSymlinks(dest); err == nil {
			target = resolved
		}
	}
	mode := fs.FileMode(0o755)
	exists := false
	fi, err := os.Stat(target)
	switch {
	case err == nil && !fi.IsDir():
		return fmt.Errorf("%s: exists and is not a directory", dest)
	case err == nil:
		exists = true
		mode = fi.Mode().Perm()
		if err := checkReplaceable(dest, target, force, s.ins); err != nil {
			return err
		}
	case errors.Is(err, fs.ErrNotExist):
	default:
		return err
	}
	parent, base := filepath.Split(filepath.Clean(target))
	if parent == "" {
		parent = "."
	}
	s.temps.guard()
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return fmt.Errorf("%s: %w", dest, unwrapPath(err))
	}
	s.temps.add(tmp)
	defer s.temps.done(tmp)
	ok := false
	defer func() {
		if !ok {
			_ = os.RemoveAll(tmp)
		}
	}()
	if err := writeTree(tmp, files, mode); err != nil {
		return fmt.Errorf("%s: %w", dest, err)
	}
	if !exists {
		if err := os.Rename(tmp, target); err != nil {
			return fmt.Errorf("%s: %w", dest, unwrapPath(err))
		}
	} else if err := replaceDir(tmp, target); err != nil {
		return fmt.Errorf("%s: %w", dest, err)
	}
	ok = true
	return syncDir(parent)
}

// checkReplaceable says whether the existing directory target may be
// replaced: when it is empty, or with force when it holds a site envcoop
// wrote; never when it holds an input file of this run.
func checkReplaceable(dest, target string, force bool, inputs []kb.Input) error {
	abs, err := filepath.Abs(target)
	if err != nil {
		return err
	}
	for _, in := range inputs {
		if in.Info == nil {
			continue
		}
		p, err := filepath.Abs(in.Name)
		if err != nil {
			continue
		}
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
		if rel, err := filepath.Rel(abs, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return fmt.Errorf("%s: holds %s, an input file of this run: refusing to replace it", dest, in.Name)
		}
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if !force {
		return fmt.Errorf("%s: directory exists and is not empty; use --force to replace a site envcoop built", dest)
	}
	if _, err := os.Lstat(filepath.Join(target, siteMarker)); err != nil {
		return fmt.Errorf("%s: not a site envcoop built (it has no %s file): refusing to replace it; remove it yourself or choose another directory", dest, siteMarker)
	}
	return nil
}

// writeTree writes the files and the marker under root, and syncs them
// (see syncTree) before the directory is renamed into place.
func writeTree(root string, files []website.File, mode fs.FileMode) error {
	if err := os.Chmod(root, mode); err != nil {
		return unwrapPath(err)
	}
	dirs := []string{root}
	all := append([]website.File{{Path: siteMarker, Data: []byte(siteMarkerText)}}, files...)
	for _, f := range all {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
			return fmt.Errorf("refusing to write %q outside the site", f.Path)
		}
		p := filepath.Join(root, filepath.FromSlash(f.Path))
		d := filepath.Dir(p)
		if _, err := os.Stat(d); errors.Is(err, fs.ErrNotExist) {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return unwrapPath(err)
			}
			dirs = append(dirs, d)
		}
		if err := writeNew(p, f.Data); err != nil {
			return fmt.Errorf("%s: %w", f.Path, unwrapPath(err))
		}
	}
	return syncTree(root, dirs)
}

func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// syncFiles syncs every file under root, then the directories, for the
// systems without syncfs.
func syncFiles(root string, dirs []string) error {
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
	if err != nil {
		return unwrapPath(err)
	}
	for _, d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	return nil
}

// replaceDir puts the directory tmp in the place of the directory target
// and removes the old one. Where the system can exchange two names
// atomically (Linux's renameat2), target is at every moment either the old
// or the new directory. Elsewhere the old directory is first renamed aside,
// and put back if the new one cannot take its place.
func replaceDir(tmp, target string) error {
	err := exchange(tmp, target)
	if err == nil {
		// tmp now names the old directory
		return os.RemoveAll(tmp)
	}
	if !errors.Is(err, errNoExchange) {
		return err
	}
	return replaceAside(tmp, target)
}

// replaceAside is replaceDir without an atomic exchange: the old directory
// is renamed aside, the new one takes its place (or the old one goes back),
// and the old one is removed.
func replaceAside(tmp, target string) error {
	parent, base := filepath.Split(target)
	if parent == "" {
		parent = "."
	}
	aside, err := os.MkdirTemp(parent, "."+base+".old-")
	if err != nil {
		return unwrapPath(err)
	}
	if err := os.Remove(aside); err != nil {
		return unwrapPath(err)
	}
	if err := os.Rename(target, aside); err != nil {
		return unwrapPath(err)
	}
	if err := os.Rename(tmp, target); err != nil {
		_ = os.Rename(aside, target)
		return unwrapPath(err)
	}
	return os.RemoveAll(aside)
}

// errNoExchange: the system cannot exchange two names atomically.
var errNoExchange = errors.New("atomic exchange not supported")
