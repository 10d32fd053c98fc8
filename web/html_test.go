package web_test

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// check asserts what the page shows through selectors: the text must be in
// the element that should hold it, not merely somewhere in the markup.
func check(t *testing.T, p page, checkers ...htmlcheck.Checker) {
	t.Helper()
	htmlcheck.Run(t, p.body, checkers...)
}

// all are the elements the selector picks, in document order.
func all(t *testing.T, p page, selector string) []*html.Node {
	t.Helper()
	doc, err := htmlcheck.Parse(p.body)
	if err != nil {
		t.Fatal(err)
	}
	return htmlcheck.MustCompile(selector).All(doc)
}

// textOf is the text a reader sees in the first element the selector picks,
// nested tags included; the test stops if the page has no such element.
func textOf(t *testing.T, p page, selector string) string {
	t.Helper()
	found := all(t, p, selector)
	if len(found) == 0 {
		t.Fatalf("no element %s; body:\n%s", selector, excerpt(p.body))
	}
	return htmlcheck.Text(found[0])
}

// textOfNode is the text of the first element under n that the selector
// picks, "" when there is none.
func textOfNode(n *html.Node, selector string) string {
	found := htmlcheck.MustCompile(selector).All(n)
	if len(found) == 0 {
		return ""
	}
	return htmlcheck.Text(found[0])
}

// attrs checks the element's attributes, given as name, value pairs.
func attrs(pairs ...string) []htmlcheck.Checker {
	var out []htmlcheck.Checker
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, htmlcheck.HasAttr(pairs[i], pairs[i+1]))
	}
	return out
}

// strongIn checks for an element of the tag whose text holds text and
// whose <strong> holds exactly strong, as in "Mã hồ sơ: <strong>code</strong>".
func strongIn(tag, text, strong string) htmlcheck.Checker {
	return htmlcheck.In(tag, htmlcheck.HasText(text), htmlcheck.In("strong", htmlcheck.HasExactText(strong)))
}

// dossierRows are the table rows whose first cell begins with a link to a
// dossier, as the worklist and the drill-downs list them.
func dossierRows(t *testing.T, p page) []*html.Node {
	t.Helper()
	var rows []*html.Node
	for _, tr := range all(t, p, "tr") {
		first := tr.FirstChild
		if first == nil || first.Data != "td" || first.FirstChild == nil || first.FirstChild.Data != "a" {
			continue
		}
		if strings.HasPrefix(htmlcheck.Attr(first.FirstChild, "href"), "/dossiers/") {
			rows = append(rows, tr)
		}
	}
	return rows
}

// newTabLinks are the links that open in a new tab (target=_blank,
// rel=noopener) to an address the pattern matches, as address and text.
func newTabLinks(t *testing.T, p page, address *regexp.Regexp) [][2]string {
	t.Helper()
	var out [][2]string
	for _, a := range all(t, p, "a[href][target=_blank][rel=noopener]") {
		if href := htmlcheck.Attr(a, "href"); address.MatchString(href) {
			out = append(out, [2]string{href, htmlcheck.Text(a)})
		}
	}
	return out
}

// flashSays checks the message a redirect left for the next page.
func flashSays(text string) htmlcheck.Checker {
	return htmlcheck.In("p.flash[role=status]", htmlcheck.HasText(text))
}

// errorSays checks the page's error message, the one fields point to with
// aria-describedby="error".
func errorSays(text string) htmlcheck.Checker {
	return htmlcheck.In("p.error#error[role=alert]", htmlcheck.HasText(text))
}
