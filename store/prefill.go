package store

import (
	"context"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// Prefill records what a specialised system knows of an application (the
// applicant, the procedure, where): it waits in the one-stop's queue of
// submissions like an online filing, so the officer accepts it without
// typing it again. A second post with the same key is the same submission.
func (db *DB) Prefill(ctx context.Context, a *motcua.Actor, key string, s *motcua.Submission) (err error) {
	defer motcua.Wrap(&err, "DB.Prefill")
	if a.Client == nil || !a.CanReceive(s.UnitID) {
		return motcua.Errorf(motcua.EFORBIDDEN, "Hệ thống kết nối không được gửi hồ sơ tới đơn vị này.")
	}
	if strings.TrimSpace(key) == "" {
		return motcua.FieldError("key", "Thiếu mã hồ sơ của hệ thống gửi (key).")
	}
	c := motcua.Contact{Email: strings.ToLower(strings.TrimSpace(s.Applicant.Email))}
	if phone, err := motcua.NormalizePhone(s.Applicant.Phone); err == nil {
		c.Phone = phone
	}
	ik := intakeKey{key: clientKey(a.Client.ID, strings.TrimSpace(key)), hash: submissionHash(s)}
	if found, err := db.sameSubmission(ctx, ik, s); found || err != nil {
		return err
	}
	p, err := db.Procedure(ctx, s.ProcedureID)
	if err != nil {
		return motcua.FieldError("procedure_code", "%s", motcua.ErrorMessage(err))
	}
	u, err := db.Unit(ctx, s.UnitID)
	var parent motcua.UnitKind
	if err == nil {
		parent, err = db.parentKind(ctx, u)
	}
	if err != nil || !ledger.FilingUnit(p, u, parent) {
		return motcua.FieldError("unit_code", "Đơn vị này không tiếp nhận thủ tục %s.", p.Name)
	}
	if s.Applicant.Name = strings.TrimSpace(motcua.NFC(s.Applicant.Name)); s.Applicant.Name == "" {
		return motcua.FieldError("applicant", "Thiếu họ tên người nộp.")
	}
	s.ProcedureCode, s.ProcedureName = p.Code, p.Name
	if s.Delivery == "" {
		s.Delivery = motcua.DeliveryCounter
	}
	s.Note = strings.TrimSpace("Từ hệ thống " + a.Client.Name + ". " + s.Note)
	return db.insertSubmission(ctx, c, s, ik, false)
}
