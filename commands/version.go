package commands

import (
	"fmt"
	"runtime/debug"

	"envcoop/kb"
)

func runVersion(s *state) error {
	v := s.env.Version
	if v == "" {
		v = "(devel)"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
			v = bi.Main.Version
		}
	}
	k, err := s.kb()
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(s.env.Stdout, "envcoop %s\ndata as of %s: %d themes, %d agreements, %d crises, %d SDGs\n",
		v, newestAsOf(k), len(k.Themes), len(k.Agreements), len(k.Crises), len(k.SDGs))
	return err
}

func newestAsOf(k *kb.KB) string {
	var newest kb.Date
	for _, t := range k.Themes {
		newest = max(newest, t.AsOf)
	}
	for _, a := range k.Agreements {
		newest = max(newest, a.AsOf)
	}
	if newest.IsZero() {
		return "unknown"
	}
	return newest.String()
}
