package commands

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
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
		program = executableID
	}
	return &kb.Cache{Dir: dir, Program: program}
}

// executableID identifies the running binary, so that entries written by
// another build (with another decoder or another model) are never read:
// by the build ID the Go toolchain wrote into it, which ends with a hash of
// the linked binary, or, when it has none, by a hash of its bytes.
func executableID() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	if id := goBuildID(head[:n]); id != "" {
		return []byte("go build ID " + id), nil
	}
	h := sha256.New()
	h.Write(head[:n])
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// goBuildID finds the Go build ID in the first bytes of a little-endian
// ELF executable: the note named "Go" of type 4 the linker writes near its
// start (as cmd/go's buildid package reads it). It returns "" when there is
// none, or one that does not have the toolchain's form
// (action/.../content, each part base64).
func goBuildID(head []byte) string {
	if !bytes.HasPrefix(head, []byte("\x7fELF")) || len(head) < 6 || head[5] != 1 {
		return ""
	}
	tag := []byte("\x04\x00\x00\x00Go\x00\x00") // type 4, then the name
	for i := 0; ; {
		j := bytes.Index(head[i:], tag)
		if j < 0 {
			return ""
		}
		at := i + j // the note is: name size, desc size, type, name, desc
		i = at + 1
		if at < 8 || binary.LittleEndian.Uint32(head[at-8:]) != 4 {
			continue
		}
		size := int(binary.LittleEndian.Uint32(head[at-4:]))
		desc := at + len(tag)
		if size < 2 || size > 512 || desc+size > len(head) {
			continue
		}
		id := string(head[desc : desc+size])
		if wellFormedBuildID(id) {
			return id
		}
	}
}

func wellFormedBuildID(id string) bool {
	slashes := 0
	for _, c := range []byte(id) {
		switch {
		case c == '/':
			slashes++
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_':
		default:
			return false
		}
	}
	return slashes >= 1 && id[0] != '/' && id[len(id)-1] != '/'
}
