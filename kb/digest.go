package kb

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
)

// An input's digest names its cache entry and its validation marker. It is
// a SHA-256 tree of depth one: the SHA-256 of the size and of the SHA-256
// of each chunk of chunkSize bytes. The chunks are hashed on every core, and
// a large file is hashed chunk by chunk as it is read (readChunks); the
// digest is the same whatever the number of cores.
const chunkSize = 4 << 20

// parallelRead is the size from which a file is read in chunks on every
// core: below it, goroutines cost more than they save.
const parallelRead = 2 * chunkSize

// digest returns the digest of data.
func digest(data []byte) [32]byte {
	sums := make([][32]byte, chunks(len(data)))
	parallel(len(sums), func(i int) { sums[i] = sha256.Sum256(chunk(data, i)) })
	return combine(len(data), sums)
}

func chunks(size int) int { return (size + chunkSize - 1) / chunkSize }

func chunk(data []byte, i int) []byte {
	return data[i*chunkSize : min((i+1)*chunkSize, len(data))]
}

func combine(size int, sums [][32]byte) [32]byte {
	h := sha256.New()
	var head [8]byte
	binary.BigEndian.PutUint64(head[:], uint64(size))
	h.Write([]byte("envcoop digest 1\n"))
	h.Write(head[:])
	for _, s := range sums {
		h.Write(s[:])
	}
	var d [32]byte
	h.Sum(d[:0])
	return d
}

// parallel calls f for 0 to n-1 on up to GOMAXPROCS goroutines.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// errChanged is a file whose size changed while it was read: what was read
// may mix two versions, so none of it is used.
var errChanged = errors.New("changed while being read; try again")

// readChunks reads the size bytes of f, chunk by chunk on every core,
// hashing each chunk as soon as it is read, and returns them with their
// digest.
func readChunks(f *os.File, size int) ([]byte, [32]byte, error) {
	// make, not a bytes.Buffer: fresh memory is zero already, and the
	// kernel writes every byte of it
	data := make([]byte, size)
	sums := make([][32]byte, chunks(size))
	errs := make([]error, len(sums))
	parallel(len(sums), func(i int) {
		c := chunk(data, i)
		if _, err := f.ReadAt(c, int64(i*chunkSize)); err != nil {
			errs[i] = err
			return
		}
		sums[i] = sha256.Sum256(c)
	})
	if err := errors.Join(errs...); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, [32]byte{}, errChanged // it shrank
		}
		return nil, [32]byte{}, err
	}
	var more [1]byte
	if n, _ := f.ReadAt(more[:], int64(size)); n > 0 {
		return nil, [32]byte{}, errChanged // it grew
	}
	return data, combine(size, sums), nil
}
