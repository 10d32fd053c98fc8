package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/motcua/motcua"
)

// EntryNo is the dossier's entry number in its receiving unit's register
// (Sổ theo dõi hồ sơ) of the year it was accepted: the receipt prints it.
func (db *DB) EntryNo(ctx context.Context, d *motcua.Dossier) (n int, err error) {
	defer motcua.Wrap(&err, "DB.EntryNo(%s)", d.Code)
	y := d.AcceptedAt.In(motcua.VN).Year()
	from := time.Date(y, 1, 1, 0, 0, 0, 0, motcua.VN)
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT COUNT(*) FROM dossiers WHERE receiving_unit_id = ? AND accepted_at >= ?
			AND (accepted_at < ? OR (accepted_at = ? AND id <= ?))`,
			d.ReceivingUnitID, ms(from), ms(d.AcceptedAt), ms(d.AcceptedAt), d.ID).Scan(&n)
	})
	return n, err
}

// MaxRegisterRows bounds one printed register; a longer period is printed
// in parts.
const MaxRegisterRows = 20000

// Register lists the dossiers a unit received in [from, to), in the order
// of the book (form 07). Each dossier appears once, linked ones included.
// Reading it is a read of their personal data, logged per dossier.
func (db *DB) Register(ctx context.Context, a *motcua.Actor, unitID int64, from, to time.Time) (rows []*motcua.Dossier, err error) {
	defer motcua.Wrap(&err, "DB.Register(%d)", unitID)
	if !a.Handles(unitID) {
		return nil, motcua.Errorf(motcua.EFORBIDDEN, "Bạn không có quyền xem sổ theo dõi hồ sơ của đơn vị này.")
	}
	if !to.After(from) {
		return nil, motcua.FieldError("to", "Ngày kết thúc phải sau ngày bắt đầu.")
	}
	cond := ` WHERE d.receiving_unit_id = ? AND d.accepted_at >= ? AND d.accepted_at < ?`
	args := []any{unitID, ms(from), ms(to)}
	err = db.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(`SELECT COUNT(*) FROM dossiers d`+cond, args...).Scan(&n); err != nil {
			return err
		}
		if n > MaxRegisterRows {
			return motcua.Errorf(motcua.EINVALID, "Kỳ đã chọn có %s hồ sơ, quá %s dòng của một lần in; hãy chọn kỳ ngắn hơn.",
				motcua.FormatInt(int64(n)), motcua.FormatInt(MaxRegisterRows))
		}
		if rows, err = queryDossiers(tx, cond+` ORDER BY d.accepted_at, d.id`, args...); err != nil {
			return err
		}
		for _, d := range rows {
			tx.audit(motcua.AuditEntry{Actor: a.AuditName(), Action: "register.read", Object: d.Code})
		}
		return nil
	})
	return rows, err
}

// RefusalByID returns a refusal at intake the actor may see (their
// receiving unit's), for printing form 03.
func (db *DB) RefusalByID(ctx context.Context, a *motcua.Actor, id int64) (r *motcua.Refusal, actorName string, err error) {
	defer motcua.Wrap(&err, "DB.RefusalByID(%d)", id)
	r = &motcua.Refusal{ID: id}
	var at, rec int64
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT r.unit_id, r.procedure_id, r.applicant_name, r.applicant_id_number, r.applicant_address,
			r.applicant_phone, r.reason, r.at, r.recorded_at, r.actor_id, COALESCE(u.full_name, '')
			FROM intake_refusals r LEFT JOIN users u ON u.id = r.actor_id WHERE r.id = ?`, id).
			Scan(&r.UnitID, &r.ProcedureID, &r.Applicant.Name, &r.Applicant.IDNumber, &r.Applicant.Address,
				&r.Applicant.Phone, &r.Reason, &at, &rec, &r.ActorID, &actorName)
	})
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !a.Handles(r.UnitID)) {
		return nil, "", motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy phiếu từ chối tiếp nhận này.")
	} else if err != nil {
		return nil, "", err
	}
	r.At, r.RecordedAt = fromMS(at), fromMS(rec)
	// Form 03 names the applicant: printing it is a read of personal data.
	err = db.inTx(ctx, func(tx *Tx) error {
		tx.audit(motcua.AuditEntry{Actor: a.AuditName(), Action: "refusal.read", Object: "refusal:" + strconv.FormatInt(id, 10)})
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return r, actorName, nil
}
