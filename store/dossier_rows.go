package store

import (
	"context"
	"encoding/json"

	"github.com/motcua/motcua"
)

const dossierColumns = `d.id, d.code, d.procedure_id, d.version_id, p.code, v.name, d.receiving_unit_id, d.deciding_unit_id,
	d.current_unit_id, d.step, d.state, d.channel, d.applicant_name, d.applicant_id_number, d.applicant_address,
	d.applicant_phone, d.applicant_email, d.sets, d.documents, d.accepted_at, d.due_at, d.step_due_at, d.result_at,
	d.returned_at, d.paused_at, d.version, d.promised_at, d.pending_seq, d.pending_unit_id, d.tracking_secret, d.sent_at, d.closed_at, d.parts,
	d.return_unit_id, d.locality_unit_id, d.for_other, d.fee_total, d.fee_due_intake, d.fee_due_result`

const dossierFrom = ` FROM dossiers d JOIN procedures p ON p.id = d.procedure_id JOIN procedure_versions v ON v.id = d.version_id`

func scanDossier(row interface{ Scan(...any) error }) (*motcua.Dossier, error) {
	d, _, err := scanDossierParts(row)
	return d, err
}

// scanDossierParts scans a row and says how many linked parts it has.
func scanDossierParts(row interface{ Scan(...any) error }) (*motcua.Dossier, int, error) {
	d := &motcua.Dossier{}
	var parts int
	var docs string
	var accepted, due, stepDue, result, returned, paused, promised, pendingUnit, sent, closed int64
	var pendingSeq, forOther int
	var fees motcua.FeeBill
	a := &d.Applicant
	if err := row.Scan(&d.ID, &d.Code, &d.ProcedureID, &d.VersionID, &d.ProcedureCode, &d.ProcedureName,
		&d.ReceivingUnitID, &d.DecidingUnitID, &d.CurrentUnitID, &d.Step, &d.State, &d.Channel,
		&a.Name, &a.IDNumber, &a.Address, &a.Phone, &a.Email, &d.Sets, &docs,
		&accepted, &due, &stepDue, &result, &returned, &paused, &d.Version, &promised, &pendingSeq, &pendingUnit, &d.TrackingSecret, &sent, &closed, &parts,
		&d.ReturnUnitID, &d.LocalityUnitID, &forOther, &fees.Total, &fees.DueAtIntake, &fees.DueAtResult); err != nil {
		return nil, 0, err
	}
	d.AcceptedAt, d.DueAt, d.StepDueAt = fromMS(accepted), fromMS(due), fromMS(stepDue)
	d.ResultAt, d.ReturnedAt, d.PausedAt, d.PromisedAt = fromMS(result), fromMS(returned), fromMS(paused), fromMS(promised)
	d.SentAt, d.ClosedAt, d.ForOther = fromMS(sent), fromMS(closed), forOther != 0
	if d.ReturnUnitID == 0 {
		d.ReturnUnitID = d.ReceivingUnitID
	}
	if pendingSeq != 0 {
		d.Pending = &motcua.PendingEntry{Seq: pendingSeq, UnitID: pendingUnit}
	}
	if fees.Total != 0 {
		d.Fees = &fees // the totals; getDossier adds the lines from the ledger
	}
	return d, parts, json.Unmarshal([]byte(docs), &d.Documents)
}

// getDossier reads one dossier row and its linked parts (which widen its scope).
func getDossier(tx *Tx, where string, arg any) (*motcua.Dossier, error) {
	d, parts, err := scanDossierParts(tx.queryRow(`SELECT `+dossierColumns+dossierFrom+` WHERE `+where, arg))
	if err != nil {
		return d, notFound(err)
	}
	if d.Fees, d.Identity, err = acceptedFacts(tx, d.ID); err != nil || parts == 0 {
		return d, err
	}
	rows, err := tx.query(`SELECT seq, unit_id, kind, means, title, sent_at, due_at, returned_at FROM dossier_parts WHERE dossier_id = ? ORDER BY seq`, d.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p motcua.Part
		var sent, due, returned int64
		if err := rows.Scan(&p.Seq, &p.UnitID, &p.Kind, &p.Means, &p.Title, &sent, &due, &returned); err != nil {
			return nil, err
		}
		p.SentAt, p.DueAt, p.ReturnedAt = fromMS(sent), fromMS(due), fromMS(returned)
		d.Parts = append(d.Parts, p)
	}
	return d, rows.Err()
}

// syncSteps writes the steps of a replayed dossier from index from on: the
// steps before it are closed and never change.
func syncSteps(tx *Tx, d *motcua.Dossier, from int) error {
	for i := max(from, 0); i < len(d.Steps); i++ {
		st := d.Steps[i]
		if _, err := tx.exec(`INSERT INTO dossier_steps (dossier_id, idx, step, unit_id, giver_id, holder_id, started_at, due_at,
			ended_at, ended_by, grade) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dossier_id, idx) DO UPDATE SET
			due_at = excluded.due_at, ended_at = excluded.ended_at, ended_by = excluded.ended_by, grade = excluded.grade`,
			d.ID, i, st.Step, st.UnitID, st.GiverID, st.HolderID, ms(st.StartedAt), ms(st.DueAt), ms(st.EndedAt), st.EndedBy,
			string(st.Grade)); err != nil {
			return err
		}
	}
	return nil
}

// syncParts writes the linked parts of a replayed dossier: new ones are
// inserted, returned ones updated.
func syncParts(tx *Tx, d *motcua.Dossier) error {
	for _, p := range d.Parts {
		if _, err := tx.exec(`INSERT INTO dossier_parts (dossier_id, seq, unit_id, kind, means, title, sent_at, due_at, returned_at, returned_by, grade)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dossier_id, seq) DO UPDATE SET due_at = excluded.due_at, returned_at = excluded.returned_at,
			returned_by = excluded.returned_by, grade = excluded.grade`,
			d.ID, p.Seq, p.UnitID, string(p.Kind), string(p.Means), p.Title, ms(p.SentAt), ms(p.DueAt), ms(p.ReturnedAt), p.ReturnedBy, string(p.Grade)); err != nil {
			return err
		}
	}
	return nil
}

// dossierInsertColumns are the projection's columns insertDossiers writes.
const dossierInsertColumns = `code, procedure_id, version_id, receiving_unit_id, deciding_unit_id, current_unit_id, step, state,
	channel, applicant_name, applicant_key, applicant_id_number, applicant_address, applicant_phone, applicant_email, sets, documents,
	accepted_at, due_at, step_due_at, result_at, returned_at, paused_at, version, intake_key, tracking_secret, promised_at,
	pending_seq, pending_unit_id, sent_at, closed_at, parts, intake_hash, return_unit_id, locality_unit_id, for_other,
	fee_total, fee_due_intake, fee_due_result`

const dossierInsertWidth = 39

// dossierValues are d's values for dossierInsertColumns.
func dossierValues(d *motcua.Dossier, key intakeKey) ([]any, error) {
	docs, err := json.Marshal(d.Documents)
	if err != nil {
		return nil, err
	}
	var pendingSeq int
	var pendingUnit int64
	if d.Pending != nil {
		pendingSeq, pendingUnit = d.Pending.Seq, d.Pending.UnitID
	}
	a, fees := d.Applicant, feeTotals(d)
	return []any{d.Code, d.ProcedureID, d.VersionID, d.ReceivingUnitID, d.DecidingUnitID, d.CurrentUnitID, d.Step, string(d.State),
		string(d.Channel), a.Name, motcua.Fold(a.Name), a.IDNumber, a.Address, a.Phone, a.Email, d.Sets, string(docs),
		ms(d.AcceptedAt), ms(d.DueAt), ms(d.StepDueAt), ms(d.ResultAt), ms(d.ReturnedAt), ms(d.PausedAt), d.Version, key.key,
		d.TrackingSecret, ms(d.PromisedAt), pendingSeq, pendingUnit, ms(d.SentAt), ms(d.ClosedAt), len(d.Parts), key.hash,
		storedReturnUnit(d), d.LocalityUnitID, boolInt(d.ForOther), fees.total, fees.intake, fees.result}, nil
}

func insertDossier(tx *Tx, d *motcua.Dossier, key intakeKey) error {
	values, err := dossierValues(d, key)
	if err != nil {
		return err
	}
	if err := tx.queryRow(`INSERT INTO dossiers (`+dossierInsertColumns+`) VALUES (`+marks(dossierInsertWidth)+`) RETURNING id`,
		values...).Scan(&d.ID); err != nil {
		return err
	}
	tx.db.tracks.forget(d.Code) // a moment ago this code was unknown
	return tx.recount(nil, d)
}

// updateDossier writes the new projection d over cur, the row as read, if
// nobody changed the dossier since; otherwise it reports a conflict. The
// report counters move from what cur counted to what d counts.
func updateDossier(tx *Tx, cur, d *motcua.Dossier) error {
	var pendingSeq int
	var pendingUnit int64
	if d.Pending != nil {
		pendingSeq, pendingUnit = d.Pending.Seq, d.Pending.UnitID
	}
	res, err := tx.exec(`UPDATE dossiers SET current_unit_id = ?, step = ?, state = ?, due_at = ?, step_due_at = ?,
		result_at = ?, returned_at = ?, paused_at = ?, version = ?, promised_at = ?, pending_seq = ?, pending_unit_id = ?,
		sent_at = ?, closed_at = ?, parts = ?, deciding_unit_id = ?, return_unit_id = ? WHERE id = ? AND version = ?`,
		d.CurrentUnitID, d.Step, string(d.State), ms(d.DueAt), ms(d.StepDueAt), ms(d.ResultAt), ms(d.ReturnedAt),
		ms(d.PausedAt), d.Version, ms(d.PromisedAt), pendingSeq, pendingUnit, ms(d.SentAt), ms(d.ClosedAt), len(d.Parts),
		d.DecidingUnitID, storedReturnUnit(d), d.ID, cur.Version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return motcua.ErrDossierChanged(d.Code)
	}
	tx.db.tracks.forget(d.Code)
	return tx.recount(cur, d)
}

// Dossier returns a dossier the actor may see, and logs the read of its
// personal data. Dossiers outside the actor's scope are "not found".
func (db *DB) Dossier(ctx context.Context, a *motcua.Actor, id int64) (*motcua.Dossier, error) {
	return db.readDossier(ctx, a, `d.id = ?`, id)
}

// DossierByCode is Dossier by the official code.
func (db *DB) DossierByCode(ctx context.Context, a *motcua.Actor, code string) (*motcua.Dossier, error) {
	return db.readDossier(ctx, a, `d.code = ?`, motcua.NFC(code))
}

func (db *DB) readDossier(ctx context.Context, a *motcua.Actor, where string, arg any) (d *motcua.Dossier, err error) {
	defer motcua.Wrap(&err, "DB.Dossier(%v)", arg)
	err = db.inTx(ctx, func(tx *Tx) error {
		if d, err = getDossier(tx, where, arg); err != nil {
			return err
		}
		if !a.CanView(d) {
			return motcua.ErrDossierNotFound()
		}
		logAccess(tx, a, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// Timeline returns a visible dossier's events, oldest first.
func (db *DB) Timeline(ctx context.Context, a *motcua.Actor, d *motcua.Dossier) (events []motcua.Event, err error) {
	defer motcua.Wrap(&err, "DB.Timeline(%d)", d.ID)
	err = db.readTx(ctx, func(tx *Tx) error {
		stored, err := getDossier(tx, `d.id = ?`, d.ID) // scope from the row, not from what the caller holds
		if err != nil {
			return err
		}
		if !a.CanView(stored) {
			return motcua.ErrDossierNotFound()
		}
		events, err = listEvents(tx, d.ID)
		return err
	})
	return events, err
}

// MaxOffset bounds paging: nobody pages a million rows deep, and huge
// offsets overflow.
const MaxOffset = 1_000_000

// logAccess records a staff read of a dossier's personal data in the audit
// trail (domain.md §15).
func logAccess(tx *Tx, a *motcua.Actor, d *motcua.Dossier) {
	tx.audit(motcua.AuditEntry{Actor: a.AuditName(), Action: "dossier.read", Object: d.Code})
}

// storedReturnUnit is the return unit as the row keeps it: 0 when it is
// the receiving unit, so rows written before 07/2025 and after agree.
func storedReturnUnit(d *motcua.Dossier) int64 {
	if d.ReturnUnitID == d.ReceivingUnitID {
		return 0
	}
	return d.ReturnUnitID
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// writeSystemEvent writes a dossier replayed with an event the system
// appends (a due date recomputed, a succession): the row and its
// counters, the steps from the one in progress on, the parts, the event,
// and the notice it owes the applicant. cur is the replay before it.
func (db *DB) writeSystemEvent(tx *Tx, stored, cur, next *motcua.Dossier, e *motcua.Event) error {
	if err := updateDossier(tx, stored, next); err != nil {
		return err
	}
	if err := syncSteps(tx, next, len(cur.Steps)-1); err != nil {
		return err
	}
	if err := syncParts(tx, next); err != nil {
		return err
	}
	if err := insertEvent(tx, next, e); err != nil {
		return err
	}
	return db.dossierNotices(tx, stored, next, e)
}

// visibleDossier reads a dossier row the actor may see; another's answers
// as not found, so its existence is not disclosed.
func visibleDossier(tx *Tx, a *motcua.Actor, id int64) (*motcua.Dossier, error) {
	d, err := getDossier(tx, `d.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if !a.CanView(d) {
		return nil, motcua.ErrDossierNotFound()
	}
	return d, nil
}
