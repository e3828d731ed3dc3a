package commands

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"envcoop/kb"
)

// writeFileSafely writes data to path so that the file is never lost or
// half-written: a temporary file in the same directory is written, synced and
// renamed over the target. An existing file is replaced only with force; a
// device or FIFO is written directly (never replaced); an input file of this
// run is never overwritten; the temporary file is removed on any error.
//
// A signal while the temporary file exists removes it (see handleSignals).
//
// A path that names standard output (-o /dev/stdout, or the file stdout is
// redirected to) is written through standard output itself, so that a
// shell's > and >> keep their meaning: >> appends.
func (s *state) writeFileSafely(path string, data []byte, force bool, inputs []kb.Input) error {
	if s.isStdout(path) {
		return s.write(data)
	}
	return writeFile(path, data, force, inputs, nil, &s.temps)
}

// isStdout reports whether path names this process's standard output.
func (s *state) isStdout(path string) bool {
	switch filepath.Clean(path) {
	case "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1":
		return true
	}
	f, ok := s.stdout.(*os.File)
	if !ok {
		return false
	}
	out, err := f.Stat()
	if err != nil {
		return false
	}
	fi, err := os.Stat(path)
	return err == nil && os.SameFile(out, fi)
}

// resolveLinks follows path while it is a symbolic link, also to a target
// that does not exist yet, so that a dangling link is written through
// rather than replaced.
func resolveLinks(path string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// errInterrupted ends a write that a signal interrupted (exit status 130,
// as a shell reports for SIGINT).
var errInterrupted = &exitError{code: 130, err: errors.New("interrupted; nothing was written")}

// chunk is how much is written between checks for an interrupt.
const chunk = 1 << 16

// writeFile is writeFileSafely; interrupted, when not nil, ends the write
// early, and temps learns of the temporary file while it exists.
func writeFile(path string, data []byte, force bool, inputs []kb.Input, interrupted <-chan os.Signal, temps *tempFiles) error {
	// write through a link to the file it names, even one not there yet
	target, err := resolveLinks(path)
	if err != nil {
		return err
	}
	fi, err := os.Stat(target)
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("%s: is a directory", path)
	case err == nil && !fi.Mode().IsRegular():
		return writeDirect(target, data)
	case err == nil:
		if isInput(target, fi, inputs) {
			return fmt.Errorf("%s: refusing to overwrite an input file of this run", path)
		}
		if !force {
			return fmt.Errorf("%s: file exists; use --force to replace it", path)
		}
	case errors.Is(err, fs.ErrNotExist):
		fi = nil
	default:
		return err
	}
	// A new file gets 0666 less the umask, as any program's would; a
	// replaced one keeps its mode.
	perm := fs.FileMode(0o666)
	if fi != nil {
		perm = 0o600
	}
	temps.guard()
	tmp, err := createTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-", perm)
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
	if fi != nil {
		if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
			return err
		}
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

// createTemp creates a new file in dir whose name starts with prefix, with
// permissions perm less the umask.
func createTemp(dir, prefix string, perm fs.FileMode) (*os.File, error) {
	for {
		f, err := os.OpenFile(filepath.Join(dir, prefix+strconv.FormatUint(rand.Uint64(), 36)), os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// isInput reports whether the file at target, fi, is an input of this run:
// the same file (standard input included, when it is a file), or, for
// standard input read from a pipe, a file holding exactly its bytes.
func isInput(target string, fi os.FileInfo, inputs []kb.Input) bool {
	for _, in := range inputs {
		if in.Info != nil && os.SameFile(in.Info, fi) {
			return true
		}
		if in.Name == "-" && in.Info == nil && int64(len(in.Data)) == fi.Size() {
			if have, err := os.ReadFile(target); err == nil && bytes.Equal(have, in.Data) {
				return true
			}
		}
	}
	return false
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
