package commands

import (
	"os"
	"sync"
	"syscall"
)

// tempFiles are the temporary files of this run that a signal must not
// leave behind.
type tempFiles struct {
	mu    sync.Mutex
	names map[string]bool
}

func (t *tempFiles) add(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.names == nil {
		t.names = map[string]bool{}
	}
	t.names[name] = true
}

func (t *tempFiles) done(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.names, name)
}

func (t *tempFiles) removeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for name := range t.names {
		_ = os.RemoveAll(name) // a file, or the directory envcoop site builds
	}
	t.names = nil
}

// handleSignals ends the run on a signal from Env.Signals: the temporary
// files of output being written and of cache entries are removed, and the
// process exits with 128 plus the signal's number, as a shell reports it.
// The returned function stops the handling.
func (s *state) handleSignals() (stop func()) {
	if s.env.Signals == nil || s.env.Exit == nil {
		return func() {}
	}
	quit := make(chan struct{})
	go func() {
		select {
		case sig := <-s.env.Signals:
			s.onSignal(sig)
		case <-quit:
		}
	}()
	return func() { close(quit) }
}

func (s *state) onSignal(sig os.Signal) {
	s.temps.removeAll()
	s.cache.Abort()
	code := 128 + 15
	if n, ok := sig.(syscall.Signal); ok {
		code = 128 + int(n)
	}
	s.env.Exit(code)
}
