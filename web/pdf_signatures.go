package web

import (
	"io"
	"sync"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/pdfsign"
)

// signatureNote says who signed a stored PDF the citizen or an officer
// brought (issue 18: signatures on uploads are checked and the signer
// shown): "" for another kind of file or a PDF without signatures. The
// signer's certificate is shown as read: no root of trust is configured
// for others' certificates, so the note says the content is intact, not
// who vouches for the signer.
func (s *Server) signatureNote(f motcua.SubmittedFile) string {
	if f.ContentType != "application/pdf" || s.Files == nil || f.Size > pdfsign.MaxInput {
		return ""
	}
	if note, ok := s.signatures.get(f.SHA256); ok {
		return note
	}
	r, err := s.Files.Open(f.SHA256)
	if err != nil {
		s.log.Warn("signature check: open", "file", f.ID, "err", err)
		return "" // not remembered: the next view tries again
	}
	defer r.Close()
	pdf, err := io.ReadAll(io.LimitReader(r, pdfsign.MaxInput))
	if err != nil {
		return ""
	}
	note := signatureNoteOf(pdf)
	s.signatures.put(f.SHA256, note)
	return note
}

// signatureNoteOf says who signed pdf, "" when nobody did.
func signatureNoteOf(pdf []byte) string {
	sigs, err := pdfsign.Verify(pdf, nil)
	if err != nil || len(sigs) == 0 {
		return ""
	}
	sig := sigs[len(sigs)-1] // the last signature covers the most
	switch {
	case !sig.Intact:
		return "Chữ ký số không hợp lệ: " + sig.Problem
	case !sig.WholeFile:
		return "Ký số bởi " + sig.Signer + signedAt(sig) + "; tệp đã được thêm nội dung sau khi ký"
	}
	return "Ký số bởi " + sig.Signer + signedAt(sig) + " (nội dung nguyên vẹn)"
}

func signedAt(sig pdfsign.Signature) string {
	if sig.SigningTime.IsZero() {
		return ""
	}
	return " lúc " + motcua.FormatDateTime(sig.SigningTime)
}

// signatureCache holds signature notes by content hash, bounded: past
// maxSignatureNotes it starts again (a note costs one read of the file).
type signatureCache struct {
	mu    sync.Mutex
	notes map[string]string
}

const maxSignatureNotes = 10_000

func (c *signatureCache) get(sha string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	note, ok := c.notes[sha]
	return note, ok
}

func (c *signatureCache) put(sha, note string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.notes == nil || len(c.notes) >= maxSignatureNotes {
		c.notes = map[string]string{}
	}
	c.notes[sha] = note
}
