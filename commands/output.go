package commands

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"envcoop/render"

	"golang.org/x/term"
)

// Where output goes. On a terminal, tables are fitted to its width,
// headers, ids and statuses are coloured, and output longer than the screen
// goes through a pager; in a pipe or a file nothing of that happens.

// tty reports whether stdout is a terminal. ENVCOOP_FORCE_TTY=1 (or a
// width, like 100) makes envcoop behave as on one.
func (s *state) tty() bool {
	if s.env.Getenv("ENVCOOP_FORCE_TTY") != "" {
		return true
	}
	f, ok := s.stdout.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// size returns the terminal's width and height: ENVCOOP_FORCE_TTY's width,
// else the terminal's own, else COLUMNS and LINES, else 80 by 24.
func (s *state) size() (width, height int) {
	width, height = 80, 24
	if f, ok := s.stdout.(*os.File); ok {
		if w, h, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			width, height = w, h
		}
	}
	if n, err := strconv.Atoi(s.env.Getenv("COLUMNS")); err == nil && n > 0 {
		width = n
	}
	if n, err := strconv.Atoi(s.env.Getenv("LINES")); err == nil && n > 0 {
		height = n
	}
	if n, err := strconv.Atoi(s.env.Getenv("ENVCOOP_FORCE_TTY")); err == nil && n > 1 {
		width = n
	}
	return width, height
}

// color reports whether to colour output: --color always or never, else
// (auto) on a terminal unless NO_COLOR is set or TERM is dumb.
func (s *state) color() bool {
	switch s.colorMode {
	case "always":
		return true
	case "never":
		return false
	}
	return s.tty() && s.env.Getenv("NO_COLOR") == "" && s.env.Getenv("TERM") != "dumb"
}

// renderOptions are the renderer's options for the output flags.
func (s *state) renderOptions(o output) render.Options {
	ro := render.Options{Format: o.format, Raw: o.raw, Header: o.header, NoHeader: o.noHeader}
	if o.format == render.Table {
		if s.tty() {
			ro.Width, _ = s.size()
		}
		ro.Color = s.color()
	}
	return ro
}

// print renders a set of records and writes it. An empty result on a
// terminal, shown as a table, prints nothing on stdout and says so on
// stderr.
func (s *state) print(set *render.Set, o output) error {
	if len(set.Rows) == 0 && s.tty() {
		fmt.Fprintf(s.env.Stderr, "no %s match\n", set.Plural)
		if o.format == render.Table {
			return nil
		}
	}
	out, err := render.Records(set, s.renderOptions(o))
	if err != nil {
		return err
	}
	return s.write(out)
}

// write sends output to stdout, through a pager when stdout is a terminal
// and the output is longer than the screen.
func (s *state) write(out []byte) error {
	if !s.tty() || s.noPager || len(out) == 0 {
		_, err := s.env.Stdout.Write(out)
		return err
	}
	_, height := s.size()
	if bytes.Count(out, []byte("\n")) < height {
		_, err := s.env.Stdout.Write(out)
		return err
	}
	return s.page(out)
}

// page runs $ENVCOOP_PAGER, else $PAGER, else less -FRX with out as its
// input. A pager that cannot be started is no reason to lose the output:
// it is written directly.
func (s *state) page(out []byte) error {
	pager := s.env.Getenv("ENVCOOP_PAGER")
	if pager == "" {
		pager = s.env.Getenv("PAGER")
	}
	if pager == "" {
		if _, err := exec.LookPath("less"); err != nil {
			_, err := s.env.Stdout.Write(out)
			return err
		}
		pager = "less -FRX"
	}
	if strings.TrimSpace(pager) == "cat" {
		_, err := s.env.Stdout.Write(out)
		return err
	}
	cmd := exec.Command("sh", "-c", pager)
	cmd.Stdin = bytes.NewReader(out)
	cmd.Stdout = s.env.Stdout
	cmd.Stderr = s.env.Stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() != 127 {
			// the pager ran and ended badly (or was quit early): its
			// message, if any, is already on stderr; 127 is the shell's
			// "not found", and the output is written directly
			return nil
		}
		_, err := s.env.Stdout.Write(out)
		return err
	}
	return nil
}

// checkedWriter remembers the first error a write to it returned, so that
// output written by code that ignores errors (urfave/cli's help) still
// fails the run.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}
