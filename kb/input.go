package kb

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// DefaultMaxBytes is the default limit on the size of one data file: enough
// for well over 100,000 agreements, small enough to refuse /dev/zero-like input.
const DefaultMaxBytes = 256 << 20

// Input is one named piece of TOML.
type Input struct {
	Name string // file name as given, or "-" for standard input
	Data []byte
	Info os.FileInfo // nil for standard input and embedded data
}

// ErrTooLarge is returned for a file over the size limit.
var ErrTooLarge = errors.New("file too large")

// ReadPath reads one --data or --add argument: a file, a directory (its
// *.toml files, sorted, not recursive, hidden and backup files skipped) or
// "-" for stdin. Only regular files are read, so a FIFO or a device fails at
// once instead of hanging. Each file may hold at most maxBytes.
func ReadPath(path string, stdin io.Reader, maxBytes int64) ([]Input, error) {
	if path == "-" {
		data, err := readLimited(stdin, maxBytes)
		if err != nil {
			return nil, fmt.Errorf("standard input: %w", err)
		}
		return []Input{{Name: "-", Data: data}}, nil
	}
	if path == "" {
		return nil, errors.New("empty data path")
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return readDir(path, maxBytes)
	}
	in, err := readFile(path, fi, maxBytes)
	if err != nil {
		return nil, err
	}
	return []Input{in}, nil
}

func readDir(dir string, maxBytes int64) ([]Input, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") || strings.HasPrefix(n, "#") || !strings.HasSuffix(n, ".toml") {
			continue
		}
		names = append(names, n)
	}
	slices.Sort(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no .toml files in directory", dir)
	}
	var out []Input
	for _, n := range names {
		p := filepath.Join(dir, n)
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if fi.IsDir() {
			continue
		}
		in, err := readFile(p, fi, maxBytes)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

func readFile(path string, fi os.FileInfo, maxBytes int64) (Input, error) {
	if !fi.Mode().IsRegular() {
		return Input{}, &fs.PathError{Op: "read", Path: path, Err: errors.New("not a regular file")}
	}
	if maxBytes > 0 && fi.Size() > maxBytes {
		return Input{}, fmt.Errorf("%s: %w (%d bytes, limit %d)", path, ErrTooLarge, fi.Size(), maxBytes)
	}
	f, err := os.Open(path)
	if err != nil {
		return Input{}, err
	}
	defer f.Close()
	data, err := readLimited(f, maxBytes)
	if err != nil {
		return Input{}, fmt.Errorf("%s: %w", path, err)
	}
	return Input{Name: path, Data: data, Info: fi}, nil
}

func readLimited(r io.Reader, maxBytes int64) ([]byte, error) {
	if maxBytes <= 0 {
		return io.ReadAll(r)
	}
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, maxBytes)
	}
	return data, nil
}
