package store

import (
	"context"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// AddSuccession records who takes over a dissolved unit's competence from
// a date (motcua.Succession). The unit and the successor must exist; one
// row per unit and field.
func (db *DB) AddSuccession(ctx context.Context, s *motcua.Succession) (err error) {
	defer motcua.Wrap(&err, "DB.AddSuccession(%d)", s.UnitID)
	s.Field, s.Basis = motcua.NFC(s.Field), motcua.NFC(s.Basis)
	t, err := db.tree(ctx)
	if err != nil {
		return err
	}
	switch {
	case t.byID[s.UnitID] == nil:
		return motcua.FieldError("unit", "Đơn vị giải thể không tồn tại.")
	case s.SuccessorID != 0 && t.byID[s.SuccessorID] == nil:
		return motcua.FieldError("successor", "Đơn vị kế thừa không tồn tại.")
	case s.SuccessorID == s.UnitID:
		return motcua.FieldError("successor", "Đơn vị kế thừa phải khác đơn vị giải thể.")
	case s.From.IsZero():
		return motcua.FieldError("valid_from", "Phải ghi ngày chuyển giao.")
	case s.Basis == "":
		return motcua.FieldError("basis", "Phải ghi căn cứ pháp lý của việc chuyển giao.")
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`INSERT INTO unit_successions (unit_id, field, successor_id, valid_from, basis) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			s.UnitID, s.Field, s.SuccessorID, ms(s.From), s.Basis).Scan(&s.ID)
	})
	if isUniqueViolation(err) {
		return motcua.FieldError("field", "Đơn vị này đã có đơn vị kế thừa cho lĩnh vực %q.", s.Field)
	}
	return err
}

// Successions lists every recorded succession, by unit and field.
func (db *DB) Successions(ctx context.Context) (out []motcua.Succession, err error) {
	defer motcua.Wrap(&err, "DB.Successions")
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT id, unit_id, field, successor_id, valid_from, basis FROM unit_successions ORDER BY unit_id, field`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s motcua.Succession
			var from int64
			if err := rows.Scan(&s.ID, &s.UnitID, &s.Field, &s.SuccessorID, &from, &s.Basis); err != nil {
				return err
			}
			s.From = fromMS(from)
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, err
}

// SuccessionReport is what ApplySuccessions did at an instant: the
// dossiers handed to the successor of their dissolved unit, and those no
// successor could be found for, to be transferred by hand (db.Act with
// EventTransferred) with the reason.
type SuccessionReport struct {
	At     time.Time
	Moved  []SuccessionMove
	Manual []SuccessionMove
}

// SuccessionMove is one running dossier of a dissolved unit: its units
// before, after (zero: unchanged, or not moved) and the legal basis; or,
// for a manual one, why no successor was found.
type SuccessionMove struct {
	DossierID      int64
	Code           string
	Procedure      string
	DecidingUnitID int64
	ReturnUnitID   int64
	ToUnitID       int64
	ToReturnUnitID int64
	Basis          string
	Reason         string
}

// ApplySuccessions hands each running dossier (processing, waiting for a
// supplement, or with its result ready) whose deciding or return unit is
// no longer in force at the instant to that unit's successor
// (ledger.Successor), one transaction and one transferred event per
// dossier, at the later of the instant and the dossier's last event; the
// due date and the grading stay. A dossier already handed over is not
// found again, so a second run adds nothing.
func (db *DB) ApplySuccessions(ctx context.Context, at time.Time) (r SuccessionReport, err error) {
	defer motcua.Wrap(&err, "DB.ApplySuccessions(%s)", motcua.FormatDateTime(at))
	r.At = ledger.Instant(at)
	ss, err := db.Successions(ctx)
	if err != nil {
		return r, err
	}
	t, err := db.tree(ctx)
	if err != nil {
		return r, err
	}
	org := ledger.NewOrganisation(t.all)
	var ids []int64
	err = db.readTx(ctx, func(tx *Tx) (err error) {
		ids, err = column[int64](tx, `SELECT id FROM dossiers WHERE state IN ('processing', 'supplement', 'payment', 'result_ready')
			AND (deciding_unit_id IN (SELECT id FROM units WHERE valid_to > 0 AND valid_to <= ?)
			OR (CASE WHEN return_unit_id = 0 THEN receiving_unit_id ELSE return_unit_id END) IN
				(SELECT id FROM units WHERE valid_to > 0 AND valid_to <= ?)) ORDER BY id`, ms(r.At), ms(r.At))
		return err
	})
	for _, id := range ids {
		if err != nil {
			break
		}
		var m *SuccessionMove
		if m, err = db.succeedOne(ctx, id, r.At, ss, org); err != nil || m == nil {
			continue
		}
		if m.Reason != "" {
			r.Manual = append(r.Manual, *m)
		} else {
			r.Moved = append(r.Moved, *m)
		}
	}
	return r, err
}

// succeedOne hands one dossier over in its own transaction, as
// recomputeOne moves a due date: replay, the event, the row, its steps
// and parts. A dossier no successor is found for comes back with the
// reason and nothing written.
func (db *DB) succeedOne(ctx context.Context, id int64, at time.Time, ss []motcua.Succession, org *ledger.Organisation) (m *SuccessionMove, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		cur, stored, events, p, cal, err := db.loadForAction(tx, id)
		if err != nil {
			return err
		}
		m = &SuccessionMove{DossierID: id, Code: cur.Code, Procedure: cur.ProcedureName, DecidingUnitID: cur.DecidingUnitID,
			ReturnUnitID: cur.ReturnUnit()}
		instant := later(at, ledger.LastAt(events))
		c := ledger.SuccessionCase{Dossier: cur, Procedure: p, At: instant, Successions: ss, Org: org}
		if c.Versions, c.Decisions, err = db.versionsByCode(tx, p.Code, instant); err != nil {
			return err
		}
		tr, err := ledger.Successor(c)
		if tr == nil && err == nil {
			m = nil
			return nil
		}
		var e motcua.Event
		if err == nil {
			e, err = ledger.TransferEvent(cur, *tr)
		}
		if err != nil {
			if motcua.ErrorCode(err) == motcua.EINTERNAL {
				return err
			}
			m.Reason = motcua.ErrorMessage(err)
			return nil
		}
		e.RecordedAt = later(e.At, db.now())
		next, clock, err := ledger.Replay(baseOf(cur), append(events, e), p, cal)
		if err != nil {
			return err
		}
		ledger.Stamp(&e, &next, clock)
		m.ToUnitID, m.ToReturnUnitID, m.Basis = e.Data.DecidingUnitID, e.Data.ReturnUnitID, e.Reason
		return db.writeSystemEvent(tx, stored, cur, &next, &e)
	})
	return m, err
}

// versionsByCode are the versions in force at t of every procedure with
// the national code, at any level (the catalogue's identity is code and
// level), and the decisions that published them as printed.
func (db *DB) versionsByCode(tx *Tx, code string, t time.Time) ([]*motcua.Procedure, map[int64]string, error) {
	ids, err := column[int64](tx, `SELECT id FROM procedures WHERE code = ? ORDER BY id`, code)
	if err != nil {
		return nil, nil, err
	}
	var out []*motcua.Procedure
	decisions := map[int64]string{}
	for _, id := range ids {
		v, err := db.VersionAt(tx.ctx, id, t)
		if motcua.ErrorCode(err) == motcua.ENOTFOUND || motcua.ErrorCode(err) == motcua.ENOTALLOWED {
			continue // not yet, or no longer, in force at t
		} else if err != nil {
			return nil, nil, err
		}
		out = append(out, v)
		if v.DecisionID != 0 && decisions[v.DecisionID] == "" {
			dec, err := getDecision(tx, v.DecisionID)
			if err != nil {
				return nil, nil, err
			}
			decisions[v.DecisionID] = "Quyết định " + dec.Number
			if !dec.SignedOn.IsZero() {
				decisions[v.DecisionID] += " ngày " + motcua.FormatDate(dec.SignedOn)
			}
		}
	}
	return out, decisions, nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
