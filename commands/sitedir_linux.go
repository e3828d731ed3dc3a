package commands

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// syncTree makes the files under root durable with one syncfs(2) of the
// file system that holds them: a site has thousands of files, and one
// fsync each costs seconds.
func syncTree(root string, dirs []string) error {
	f, err := os.Open(root)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return syncFiles(root, dirs)
	}
	return nil
}

// exchange swaps the names a and b atomically (renameat2 with
// RENAME_EXCHANGE); errNoExchange where the kernel or the file system
// cannot.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) {
		return errNoExchange
	}
	if err != nil {
		return &linkError{a, b, err}
	}
	return nil
}

type linkError struct {
	a, b string
	err  error
}

func (e *linkError) Error() string { return "exchange " + e.a + " and " + e.b + ": " + e.err.Error() }
func (e *linkError) Unwrap() error { return e.err }
