package commands

import (
	"errors"
	"syscall"
)

// isBrokenPipe reports whether err is a write to a pipe whose reader has
// gone (envcoop export | head -1). That is not a failure of envcoop: it ends
// quietly with status 0, and writes nothing more.
func isBrokenPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE)
}
