package pdfsign

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// The PDF object model, as much of it as signing and verifying need:
// enough to read a catalog, a page, a form and a signature dictionary, and
// to write back a changed copy of them in an incremental update.

type (
	name   string
	array  []object
	dict   map[name]object
	ref    struct{ num, gen int }
	object any // nil, bool, int64, float64, name, []byte (a string), array, dict, ref, *stream
)

// stream is a dictionary and its still-encoded data.
type stream struct {
	dict dict
	raw  []byte
}

// maxDepth bounds nesting of arrays and dictionaries: a hostile upload
// must not exhaust the stack.
const maxDepth = 64

var errSyntax = errors.New("pdf syntax error")

// lexer reads PDF tokens from buf starting at pos.
type lexer struct {
	buf []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.buf) {
		c := l.buf[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.buf) && l.buf[l.pos] != '\n' && l.buf[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// keyword reads a bare word (number, true, obj, R, stream…).
func (l *lexer) keyword() string {
	l.skipSpace()
	start := l.pos
	for l.pos < len(l.buf) && !isSpace(l.buf[l.pos]) && !isDelim(l.buf[l.pos]) {
		l.pos++
	}
	return string(l.buf[start:l.pos])
}

// expect consumes kw or fails.
func (l *lexer) expect(kw string) error {
	if got := l.keyword(); got != kw {
		return fmt.Errorf("%w: %q where %q was expected at %d", errSyntax, got, kw, l.pos)
	}
	return nil
}

// object reads one object; "n g R" becomes a ref.
func (l *lexer) object(depth int) (object, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%w: nested too deep", errSyntax)
	}
	l.skipSpace()
	if l.pos >= len(l.buf) {
		return nil, fmt.Errorf("%w: unexpected end", errSyntax)
	}
	switch c := l.buf[l.pos]; {
	case c == '/':
		return l.name(), nil
	case c == '(':
		return l.literalString()
	case c == '<' && l.pos+1 < len(l.buf) && l.buf[l.pos+1] == '<':
		return l.dict(depth)
	case c == '<':
		return l.hexString()
	case c == '[':
		return l.array(depth)
	}
	return l.scalar()
}

func (l *lexer) scalar() (object, error) {
	start := l.pos
	word := l.keyword()
	switch word {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	case "":
		return nil, fmt.Errorf("%w: unexpected %q at %d", errSyntax, l.buf[start], start)
	}
	n, err := strconv.ParseInt(word, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(word, 64)
		if ferr != nil {
			return nil, fmt.Errorf("%w: unexpected %q at %d", errSyntax, word, start)
		}
		return f, nil
	}
	if r, ok := l.refAfter(n); ok {
		return r, nil
	}
	return n, nil
}

// refAfter reads " g R" after the number n, or leaves the position as it was.
func (l *lexer) refAfter(n int64) (ref, bool) {
	save := l.pos
	gen, err := strconv.Atoi(l.keyword())
	if err == nil && l.keyword() == "R" && n >= 0 && n < 1<<31 && gen >= 0 && gen < 1<<16 {
		return ref{int(n), gen}, true
	}
	l.pos = save
	return ref{}, false
}

func (l *lexer) name() name {
	l.pos++ // '/'
	var out []byte
	for l.pos < len(l.buf) && !isSpace(l.buf[l.pos]) && !isDelim(l.buf[l.pos]) {
		c := l.buf[l.pos]
		if c == '#' && l.pos+2 < len(l.buf) {
			if v, err := strconv.ParseUint(string(l.buf[l.pos+1:l.pos+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				l.pos += 3
				continue
			}
		}
		out = append(out, c)
		l.pos++
	}
	return name(out)
}

func (l *lexer) literalString() ([]byte, error) {
	l.pos++ // '('
	var out []byte
	for level := 1; l.pos < len(l.buf); l.pos++ {
		c := l.buf[l.pos]
		switch c {
		case '(':
			level++
		case ')':
			if level--; level == 0 {
				l.pos++
				return out, nil
			}
		case '\\':
			l.pos++
			if l.pos >= len(l.buf) {
				break
			}
			c = unescape(l)
		}
		out = append(out, c)
	}
	return nil, fmt.Errorf("%w: unterminated string", errSyntax)
}

// unescape decodes the escape at l.pos (after the backslash); octal
// escapes take up to three digits. A line break after the backslash is
// kept as read: these strings are only shown, never re-encoded.
func unescape(l *lexer) byte {
	c := l.buf[l.pos]
	switch c {
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	}
	if c < '0' || c > '7' {
		return c
	}
	v := 0
	for i := 0; i < 3 && l.pos < len(l.buf) && l.buf[l.pos] >= '0' && l.buf[l.pos] <= '7'; i++ {
		v = v*8 + int(l.buf[l.pos]-'0')
		l.pos++
	}
	l.pos--
	return byte(v)
}

func (l *lexer) hexString() ([]byte, error) {
	end := bytes.IndexByte(l.buf[l.pos:], '>')
	if end < 0 {
		return nil, fmt.Errorf("%w: unterminated hex string", errSyntax)
	}
	var digits []byte
	for _, c := range l.buf[l.pos+1 : l.pos+end] {
		if !isSpace(c) {
			digits = append(digits, c)
		}
	}
	l.pos += end + 1
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, len(digits)/2)
	for i := range out {
		v, err := strconv.ParseUint(string(digits[2*i:2*i+2]), 16, 8)
		if err != nil {
			return nil, fmt.Errorf("%w: bad hex string", errSyntax)
		}
		out[i] = byte(v)
	}
	return out, nil
}

func (l *lexer) array(depth int) (array, error) {
	l.pos++ // '['
	var out array
	for {
		l.skipSpace()
		if l.pos >= len(l.buf) {
			return nil, fmt.Errorf("%w: unterminated array", errSyntax)
		}
		if l.buf[l.pos] == ']' {
			l.pos++
			return out, nil
		}
		o, err := l.object(depth + 1)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
}

func (l *lexer) dict(depth int) (dict, error) {
	l.pos += 2 // "<<"
	out := dict{}
	for {
		l.skipSpace()
		if l.pos+1 < len(l.buf) && l.buf[l.pos] == '>' && l.buf[l.pos+1] == '>' {
			l.pos += 2
			return out, nil
		}
		if l.pos >= len(l.buf) || l.buf[l.pos] != '/' {
			return nil, fmt.Errorf("%w: dictionary key expected at %d", errSyntax, l.pos)
		}
		key := l.name()
		v, err := l.object(depth + 1)
		if err != nil {
			return nil, err
		}
		out[key] = v
	}
}
