package main

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"
	"golang.org/x/term"
)

// textWidth returns the width text output wraps to: $COLUMNS when set, else
// the terminal's width when stdout is a terminal, else 0 for no wrapping
// (a pipe or a file gets whole lines).
func textWidth(stdout io.Writer) int {
	if c, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && c > 0 {
		return c
	}
	f, ok := unwrapped(stdout).(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
		return w
	}
	return 0
}

// wrapper wraps each line written through it to width cells (a CJK
// character counts two, as a terminal draws it), indenting continuation
// lines under the line's text: past its indentation and the tree and hop
// marks (│ ┆ ┄ ← →) that open it, and two cells more.
type wrapper struct {
	w     io.Writer
	width int
	line  bytes.Buffer
}

// Write buffers p and writes every whole line, wrapped.
func (wr *wrapper) Write(p []byte) (int, error) {
	for _, b := range p {
		if b != '\n' {
			wr.line.WriteByte(b)
			continue
		}
		if _, err := io.WriteString(wr.w, wrapLine(wr.line.String(), wr.width)); err != nil {
			return 0, err
		}
		wr.line.Reset()
	}
	return len(p), nil
}

// Flush writes a last line that has no newline.
func (wr *wrapper) Flush() error {
	if wr.line.Len() == 0 {
		return nil
	}
	_, err := io.WriteString(wr.w, strings.TrimSuffix(wrapLine(wr.line.String(), wr.width), "\n"))
	wr.line.Reset()
	return err
}

// wrapLine wraps one line to width cells, with a newline after each piece.
// It breaks at a space where it can, and between any two CJK characters.
func wrapLine(line string, width int) string {
	if width <= 0 || runewidth.StringWidth(line) <= width {
		return line + "\n"
	}
	prefix := 0
	for _, r := range line {
		if r == ' ' || strings.ContainsRune("│┆┄←→", r) {
			prefix += runewidth.RuneWidth(r)
			continue
		}
		break
	}
	indent := strings.Repeat(" ", min(prefix+2, width/2))
	var out strings.Builder
	rest := []rune(line)
	first := true
	for len(rest) > 0 {
		avail := width
		if !first {
			avail -= len(indent)
		}
		cut, used, lastSpace := 0, 0, -1
		for cut < len(rest) {
			w := runewidth.RuneWidth(rest[cut])
			if used+w > avail {
				break
			}
			if rest[cut] == ' ' {
				lastSpace = cut
			}
			used += w
			cut++
		}
		if cut == 0 {
			cut = 1 // a character wider than the room: it goes on a line of its own
		}
		// A closing mark never starts a line: the character before it
		// goes down with it.
		for cut > 1 && cut < len(rest) && strings.ContainsRune("」』）)，。、！？：；,.!?:;", rest[cut]) {
			cut--
		}
		if cut < len(rest) && lastSpace > 0 && runewidth.RuneWidth(rest[cut]) == 1 && runewidth.RuneWidth(rest[cut-1]) == 1 {
			cut = lastSpace // break a word at the space before it
		}
		if !first {
			out.WriteString(indent)
		}
		out.WriteString(strings.TrimRight(string(rest[:cut]), " "))
		out.WriteByte('\n')
		rest = []rune(strings.TrimLeft(string(rest[cut:]), " "))
		first = false
	}
	return out.String()
}
