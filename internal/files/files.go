// Package files keeps the documents citizens upload: on the local disk by
// default, each file named by the SHA-256 of its content (a file uploaded
// twice is stored once, and its name proves its integrity). Only PDF, JPEG
// and PNG are taken, recognised by their content, not by what the browser
// or the file name claims.
package files

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// DefaultMaxSize bounds one file.
const DefaultMaxSize = 10 << 20

// Store is a directory of files named by their SHA-256.
type Store struct {
	Dir     string
	MaxSize int64 // 0: DefaultMaxSize
}

// Checked is an upload whose size and type were checked, held in a
// temporary file of the store until Save (or Discard): a form whose second
// file is refused stores nothing, and no upload is ever held in memory.
type Checked struct {
	Name        string // the file name as uploaded, cleaned
	ContentType string
	SHA256      string
	size        int64
	tmp         string // the temporary file, until Save or Discard
}

// Size is the file's length in bytes.
func (c *Checked) Size() int64 { return c.size }

// Discard removes a checked upload that will not be saved; after Save,
// or a second time, it does nothing.
func (c *Checked) Discard() {
	if c != nil && c.tmp != "" {
		os.Remove(c.tmp)
		c.tmp = ""
	}
}

// types maps the content types taken to the file name extensions allowed
// for each.
var types = map[string][]string{
	"application/pdf": {".pdf"},
	"image/jpeg":      {".jpg", ".jpeg"},
	"image/png":       {".png"},
}

// Check streams an upload (at most MaxSize) into a temporary file of the
// store, hashing it on the way, and checks that its content is a PDF, JPEG
// or PNG matching its file name. Errors are Vietnamese and name the file;
// on an error nothing is left behind.
func (s *Store) Check(name string, r io.Reader) (_ *Checked, err error) {
	name = cleanName(name)
	defer func() {
		if err != nil && motcua.ErrorCode(err) == motcua.EINTERNAL {
			err = fmt.Errorf("files.Check(%q): %w", name, err)
		}
	}()
	limit := s.MaxSize
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	if err := os.MkdirAll(s.Dir, 0o750); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(s.Dir, tempPattern)
	if err != nil {
		return nil, err
	}
	c := &Checked{Name: name, tmp: tmp.Name()}
	defer func() {
		if err != nil {
			c.Discard()
		}
	}()
	sum, head := sha256.New(), &headBuffer{}
	c.size, err = io.Copy(io.MultiWriter(tmp, sum, head), io.LimitReader(r, limit+1))
	if err == nil {
		err = tmp.Sync()
	}
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return nil, err
	}
	if err := checkContent(name, c.size, limit, head.b); err != nil {
		return nil, err
	}
	c.ContentType, c.SHA256 = sniff(head.b), hex.EncodeToString(sum.Sum(nil))
	return c, nil
}

// tempPattern names uploads not yet saved, in the store's top directory
// (Sweep removes those a crash left behind).
const tempPattern = ".upload-*"

// checkContent checks an upload's size and, by its first bytes, its type
// against its name's extension.
func checkContent(name string, size, limit int64, head []byte) error {
	switch {
	case size > limit:
		return motcua.FieldError("files", "Tệp “%s” lớn hơn %s MB, vượt giới hạn cho phép.", name, motcua.FormatInt(limit>>20))
	case size == 0:
		return motcua.FieldError("files", "Tệp “%s” trống.", name)
	}
	kind := sniff(head)
	exts, ok := types[kind]
	if !ok {
		return motcua.FieldError("files", "Tệp “%s” không phải PDF, JPEG hoặc PNG (nội dung nhận ra: %s). Chỉ nhận các định dạng này.", name, kind)
	}
	if ext := strings.ToLower(filepath.Ext(name)); !contains(exts, ext) {
		return motcua.FieldError("files", "Tệp “%s” có đuôi %s nhưng nội dung là %s: hãy tải lên đúng tệp gốc.", name, ext, kind)
	}
	return nil
}

// headBuffer keeps the first 512 bytes written to it: all that
// http.DetectContentType reads.
type headBuffer struct{ b []byte }

func (h *headBuffer) Write(p []byte) (int, error) {
	if n := min(512-len(h.b), len(p)); n > 0 {
		h.b = append(h.b, p[:n]...)
	}
	return len(p), nil
}

// sniff recognises the content: http.DetectContentType, which knows the
// signatures of PDF, JPEG and PNG among others.
func sniff(data []byte) string {
	kind := http.DetectContentType(data)
	if i := strings.Index(kind, ";"); i >= 0 {
		kind = kind[:i]
	}
	if kind == "application/pdf" && !bytes.HasPrefix(data, []byte("%PDF-")) {
		return "application/octet-stream"
	}
	return kind
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// cleanName keeps the base name of an upload, without path or control
// characters, at most 200 bytes.
func cleanName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, motcua.NFC(name))
	if name == "" || name == "." || name == "/" {
		name = "tep"
	}
	// Shorten the stem, never the extension, at a character boundary.
	if len(name) > 200 {
		ext := filepath.Ext(name)
		if len(ext) > 16 {
			ext = ""
		}
		stem := []rune(strings.TrimSuffix(name, ext))
		for len(string(stem))+len(ext) > 200 {
			stem = stem[:len(stem)-1]
		}
		name = string(stem) + ext
	}
	return name
}

// Save moves a checked file to its name, its SHA-256 (the temporary file
// was written and synced whole, so a crash leaves no half file under a
// real name).
func (s *Store) Save(c *Checked) error {
	path := s.path(c.SHA256)
	if _, err := os.Stat(path); err == nil {
		// The same content is stored already. Its time is renewed: Sweep
		// spares recent files, so a retention run cannot take a file that
		// a new upload just counted on.
		c.Discard()
		now := time.Now()
		return os.Chtimes(path, now, now)
	}
	if c.tmp == "" {
		return fmt.Errorf("files.Save(%q): discarded, or swept since saved", c.Name)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	if err := os.Rename(c.tmp, path); err != nil {
		return err
	}
	c.tmp = ""
	return nil
}

// Open opens a stored file by its SHA-256.
func (s *Store) Open(sha string) (*os.File, error) {
	if len(sha) != 64 || strings.Trim(sha, "0123456789abcdef") != "" {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy tệp.")
	}
	return os.Open(s.path(sha))
}

func (s *Store) path(sha string) string { return filepath.Join(s.Dir, sha[:2], sha) }

// removeGrace spares files stored or uploaded again within it; the next
// nightly run takes them if nothing names them by then.
const removeGrace = 24 * time.Hour

// Sweep removes the stored files nothing refers to any more (their
// personal data's retention ran out), sparing those stored or uploaded
// again within removeGrace: a new row may be about to name them, and the
// next night's sweep takes them if none does.
func (s *Store) Sweep(referenced map[string]bool) (removed int, err error) {
	dirs, err := os.ReadDir(s.Dir)
	if os.IsNotExist(err) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	for _, d := range dirs {
		if !d.IsDir() && strings.HasPrefix(d.Name(), ".upload-") {
			removeStaleTemp(filepath.Join(s.Dir, d.Name()))
			continue
		}
		if !d.IsDir() || len(d.Name()) != 2 {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(s.Dir, d.Name()))
		if err != nil {
			return removed, err
		}
		for _, e := range entries {
			sha := e.Name()
			if len(sha) != 64 || referenced[sha] || !strings.HasPrefix(sha, d.Name()) {
				continue // not a stored file (a temporary one), or still named
			}
			info, err := e.Info()
			if err != nil || time.Since(info.ModTime()) < removeGrace {
				continue
			}
			if err := os.Remove(filepath.Join(s.Dir, d.Name(), sha)); err != nil && !os.IsNotExist(err) {
				return removed, err
			}
			removed++
		}
	}
	return removed, nil
}

// removeStaleTemp removes an upload's temporary file that a crash left
// behind (a live one is younger than removeGrace by far).
func removeStaleTemp(path string) {
	if info, err := os.Stat(path); err == nil && time.Since(info.ModTime()) >= removeGrace {
		os.Remove(path)
	}
}

// Open reads a checked upload not yet saved (a result to sign, issue 18).
func (c *Checked) Open() (*os.File, error) { return os.Open(c.tmp) }
