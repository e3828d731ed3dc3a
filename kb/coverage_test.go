package kb

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestBuiltinCoverage checks that the built-in knowledge base holds what
// users are promised: the eleven themes, each with at least three
// agreements, the agreements a specialist expects (at least 80), the three
// crises and all 17 SDGs, each complete enough to be useful.
func TestBuiltinCoverage(t *testing.T) {
	data, err := os.ReadFile("../themes.toml")
	if err != nil {
		t.Fatal(err)
	}
	k, ps, err := Load([]Input{{Name: "themes.toml", Data: data}}, LoadOptions{Today: "2026-11-29"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) > 0 {
		t.Errorf("the built-in data has warnings:\n%s", ps.Error())
	}

	themes := []string{"air", "biodiversity", "chemicals", "circular-economy", "forests", "plastics", "soil", "water", "climate", "governance", "oceans"}
	for _, id := range themes {
		th, ok := k.Theme(id)
		if !ok {
			t.Errorf("theme %q missing", id)
			continue
		}
		if n := len(k.AgreementsOfTheme(id)); n < 3 {
			t.Errorf("theme %q has %d agreements, want at least 3", id, n)
		}
		if th.Summary == "" || th.URL == "" || len(th.Crises) == 0 || len(th.SDGs) == 0 || len(th.EUPolicy) == 0 || len(th.Aliases) == 0 || len(th.Sources) == 0 || th.AsOf.IsZero() {
			t.Errorf("theme %q is incomplete", id)
		}
	}

	agreements := []string{
		"clrtap", "gothenburg", "ccac",
		"cbd", "kmgbf", "cartagena", "nagoya", "cites", "cms", "ramsar", "bbnj",
		"basel", "basel-ban", "rotterdam", "stockholm", "minamata", "vienna", "montreal", "kigali", "gfc", "chemicals-panel",
		"gacere", "irp", "10yfp",
		"flegt", "flegt-vpas", "eudr", "itta",
		"unea-5-14", "plastics-treaty", "basel-plastic", "hac-plastics",
		"unccd",
		"water-convention", "water-health", "un-water-2023", "un-water-2026",
		"unfccc", "paris",
		// the second edition (issue 9): regional and global agreements the
		// EU is, or was, party to
		"bern", "aarhus", "prtr", "espoo", "sea-protocol", "industrial-accidents",
		"ospar", "helcom", "barcelona", "barcelona-offshore", "barcelona-iczm",
		"alpine", "danube", "rhine", "elbe", "oder",
		"unclos", "fish-stocks", "ccamlr", "aewa", "itpgrfa", "psma",
		"emep", "oslo-sulphur", "unea-7",
	}
	for _, id := range agreements {
		if _, ok := k.Agreement(id); !ok {
			t.Errorf("agreement %q missing", id)
		}
	}
	if n := len(k.Agreements); n < 80 {
		t.Errorf("%d agreements, want at least 80", n)
	}
	for _, id := range []string{"elbe", "oder"} {
		if a, ok := k.Agreement(id); ok && a.EU.Status != "former-party" {
			t.Errorf("%s: the EU left it in 2004, eu.status is %q", id, a.EU.Status)
		}
	}
	for _, a := range k.Agreements {
		switch {
		case len(a.Themes) == 0 || len(a.Crises) == 0 || strings.TrimSpace(a.Summary) == "":
			t.Errorf("agreement %q lacks a theme, a crisis or a summary", a.ID)
		case len(a.Sources) == 0 || a.AsOf.IsZero() || a.EU.Status == "":
			t.Errorf("agreement %q lacks sources, as_of or the EU's status", a.ID)
		case (a.Type == "protocol" || a.Type == "amendment") && a.Parent == "":
			t.Errorf("%s %q names no parent", a.Type, a.ID)
		}
	}

	var crises []string
	for _, c := range k.Crises {
		crises = append(crises, c.ID)
		if c.Summary == "" {
			t.Errorf("crisis %q has no summary", c.ID)
		}
	}
	if !slices.Equal(crises, []string{"climate-change", "biodiversity-loss", "pollution"}) {
		t.Errorf("crises %v", crises)
	}
	if len(k.SDGs) != 17 {
		t.Errorf("%d SDGs, want 17", len(k.SDGs))
	}
	for i, s := range k.SDGs {
		if s.Number != i+1 || s.Name == "" {
			t.Errorf("SDG #%d is %d %q", i+1, s.Number, s.Name)
		}
	}
}
