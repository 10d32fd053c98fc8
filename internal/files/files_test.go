package files

import (
	"bytes"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestChecksContentNotNames(t *testing.T) {
	s := &Store{Dir: t.TempDir(), MaxSize: 1 << 10}
	pdf := []byte("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	for _, c := range []struct {
		name string
		data []byte
		want string // "" accepted, else part of the refusal
	}{
		{"to-khai.pdf", pdf, ""},
		{"ảnh.PNG", pngBytes(t), ""},
		{"to-khai.pdf", pngBytes(t), "có đuôi .pdf nhưng nội dung là image/png"},
		{"virus.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), "không phải PDF, JPEG hoặc PNG"},
		{"trang.html", []byte("<html><script>alert(1)</script></html>"), "không phải PDF, JPEG hoặc PNG"},
		{"lon.pdf", append(pdf, bytes.Repeat([]byte("x"), 2<<10)...), "lớn hơn"},
		{"trong.pdf", nil, "trống"},
	} {
		got, err := s.Check(c.name, bytes.NewReader(c.data))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s refused: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(motcua.ErrorMessage(err), c.want)):
			t.Errorf("%s: got %v, want a refusal saying %q", c.name, err, c.want)
		case c.want != "" && motcua.ErrorCode(err) != motcua.EINVALID:
			t.Errorf("%s: error code %q", c.name, motcua.ErrorCode(err))
		case c.want == "" && got.Size() != int64(len(c.data)):
			t.Errorf("%s: size %d", c.name, got.Size())
		}
		got.Discard() // a checked upload waits in a temporary file until saved or discarded
	}
	if entries, _ := os.ReadDir(s.Dir); len(entries) != 0 {
		t.Fatalf("checking stored %d entries", len(entries))
	}
}

func TestSavesByHashOnce(t *testing.T) {
	s := &Store{Dir: t.TempDir()}
	c, err := s.Check(`C:\Users\an\Giấy tờ\chứng sinh.png`, bytes.NewReader(pngBytes(t)))
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "chứng sinh.png" {
		t.Fatalf("name %q", c.Name)
	}
	for range 2 {
		if err := s.Save(c); err != nil {
			t.Fatal(err)
		}
	}
	f, err := s.Open(c.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, _ := io.ReadAll(f)
	if !bytes.Equal(got, pngBytes(t)) {
		t.Fatal("stored content differs")
	}
	matches, _ := filepath.Glob(filepath.Join(s.Dir, "*", "*"))
	if len(matches) != 1 {
		t.Fatalf("stored files: %v", matches)
	}
	if _, err := s.Open("../../etc/passwd"); err == nil {
		t.Fatal("opened a path that is not a hash")
	}
}

func TestLongNamesKeepTheirExtension(t *testing.T) {
	s := &Store{Dir: t.TempDir()}
	long := strings.Repeat("Giấy chứng nhận quyền sử dụng đất ", 8) + ".pdf"
	c, err := s.Check(long, bytes.NewReader([]byte("%PDF-1.7\n%%EOF\n")))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Name) > 200 || !strings.HasSuffix(c.Name, ".pdf") || !utf8.ValidString(c.Name) {
		t.Fatalf("name %q (%d bytes)", c.Name, len(c.Name))
	}
}

// TestSweepTakesUnnamedOldFilesOnly: a file nothing names is removed once
// it is older than the grace; a named one and a recent one stay.
func TestSweepTakesUnnamedOldFilesOnly(t *testing.T) {
	s := &Store{Dir: t.TempDir(), MaxSize: 1 << 20}
	var shas []string
	for _, text := range []string{"%PDF-1.7\\n1\\n%%EOF", "%PDF-1.7\\n2\\n%%EOF", "%PDF-1.7\\n3\\n%%EOF"} {
		c, err := s.Check("a.pdf", strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Save(c); err != nil {
			t.Fatal(err)
		}
		shas = append(shas, c.SHA256)
	}
	old := time.Now().Add(-48 * time.Hour)
	for _, sha := range shas[:2] {
		os.Chtimes(s.path(sha), old, old)
	}
	removed, err := s.Sweep(map[string]bool{shas[1]: true})
	if err != nil || removed != 1 {
		t.Fatalf("removed %d, %v", removed, err)
	}
	for i, want := range []bool{false, true, true} {
		if _, err := os.Stat(s.path(shas[i])); (err == nil) != want {
			t.Errorf("file %d kept = %v, want %v", i, err == nil, want)
		}
	}
}
