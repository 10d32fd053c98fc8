package htmlcheck

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// A Selector picks elements of a parsed page: a subset of CSS with a tag
// name or *, #id, .class, [attr], [attr=value] and [attr^=prefix] (the
// value bare or quoted), in compounds such as `table.list#late-steps`, separated by spaces
// for descendants (`#forms a`). Nothing else: a test needing more says so by
// failing to compile its selector.
type Selector struct {
	source string
	steps  []compound // outermost first
}

// compound is one space-separated part: every condition holds on one element.
type compound struct {
	tag   string // "" matches any element
	id    string
	class []string
	attrs []attrCond
}

type attrCond struct {
	name, value string
	anyValue    bool // [attr]: present, whatever its value
	prefix      bool // [attr^=value]: the value begins with it
}

func (s Selector) String() string { return s.source }

// MustCompile compiles a selector written in a test, panicking on a typo so
// that the test stops at the line that holds it.
func MustCompile(source string) Selector {
	s, err := Compile(source)
	if err != nil {
		panic(err)
	}
	return s
}

// Compile parses a selector.
func Compile(source string) (Selector, error) {
	s := Selector{source: source}
	parts, err := splitCompounds(source)
	if err != nil {
		return Selector{}, fmt.Errorf("htmlcheck: selector %q: %w", source, err)
	}
	for _, part := range parts {
		c, err := parseCompound(part)
		if err != nil {
			return Selector{}, fmt.Errorf("htmlcheck: selector %q: %w", source, err)
		}
		s.steps = append(s.steps, c)
	}
	if len(s.steps) == 0 {
		return Selector{}, fmt.Errorf("htmlcheck: empty selector")
	}
	return s, nil
}

// splitCompounds cuts the selector at the spaces outside brackets, so that
// `[aria-label="Chức năng"]` stays whole.
func splitCompounds(source string) ([]string, error) {
	var parts []string
	start, inBracket, quote := -1, false, byte(0)
	for i := 0; i < len(source); i++ {
		c := source[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case inBracket && (c == '"' || c == '\''):
			quote = c
		case c == '[':
			inBracket = true
		case c == ']':
			inBracket = false
		case !inBracket && strings.IndexByte(" \t\n", c) >= 0:
			if start >= 0 {
				parts = append(parts, source[start:i])
			}
			start = -1
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if inBracket || quote != 0 {
		return nil, fmt.Errorf("unclosed [ or quote")
	}
	if start >= 0 {
		parts = append(parts, source[start:])
	}
	return parts, nil
}

func parseCompound(part string) (compound, error) {
	var c compound
	tag, rest := splitName(part)
	if tag != "*" && tag != "" && !isName(tag) {
		return c, fmt.Errorf("%q is not a tag name (only tag, #id, .class, [attr] and [attr=value] with spaces between are known)", tag)
	}
	if tag != "*" {
		c.tag = strings.ToLower(tag)
	}
	for rest != "" {
		var name string
		switch rest[0] {
		case '#':
			name, rest = splitName(rest[1:])
			if !isName(name) {
				return c, fmt.Errorf("bad #id %q", name)
			}
			c.id = name
		case '.':
			name, rest = splitName(rest[1:])
			if !isName(name) {
				return c, fmt.Errorf("bad .class %q", name)
			}
			c.class = append(c.class, name)
		case '[':
			end := closingBracket(rest)
			if end < 0 {
				return c, fmt.Errorf("unclosed [")
			}
			cond, err := parseAttr(rest[1:end])
			if err != nil {
				return c, err
			}
			c.attrs = append(c.attrs, cond)
			rest = rest[end+1:]
		default:
			return c, fmt.Errorf("unexpected %q (only tag, #id, .class, [attr] and [attr=value] are known)", rest)
		}
	}
	return c, nil
}

// closingBracket is the index of the ] that closes the [ at s[0], skipping
// quoted values; -1 if there is none.
func closingBracket(s string) int {
	quote := byte(0)
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == ']':
			return i
		}
	}
	return -1
}

// isName accepts the names the templates use for tags, ids, classes and
// attributes, and nothing that would be CSS this package does not know.
func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// splitName cuts the leading name (tag, id or class) off s.
func splitName(s string) (name, rest string) {
	i := strings.IndexAny(s, "#.[")
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

func parseAttr(inside string) (attrCond, error) {
	name, value, hasValue := strings.Cut(inside, "=")
	prefix := hasValue && strings.HasSuffix(name, "^")
	name = strings.TrimSuffix(name, "^")
	if !isName(name) {
		return attrCond{}, fmt.Errorf("bad attribute name in [%s]", inside)
	}
	if !hasValue {
		return attrCond{name: name, anyValue: true}, nil
	}
	if len(value) >= 2 && (value[0] == '"' || value[0] == '\'') && value[len(value)-1] == value[0] {
		value = value[1 : len(value)-1]
	}
	return attrCond{name: name, value: value, prefix: prefix}, nil
}

// All returns the elements under root that the selector picks, in document
// order.
func (s Selector) All(root *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && s.matches(c, root) {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(root)
	return out
}

// matches tells whether n fits the last compound and its ancestors below
// root fit the others, in order.
func (s Selector) matches(n, root *html.Node) bool {
	last := len(s.steps) - 1
	if !s.steps[last].matches(n) {
		return false
	}
	return ancestorsMatch(s.steps[:last], n.Parent, root)
}

// ancestorsMatch finds the compounds, innermost last, among n and its
// ancestors up to root; taking the nearest ancestor for each compound is
// enough, since any farther choice leaves fewer ancestors for the rest.
func ancestorsMatch(steps []compound, n, root *html.Node) bool {
	for i := len(steps) - 1; i >= 0; i-- {
		for n != nil && n != root && !(n.Type == html.ElementNode && steps[i].matches(n)) {
			n = n.Parent
		}
		if n == nil || n == root {
			return false
		}
		n = n.Parent
	}
	return true
}

func (c compound) matches(n *html.Node) bool {
	if c.tag != "" && n.Data != c.tag {
		return false
	}
	if c.id != "" && Attr(n, "id") != c.id {
		return false
	}
	for _, class := range c.class {
		if !hasClass(n, class) {
			return false
		}
	}
	for _, a := range c.attrs {
		v, ok := lookupAttr(n, a.name)
		switch {
		case !ok:
			return false
		case a.prefix:
			if !strings.HasPrefix(v, a.value) {
				return false
			}
		case !a.anyValue && v != a.value:
			return false
		}
	}
	return true
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(Attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// Attr is the value of the node's attribute, "" when it has none.
func Attr(n *html.Node, name string) string {
	v, _ := lookupAttr(n, name)
	return v
}

func lookupAttr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}
