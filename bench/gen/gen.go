// Package gen writes deterministic knowledge bases of any size, shaped like
// the built-in one, for benchmarks and the comparison with jq.
package gen

import (
	"bytes"
	"fmt"
)

var (
	themes   = []string{"air", "biodiversity", "chemicals", "circular-economy", "forests", "plastics", "soil", "water", "climate"}
	crises   = []string{"climate-change", "biodiversity-loss", "pollution"}
	types    = []string{"convention", "protocol", "amendment", "agreement", "framework", "partnership"}
	statuses = []string{"in-force", "not-in-force", "adopted", "negotiating", "active"}
	eu       = []string{"party", "signatory", "participant", "member", "observer", "not-party"}
	places   = []string{"Geneva", "Nairobi", "New York", "Göteborg", "Montréal", "Bonn", "Paris"}
)

// TOML returns a knowledge base with the nine themes, three crises, 17 SDGs
// and n agreements. The same n always gives the same bytes.
func TOML(n int) []byte {
	var b bytes.Buffer
	for i, c := range crises {
		fmt.Fprintf(&b, "[[crises]]\nid = %q\nname = \"Crisis %d\"\nsummary = \"A crisis.\"\n\n", c, i+1)
	}
	for g := 1; g <= 17; g++ {
		fmt.Fprintf(&b, "[[sdgs]]\nnumber = %d\nname = \"Goal %d\"\nurl = \"https://sdgs.un.org/goals/goal%d\"\n\n", g, g, g)
	}
	for i, t := range themes {
		fmt.Fprintf(&b, "[[themes]]\nid = %q\nname = \"Theme %d\"\nsummary = \"What the EU does about %s.\"\ncrises = [%q]\nsdgs = [%d]\nurl = \"https://example.org/%s\"\nas_of = 2026-11-01\n\n[[themes.sources]]\nurl = \"https://example.org/%s\"\nsupports = [\"summary\"]\n\n",
			t, i+1, t, crises[i%3], i%17+1, t, t)
	}
	for i := 0; i < n; i++ {
		y := 1950 + i%75
		fmt.Fprintf(&b, "[[agreements]]\nid = \"a%d\"\nname = \"Agreement %d\"\nfull_name = \"The agreement number %d on the environment\"\n", i, i, i)
		fmt.Fprintf(&b, "type = %q\nbinding = %v\n", types[i%len(types)], i%3 != 0)
		if i%10 == 9 {
			fmt.Fprintf(&b, "parent = \"a%d\"\n", i-1)
		}
		// two themes and two SDGs, or one where both would be the same
		// (validation refuses a value listed twice)
		ts := fmt.Sprintf("%q", themes[i%9])
		if t2 := themes[(i/9)%9]; t2 != themes[i%9] {
			ts += fmt.Sprintf(", %q", t2)
		}
		gs := fmt.Sprint(i%17 + 1)
		if g2 := (i/17)%17 + 1; g2 != i%17+1 {
			gs += fmt.Sprintf(", %d", g2)
		}
		fmt.Fprintf(&b, "themes = [%s]\ncrises = [%q]\nsdgs = [%s]\n", ts, crises[i%3], gs)
		fmt.Fprintf(&b, "adopted = %d-%02d-%02d\nadopted_place = %q\n", y, i%12+1, i%28+1, places[i%len(places)])
		if i%4 != 0 {
			fmt.Fprintf(&b, "entry_into_force = %d-%02d-%02d\n", y+2, i%12+1, i%28+1)
		}
		fmt.Fprintf(&b, "status = %q\nparties = %d\nparties_as_of = 2026-01-01\n", statuses[i%len(statuses)], i%200)
		fmt.Fprintf(&b, "url = \"https://example.org/a%d\"\nsummary = \"Agreement %d sets rules on %s and reports on mercury, plastics or water every %d years.\"\naliases = [\"agr-%d\"]\nas_of = 2026-11-01\n", i, i, themes[i%9], i%5+1, i)
		fmt.Fprintf(&b, "\n[agreements.eu]\nstatus = %q\nsigned = %d-01-15\njoined = %d-06-30\ninstrument = \"approval\"\n", eu[i%len(eu)], y, y+1)
		fmt.Fprintf(&b, "\n[[agreements.milestones]]\ndate = \"%d\"\nevent = \"COP-%d meets in %s\"\n", y+3, i%30+1, places[(i+3)%len(places)])
		fmt.Fprintf(&b, "\n[[agreements.sources]]\nurl = \"https://example.org/a%d/source\"\ntitle = \"Depositary record %d\"\nsupports = [\"adopted\", \"adopted_place\", \"entry_into_force\", \"status\", \"parties\", \"eu\", \"milestones\"]\n\n", i, i)
	}
	return b.Bytes()
}
