package files

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCheck: any upload is taken as PDF, JPEG or PNG under a clean name,
// or refused; never a panic, never a path in the name.
func FuzzCheck(f *testing.F) {
	f.Add("to-khai.pdf", []byte("%PDF-1.7\n%%EOF"))
	f.Add("../../etc/passwd", []byte("root:x:0:0"))
	f.Add("ảnh.png", []byte("\x89PNG\r\n\x1a\n"))
	s := &Store{Dir: f.TempDir(), MaxSize: 1 << 12}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		c, err := s.Check(name, bytes.NewReader(data))
		if err != nil {
			return
		}
		defer c.Discard()
		if strings.ContainsAny(c.Name, "/\\") || !utf8.ValidString(c.Name) && utf8.ValidString(name) || len(c.Name) > 200 {
			t.Fatalf("%q → name %q", name, c.Name)
		}
		if _, ok := types[c.ContentType]; !ok {
			t.Fatalf("took %s", c.ContentType)
		}
	})
}
