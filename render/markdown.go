package render

import (
	"fmt"
	"strings"
)

// Markdown documents (show's brief, a tree as a list): text from the data is
// escaped so that it stays text whatever it holds; no emphasis, code,
// link, image, footnote, HTML, entity, heading, list, quote, table or
// math comes out of it.

// markdownSpecial are the characters escaped wherever they are: those
// that start or end inline constructs in CommonMark and GitHub's Markdown.
const markdownSpecial = "\\`*_[]<>|~&$"

// MarkdownText returns s as Markdown inline text: made safe for a terminal
// (Terminal, newlines included, so the text stays on its line) and with a
// backslash before every character that could start markup. It is for
// text inside a line (a list item, a footnote); see MarkdownParagraph for
// text that starts a line.
func MarkdownText(s string) string {
	s = Terminal(s, false)
	if !strings.ContainsAny(s, markdownSpecial) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(markdownSpecial, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// MarkdownParagraph returns s as paragraphs of Markdown text: each line of
// s is a paragraph, escaped as MarkdownText and, at its start, so that it
// cannot begin a heading, a quote, a list, a thematic break or a setext
// underline.
func MarkdownParagraph(s string) string {
	var paras []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		paras = append(paras, markdownLineStart(MarkdownText(line)))
	}
	return strings.Join(paras, "\n\n")
}

// markdownLineStart escapes what gives a line's start a meaning: #, >, -,
// +, =, and a number followed by . or ) (an ordered list).
func markdownLineStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '>', '-', '+', '=':
		return `\` + s
	}
	i := 0
	for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// MarkdownURL returns u as the destination of a Markdown link, or false
// when u is not an http(s) URL, which a brief then shows as text. Bytes
// that could end the destination or confuse a reader (spaces, brackets,
// parentheses, quotes, controls, anything beyond ASCII) are
// percent-encoded.
func MarkdownURL(u string) (string, bool) {
	l := strings.ToLower(u)
	if !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "http://") {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"<>\()[]{}|^`+"`", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), true
}
