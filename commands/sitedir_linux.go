package commands

import (
	"errors"

	"golang.org/x/sys/unix"
)

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
