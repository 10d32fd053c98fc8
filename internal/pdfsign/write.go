package pdfsign

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
)

// writeObject serialises o. Strings are written in hex: no escaping to get
// wrong, and Vietnamese text (UTF-16BE with a byte order mark) survives.
func writeObject(b *bytes.Buffer, o object) {
	switch v := o.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case float64:
		b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
	case name:
		writeName(b, v)
	case []byte:
		b.WriteByte('<')
		b.WriteString(hex.EncodeToString(v))
		b.WriteByte('>')
	case ref:
		fmt.Fprintf(b, "%d %d R", v.num, v.gen)
	case array:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			writeObject(b, e)
		}
		b.WriteByte(']')
	case dict:
		b.WriteString("<<")
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, string(k))
		}
		sort.Strings(keys) // the same input writes the same bytes
		for _, k := range keys {
			writeName(b, name(k))
			b.WriteByte(' ')
			writeObject(b, v[name(k)])
		}
		b.WriteString(">>")
	case rawObject:
		b.Write(v)
	default:
		panic(fmt.Sprintf("pdfsign: cannot write %T", o))
	}
}

// rawObject is written as it is: the signature dictionary's placeholders,
// whose byte positions must be known.
type rawObject []byte

func writeName(b *bytes.Buffer, n name) {
	b.WriteByte('/')
	for _, c := range []byte(n) {
		if c <= ' ' || c >= 0x7f || c == '#' || isDelim(c) {
			fmt.Fprintf(b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
}

// textString encodes s as a PDF text string: UTF-16BE with its byte order
// mark, so that any Vietnamese name reads back the same.
func textString(s string) []byte {
	out := []byte{0xFE, 0xFF}
	for _, r := range s {
		if r > 0xFFFF {
			r = '?'
		}
		out = append(out, byte(r>>8), byte(r))
	}
	return out
}

// update is an incremental update being written after the original bytes.
type update struct {
	doc     *document
	out     bytes.Buffer
	offsets map[int]int64
	nextNum int
}

func newUpdate(d *document) (*update, error) {
	size, ok := d.trailer["Size"].(int64)
	if !ok || size < 1 || size > 1<<23 {
		return nil, fmt.Errorf("%w: trailer without a usable /Size", errSyntax)
	}
	next := int(size)
	for num := range d.xref { // some writers set /Size too low: never reuse a number
		next = max(next, num+1)
	}
	u := &update{doc: d, offsets: map[int]int64{}, nextNum: next}
	u.out.Write(d.buf)
	if !bytes.HasSuffix(d.buf, []byte("\n")) {
		u.out.WriteByte('\n')
	}
	return u, nil
}

func (u *update) newRef() ref {
	r := ref{u.nextNum, 0}
	u.nextNum++
	return r
}

// put writes object r with the body o.
func (u *update) put(r ref, o object) {
	u.offsets[r.num] = int64(u.out.Len())
	fmt.Fprintf(&u.out, "%d %d obj\n", r.num, r.gen)
	writeObject(&u.out, o)
	u.out.WriteString("\nendobj\n")
}

// finish writes the cross-reference section in the kind of the original's
// newest one, and the trailer pointing back at it.
func (u *update) finish() []byte {
	trailer := dict{"Size": int64(u.nextNum), "Root": u.doc.trailer["Root"], "Prev": u.doc.startxref}
	for _, k := range []name{"Info", "ID"} {
		if v, ok := u.doc.trailer[k]; ok {
			trailer[k] = v
		}
	}
	if u.doc.xrefIsStm {
		u.finishStream(trailer)
	} else {
		u.finishTable(trailer)
	}
	return u.out.Bytes()
}

func (u *update) sortedNums() []int {
	nums := make([]int, 0, len(u.offsets))
	for n := range u.offsets {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	return nums
}

func (u *update) finishTable(trailer dict) {
	start := u.out.Len()
	u.out.WriteString("xref\n")
	for _, n := range u.sortedNums() {
		fmt.Fprintf(&u.out, "%d 1\n%010d %05d n\r\n", n, u.offsets[n], 0)
	}
	u.out.WriteString("trailer\n")
	writeObject(&u.out, trailer)
	fmt.Fprintf(&u.out, "\nstartxref\n%d\n%%%%EOF\n", start)
}

// finishStream writes an uncompressed cross-reference stream (/W [1 4 2]).
func (u *update) finishStream(trailer dict) {
	self := u.newRef()
	u.offsets[self.num] = int64(u.out.Len())
	var index array
	var rows bytes.Buffer
	for _, n := range u.sortedNums() {
		index = append(index, int64(n), int64(1))
		off := u.offsets[n]
		rows.Write([]byte{1, byte(off >> 24), byte(off >> 16), byte(off >> 8), byte(off), 0, 0})
	}
	trailer["Size"] = int64(u.nextNum)
	trailer["Type"] = name("XRef")
	trailer["W"] = array{int64(1), int64(4), int64(2)}
	trailer["Index"] = index
	trailer["Length"] = int64(rows.Len())
	start := u.offsets[self.num]
	fmt.Fprintf(&u.out, "%d 0 obj\n", self.num)
	writeObject(&u.out, trailer)
	u.out.WriteString("\nstream\n")
	u.out.Write(rows.Bytes())
	u.out.WriteString("\nendstream\nendobj\n")
	fmt.Fprintf(&u.out, "startxref\n%d\n%%%%EOF\n", start)
}
