package forms

import (
	"bytes"
	"encoding/binary"
	"flag"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// render runs a form function into memory.
func render(t testing.TB, form func(io.Writer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := form(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openPDF(t testing.TB, data []byte) *pdf.Reader {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("read PDF: %v", err)
	}
	return r
}

// pageLines extracts the text of each page, one string per line drawn, in
// the order the content stream draws them. gopdf writes a ToUnicode map for
// its subset fonts, which ledongthuc/pdf reads, so no external tool is needed.
func pageLines(t testing.TB, data []byte) [][]string {
	t.Helper()
	r := openPDF(t, data)
	fonts := make(map[string]*pdf.Font)
	var pages [][]string
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		for _, name := range p.Fonts() { // parse each ToUnicode map once
			if _, ok := fonts[name]; !ok {
				f := p.Font(name)
				fonts[name] = &f
			}
		}
		text, err := p.GetPlainText(fonts)
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		pages = append(pages, strings.Split(strings.TrimPrefix(text, "\n"), "\n"))
	}
	return pages
}

// allLines flattens the pages.
func allLines(pages [][]string) []string {
	var lines []string
	for _, p := range pages {
		lines = append(lines, p...)
	}
	return lines
}

// mediaBox returns the width and height of page n, looking up the page tree
// as PDF inheritance does.
func mediaBox(t testing.TB, data []byte, n int) (w, h float64) {
	t.Helper()
	for v := openPDF(t, data).Page(n).V; !v.IsNull(); v = v.Key("Parent") {
		if box := v.Key("MediaBox"); box.Len() == 4 {
			return box.Index(2).Float64() - box.Index(0).Float64(),
				box.Index(3).Float64() - box.Index(1).Float64()
		}
	}
	t.Fatalf("page %d has no MediaBox", n)
	return 0, 0
}

// assertInOrder checks that each part occurs in text after the previous one.
func assertInOrder(t *testing.T, text string, parts ...string) {
	t.Helper()
	rest := text
	for _, p := range parts {
		i := strings.Index(rest, p)
		if i < 0 {
			if strings.Contains(text, p) {
				t.Errorf("%q appears, but not after the parts before it", p)
			} else {
				t.Errorf("%q does not appear in:\n%s", p, text)
			}
			return
		}
		rest = rest[i+len(p):]
	}
}

// checkGolden compares got with testdata/name.golden, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./forms/ -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("text of %s differs from %s (run with -update if the change is intended):\ngot:\n%s", name, path, got)
	}
}

var (
	imageDict   = regexp.MustCompile(`(?s)/Subtype\s*/Image(.*?)>>\s*stream\r?\n`)
	dictInteger = func(key string) *regexp.Regexp { return regexp.MustCompile(`/` + key + `\s+(\d+)`) }
)

// embeddedImage returns the first image in the PDF. gopdf embeds a PNG's
// compressed data unchanged (FlateDecode with PNG predictors), which
// ledongthuc/pdf cannot unfilter, so the stream is wrapped back into a PNG
// file and decoded with image/png. Only 8-bit grey images are handled: that
// is what qrPNG makes.
func embeddedImage(t *testing.T, data []byte) image.Image {
	t.Helper()
	m := imageDict.FindSubmatchIndex(data)
	if m == nil {
		t.Fatal("the PDF has no image XObject")
	}
	dict := data[m[2]:m[3]]
	if !bytes.Contains(dict, []byte("/DeviceGray")) || !bytes.Contains(dict, []byte("/BitsPerComponent 8")) {
		t.Fatalf("image is not 8-bit grey: %s", dict)
	}
	num := func(key string) int {
		sub := dictInteger(key).FindSubmatch(dict)
		if sub == nil {
			t.Fatalf("image dictionary lacks /%s: %s", key, dict)
		}
		n, _ := strconv.Atoi(string(sub[1]))
		return n
	}
	start := m[1]
	stream := data[start : start+num("Length")]
	img, err := png.Decode(bytes.NewReader(greyPNG(num("Width"), num("Height"), stream)))
	if err != nil {
		t.Fatalf("decode embedded image: %v", err)
	}
	return img
}

// greyPNG builds a PNG file around zlib data filtered the PNG way.
func greyPNG(w, h int, idat []byte) []byte {
	var buf bytes.Buffer
	buf.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8] = 8 // bit depth; colour type 0 (grey), no interlace
	for _, c := range []struct {
		typ  string
		data []byte
	}{{"IHDR", ihdr}, {"IDAT", idat}, {"IEND", nil}} {
		_ = binary.Write(&buf, binary.BigEndian, uint32(len(c.data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(c.typ))
		crc.Write(c.data)
		buf.WriteString(c.typ)
		buf.Write(c.data)
		_ = binary.Write(&buf, binary.BigEndian, crc.Sum32())
	}
	return buf.Bytes()
}
