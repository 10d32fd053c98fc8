package store

import (
	"context"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// Reuse online: a citizen signed in to the portal files with a document
// the one-stop already holds for the identity number they typed instead
// of uploading it again — only one of a dossier whose applicant gave the
// contact their session proved (HeldOnline). The submission's file row
// says origin 'reused' and names the Ref it came from.

// ReusedUpload is a document chosen from what is held for a document of
// the filing form.
type ReusedUpload struct {
	Document string // the catalogue's name of the document it stands for
	Ref      string // a HeldDocument's Ref from HeldOnline
}

// SubmitReusing is Submit with documents reused; a Ref not held for the
// applicant's identity number and the contact, or no longer valid,
// refuses the filing and writes nothing.
func (db *DB) SubmitReusing(ctx context.Context, c motcua.Contact, s *motcua.Submission, reuse []ReusedUpload) (err error) {
	defer motcua.Wrap(&err, "DB.SubmitReusing")
	return db.submit(ctx, c, s, reuse)
}

// addReused resolves the chosen documents and adds them to the
// submission's files, before the filing's rules see them (a required
// document may be a reused one); it returns what each came from.
func addReused(tx *Tx, c motcua.Contact, s *motcua.Submission, reuse []ReusedUpload) ([]motcua.HeldDocument, error) {
	if len(reuse) == 0 {
		return nil, nil
	}
	id, _ := ledger.CleanIdentityNumber(motcua.NFC(s.Applicant.IDNumber))
	var held []motcua.HeldDocument
	for _, r := range reuse {
		h, err := heldByRef(tx, id, r.Ref, &c)
		if err != nil {
			return nil, motcua.FieldError("files", "%s: %s", r.Document, motcua.ErrorMessage(err))
		}
		s.Files = append(s.Files, motcua.SubmittedFile{Document: r.Document, FileName: h.FileName, ContentType: h.ContentType,
			Size: h.Size, SHA256: h.SHA256})
		held = append(held, *h)
	}
	tx.audit(motcua.AuditEntry{Actor: "citizen:" + motcua.Mask(c.String()), Action: "citizen_store.reused", Object: "id:" + motcua.Mask(id),
		Detail: itoa(int64(len(held))) + " documents"})
	return held, nil
}

// markReused records, once the rows are written, that they are reused
// and where they came from, with the validity they carried.
func markReused(tx *Tx, files []motcua.SubmittedFile, held []motcua.HeldDocument) error {
	for i, h := range held {
		if i >= len(files) {
			break
		}
		if _, err := tx.exec(`UPDATE submission_files SET origin = 'reused', source = ?, valid_until = ? WHERE id = ?`,
			reuseSource(&h), ms(h.ValidUntil), files[i].ID); err != nil {
			return err
		}
	}
	return nil
}
