package render

import (
	"strings"
	"testing"
)

// BenchmarkTableLongWord: a cell of one 400 KB word is fitted, wrapped and
// drawn in time linear in its length (issue 11: it took 16.8 s).
func BenchmarkTableLongWord(b *testing.B) {
	s := &Set{Columns: []Column{{Name: "id"}, {Name: "summary"}}, Rows: []Row{{"long", strings.Repeat("x", 400_000)}}}
	for b.Loop() {
		if _, err := Records(s, Options{Format: Table, Width: 80}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTableLongText: a cell of 400 KB of words.
func BenchmarkTableLongText(b *testing.B) {
	s := &Set{Columns: []Column{{Name: "id"}, {Name: "summary"}}, Rows: []Row{{"long", strings.Repeat("word, and a co-operation ", 16_000)}}}
	for b.Loop() {
		if _, err := Records(s, Options{Format: Table, Width: 80}); err != nil {
			b.Fatal(err)
		}
	}
}
