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
	Info os.FileInfo // nil for embedded data and for standard input that is not a file
	sum  *[32]byte   // Data's digest, when reading computed it
}

// digest returns the digest of the input's data (see chunkSize).
func (in Input) digest() [32]byte {
	if in.sum != nil {
		return *in.sum
	}
	return digest(in.Data)
}

// ErrTooLarge is returned for a file over the size limit.
var ErrTooLarge = errors.New("file too large")

// ReadPath reads one --data or --add argument: a file, a directory (its
// *.toml files, sorted, not recursive, hidden and backup files skipped) or
// "-" for stdin. Only regular files are read, so a FIFO or a device fails at
// once instead of hanging. Each file may hold at most maxBytes.
func ReadPath(path string, stdin io.Reader, maxBytes int64) ([]Input, error) {
	ins, err := ListPath(path)
	if err != nil {
		return nil, err
	}
	for i := range ins {
		if ins[i], err = ReadInput(ins[i], stdin, maxBytes); err != nil {
			return nil, err
		}
	}
	return ins, nil
}

// ListPath is ReadPath without the reading: the inputs a path names, with
// their file information and no data.
func ListPath(path string) ([]Input, error) {
	if path == "-" {
		return []Input{{Name: "-"}}, nil
	}
	if path == "" {
		return nil, errors.New("empty data path")
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []Input{{Name: path, Info: fi}}, nil
	}
	entries, err := os.ReadDir(path)
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
		return nil, fmt.Errorf("%s: no .toml files in directory", path)
	}
	var out []Input
	for _, n := range names {
		p := filepath.Join(path, n)
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, Input{Name: p, Info: fi})
		}
	}
	return out, nil
}

// ReadInput reads the data of an input ListPath returned.
func ReadInput(in Input, stdin io.Reader, maxBytes int64) (Input, error) {
	if in.Info == nil {
		data, err := readLimited(stdin, maxBytes, 0)
		if err != nil {
			return in, fmt.Errorf("standard input: %w", err)
		}
		in.Data = data
		// standard input redirected from a file has that file's identity,
		// so that the file is never overwritten by output of this run
		if f, ok := stdin.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
				in.Info = fi
			}
		}
		return in, nil
	}
	if err := CheckFile(in, maxBytes); err != nil {
		return in, err // a FIFO or a device is never opened
	}
	return readFile(in.Name, maxBytes)
}

// CheckFile is the check ReadInput makes before reading a file: a regular
// file within the size limit.
func CheckFile(in Input, maxBytes int64) error {
	if in.Info == nil {
		return nil
	}
	if !in.Info.Mode().IsRegular() {
		return &fs.PathError{Op: "read", Path: in.Name, Err: errors.New("not a regular file")}
	}
	if maxBytes > 0 && in.Info.Size() > maxBytes {
		return fmt.Errorf("%s: %w (%d bytes, limit %d)", in.Name, ErrTooLarge, in.Info.Size(), maxBytes)
	}
	return nil
}

// readFile opens path once: the checks, the bytes and the identity later
// steps use (such as refusing to overwrite an input) all come from that
// one open file, so a file replaced meanwhile cannot mix two versions.
func readFile(path string, maxBytes int64) (Input, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return Input{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Input{}, err
	}
	if err := CheckFile(Input{Name: path, Info: fi}, maxBytes); err != nil {
		return Input{}, err
	}
	if fi.Size() >= parallelRead {
		data, sum, err := readChunks(f, int(fi.Size()))
		if err != nil {
			return Input{}, fmt.Errorf("%s: %w", path, err)
		}
		return Input{Name: path, Data: data, Info: fi, sum: &sum}, nil
	}
	data, err := readLimited(f, maxBytes, fi.Size())
	if err != nil {
		return Input{}, fmt.Errorf("%s: %w", path, err)
	}
	return Input{Name: path, Data: data, Info: fi}, nil
}

// readLimited reads at most maxBytes (0: no limit); sizeHint, when known,
// lets it read into one buffer of the right size.
func readLimited(r io.Reader, maxBytes, sizeHint int64) ([]byte, error) {
	if maxBytes > 0 {
		r = io.LimitReader(r, maxBytes+1)
	}
	size := 512
	if sizeHint > 0 && sizeHint < 1<<31 {
		size = int(sizeHint) + 1 // and one more byte, to see the end
	}
	// as os.ReadFile: make, not a bytes.Buffer, which clears what it grows
	data := make([]byte, 0, size)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	if maxBytes > 0 && int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, maxBytes)
	}
	return data, nil
}
