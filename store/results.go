package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/motcua/motcua"
)

// Electronic results with a result code (issue 18). The file recorded
// with the result (result_files) is issued under a code; its SHA-256 and
// code go into the result_ready event. A correction is a new result that
// supersedes a valid one, with who, when and why (its hash goes to the
// audit trail, whose entries are hash-chained: the ledger has no event for
// a correction, which changes no state); a leader may revoke a result.

// ResultIssue is an electronic result to issue: its file, already in the
// file store, and its code ("" draws one; a caller that printed the code
// on the document passes it).
type ResultIssue struct {
	File *motcua.SubmittedFile
	Code string
	// ValidUntil ends the result's validity where the document has a term
	// (a certificate valid six months); zero: no end. The citizen's store
	// offers it for reuse until then.
	ValidUntil time.Time
}

// ActIssuing records the result of a dossier (EventResultReady) and issues
// its electronic result in the same transaction.
func (db *DB) ActIssuing(ctx context.Context, a *motcua.Actor, act motcua.Action, ri ResultIssue) (d *motcua.Dossier, err error) {
	defer motcua.Wrap(&err, "DB.ActIssuing(%d)", act.DossierID)
	if ri.File == nil || act.Type != motcua.EventResultReady {
		return nil, motcua.FieldError("result_file", "Chỉ phát hành kết quả điện tử khi ghi nhận “%s”.", motcua.EventResultReady.Label())
	}
	return db.act(ctx, a, act, &ri)
}

// issueWithEvent issues the result file of event e and writes its code
// and hash into the event before the event is inserted.
func issueWithEvent(tx *Tx, d *motcua.Dossier, e *motcua.Event, ri *ResultIssue) error {
	r, err := issue(tx, d, ri, e.ActorID, 0, "")
	if err != nil {
		return err
	}
	e.Data.ResultCode, e.Data.ResultSHA256 = r.Code, r.File.SHA256
	return nil
}

// revokeRejected revokes the result issued with a late "Có kết quả" that
// the leader refuses (e is late_rejected): that event never counts.
func revokeRejected(tx *Tx, events []motcua.Event, e *motcua.Event) error {
	if e.Type != motcua.EventLateRejected {
		return nil
	}
	for _, old := range events {
		if old.Seq != e.Data.RefSeq || old.Data.ResultCode == "" {
			continue
		}
		_, err := tx.exec(`UPDATE issued_results SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE code = ? AND revoked_at IS NULL`,
			ms(e.RecordedAt), nullID(e.ActorID), "Lãnh đạo không duyệt thao tác nhập muộn “Có kết quả”: "+e.Reason, old.Data.ResultCode)
		tx.db.verified.forget(old.Data.ResultCode)
		return err
	}
	return nil
}

// issue writes the issued result of ri.File (its row already kept), as a
// correction of result supersedes when not 0. A second valid result
// without superseding is refused.
func issue(tx *Tx, d *motcua.Dossier, ri *ResultIssue, userID, supersedes int64, reason string) (*motcua.IssuedResult, error) {
	if supersedes == 0 {
		var valid string
		err := tx.queryRow(`SELECT code FROM issued_results WHERE dossier_id = ? AND superseded_by_id IS NULL AND revoked_at IS NULL LIMIT 1`, d.ID).Scan(&valid)
		if err == nil {
			return nil, motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s đã có kết quả điện tử mã %s còn hiệu lực; muốn sửa, hãy phát hành kết quả thay thế kết quả đó.", d.Code, valid)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	code := ri.Code
	if code == "" {
		code = motcua.NewResultCode()
	}
	if !ri.ValidUntil.IsZero() && !ri.ValidUntil.After(ri.File.At) {
		return nil, motcua.FieldError("valid_until", "Thời hạn hiệu lực của kết quả (%s) phải sau ngày phát hành.", motcua.FormatDate(ri.ValidUntil))
	}
	r := &motcua.IssuedResult{Code: code, DossierID: d.ID, DossierCode: d.Code, File: *ri.File, UnitID: d.DecidingUnitID,
		IssuedAt: ri.File.At, Reason: reason, Status: motcua.ResultValid, ValidUntil: ri.ValidUntil}
	sup, by := nullID(supersedes), nullID(userID)
	if err := tx.queryRow(`INSERT INTO issued_results (code, dossier_id, result_file_id, unit_id, issued_at, issued_by, supersedes_id, reason, valid_until)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, code, d.ID, ri.File.ID, d.DecidingUnitID, ms(r.IssuedAt), by, sup, reason,
		ms(ri.ValidUntil)).Scan(&r.ID); err != nil {
		return nil, err
	}
	if supersedes != 0 {
		if _, err := tx.exec(`UPDATE issued_results SET superseded_by_id = ? WHERE id = ?`, r.ID, supersedes); err != nil {
			return nil, err
		}
	}
	tx.db.tracks.forget(d.Code) // the tracking answer names the valid result
	tx.db.verified.forget(code)
	return r, nil
}

// IssueResult issues an electronic result for a dossier whose result is
// recorded (ready or returned): the first one when it was recorded without
// a file, or a correction that supersedes the valid result named, with a
// reason. A dossier without its result, a second result that supersedes
// nothing, a correction of a result no longer valid: refused, nothing
// written.
func (db *DB) IssueResult(ctx context.Context, a *motcua.Actor, dossierID int64, supersedes, reason string, ri ResultIssue) (r *motcua.IssuedResult, err error) {
	defer motcua.Wrap(&err, "DB.IssueResult(%d)", dossierID)
	if ri.File == nil {
		return nil, motcua.FieldError("result_file", "Hãy đính kèm tệp kết quả.")
	}
	reason = motcua.NFC(reason)
	supersedes = motcua.NormalizeResultCode(supersedes)
	err = db.inTx(ctx, func(tx *Tx) error {
		d, err := visibleDossier(tx, a, dossierID)
		if err != nil {
			return err
		}
		if !a.CanIssueResult(d) {
			return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo hoặc chuyên viên của cơ quan giải quyết được phát hành kết quả điện tử.")
		}
		if d.State != motcua.StateResultReady && d.State != motcua.StateReturned {
			return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s chưa có kết quả giải quyết; chưa thể phát hành kết quả điện tử.", d.Code)
		}
		old, err := supersededResult(tx, d, supersedes, reason)
		if err != nil {
			return err
		}
		var seq int
		if err := tx.queryRow(`SELECT COALESCE(MAX(seq), 0) FROM events WHERE dossier_id = ? AND type = ?`, d.ID, motcua.EventResultReady).Scan(&seq); err != nil {
			return err
		}
		f := *ri.File
		f.Document, f.At = ResultDocument, db.now()
		if err := insertResultRow(tx, d.ID, seq, &f); err != nil {
			return err
		}
		ri.File = &f
		if r, err = issue(tx, d, &ri, a.User.ID, old, reason); err != nil {
			return err
		}
		r.Supersedes = supersedes
		tx.audit(motcua.AuditEntry{Actor: a.AuditName(), Action: "result.issued", Object: d.Code + " " + r.Code,
			Detail: "sha256=" + f.SHA256 + supersedeDetail(supersedes, reason)})
		return tx.redigitise(d.ID) // the result that counts, and whether it was pushed
	})
	if isUniqueViolation(err) {
		return nil, motcua.Errorf(motcua.ECONFLICT, "Kết quả này vừa được người khác thay thế hoặc mã kết quả đã dùng; hãy tải lại trang.")
	}
	db.verified.forget(supersedes) // after the commit: a read during it kept the old answer
	if r != nil {
		db.tracks.forget(r.DossierCode)
	}
	return r, err
}

func supersedeDetail(code, reason string) string {
	if code == "" {
		return ""
	}
	return "; supersedes " + code + ": " + reason
}

// supersededResult finds the valid result of d a correction supersedes
// (0 when it supersedes none); a correction needs a reason.
func supersededResult(tx *Tx, d *motcua.Dossier, code, reason string) (int64, error) {
	if code == "" {
		return 0, nil
	}
	if reason == "" {
		return 0, motcua.FieldError("reason", "Hãy nêu lý do thay thế kết quả %s.", code)
	}
	var id int64
	var by sql.NullInt64
	var revoked sql.NullInt64
	err := tx.queryRow(`SELECT id, superseded_by_id, revoked_at FROM issued_results WHERE code = ? AND dossier_id = ?`, code, d.ID).Scan(&id, &by, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, motcua.FieldError("supersedes", "Hồ sơ %s không có kết quả điện tử mã %s.", d.Code, code)
	}
	if err != nil {
		return 0, err
	}
	if by.Valid || revoked.Valid {
		return 0, motcua.Errorf(motcua.ENOTALLOWED, "Kết quả %s đã được thay thế hoặc đã bị thu hồi; chỉ thay thế được kết quả còn hiệu lực.", code)
	}
	return id, nil
}

// RevokeResult revokes a valid result of a dossier the actor's unit
// decides (its leader), with a reason.
func (db *DB) RevokeResult(ctx context.Context, a *motcua.Actor, code, reason string) (err error) {
	code, reason = motcua.NormalizeResultCode(code), motcua.NFC(reason)
	defer motcua.Wrap(&err, "DB.RevokeResult(%s)", code)
	if reason == "" {
		return motcua.FieldError("revoke_reason", "Hãy nêu lý do thu hồi kết quả.")
	}
	var dossierCode string
	defer func() { // after the commit too: a read during it kept the old answer
		db.verified.forget(code)
		db.tracks.forget(dossierCode)
	}()
	return db.inTx(ctx, func(tx *Tx) error {
		var dossierID int64
		err := tx.queryRow(`SELECT dossier_id FROM issued_results WHERE code = ?`, code).Scan(&dossierID)
		if errors.Is(err, sql.ErrNoRows) {
			return motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy kết quả mã %s.", code)
		}
		if err != nil {
			return err
		}
		d, err := getDossier(tx, `d.id = ?`, dossierID)
		if err != nil {
			return err
		}
		if !a.CanView(d) {
			return motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy kết quả mã %s.", code)
		}
		if !a.CanRevokeResult(d) {
			return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo cơ quan giải quyết được thu hồi kết quả.")
		}
		res, err := tx.exec(`UPDATE issued_results SET revoked_at = ?, revoked_by = ?, revoke_reason = ?
			WHERE code = ? AND revoked_at IS NULL AND superseded_by_id IS NULL`, ms(db.now()), a.User.ID, reason, code)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return cmpErr(err, motcua.Errorf(motcua.ENOTALLOWED, "Kết quả %s đã được thay thế hoặc đã bị thu hồi.", code))
		}
		tx.db.tracks.forget(d.Code)
		dossierCode = d.Code
		tx.db.verified.forget(code)
		tx.audit(motcua.AuditEntry{Actor: a.AuditName(), Action: "result.revoked", Object: d.Code + " " + code, Detail: reason})
		return tx.redigitise(d.ID) // no result counts any more
	})
}

// nullID is id, or NULL for 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// cmpErr is err, or otherwise when err is nil.
func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// DossierResults lists the issued results of a dossier the officer may
// see, oldest first, each with its status.
func (db *DB) DossierResults(ctx context.Context, a *motcua.Actor, dossierID int64) (list []motcua.IssuedResult, err error) {
	defer motcua.Wrap(&err, "DB.DossierResults(%d)", dossierID)
	err = db.readTx(ctx, func(tx *Tx) error {
		if _, err := visibleDossier(tx, a, dossierID); err != nil {
			return err
		}
		list, err = readResults(tx, `r.dossier_id = ?`, dossierID)
		return err
	})
	return list, err
}
