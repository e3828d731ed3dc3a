package commands

import (
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"

	"envcoop/kb"
)

// newCache returns the cache of decoded data files to use, or nil when
// caching is off or no directory is available. kb.Cache says what an entry
// is and when it is trusted; here is only where it lives and who is running.
//
// Location: ENVCOOP_CACHE_DIR, else $XDG_CACHE_HOME/envcoop, else
// ~/.cache/envcoop. --no-cache or a non-empty ENVCOOP_NO_CACHE turns it off.
func (s *state) newCache() *kb.Cache {
	if s.noCache || s.env.Getenv("ENVCOOP_NO_CACHE") != "" {
		return nil
	}
	dir := s.env.Getenv("ENVCOOP_CACHE_DIR")
	switch {
	case dir != "":
	case s.env.Getenv("XDG_CACHE_HOME") != "":
		dir = filepath.Join(s.env.Getenv("XDG_CACHE_HOME"), "envcoop")
	case s.env.Getenv("HOME") != "":
		dir = filepath.Join(s.env.Getenv("HOME"), ".cache", "envcoop")
	default:
		return nil
	}
	program := s.env.Program
	if program == nil {
		program = executableHash
	}
	return &kb.Cache{Dir: dir, Program: program}
}

// executableHash identifies the running binary by a hash of its bytes, so
// that entries written by another build (with another decoder or another
// model) are never read.
func executableHash() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}
