package kb

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// A large file is read in chunks on every core and hashed as it is read:
// the bytes are the file's, and the digest is the one computed from them
// afterwards, whatever the number of cores.
func TestReadChunksDigest(t *testing.T) {
	data := bytes.Repeat([]byte("[[agreements]]\nid = \"x\"\n"), (parallelRead+chunkSize/3)/23)
	path := filepath.Join(t.TempDir(), "big.toml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := readFile(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(in.Data, data) {
		t.Fatal("the bytes read are not the file's")
	}
	if in.sum == nil {
		t.Fatal("a large file was not hashed as it was read")
	}
	want := *in.sum
	for _, procs := range []int{1, 2, 5} {
		old := runtime.GOMAXPROCS(procs)
		got := digest(data)
		runtime.GOMAXPROCS(old)
		if got != want {
			t.Errorf("GOMAXPROCS=%d: digest differs from the one computed while reading", procs)
		}
	}
	if want == sha256.Sum256(data) {
		t.Error("the digest is a plain SHA-256, not the chunked one")
	}
	if digest(data[:len(data)-1]) == want {
		t.Error("a byte less gives the same digest")
	}
}

// A file whose size changes while it is read is refused rather than read
// as a mix of two versions.
func TestReadChunksRefusesAFileThatChanged(t *testing.T) {
	data := bytes.Repeat([]byte("x"), parallelRead+100)
	path := filepath.Join(t.TempDir(), "big.toml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// the size the file had when it was opened, against what is there now
	for _, size := range []int{len(data) + 10, len(data) - 10} {
		if _, _, err := readChunks(f, size); !errors.Is(err, errChanged) {
			t.Errorf("read as %d bytes a file of %d: err = %v, want %v", size, len(data), err, errChanged)
		}
	}
	if got, _, err := readChunks(f, len(data)); err != nil || !bytes.Equal(got, data) {
		t.Errorf("unchanged file: err = %v", err)
	}
}
