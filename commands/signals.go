package commands

import (
	"os"
	"sync"
	"syscall"
)

// tempFiles are the temporary files of this run that a signal must not
// leave behind.
//
// Signals are caught from the first call to guard on, which comes before
// anything that a signal could leave behind is created (an output file, a
// site directory, a cache entry). Until then a signal ends the process as
// it ends any program, with the same status a shell reports (128 plus its
// number), and no goroutine waits for one: starting it costs a thread,
// which is a tenth of a run on the built-in data.
type tempFiles struct {
	mu    sync.Mutex
	names map[string]bool
	once  sync.Once
	catch func() // set by handleSignals; nil when signals are not handled
}

// guard starts catching signals, once, if the run handles them.
func (t *tempFiles) guard() {
	if t != nil && t.catch != nil {
		t.once.Do(t.catch)
	}
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

// handleSignals arranges for the run to end on a signal from Env.Signals,
// once s.temps.guard has been called: the temporary files of output being
// written and of cache entries are removed, and the process exits with 128
// plus the signal's number, as a shell reports it. The returned function
// stops the handling.
func (s *state) handleSignals() (stop func()) {
	if s.env.Signals == nil || s.env.Exit == nil {
		return func() {}
	}
	quit := make(chan struct{})
	s.temps.catch = func() {
		sigs := s.env.Signals()
		go func() {
			select {
			case sig := <-sigs:
				s.onSignal(sig)
			case <-quit:
			}
		}()
	}
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
