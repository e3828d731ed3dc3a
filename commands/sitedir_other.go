//go:build !linux

package commands

// exchange reports that this system has no atomic exchange of two names;
// replaceDir then renames the old directory aside first.
func exchange(a, b string) error { return errNoExchange }

// syncTree syncs each file under root, then its directories.
func syncTree(root string, dirs []string) error { return syncFiles(root, dirs) }
