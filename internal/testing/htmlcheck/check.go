// Package htmlcheck asserts what an HTML page shows through selectors
// instead of substrings: `In("#dossier-due", HasText("09:00 06/03/2024"))`
// holds only if the date is in that element, not merely somewhere in the
// markup, and keeps holding when attributes are reordered or a tag gains a
// child. Text is compared after decoding entities and collapsing white
// space, as a reader sees it.
package htmlcheck

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// A Checker tests one node of a parsed page (the document for the checkers
// given to Run) and says what is wrong, or nil.
type Checker func(n *html.Node) error

// Parse parses a page or a fragment as a browser would.
func Parse(body string) (*html.Node, error) {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("htmlcheck: parse: %w", err)
	}
	return doc, nil
}

// Check parses body and applies every checker to the document; the error
// lists every failure.
func Check(body string, checkers ...Checker) error {
	doc, err := Parse(body)
	if err != nil {
		return err
	}
	return all(doc, checkers)
}

// Run is Check for a test: each failure is reported with the selector that
// failed, and the test goes on.
func Run(tb testing.TB, body string, checkers ...Checker) {
	tb.Helper()
	if err := Check(body, checkers...); err != nil {
		tb.Error(err)
	}
}

func all(n *html.Node, checkers []Checker) error {
	return errors.Join(failures(n, checkers)...)
}

func failures(n *html.Node, checkers []Checker) []error {
	var errs []error
	for _, c := range checkers {
		if err := c(n); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// In holds if some element the selector picks passes every checker (with
// no checker: if some element is picked). On failure it names the selector
// and tells why the element that failed the fewest checkers failed.
func In(selector string, checkers ...Checker) Checker {
	sel := MustCompile(selector)
	return func(n *html.Node) error {
		found := sel.All(n)
		if len(found) == 0 {
			return fmt.Errorf("%s: no element", sel)
		}
		var closest []error
		var closestNode *html.Node
		for _, m := range found {
			errs := failures(m, checkers)
			if len(errs) == 0 {
				return nil
			}
			if closest == nil || len(errs) < len(closest) {
				closest, closestNode = errs, m
			}
		}
		return fmt.Errorf("%s (%d element(s), none fits; the closest, %s): %w", sel, len(found), Render(closestNode), errors.Join(closest...))
	}
}

// NotIn holds if no element the selector picks passes every checker (with
// no checker: if the selector picks nothing).
func NotIn(selector string, checkers ...Checker) Checker {
	sel := MustCompile(selector)
	return func(n *html.Node) error {
		for _, m := range sel.All(n) {
			if all(m, checkers) == nil {
				if len(checkers) == 0 {
					return fmt.Errorf("%s: present, must not be: %s", sel, Render(m))
				}
				return fmt.Errorf("%s: an element fits but must not: %s", sel, Render(m))
			}
		}
		return nil
	}
}

// Count holds if the selector picks exactly n elements.
func Count(selector string, want int) Checker {
	sel := MustCompile(selector)
	return func(n *html.Node) error {
		if got := len(sel.All(n)); got != want {
			return fmt.Errorf("%s: %d element(s), want %d", sel, got, want)
		}
		return nil
	}
}

// HasText holds if the node's text contains want, both with white space
// collapsed.
func HasText(want string) Checker {
	want = collapse(want)
	return func(n *html.Node) error {
		if got := Text(n); !strings.Contains(got, want) {
			return fmt.Errorf("text %q lacks %q", clip(got), want)
		}
		return nil
	}
}

// HasExactText holds if the node's text is want, both with white space
// collapsed.
func HasExactText(want string) Checker {
	want = collapse(want)
	return func(n *html.Node) error {
		if got := Text(n); got != want {
			return fmt.Errorf("text %q, want %q", clip(got), want)
		}
		return nil
	}
}

// MatchesText holds if the node's text, white space collapsed, matches the
// regular expression.
func MatchesText(expr string) Checker {
	re := regexp.MustCompile(expr)
	return func(n *html.Node) error {
		if got := Text(n); !re.MatchString(got) {
			return fmt.Errorf("text %q does not match %s", clip(got), re)
		}
		return nil
	}
}

// HasCells holds if the node (a table row) has consecutive cells, td or
// th, whose texts are exactly want, in order.
func HasCells(want ...string) Checker {
	exprs := make([]string, len(want))
	for i, w := range want {
		exprs[i] = regexp.QuoteMeta(collapse(w))
	}
	return CellsMatch(exprs...)
}

// CellsMatch holds if the node (a table row) has consecutive cells whose
// texts match the regular expressions in order, each anchored to the
// whole text of its cell.
func CellsMatch(exprs ...string) Checker {
	res := make([]*regexp.Regexp, len(exprs))
	for i, e := range exprs {
		res[i] = regexp.MustCompile(`^(?:` + e + `)$`)
	}
	return func(n *html.Node) error {
		var cells []string
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
				cells = append(cells, Text(c))
			}
		}
		for start := 0; start+len(res) <= len(cells); start++ {
			if cellsFit(cells[start:], res) {
				return nil
			}
		}
		return fmt.Errorf("cells %q have no run matching %q", cells, exprs)
	}
}

func cellsFit(cells []string, res []*regexp.Regexp) bool {
	for i, re := range res {
		if !re.MatchString(cells[i]) {
			return false
		}
	}
	return true
}

// HasAttr holds if the node has the attribute with exactly this value.
func HasAttr(name, value string) Checker {
	return func(n *html.Node) error {
		got, ok := lookupAttr(n, name)
		switch {
		case !ok:
			return fmt.Errorf("<%s> has no %s", n.Data, name)
		case got != value:
			return fmt.Errorf("<%s> %s=%q, want %q", n.Data, name, got, value)
		}
		return nil
	}
}

// LacksAttr holds if the node has no such attribute.
func LacksAttr(name string) Checker {
	return func(n *html.Node) error {
		if v, ok := lookupAttr(n, name); ok {
			return fmt.Errorf("<%s> has %s=%q but must not", n.Data, name, v)
		}
		return nil
	}
}

// Text is the node's text content, as a reader sees it: entities decoded,
// ASCII white space collapsed, the contents of script and style left out,
// and elements other than inline ones (table cells, list items, paragraphs,
// options, line breaks…) separated by a space as a browser separates them.
func Text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style"):
			return
		}
		separate := n.Type == html.ElementNode && !inline[n.Data]
		if separate {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if separate {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return collapse(b.String())
}

// inline elements flow within a line of text; every other element starts
// its own box.
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true,
	"data": true, "del": true, "dfn": true, "em": true, "i": true, "ins": true, "kbd": true,
	"label": true, "mark": true, "q": true, "s": true, "samp": true, "small": true, "span": true,
	"strong": true, "sub": true, "sup": true, "time": true, "u": true, "var": true,
}

// Render is the node's markup, for failure messages.
func Render(n *html.Node) string {
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		return "<" + n.Data + "…>"
	}
	return clip(b.String())
}

// collapse joins the words separated by HTML's white space (ASCII only: a
// no-break space is text, as in the browser).
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" \t\n\f\r", r) }), " ")
}

// clip keeps failure messages readable when the node is a whole page.
func clip(s string) string {
	const max = 600
	if len(s) <= max {
		return s
	}
	cut := max
	for !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
