package files

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

func jpegBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w { // noise, so that the JPEG is not tiny
		for y := range h {
			img.Set(x, y, color.RGBA{R: uint8(x * y * 7), G: uint8(x*13 + y*y), B: uint8(x ^ y), A: 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMergedImagesAreOnePDFPageEach: two photographs (one portrait, one
// landscape) and a PNG make a PDF of three A4 pages, each in the image's
// orientation, each holding its image; the images' temporary files go.
func TestMergedImagesAreOnePDFPageEach(t *testing.T) {
	s := &Store{Dir: t.TempDir()}
	var images []*Checked
	for i, data := range [][]byte{jpegBytes(t, 60, 90), jpegBytes(t, 90, 60), pngBytes(t)} {
		name := []string{"trang-1.jpg", "trang-2.jpg", "trang-3.png"}[i]
		c, err := s.Check(name, bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		images = append(images, c)
	}
	merged, err := s.MergeImages("Tờ khai.pdf", images)
	if err != nil {
		t.Fatal(err)
	}
	if merged.ContentType != "application/pdf" || merged.Name != "Tờ khai.pdf" {
		t.Fatalf("merged %+v", merged)
	}
	if err := s.Save(merged); err != nil {
		t.Fatal(err)
	}
	f, err := s.Open(merged.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(f)
	f.Close()
	if n := pdftest.Open(t, data).NumPage(); n != 3 {
		t.Fatalf("%d pages, want 3", n)
	}
	pdftest.WantSize(t, data, 1, pdftest.A4)
	pdftest.WantSize(t, data, 2, pdftest.A4.Landscape())
	if n := pdftest.ImageXObjects(t, data); n != 3 {
		t.Errorf("%d images in the PDF, want 3", n)
	}
	entries, _ := os.ReadDir(s.Dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".upload-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestMergeRefusesAPDFAndAnOversizedResult: only images are merged, and
// the merged PDF obeys the store's limit; nothing is left behind.
func TestMergeRefusesAPDFAndAnOversizedResult(t *testing.T) {
	for _, c := range []struct {
		name  string
		limit int64
		files map[string][]byte
		want  string
	}{
		{"a PDF among the images", 1 << 20, map[string][]byte{"a.jpg": jpegBytes(t, 30, 30), "b.pdf": []byte("%PDF-1.7\n%%EOF\n")}, "không phải ảnh"},
		{"over the limit once merged", 40 << 10, map[string][]byte{"a.jpg": jpegBytes(t, 200, 200), "b.jpg": jpegBytes(t, 201, 200)}, "vượt giới hạn"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := &Store{Dir: t.TempDir(), MaxSize: c.limit}
			var images []*Checked
			for _, name := range []string{"a.jpg", "b.jpg", "b.pdf"} {
				if data, ok := c.files[name]; ok {
					ch, err := s.Check(name, bytes.NewReader(data))
					if err != nil {
						t.Fatal(err)
					}
					images = append(images, ch)
				}
			}
			_, err := s.MergeImages("x.pdf", images)
			if err == nil || !strings.Contains(motcua.ErrorMessage(err), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
			if entries, _ := os.ReadDir(s.Dir); len(entries) != 0 {
				t.Fatalf("left %d entries", len(entries))
			}
		})
	}
}
