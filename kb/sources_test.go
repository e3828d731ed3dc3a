package kb

import (
	"bufio"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
)

// The sources policy (docs/format.md, "Where a citation points"), held
// against the built-in data: no citation on a forbidden host, and at least
// minOfficial of them on hosts of official bodies.
const minOfficial = 0.85

// policyList reads one of the lists in testdata/sources: a pattern a line,
// comments and blank lines skipped.
func policyList(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open("../testdata/sources/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, strings.ToLower(l))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s is empty", name)
	}
	return out
}

type sourcePolicy struct {
	official, banned []string
}

func hostIs(host, suffix string) bool {
	return host == suffix || strings.HasSuffix(host, "."+suffix)
}

// eurlexLanguage finds the language of a EUR-Lex address, "" when it has none.
var eurlexLanguage = regexp.MustCompile(`/legal-content/([a-z]{2})/|celex:[^:&]+:([a-z]{2}):|[?&]locale=([a-z]{2})`)

// forbidden returns why a citation is forbidden, or "".
func (p sourcePolicy) forbidden(raw string) string {
	u, err := url.Parse(strings.ToLower(raw))
	if err != nil || u.Hostname() == "" {
		return "not an absolute URL"
	}
	host := u.Hostname()
	rest := strings.TrimPrefix(strings.ToLower(raw), u.Scheme+"://"+u.Host)
	labels := strings.FieldsFunc(host, func(r rune) bool { return r == '.' || r == '-' })
	for _, f := range p.banned {
		kind, v, _ := strings.Cut(f, ":")
		switch {
		case kind == "host" && hostIs(host, v),
			kind == "label" && contains(labels, v),
			kind == "path" && strings.Contains(rest, v):
			return f
		}
	}
	if hostIs(host, "eur-lex.europa.eu") {
		if m := eurlexLanguage.FindStringSubmatch(strings.ToLower(raw)); m != nil {
			if lang := m[1] + m[2] + m[3]; lang != "en" {
				return "EUR-Lex in " + lang + ", not English"
			}
		}
	}
	return ""
}

func (p sourcePolicy) isOfficial(raw string) bool {
	u, err := url.Parse(strings.ToLower(raw))
	if err != nil {
		return false
	}
	for _, o := range p.official {
		if hostIs(u.Hostname(), o) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestSourcesPolicyRules(t *testing.T) {
	p := sourcePolicy{official: policyList(t, "official-hosts.txt"), banned: policyList(t, "forbidden-hosts.txt")}
	for raw, want := range map[string]string{
		"https://eur-lex.europa.eu/eli/dec/2006/730/oj":                                         "",
		"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32006D0730":                  "",
		"https://eur-lex.europa.eu/legal-content/DA/TXT/?uri=CELEX:32006D0730":                  "EUR-Lex in da, not English",
		"http://eur-lex.europa.eu/LexUriServ/LexUriServ.do?uri=CELEX:31994D0069:PT:NOT":         "EUR-Lex in pt, not English",
		"https://stg.enb.iisd.org/x":                                                            "label:stg",
		"https://enb-test.iisd.org/x":                                                           "label:test",
		"https://drupal-main-staging.unece.org/x":                                               "label:staging",
		"https://meilu.jpshuntong.com/url-68747470733a2f2f6575722d6c65782e6575726f70612e6575/x": "host:jpshuntong.com",
		"https://tehsil.xyz/mastah-kampret/x":                                                   "host:tehsil.xyz",
		"https://app.altruwe.org/proxy?url=https://x":                                           "host:altruwe.org",
		"https://foo.bar.workers.dev/x":                                                         "host:workers.dev",
		"https://www4.unfccc.int/sites/NWPStaging/Lists/x":                                      "path:staging/",
		"https://www.eumonitor.eu/9353000/1/x":                                                  "host:eumonitor.eu",
		"https://dataverse.harvard.edu/x":                                                       "host:dataverse.harvard.edu",
		"https://en.wikipedia.org/wiki/Basel_Convention":                                        "host:wikipedia.org",
		"https://enb.iisd.org/x":                                                                "",
	} {
		if got := p.forbidden(raw); got != want {
			t.Errorf("%s: %q, want %q", raw, got, want)
		}
	}
	if !p.isOfficial("https://treaties.un.org/Pages/ViewDetails.aspx") || p.isOfficial("https://sdg.iisd.org/news/x") || p.isOfficial("https://notun.org.example.com") {
		t.Error("official hosts are not matched by suffix")
	}
}

// TestBuiltinSourcesPolicy fails on any citation of the built-in data on a
// forbidden host, and when fewer than 85% are on official hosts.
func TestBuiltinSourcesPolicy(t *testing.T) {
	p := sourcePolicy{official: policyList(t, "official-hosts.txt"), banned: policyList(t, "forbidden-hosts.txt")}
	data, err := os.ReadFile("../themes.toml")
	if err != nil {
		t.Fatal(err)
	}
	k, _, err := Load([]Input{{Name: "themes.toml", Data: data}}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	check := func(label string, srcs []Source) {
		for _, s := range srcs {
			all = append(all, s.URL)
			if why := p.forbidden(s.URL); why != "" {
				t.Errorf("%s: forbidden source (%s): %s", label, why, s.URL)
			}
			if !p.isOfficial(s.URL) && strings.TrimSpace(s.Title) == "" {
				t.Errorf("%s: a secondary source needs a title that says what it is: %s", label, s.URL)
			}
		}
	}
	for _, th := range k.Themes {
		check("theme "+th.ID, th.Sources)
	}
	for _, a := range k.Agreements {
		check("agreement "+a.ID, a.Sources)
	}
	official := 0
	for _, u := range all {
		if p.isOfficial(u) {
			official++
		}
	}
	share := float64(official) / float64(len(all))
	t.Logf("%d citations, %d on official hosts (%.1f%%)", len(all), official, 100*share)
	if share < minOfficial {
		t.Errorf("%.1f%% of citations on official hosts, want at least %.0f%%", 100*share, 100*minOfficial)
	}
}
