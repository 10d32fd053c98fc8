package pdfsign

import (
	"bytes"
	"fmt"
	"strconv"
)

// xrefEntry says where an object lives: at a byte offset (inStream false)
// or as the index-th object of object stream num (a PDF 1.5 object stream).
type xrefEntry struct {
	offset   int64
	inStream bool
	stream   int
	index    int
}

// document is a parsed PDF: its newest trailer and the cross-reference of
// every revision, the newest entry of each object winning.
type document struct {
	buf       []byte
	xref      map[int]xrefEntry
	trailer   dict
	startxref int64
	xrefIsStm bool // the newest section is a cross-reference stream
	objstms   map[int]*objectStream
	resolving map[int]bool
	inflated  int // bytes decoded so far (maxDecoded bounds the total)
}

// maxSections bounds the /Prev chain: a loop of revisions must end.
const maxSections = 256

// parse reads the trailer and cross-reference sections of buf.
func parse(buf []byte) (*document, error) {
	start, err := findStartxref(buf)
	if err != nil {
		return nil, err
	}
	d := &document{buf: buf, xref: map[int]xrefEntry{}, startxref: start,
		objstms: map[int]*objectStream{}, resolving: map[int]bool{}}
	seen := map[int64]bool{}
	for off, n := start, 0; off >= 0; n++ {
		if n > maxSections || seen[off] {
			return nil, fmt.Errorf("%w: cross-reference sections loop", errSyntax)
		}
		seen[off] = true
		trailer, isStm, err := d.readSection(off)
		if err != nil {
			return nil, err
		}
		if d.trailer == nil {
			d.trailer, d.xrefIsStm = trailer, isStm
		}
		// A hybrid file's table points at a stream for the compressed objects.
		if stm, ok := trailer["XRefStm"].(int64); ok && !seen[stm] {
			seen[stm] = true
			if _, _, err := d.readSection(stm); err != nil {
				return nil, err
			}
		}
		off = -1
		if prev, ok := trailer["Prev"].(int64); ok {
			off = prev
		}
	}
	if _, ok := d.trailer["Root"].(ref); !ok {
		return nil, fmt.Errorf("%w: trailer without /Root", errSyntax)
	}
	return d, nil
}

// findStartxref reads the offset after the last "startxref".
func findStartxref(buf []byte) (int64, error) {
	tail := buf[max(0, len(buf)-2048):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return 0, fmt.Errorf("%w: no startxref", errSyntax)
	}
	l := &lexer{buf: tail, pos: i + len("startxref")}
	off, err := strconv.ParseInt(l.keyword(), 10, 64)
	if err != nil || off < 0 || off >= int64(len(buf)) {
		return 0, fmt.Errorf("%w: bad startxref", errSyntax)
	}
	return off, nil
}

// readSection reads one cross-reference section (a table or a stream) at
// off; entries already known from a newer section are kept.
func (d *document) readSection(off int64) (dict, bool, error) {
	if off < 0 || off >= int64(len(d.buf)) {
		return nil, false, fmt.Errorf("%w: cross-reference offset out of the file", errSyntax)
	}
	l := &lexer{buf: d.buf, pos: int(off)}
	if l.keyword() == "xref" {
		t, err := d.readTable(l)
		return t, false, err
	}
	_, o, err := d.objectAt(off)
	if err != nil {
		return nil, false, err
	}
	s, ok := o.(*stream)
	if !ok || s.dict["Type"] != name("XRef") {
		return nil, false, fmt.Errorf("%w: no cross-reference at %d", errSyntax, off)
	}
	return s.dict, true, d.readXrefStream(s)
}

func (d *document) readTable(l *lexer) (dict, error) {
	for {
		word := l.keyword()
		if word == "trailer" {
			t, err := l.object(0)
			if td, ok := t.(dict); ok && err == nil {
				return td, nil
			}
			return nil, fmt.Errorf("%w: bad trailer", errSyntax)
		}
		first, err1 := strconv.Atoi(word)
		count, err2 := strconv.Atoi(l.keyword())
		if err1 != nil || err2 != nil || first < 0 || count < 0 || count > len(l.buf)/18 {
			return nil, fmt.Errorf("%w: bad cross-reference subsection", errSyntax)
		}
		for i := range count {
			offset, err1 := strconv.ParseInt(l.keyword(), 10, 64)
			_, err2 := strconv.Atoi(l.keyword())
			kind := l.keyword()
			if err1 != nil || err2 != nil || (kind != "n" && kind != "f") {
				return nil, fmt.Errorf("%w: bad cross-reference entry", errSyntax)
			}
			if _, known := d.xref[first+i]; !known && kind == "n" {
				d.xref[first+i] = xrefEntry{offset: offset}
			} else if !known {
				d.xref[first+i] = xrefEntry{offset: -1} // free: hides older versions
			}
		}
	}
}

// readXrefStream decodes a PDF 1.5 cross-reference stream (/W field
// widths, /Index subsections).
func (d *document) readXrefStream(s *stream) error {
	data, err := d.decode(s)
	if err != nil {
		return err
	}
	w, ok := s.dict["W"].(array)
	if !ok || len(w) != 3 {
		return fmt.Errorf("%w: cross-reference stream without /W", errSyntax)
	}
	var widths [3]int
	for i, v := range w {
		n, ok := v.(int64)
		if !ok || n < 0 || n > 8 {
			return fmt.Errorf("%w: bad /W", errSyntax)
		}
		widths[i] = int(n)
	}
	index := array{int64(0), s.dict["Size"]}
	if ix, ok := s.dict["Index"].(array); ok {
		index = ix
	}
	row := widths[0] + widths[1] + widths[2]
	if row == 0 {
		return fmt.Errorf("%w: bad /W", errSyntax)
	}
	for i := 0; i+1 < len(index); i += 2 {
		first, ok1 := index[i].(int64)
		count, ok2 := index[i+1].(int64)
		if !ok1 || !ok2 || first < 0 || count < 0 || count > int64(len(data)/row) {
			return fmt.Errorf("%w: bad /Index", errSyntax)
		}
		for j := range int(count) {
			if len(data) < row {
				return fmt.Errorf("%w: cross-reference stream too short", errSyntax)
			}
			d.addStreamEntry(int(first)+j, data[:row], widths)
			data = data[row:]
		}
	}
	return nil
}

func (d *document) addStreamEntry(num int, row []byte, widths [3]int) {
	field := func(i int) int64 {
		off := 0
		for k := range i {
			off += widths[k]
		}
		var v int64
		for _, b := range row[off : off+widths[i]] {
			v = v<<8 | int64(b)
		}
		return v
	}
	kind := int64(1) // a missing type field means type 1
	if widths[0] > 0 {
		kind = field(0)
	}
	if _, known := d.xref[num]; known {
		return
	}
	switch kind {
	case 1:
		d.xref[num] = xrefEntry{offset: field(1)}
	case 2:
		d.xref[num] = xrefEntry{inStream: true, stream: int(field(1)), index: int(field(2))}
	default:
		d.xref[num] = xrefEntry{offset: -1}
	}
}
