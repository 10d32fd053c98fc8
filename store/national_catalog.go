package store

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/motcua"
)

// NationalReport says what comparing the national procedures with the
// province's catalogue found, and which draft decision holds it.
type NationalReport struct {
	DecisionID int64 // 0: nothing differed, no decision was opened
	Added      []NationalChange
	Amended    []NationalChange
	Unchanged  []NationalChange
}

// NationalChange is one procedure at one level: what differs from the
// version in force (for an addition, from nothing) and what the national
// text said that stayed text.
type NationalChange struct {
	Code    string
	Level   motcua.Level
	Name    string
	Changes []motcua.FieldChange
	Unread  []string
}

// Differences is the number of procedures the draft decision changes.
func (r *NationalReport) Differences() int { return len(r.Added) + len(r.Amended) }

// DraftFromNational compares procedures read from the national database
// with the versions in force and, when any differs, opens the draft
// decision d holding exactly the differences: an addition for a procedure
// the province does not have, an amendment for one whose national parts
// changed (its workflow, office, competence rule and online level kept).
// It never publishes; all of it is written, or none.
func (db *DB) DraftFromNational(ctx context.Context, a *motcua.Actor, d *motcua.Decision, national []*motcua.NationalProcedure) (r *NationalReport, err error) {
	defer motcua.Wrap(&err, "DB.DraftFromNational(%q)", d.Number)
	if a != nil { // nil: the command line, run by whoever holds the database
		if err := canManageCatalog(a); err != nil {
			return nil, err
		}
	}
	if len(national) == 0 {
		return nil, motcua.FieldError("codes", "Không có thủ tục nào để so sánh.")
	}
	r = &NationalReport{}
	err = db.inTx(ctx, func(tx *Tx) error {
		drafts, err := compareNational(tx, national, r)
		if err != nil || len(drafts) == 0 {
			return err
		}
		d.Status = motcua.DecisionDraft
		if err := createDecisionRow(tx, d, db.now()); err != nil {
			return err
		}
		r.DecisionID = d.ID
		for _, p := range drafts {
			if err := insertDraft(tx, d, p, db.now()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// compareNational sorts each national procedure into added, amended or
// unchanged and returns the versions to draft.
func compareNational(tx *Tx, national []*motcua.NationalProcedure, r *NationalReport) ([]*motcua.Procedure, error) {
	var drafts []*motcua.Procedure
	for _, n := range national {
		current, err := latestPublished(tx, n.Code, n.Level)
		if err != nil {
			return nil, err
		}
		if current != nil && current.Repealed() {
			current = nil
		}
		if current == nil && !n.TimeRead {
			return nil, motcua.Errorf(motcua.EINVALID, "%s: thủ tục %s (%s) chưa có ở tỉnh và thời hạn giải quyết của CSDL quốc gia không đọc được thành số ngày hoặc giờ làm việc; hãy thêm thủ tục bằng tay.",
				n.Source, n.Code, n.Level.Label())
		}
		merged := motcua.MergeNational(current, n)
		unread := reviewNotes(current, merged, n.Unread)
		if err := validateProcedureFields(merged); err != nil {
			return nil, motcua.Errorf(motcua.EINVALID, "%s: %s", n.Source, motcua.ErrorMessage(err))
		}
		c := NationalChange{Code: n.Code, Level: n.Level, Name: n.Name, Unread: unread}
		switch {
		case current == nil:
			merged.Change = motcua.ChangeAdd
			c.Changes = motcua.DiffVersions(&motcua.Procedure{}, merged)
			r.Added = append(r.Added, c)
		default:
			if c.Changes = motcua.DiffVersions(current, merged); len(c.Changes) == 0 {
				r.Unchanged = append(r.Unchanged, c)
				continue
			}
			merged.Change = motcua.ChangeAmend
			r.Amended = append(r.Amended, c)
		}
		drafts = append(drafts, merged)
	}
	return drafts, nil
}

// reviewNotes adds to what stayed text what the reviewer must do before
// publishing: a field the draft cannot change, a workflow to write or to
// share out again. It keeps the field in force on merged.
func reviewNotes(current, merged *motcua.Procedure, unread []string) []string {
	notes := append([]string(nil), unread...)
	if current == nil {
		return append(notes, "Quy trình nội bộ: CSDL quốc gia không có; cần soạn trước khi công bố")
	}
	if merged.Field != current.Field {
		// The field belongs to the procedure, not to a version: changing
		// it in a draft would change the version in force at once.
		notes = append(notes, fmt.Sprintf("Lĩnh vực: CSDL quốc gia ghi «%s», tỉnh đang ghi «%s»; lĩnh vực không đổi qua dự thảo, cần sửa riêng", merged.Field, current.Field))
		merged.Field = current.Field
	}
	if merged.Time != current.Time && checkBudgets(merged) != nil {
		// The legal time changed under the province's workflow.
		notes = append(notes, fmt.Sprintf("Quy trình nội bộ: tổng thời gian các bước (%d phút) không còn bằng thời hạn giải quyết mới (%s); cần chia lại trước khi công bố", merged.StepsMinutes(), merged.Time))
	}
	return notes
}

// insertDraft writes one draft version of decision d, as DraftChange does.
func insertDraft(tx *Tx, d *motcua.Decision, p *motcua.Procedure, now time.Time) (err error) {
	p.EffectiveFrom, p.DecisionID, p.Status = d.EffectiveFrom, d.ID, motcua.VersionDraft
	p.VersionID = 0
	if p.ID, err = ensureProcedure(tx, p); err != nil {
		return err
	}
	p.Version = -int(d.ID) // drafts get their number when published
	return insertVersion(tx, p, now)
}
