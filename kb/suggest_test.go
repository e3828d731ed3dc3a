package kb

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestClosest(t *testing.T) {
	ids := []string{"plastics", "plastics-treaty", "plastic", "biodiversity", "water", "sdg-1", "No poverty", "air", "list", "ls"}
	tests := []struct {
		in    string
		cands []string
		want  []string
	}{
		{"plastik", ids, []string{"plastic", "plastics", "plastics-treaty"}},
		{"nope", ids, []string{}},
		{"zzzqqq", ids, []string{}},
		{"lsit", ids, []string{"list"}},
		{"aire", ids, []string{"air"}},
		{"PLASTIC", ids, []string{"plastic", "plastics", "plastics-treaty"}}, // case-insensitive, but never s itself
		{"ab", []string{"abc", "ac"}, []string{}},                            // two letters: nothing is close enough
		{"fromat", []string{"format", "fields"}, []string{"format"}},
		{"in force", []string{"in-force", "not-in-force"}, []string{"in-force"}},
		{"entry-into-force", []string{"entry_into_force"}, []string{"entry_into_force"}},
		{"member-state", []string{"party", "member"}, []string{"member"}},
		{"climat", []string{"climate-change", "climate", "biodiversity"}, []string{"climate", "climate-change"}},
		{"climat", []string{"biodiversity-loss", "climate-change", "pollution"}, []string{"climate-change"}},
		{"göteborg", []string{"Goteborg protocol", "gothenburg"}, []string{"Goteborg protocol"}}, // a name that goes on
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Closest(tt.in, tt.cands)); diff != "" {
			t.Errorf("Closest(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"mercurry", "mercury", 2, 1},
		{"fromat", "format", 2, 1},
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 1, 2}, // over the limit: limit+1
		{"", "abc", 5, 3},
		{"ozone", "ozone", 0, 0},
	} {
		if got := editDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}
