package commands

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"envcoop/kb"
)

// writeFileSafely writes data to path so that the file is never lost or
// half-written: a temporary file in the same directory is written, synced and
// renamed over the target. An existing file is replaced only with force; a
// device or FIFO is written directly (never replaced); an input file of this
// run is never overwritten; the temporary file is removed on any error.
//
// A signal while the temporary file exists removes it (see handleSignals).
func (s *state) writeFileSafely(path string, data []byte, force bool, inputs []kb.Input) error {
	return writeFile(path, data, force, inputs, nil, &s.temps)
}

// errInterrupted ends a write that a signal interrupted (exit status 130,
// as a shell reports for SIGINT).
var errInterrupted = &exitError{code: 130, err: errors.New("interrupted; nothing was written")}

// chunk is how much is written between checks for an interrupt.
const chunk = 1 << 16

// writeFile is writeFileSafely; interrupted, when not nil, ends the write
// early, and temps learns of the temporary file while it exists.
func writeFile(path string, data []byte, force bool, inputs []kb.Input, interrupted <-chan os.Signal, temps *tempFiles) error {
	target := path
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// write through the link to the file it names
		if resolved, err := filepath.EvalSymlinks(path); err == nil {
			target = resolved
		}
	}
	fi, err := os.Stat(target)
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("%s: is a directory", path)
	case err == nil && !fi.Mode().IsRegular():
		return writeDirect(target, data)
	case err == nil:
		for _, in := range inputs {
			if in.Info != nil && os.SameFile(in.Info, fi) {
				return fmt.Errorf("%s: refusing to overwrite an input file of this run", path)
			}
		}
		if !force {
			return fmt.Errorf("%s: file exists; use --force to replace it", path)
		}
	case errors.Is(err, fs.ErrNotExist):
		fi = nil
	default:
		return err
	}
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	name := tmp.Name()
	if temps != nil {
		temps.add(name)
		defer temps.done(name)
	}
	ok := false
	defer func() {
		if !ok {
			_ = tmp.Close()
			_ = os.Remove(name)
		}
	}()
	mode := fs.FileMode(0o644)
	if fi != nil {
		mode = fi.Mode().Perm()
	}
	if err := tmp.Chmod(mode); err != nil {
		return err
	}
	for off := 0; ; off += chunk {
		select {
		case <-interrupted:
			return errInterrupted
		default:
		}
		if off >= len(data) {
			break
		}
		if _, err := tmp.Write(data[off:min(off+chunk, len(data))]); err != nil {
			return fmt.Errorf("%s: %w", path, unwrapPath(err))
		}
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	select {
	case <-interrupted:
		return errInterrupted
	default:
	}
	if err := os.Rename(name, target); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	ok = true
	return nil
}

func writeDirect(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	return f.Close()
}

// unwrapPath drops the temporary file's name from an error about it.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
