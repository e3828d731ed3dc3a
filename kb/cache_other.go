//go:build !unix

package kb

import "os"

func openNonBlocking(name string) (*os.File, error) { return os.Open(name) }

func ownedByUser(os.FileInfo) bool { return true }
