package commands

import (
	"fmt"
	"runtime/debug"

	"envcoop/kb"
)

func runVersion(s *state) error {
	k, err := s.kb()
	if err != nil {
		return err
	}
	bi, _ := debug.ReadBuildInfo()
	_, err = fmt.Fprintf(s.env.Stdout, "%s\ndata as of %s: %d themes, %d agreements, %d crises, %d SDGs\n",
		versionLine(s.env.Version, bi), newestAsOf(k), len(k.Themes), len(k.Agreements), len(k.Crises), len(k.SDGs))
	return err
}

// versionLine names the build: the module version (v1.2.3 when installed
// from a tag, a pseudo-version or "(devel)" otherwise), then the revision
// of the source it was built from and whether that had uncommitted changes.
func versionLine(version string, bi *debug.BuildInfo) string {
	settings := map[string]string{}
	if bi != nil {
		if version == "" {
			version = bi.Main.Version
		}
		for _, st := range bi.Settings {
			settings[st.Key] = st.Value
		}
	}
	if version == "" {
		version = "(devel)"
	}
	line := "envcoop " + version
	if rev := settings["vcs.revision"]; rev != "" {
		line += ", revision " + rev
		if t := settings["vcs.time"]; t != "" {
			line += " (" + t + ")"
		}
		if settings["vcs.modified"] == "true" {
			line += ", modified"
		}
	}
	return line
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
