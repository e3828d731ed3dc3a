//go:build !linux

package commands

// exchange reports that this system has no atomic exchange of two names;
// replaceDir then renames the old directory aside first.
func exchange(a, b string) error { return errNoExchange }
