package pdfsign

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
)

// maxDecoded bounds a decoded stream: a small hostile upload must not
// inflate into gigabytes.
const maxDecoded = 64 << 20

// objectAt parses the indirect object "n g obj … endobj" at off.
func (d *document) objectAt(off int64) (ref, object, error) {
	if off < 0 || off >= int64(len(d.buf)) {
		return ref{}, nil, fmt.Errorf("%w: object offset out of the file", errSyntax)
	}
	l := &lexer{buf: d.buf, pos: int(off)}
	num, err1 := strconv.Atoi(l.keyword())
	gen, err2 := strconv.Atoi(l.keyword())
	if err1 != nil || err2 != nil {
		return ref{}, nil, fmt.Errorf("%w: no object at %d", errSyntax, off)
	}
	if err := l.expect("obj"); err != nil {
		return ref{}, nil, err
	}
	o, err := l.object(0)
	if err != nil {
		return ref{}, nil, err
	}
	if dct, ok := o.(dict); ok {
		save := l.pos
		if l.keyword() == "stream" {
			s, err := d.streamBody(l, dct)
			return ref{num, gen}, s, err
		}
		l.pos = save
	}
	return ref{num, gen}, o, nil
}

// streamBody reads the data after "stream": /Length bytes when it is
// right, else up to "endstream" (writers get /Length wrong).
func (d *document) streamBody(l *lexer, dct dict) (*stream, error) {
	if l.pos < len(l.buf) && l.buf[l.pos] == '\r' {
		l.pos++
	}
	if l.pos < len(l.buf) && l.buf[l.pos] == '\n' {
		l.pos++
	}
	start := l.pos
	if n, ok := d.resolve(dct["Length"]).(int64); ok && n >= 0 && int64(start)+n <= int64(len(l.buf)) {
		after := &lexer{buf: l.buf, pos: start + int(n)}
		if after.keyword() == "endstream" {
			return &stream{dict: dct, raw: l.buf[start : start+int(n)]}, nil
		}
	}
	end := bytes.Index(l.buf[start:], []byte("endstream"))
	if end < 0 {
		return nil, fmt.Errorf("%w: stream without endstream", errSyntax)
	}
	return &stream{dict: dct, raw: bytes.TrimRight(l.buf[start:start+end], "\r\n")}, nil
}

// resolve follows references to the object they name; an object that
// cannot be read resolves to nil, as the PDF specification says of a
// reference to a missing object.
func (d *document) resolve(o object) object {
	for range 8 {
		r, ok := o.(ref)
		if !ok {
			return o
		}
		o = d.load(r)
	}
	return nil
}

func (d *document) load(r ref) object {
	e, ok := d.xref[r.num]
	if !ok || d.resolving[r.num] {
		return nil
	}
	d.resolving[r.num] = true // a /Length that points back at its own stream
	defer delete(d.resolving, r.num)
	if e.inStream {
		o, _ := d.fromObjectStream(e)
		return o
	}
	if e.offset < 0 {
		return nil
	}
	got, o, err := d.objectAt(e.offset)
	if err != nil || got.num != r.num {
		return nil
	}
	return o
}

// dictOf resolves o to a dictionary (a stream's dictionary counts), or nil.
func (d *document) dictOf(o object) dict {
	switch v := d.resolve(o).(type) {
	case dict:
		return v
	case *stream:
		return v.dict
	}
	return nil
}

// objectStream is a decoded PDF 1.5 object stream: its objects' offsets.
type objectStream struct {
	data    []byte
	offsets []int
}

func (d *document) fromObjectStream(e xrefEntry) (object, error) {
	stm, err := d.objectStream(e.stream)
	if err != nil {
		return nil, err
	}
	if e.index < 0 || e.index >= len(stm.offsets) || stm.offsets[e.index] >= len(stm.data) {
		return nil, fmt.Errorf("%w: object stream index", errSyntax)
	}
	l := &lexer{buf: stm.data, pos: stm.offsets[e.index]}
	return l.object(0)
}

func (d *document) objectStream(num int) (*objectStream, error) {
	if stm, ok := d.objstms[num]; ok {
		return stm, nil
	}
	stm, err := d.readObjectStream(num)
	if err != nil {
		stm = &objectStream{} // a broken stream is read once, not once per object
	}
	d.objstms[num] = stm
	return stm, err
}

func (d *document) readObjectStream(num int) (*objectStream, error) {
	e, ok := d.xref[num]
	if !ok || e.inStream || e.offset < 0 {
		return nil, fmt.Errorf("%w: missing object stream %d", errSyntax, num)
	}
	_, o, err := d.objectAt(e.offset)
	s, ok := o.(*stream)
	if err != nil || !ok {
		return nil, fmt.Errorf("%w: object stream %d", errSyntax, num)
	}
	data, err := d.decode(s)
	if err != nil {
		return nil, err
	}
	n, _ := s.dict["N"].(int64)
	first, _ := s.dict["First"].(int64)
	if n < 0 || n > int64(len(data)) || first < 0 || first > int64(len(data)) {
		return nil, fmt.Errorf("%w: object stream header", errSyntax)
	}
	stm := &objectStream{data: data}
	l := &lexer{buf: data[:first]}
	for range n {
		_, err1 := strconv.Atoi(l.keyword())
		off, err2 := strconv.Atoi(l.keyword())
		if err1 != nil || err2 != nil || off < 0 {
			return nil, fmt.Errorf("%w: object stream header", errSyntax)
		}
		stm.offsets = append(stm.offsets, int(first)+off)
	}
	return stm, nil
}

// decode decodes s within the document's budget: many small streams
// must not add up to what one may not be.
func (d *document) decode(s *stream) ([]byte, error) {
	data, err := s.decode()
	d.inflated += len(data)
	if err == nil && d.inflated > 2*maxDecoded {
		return nil, fmt.Errorf("%w: streams inflate past the budget", errSyntax)
	}
	return data, err
}

// decode undoes /FlateDecode (with a PNG predictor, as cross-reference
// streams use it); other filters are not needed to find a form.
func (s *stream) decode() ([]byte, error) {
	switch f := s.dict["Filter"].(type) {
	case nil:
		return s.raw, nil
	case name:
		if f != "FlateDecode" {
			return nil, fmt.Errorf("%w: filter %s", errSyntax, f)
		}
	case array:
		if len(f) != 1 || f[0] != name("FlateDecode") {
			return nil, fmt.Errorf("%w: filters %v", errSyntax, f)
		}
	default:
		return nil, fmt.Errorf("%w: bad /Filter", errSyntax)
	}
	zr, err := zlib.NewReader(bytes.NewReader(s.raw))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errSyntax, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, maxDecoded+1))
	if err != nil && len(data) == 0 || len(data) > maxDecoded {
		return nil, fmt.Errorf("%w: stream does not inflate", errSyntax)
	}
	params, _ := s.dict["DecodeParms"].(dict)
	if arr, ok := s.dict["DecodeParms"].(array); ok && len(arr) == 1 {
		params, _ = arr[0].(dict)
	}
	return unpredict(data, params)
}

// unpredict reverses a PNG predictor (/Predictor 10–15): each row starts
// with its filter type byte.
func unpredict(data []byte, params dict) ([]byte, error) {
	predictor, _ := params["Predictor"].(int64)
	if predictor < 10 {
		if predictor > 1 {
			return nil, fmt.Errorf("%w: TIFF predictor", errSyntax)
		}
		return data, nil
	}
	columns, ok := params["Columns"].(int64)
	if !ok {
		columns = 1
	}
	if columns < 1 || columns > 1<<16 {
		return nil, fmt.Errorf("%w: bad /Columns", errSyntax)
	}
	cols := int(columns)
	prev := make([]byte, cols)
	var out []byte
	for len(data) >= cols+1 {
		kind, row := data[0], data[1:cols+1]
		data = data[cols+1:]
		cur := make([]byte, cols)
		for i := range cols {
			var left, upLeft byte
			if i > 0 {
				left, upLeft = cur[i-1], prev[i-1]
			}
			cur[i] = row[i] + pngPredict(kind, left, prev[i], upLeft)
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func pngPredict(kind, left, up, upLeft byte) byte {
	switch kind {
	case 1:
		return left
	case 2:
		return up
	case 3:
		return byte((int(left) + int(up)) / 2)
	case 4:
		p := int(left) + int(up) - int(upLeft)
		pa, pb, pc := abs(p-int(left)), abs(p-int(up)), abs(p-int(upLeft))
		if pa <= pb && pa <= pc {
			return left
		}
		if pb <= pc {
			return up
		}
		return upLeft
	}
	return 0
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
