package store

import (
	"context"
	"strconv"
	"time"

	"github.com/motcua/motcua"
)

// FollowUp is what a citizen's page shows of the dossier their online
// submission became: its projection from the ledger, the steps as
// tracking shows them, and the open supplement request with whatever the
// citizen already sent for it.
type FollowUp struct {
	Dossier *motcua.Dossier
	Steps   []motcua.TrackStep
	// The supplement request during processing that is still open (the
	// dossier waits in StateSupplement): what is asked and when the clock
	// paused.
	Missing []string
	Note    string
	AskedAt time.Time
	// Sent lists the files the citizen uploaded for the open request; the
	// clock resumes only when an officer records their receipt
	// (EventSupplementReceived is an officer's action in the ledger).
	Sent []motcua.SubmittedFile
	// Unit is the receiving unit: where a result is collected.
	Unit string
	// Closed is the reason given when processing stopped or the dossier
	// was withdrawn.
	Closed string
	// Result is the electronic result the officer attached when recording
	// the result, once the result is ready or returned; nil if none.
	Result *motcua.SubmittedFile
}

// SupplementDocument names the files a citizen sends for a supplement
// request during processing; the officer's lists show them under it.
const SupplementDocument = "Bổ sung theo yêu cầu"

// FollowSubmission reads the dossier an accepted submission of the
// citizen's became; nil for a submission not accepted.
func (db *DB) FollowSubmission(ctx context.Context, c motcua.Contact, s *motcua.Submission) (f *FollowUp, err error) {
	defer motcua.Wrap(&err, "DB.FollowSubmission(%d)", s.ID)
	if s.State != motcua.SubmissionAccepted || s.DossierID == 0 || s.Contact != c {
		return nil, nil
	}
	f = &FollowUp{}
	var events []motcua.Event
	err = db.readTx(ctx, func(tx *Tx) error {
		if f.Dossier, err = getDossier(tx, `d.id = ?`, s.DossierID); err != nil {
			return err
		}
		if events, err = listEvents(tx, s.DossierID); err != nil {
			return err
		}
		if st := f.Dossier.State; st == motcua.StateResultReady || st == motcua.StateReturned {
			f.Result, err = countingResult(tx, s.DossierID, events)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if f.Steps, err = db.publicSteps(ctx, events); err != nil {
		return nil, err
	}
	if u, err := db.Unit(ctx, f.Dossier.ReceivingUnitID); err == nil {
		f.Unit = u.Name
	}
	f.readEvents(events, s.Files)
	return f, nil
}

// readEvents fills the open supplement request and the closing reason from
// the events that counted.
func (f *FollowUp) readEvents(events []motcua.Event, files []motcua.SubmittedFile) {
	for _, e := range events {
		switch e.Type {
		case motcua.EventSupplementRequested:
			f.Missing, f.Note, f.AskedAt = e.Data.Missing, e.Data.Note, e.At
		case motcua.EventStopped, motcua.EventWithdrawn:
			f.Closed = e.Reason
		}
	}
	if f.Dossier.State != motcua.StateSupplement {
		f.Missing, f.Note, f.AskedAt = nil, "", time.Time{}
		return
	}
	if !f.Dossier.PausedAt.IsZero() {
		f.AskedAt = f.Dossier.PausedAt
	}
	for _, file := range files {
		if file.Document == SupplementDocument && !file.At.Before(f.AskedAt) {
			f.Sent = append(f.Sent, file)
		}
	}
}

// AddSupplement records the files a citizen sends for a supplement request
// during processing. They join the submission's files (where the officers
// of the unit see them) and the audit trail says so; the dossier stays
// paused until an officer records the supplement as received.
func (db *DB) AddSupplement(ctx context.Context, c motcua.Contact, id int64, files []motcua.SubmittedFile) (err error) {
	defer motcua.Wrap(&err, "DB.AddSupplement(%d)", id)
	s, err := db.MySubmission(ctx, c, id)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return motcua.FieldError("files", "Hãy chọn ít nhất một tệp để bổ sung.")
	}
	return db.inTx(ctx, func(tx *Tx) error {
		d, err := getDossier(tx, `d.id = ?`, s.DossierID)
		if s.DossierID == 0 || err != nil {
			return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ này chưa được tiếp nhận; không có yêu cầu bổ sung trong quá trình giải quyết.")
		}
		if d.State != motcua.StateSupplement {
			return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s không chờ bổ sung (%s).", d.Code, d.State.Label())
		}
		fresh := newFiles(s.Files, files, d.PausedAt)
		for i := range fresh {
			fresh[i].Document = SupplementDocument
		}
		if err := insertFiles(tx, s.ID, fresh); err != nil {
			return err
		}
		tx.audit(motcua.AuditEntry{Actor: "citizen", Action: "submission.supplement", Object: d.Code,
			Detail: "submission:" + strconv.FormatInt(s.ID, 10) + ", " + strconv.Itoa(len(fresh)) + " tệp"})
		return tx.redigitise(d.ID) // an upload may file a component
	})
}

// mineURL is the citizen's page of a submission on the portal.
func (db *DB) mineURL(id int64) string {
	return motcua.MineURL(db.PublicURL, id)
}

// newFiles leaves out files already sent (same content) since the request:
// a retried post adds nothing.
func newFiles(have, sent []motcua.SubmittedFile, since time.Time) []motcua.SubmittedFile {
	seen := map[string]bool{}
	for _, f := range have {
		if f.Document == SupplementDocument && !f.At.Before(since) {
			seen[f.SHA256] = true
		}
	}
	var out []motcua.SubmittedFile
	for _, f := range sent {
		if !seen[f.SHA256] {
			seen[f.SHA256] = true
			out = append(out, f)
		}
	}
	return out
}
