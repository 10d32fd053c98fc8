package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/ledger"
)

// Accept receives a complete dossier at the counter: it issues the dossier
// code (domain.md §10) and the promised date, and appends the acceptance
// event. Like Act, in one transaction: load the situation, let the ledger
// decide, write — so what was checked is what holds when it is written.
func (db *DB) Accept(ctx context.Context, a *motcua.Actor, in motcua.Intake) (d *motcua.Dossier, err error) {
	defer motcua.Wrap(&err, "DB.Accept")
	in.Identity = nil // earned in the store (identityFacts), never sent
	key := intakeKey{key: senderKey(a, in.Key), hash: intakeHash(in)}
	err = db.inTx(ctx, func(tx *Tx) (err error) {
		var fresh bool
		if d, fresh, err = db.accept(tx, a, in, key); err != nil || !fresh {
			return err
		}
		return db.waitingNotice(tx, d)
	})
	if isUniqueViolation(err) && key.key != "" { // the same form raced in twice
		return db.acceptedWithKey(ctx, a, key)
	}
	return d, err
}

// waitingNotice tells the applicant of a dossier just accepted at the
// counter or by post that it waits for the fees due at intake, how much
// and where to pay; nothing for any other. An online submission's
// acceptance notice says it instead (motcua.SubmissionNotice).
func (db *DB) waitingNotice(tx *Tx, d *motcua.Dossier) error {
	if d.State != motcua.StatePayment {
		return nil
	}
	return db.dossierNotices(tx, &motcua.Dossier{}, d, &motcua.Event{Type: motcua.EventAccepted, Seq: 1})
}

// intakeKey is the stored idempotency key of an intake (namespaced, see
// senderKey) and the fingerprint of the request that first used it.
type intakeKey struct{ key, hash string }

// accept is intake's one trip inside tx. A form sent again answers with the
// dossier it opened (fresh is false); otherwise the situation is loaded,
// ledger.Accept decides and the dossier is written.
func (db *DB) accept(tx *Tx, a *motcua.Actor, in motcua.Intake, key intakeKey) (d *motcua.Dossier, fresh bool, err error) {
	// The form and the sender's right come before the key, as they always
	// did: a form sent again is answered only to who may send it.
	// ledger.Accept admits it again (cheap), to stay whole on its own.
	if err := ledger.Admit(&in, a.CanReceive(in.UnitID)); err != nil {
		return nil, false, err
	}
	if d, err := keyedDossier(tx, a, key); d != nil || err != nil {
		return d, false, err
	}
	s, err := db.acceptSituation(tx, a, in)
	if err != nil {
		return nil, false, err
	}
	if in.Identity, err = identityFacts(tx, a, in); err != nil {
		return nil, false, err
	}
	d, e, err := ledger.Accept(s, in)
	if err != nil {
		return nil, false, err
	}
	d.TrackingSecret = newTrackingSecret()
	return d, true, db.insertAccepted(tx, d, e, key)
}

// insertAccepted writes an accepted dossier: its code, row, steps and event.
func (db *DB) insertAccepted(tx *Tx, d *motcua.Dossier, e *motcua.Event, key intakeKey) error {
	var err error
	if d.Code, err = db.nextCode(tx, e.Data.ReceivingUnitID, e.At); err != nil {
		return err
	}
	if err := insertDossier(tx, d, key); err != nil {
		return err
	}
	e.DossierID = d.ID
	if err := syncSteps(tx, d, 0); err != nil {
		return err
	}
	return insertEvent(tx, d, e)
}

// acceptedWithKey returns the dossier an earlier intake with key created,
// if any, in a transaction of its own: the answer to a form that raced in
// twice, once the other copy committed.
func (db *DB) acceptedWithKey(ctx context.Context, a *motcua.Actor, key intakeKey) (d *motcua.Dossier, err error) {
	err = db.inTx(ctx, func(tx *Tx) (err error) {
		d, err = keyedDossier(tx, a, key)
		return err
	})
	return d, err
}

// keyedDossier returns the dossier an earlier intake with key created, if
// any, and logs its read as Dossier does; a key first used for a different
// request is a conflict.
func keyedDossier(tx *Tx, a *motcua.Actor, key intakeKey) (*motcua.Dossier, error) {
	if key.key == "" {
		return nil, nil
	}
	var id int64
	var hash string
	err := tx.queryRow(`SELECT id, intake_hash FROM dossiers WHERE intake_key = ?`, key.key).Scan(&id, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if err := sameRequest(hash, key.hash); err != nil {
		return nil, err
	}
	d, err := getDossier(tx, `d.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if !a.CanView(d) {
		return nil, motcua.ErrDossierNotFound()
	}
	logAccess(tx, a, d)
	return d, nil
}

// nextCode issues <unit code>-<YYMMDD>-<NNNN> with a per-unit, per-day
// sequence; the upsert serialises concurrent intake on both engines.
func (db *DB) nextCode(tx *Tx, unitID int64, at time.Time) (string, error) {
	u, err := db.Unit(tx.ctx, unitID)
	if err != nil {
		return "", err
	}
	day := at.In(motcua.VN).Format("060102")
	var n int
	if err := tx.queryRow(`INSERT INTO dossier_counters (unit_id, day, last) VALUES (?, ?, 1)
		ON CONFLICT (unit_id, day) DO UPDATE SET last = dossier_counters.last + 1 RETURNING last`, unitID, day).Scan(&n); err != nil {
		return "", err
	}
	if n > 9999 {
		return "", motcua.Errorf(motcua.ENOTALLOWED, "Đơn vị đã tiếp nhận quá 9.999 hồ sơ trong ngày; không thể cấp thêm mã.")
	}
	return fmt.Sprintf("%s-%s-%04d", u.Code, day, n), nil
}

// Act appends an action to a dossier after checking the policy and the
// rules. A stale version is a conflict: the officer reloads and sees why.
func (db *DB) Act(ctx context.Context, a *motcua.Actor, act motcua.Action) (d *motcua.Dossier, err error) {
	defer motcua.Wrap(&err, "DB.Act(%d, %s)", act.DossierID, act.Type)
	return db.act(ctx, a, act, nil)
}

// act appends the action and, with the result recorded, the electronic
// result attached to it (store/result_files.go), in one transaction.
func (db *DB) act(ctx context.Context, a *motcua.Actor, act motcua.Action, result *ResultIssue) (d *motcua.Dossier, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		cur, stored, events, p, cal, err := db.loadForAction(tx, act.DossierID)
		if err != nil {
			return err
		}
		if !a.CanView(cur) {
			return motcua.ErrDossierNotFound()
		}
		// The rules first: a stale version is a conflict and an unknown action
		// is invalid, whoever asks; only then whether this actor may do it.
		units, err := db.actionUnits(tx.ctx, act)
		if err != nil {
			return err
		}
		owed, err := owedAtResult(tx, act)
		if err != nil {
			return err
		}
		e, err := ledger.Decide(cur, act, ledger.Situation{Procedure: p, Calendar: cal, Rules: db.Rules,
			LastAt: ledger.LastAt(events), Now: db.now(), Units: units, OwedAtResult: owed})
		if err != nil {
			return err
		}
		if err := a.CanAct(act, cur, p.Steps); err != nil {
			return err
		}
		if err := db.partUnitInForce(tx.ctx, &e); err != nil {
			return err
		}
		e.ActorID, e.UnitID = a.User.ID, motcua.ActingUnit(act, cur)
		d, err = db.appendEvent(tx, loaded{cur, stored, events, p, cal}, e, result)
		return err
	})
	if isUniqueViolation(err) {
		return nil, motcua.ErrDossierChanged("")
	}
	return d, err
}

// loaded is a dossier as loadForAction reads it for an event.
type loaded struct {
	cur, stored *motcua.Dossier
	events      []motcua.Event
	p           *motcua.Procedure
	cal         *calendar.Calendar
}

// appendEvent writes e, decided on l, and what it changes: the replayed
// row, its parts and steps, the applicant's notice, the ledger and the
// outbox; with a result recorded, its electronic file.
func (db *DB) appendEvent(tx *Tx, l loaded, e motcua.Event, result *ResultIssue) (*motcua.Dossier, error) {
	cur := l.cur
	next, clock, err := ledger.Replay(baseOf(cur), append(l.events, e), l.p, l.cal)
	if err != nil {
		return nil, err
	}
	ledger.Stamp(&e, &next, clock)
	if err := insertResultFile(tx, cur, &e, result); err != nil {
		return nil, err
	}
	if err := revokeRejected(tx, l.events, &e); err != nil {
		return nil, err
	}
	if err := updateDossier(tx, l.stored, &next); err != nil {
		return nil, err
	}
	if err := syncParts(tx, &next); err != nil {
		return nil, err
	}
	if err := syncSteps(tx, &next, len(cur.Steps)-1); err != nil {
		return nil, err
	}
	if err := db.dossierNotices(tx, cur, &next, motcua.AnnouncedEvent(l.events, &e, cur)); err != nil {
		return nil, err
	}
	return &next, insertEvent(tx, &next, &e)
}

// History returns a visible dossier replayed in full (steps taken, linked
// parts, a pending late entry), its events and its procedure version, and
// logs the read of its personal data as Dossier does.
func (db *DB) History(ctx context.Context, a *motcua.Actor, id int64) (d *motcua.Dossier, events []motcua.Event, p *motcua.Procedure, err error) {
	defer motcua.Wrap(&err, "DB.History(%d)", id)
	err = db.inTx(ctx, func(tx *Tx) error {
		d, _, events, p, _, err = db.loadForAction(tx, id)
		if err != nil {
			return err
		}
		if !a.CanView(d) {
			return motcua.ErrDossierNotFound()
		}
		logAccess(tx, a, d)
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return d, events, p, nil
}

// actionUnits are the units a transfer names, for the rules to check.
func (db *DB) actionUnits(ctx context.Context, act motcua.Action) (map[int64]*motcua.Unit, error) {
	if act.ToUnitID == 0 && act.ReturnUnitID == 0 {
		return nil, nil
	}
	t, err := db.tree(ctx)
	if err != nil {
		return nil, err
	}
	out := map[int64]*motcua.Unit{}
	for _, id := range []int64{act.ToUnitID, act.ReturnUnitID} {
		if u := t.byID[id]; u != nil {
			out[id] = u
		}
	}
	return out, nil
}

// loadForAction reads a dossier for an action: replayed in full from its
// events, and as stored (what the report counters counted).
func (db *DB) loadForAction(tx *Tx, id int64) (cur, stored *motcua.Dossier, events []motcua.Event, p *motcua.Procedure, cal *calendar.Calendar, err error) {
	if stored, err = getDossier(tx, `d.id = ?`, id); err != nil {
		return nil, nil, nil, nil, nil, err
	}
	if events, err = listEvents(tx, id); err != nil {
		return nil, nil, nil, nil, nil, err
	}
	if p, err = db.ProcedureVersion(tx.ctx, stored.VersionID); err != nil {
		return nil, nil, nil, nil, nil, err
	}
	if cal, err = db.Calendar(tx.ctx, stored.ReceivingUnitID); err != nil {
		return nil, nil, nil, nil, nil, err
	}
	d, _, err := ledger.Replay(baseOf(stored), events, p, cal)
	return &d, stored, events, p, cal, err
}

// baseOf keeps what events do not carry: identity and procedure names.
func baseOf(d *motcua.Dossier) motcua.Dossier {
	return motcua.Dossier{ID: d.ID, Code: d.Code, ProcedureID: d.ProcedureID, ProcedureCode: d.ProcedureCode, ProcedureName: d.ProcedureName,
		TrackingSecret: d.TrackingSecret}
}

// now is the store's clock at the precision and zone it keeps.
func (db *DB) now() time.Time { return ledger.Instant(db.Now()) }

// Refuse records a refusal at intake (form 03). No dossier is created.
func (db *DB) Refuse(ctx context.Context, a *motcua.Actor, r *motcua.Refusal) (err error) {
	defer motcua.Wrap(&err, "DB.Refuse")
	in := motcua.Intake{ProcedureID: r.ProcedureID, UnitID: r.UnitID, Channel: motcua.ChannelCounter, Applicant: r.Applicant, At: r.At, Reason: r.Reason}
	if err := ledger.CleanIntake(&in); err != nil {
		return err
	}
	if in.Reason == "" {
		return motcua.FieldError("reason", "Phải ghi rõ lý do từ chối tiếp nhận.")
	}
	if !a.CanReceive(r.UnitID) {
		return motcua.Errorf(motcua.EFORBIDDEN, "Bạn không có quyền tiếp nhận hồ sơ tại đơn vị này.")
	}
	if _, err := db.Procedure(ctx, r.ProcedureID); err != nil {
		return motcua.FieldError("procedure", "Thủ tục hành chính đã chọn không tồn tại hoặc đã bị bãi bỏ.")
	}
	now := db.now()
	at, err := ledger.ActionInstant(r.At, in.Reason, time.Time{}, now)
	if err != nil {
		return err
	}
	r.Applicant, r.Reason, r.At, r.RecordedAt, r.ActorID = in.Applicant, in.Reason, at, now, a.User.ID
	return db.inTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`INSERT INTO intake_refusals (unit_id, procedure_id, applicant_name, applicant_id_number,
			applicant_address, applicant_phone, reason, at, recorded_at, actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			r.UnitID, r.ProcedureID, r.Applicant.Name, r.Applicant.IDNumber, r.Applicant.Address, r.Applicant.Phone,
			r.Reason, ms(r.At), ms(now), r.ActorID).Scan(&r.ID)
	})
}

// insertEvent appends e, which left the dossier as d, to the ledger and
// publishes it (store/outbox.go) in the same transaction.
func insertEvent(tx *Tx, d *motcua.Dossier, e *motcua.Event) error {
	data, err := json.Marshal(e.Data)
	if err != nil {
		return err
	}
	if err := tx.queryRow(`INSERT INTO events (dossier_id, seq, type, at, recorded_at, actor_id, unit_id, reason, data)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, e.DossierID, e.Seq, string(e.Type), ms(e.At), ms(e.RecordedAt),
		e.ActorID, e.UnitID, e.Reason, string(data)).Scan(&e.ID); err != nil {
		return err
	}
	tx.audit(motcua.AuditEntry{Action: "event." + string(e.Type), Object: d.Code, Detail: e.Reason})
	if err := publish(tx, d, e); err != nil {
		return err
	}
	// Every event may change a digital fact (an intake, a result and
	// which result counts, a late entry approved, the deciding unit): the
	// indicators' counters follow in this transaction.
	if e.Seq == 1 {
		return tx.digitiseNew(d)
	}
	return tx.redigitise(e.DossierID)
}

func listEvents(tx *Tx, dossierID int64) ([]motcua.Event, error) {
	rows, err := tx.query(`SELECT e.id, e.dossier_id, e.seq, e.type, e.at, e.recorded_at, e.actor_id, COALESCE(u.full_name, ''),
		e.unit_id, e.reason, e.data FROM events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.dossier_id = ? ORDER BY e.seq`, dossierID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []motcua.Event
	for rows.Next() {
		var e motcua.Event
		var at, rec int64
		var data string
		if err := rows.Scan(&e.ID, &e.DossierID, &e.Seq, &e.Type, &at, &rec, &e.ActorID, &e.ActorName, &e.UnitID, &e.Reason, &data); err != nil {
			return nil, err
		}
		e.At, e.RecordedAt = fromMS(at), fromMS(rec)
		if err := json.Unmarshal([]byte(data), &e.Data); err != nil {
			return nil, fmt.Errorf("event %d data: %w", e.ID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, motcua.ErrDossierNotFound()
	}
	return out, nil
}

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return motcua.ErrDossierNotFound()
	}
	return err
}

// trackingAlphabet avoids letters a citizen would misread from paper (0/O, 1/I/L).
const trackingAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// newTrackingSecret: 8 characters of 31, about 40 bits — with the
// per-address and per-code rate limits of the portal, not guessable.
func newTrackingSecret() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	for i := range b {
		b[i] = trackingAlphabet[int(b[i])%len(trackingAlphabet)]
	}
	return string(b)
}
