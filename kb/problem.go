package kb

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Problem is one thing wrong (or, for a warning, doubtful) in the data.
type Problem struct {
	File    string
	Line    int    // 0 when unknown
	Entry   string // e.g. `agreement #3 "basel"`; empty for file-level problems
	Message string
	Warning bool
}

// String formats the problem as "file:line: entry: message".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Entry != "" {
		b.WriteString(p.Entry)
		b.WriteString(": ")
	}
	if p.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is a list of problems; as an error it reports the errors among
// them, one per line. It is returned only when it holds at least one error.
type Problems []Problem

// Error joins the problems, one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Errors returns the problems that are not warnings.
func (ps Problems) Errors() Problems {
	return slices.DeleteFunc(slices.Clone(ps), func(p Problem) bool { return p.Warning })
}

// Warnings returns the problems that are warnings.
func (ps Problems) Warnings() Problems {
	return slices.DeleteFunc(slices.Clone(ps), func(p Problem) bool { return !p.Warning })
}

// Sort orders problems by file, line, entry and message, so output is stable.
func (ps Problems) Sort() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Entry, b.Entry),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// SyntaxError is a TOML file that cannot be parsed.
type SyntaxError struct {
	File    string
	Line    int // 1-based
	Col     int // 1-based, in bytes
	Message string
	Context string // the offending line, cropped, and a caret under the column
}

func (e *SyntaxError) Error() string {
	s := fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Message)
	if e.Context != "" {
		s += "\n" + e.Context
	}
	return s
}

// NotFoundError is a lookup that matched nothing.
type NotFoundError struct {
	Query       string
	Suggestions []string
}

func (e *NotFoundError) Error() string {
	s := fmt.Sprintf("no theme, agreement, crisis or SDG %q", e.Query)
	if len(e.Suggestions) > 0 {
		s += fmt.Sprintf("\ndid you mean %q?", e.Suggestions[0])
	}
	return s
}
