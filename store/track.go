package store

import (
	"bytes"
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/motcua/motcua"
)

// Tracking is the portal's busiest read: citizens refresh it, kiosks poll
// it. Answers are kept a moment in memory by code (design.md §6 asks for
// half a hello-world handler's rate); the verification factor is checked
// on every request against the kept record, and a write to the dossier in
// this process drops it at once. Another instance's write shows within
// trackTTL.
const (
	trackTTL     = 2 * time.Second
	trackEntries = 100_000
)

// trackRecord is what tracking needs of a dossier: the public answer and
// the factors that open it.
type trackRecord struct {
	t      *motcua.Tracking
	secret string // the receipt's secret
	phone4 string // the last four digits of the applicant's phone, if any
	at     time.Time
	stamp  trackStamp // what the probe compares
}

// trackStamp is what changes when a dossier's public answer may: its
// version (every event), its rating, an erasure of its applicant.
type trackStamp struct {
	version, rated int
	erased         int64
}

type trackCache struct {
	mu sync.RWMutex
	m  map[string]*trackRecord // by code; a record without t: no such dossier
}

// get returns the kept record and whether it is fresh (younger than
// trackTTL); an older one must be confirmed by a probe.
func (c *trackCache) get(code string, now time.Time) (r *trackRecord, fresh bool) {
	c.mu.RLock()
	r = c.m[code]
	c.mu.RUnlock()
	return r, r != nil && now.Sub(r.at) <= trackTTL
}

func (c *trackCache) put(code string, r *trackRecord) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*trackRecord{}
	}
	if len(c.m) >= trackEntries { // full: start afresh rather than track ages
		clear(c.m)
	}
	c.m[code] = r
}

// forget drops a dossier's answer after a write.
func (c *trackCache) forget(code string) {
	c.mu.Lock()
	delete(c.m, code)
	c.mu.Unlock()
}

// Track answers the holder of a dossier's code and its verification
// factor — the secret of the receipt and its QR code, or the last four
// digits of the applicant's phone — with where it is, step by step. An
// unknown code and a wrong factor get the same answer; nothing personal
// is shown beyond the applicant's initials. The answer is shared: callers
// must not change it.
func (db *DB) Track(ctx context.Context, code, secret string) (t *motcua.Tracking, err error) {
	code, secret = motcua.NormalizeTrackCode(code), motcua.NormalizeTrackSecret(secret)
	r, fresh := db.tracks.get(code, time.Now())
	if !fresh {
		if r, err = db.refreshTrack(ctx, code, r); err != nil {
			return nil, fmt.Errorf("DB.Track: %w", err)
		}
		db.tracks.put(code, r)
	}
	if r.t == nil || !r.opens(secret) {
		return nil, errTrackNotFound
	}
	return r.t, nil
}

var errTrackNotFound = motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy hồ sơ với mã và thông tin xác thực đã nhập.")

// opens checks the verification factor in constant time.
func (r *trackRecord) opens(secret string) bool {
	secret = motcua.NormalizeTrackSecret(secret)
	if motcua.WeakFactor(secret) {
		return r.phone4 != "" && subtle.ConstantTimeCompare([]byte(r.phone4), []byte(secret)) == 1
	}
	return r.secret != "" && subtle.ConstantTimeCompare([]byte(r.secret), []byte(secret)) == 1
}

// refreshTrack renews a kept record whose dossier has not changed, by a
// probe of one index lookup, or reads it afresh: an answer is never older
// than trackTTL, and a popular dossier costs a probe, not the full read.
func (db *DB) refreshTrack(ctx context.Context, code string, kept *trackRecord) (*trackRecord, error) {
	if kept != nil && kept.t != nil {
		stmt, err := db.prepared(&db.probePrepared, trackProbe)
		if err != nil {
			return nil, err
		}
		var now trackStamp
		err = stmt.QueryRowContext(ctx, code).Scan(&now.version, &now.rated, &now.erased)
		if err == nil && now == kept.stamp {
			renewed := *kept
			renewed.at = time.Now()
			return &renewed, nil
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	return db.loadTrack(ctx, code)
}

// trackProbe reads a dossier's stamp.
const trackProbe = `SELECT d.version, (SELECT COUNT(*) FROM ratings r WHERE r.dossier_id = d.id), d.erased_at FROM dossiers d WHERE d.code = ?`

// trackQuery reads a dossier's public facts and its events in one
// statement: without a transaction (a single statement reads one
// snapshot), which tracking's rate needs.
const trackQuery = `SELECT d.code, v.name, d.applicant_name, d.applicant_phone, d.tracking_secret, d.state,
	d.accepted_at, d.due_at, d.promised_at, d.result_at, d.returned_at, d.paused_at,
	(SELECT COUNT(*) FROM ratings r WHERE r.dossier_id = d.id), d.version, d.erased_at,
	d.receiving_unit_id, d.deciding_unit_id, d.return_unit_id, d.for_other, d.fee_total, d.fee_due_intake, d.fee_due_result,
	e.seq, e.type, e.at, e.unit_id, e.reason, e.data
	FROM dossiers d JOIN procedure_versions v ON v.id = d.version_id JOIN events e ON e.dossier_id = d.id
	WHERE d.code = ? ORDER BY e.seq`

// loadTrack reads a dossier's public answer; a record without one when
// there is no such code. It reads only what the answer shows (no
// documents, no officers).
func (db *DB) loadTrack(ctx context.Context, code string) (*trackRecord, error) {
	stmt, err := db.prepared(&db.trackPrepared, trackQuery)
	if err != nil {
		return nil, err
	}
	rows, err := stmt.QueryContext(ctx, code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := &motcua.Tracking{}
	var name, phone, secret string
	var accepted, due, promised, result, returned, paused int64
	var stamp trackStamp
	var places trackPlaces
	var events []motcua.Event
	for rows.Next() {
		var e motcua.Event
		var at int64
		var data []byte
		if err := rows.Scan(&t.Code, &t.ProcedureName, &name, &phone, &secret, &t.State, &accepted, &due, &promised, &result, &returned,
			&paused, &stamp.rated, &stamp.version, &stamp.erased,
			&places.receiving, &places.deciding, &places.returning, &places.forOther, &t.FeeTotal, &t.FeeDueAtIntake, &t.FeeDueAtResult, &e.Seq, &e.Type, &at, &e.UnitID, &e.Reason, &data); err != nil {
			return nil, err
		}
		e.At = fromMS(at)
		if e.Seq == 1 && bytes.Contains(data, vneidMark) { // spares decoding the acceptance, as decodeShown does
			t.VNeID = true
		}
		if err := decodeShown(&e, data); err != nil {
			return nil, fmt.Errorf("event %d of %s: %w", e.Seq, code, err)
		}
		events = append(events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(events) == 0 {
		return &trackRecord{at: time.Now()}, nil
	}
	t.Rated = stamp.rated > 0
	t.Initials = motcua.Initials(name)
	t.AcceptedAt, t.DueAt, t.PromisedAt, t.ResultAt, t.ReturnedAt = fromMS(accepted), fromMS(due), fromMS(promised), fromMS(result), fromMS(returned)
	done := t.ResultAt
	if done.IsZero() {
		done = db.now()
	}
	// Late as Biểu II.06a reads it: a dossier paused for additions before
	// its due date is not late while it waits.
	pausedInTime := t.State.Paused() && paused != 0 && paused <= due
	t.Late = t.State != motcua.StateWithdrawn && t.State != motcua.StateStopped && !pausedInTime && done.After(t.DueAt)
	if t.State.Paused() {
		t.PausedAt = fromMS(paused)
	}
	for _, e := range events {
		if e.Type == motcua.EventSupplementReceived {
			t.ResumedAt = e.At
		}
	}
	if t.Steps, err = db.publicSteps(ctx, events); err != nil {
		return nil, err
	}
	db.trackPlaces(ctx, t, places, events)
	if t.State == motcua.StateResultReady || t.State == motcua.StateReturned {
		if t.ResultCode, err = validResultCode(ctx, db, t.Code); err != nil {
			return nil, err
		}
	}
	r := &trackRecord{t: t, secret: secret, at: time.Now(), stamp: stamp}
	if phone, err := motcua.NormalizePhone(phone); err == nil {
		r.phone4 = phone[len(phone)-4:]
	}
	return r, nil
}

// prepared is query prepared once into *slot (not under a request's
// context, whose end would spoil it); a failure is tried again on the next
// lookup.
func (db *DB) prepared(slot **sql.Stmt, query string) (*sql.Stmt, error) {
	db.trackMu.Lock()
	defer db.trackMu.Unlock()
	if *slot == nil {
		stmt, err := db.sql.Prepare(db.rebind(query))
		if err != nil {
			return nil, err
		}
		*slot = stmt
	}
	return *slot, nil
}

// decodeShown decodes an event's payload only for the kinds whose details
// tracking shows, or when it may mark a late entry.
// vneidMark is how the acceptance event's data says its dossier was filed
// from a VNeID-verified account (motcua.IdentityFacts as encoding/json
// writes it).
var vneidMark = []byte(`"vneid":true`)

func decodeShown(e *motcua.Event, data []byte) error {
	switch e.Type {
	case motcua.EventSupplementRequested, motcua.EventExtended, motcua.EventPartSent, motcua.EventPartReturned, motcua.EventLateApproved:
	default:
		if !bytes.Contains(data, []byte(`"pending"`)) {
			return nil
		}
	}
	return json.Unmarshal(data, &e.Data)
}

// trackFull checks a code and the receipt's secret (not the guessable
// phone digits), returning the whole projection for the store's own use
// (rating), uncached.
func (db *DB) trackFull(ctx context.Context, code, secret string) (*motcua.Dossier, error) {
	if motcua.WeakFactor(motcua.NormalizeTrackSecret(secret)) {
		return nil, motcua.Errorf(motcua.ENOTALLOWED, "Để đánh giá, hãy dùng đường dẫn trong thông báo kết quả hoặc mã tra cứu 8 ký tự in trên giấy tiếp nhận.")
	}
	var d *motcua.Dossier
	err := db.readTx(ctx, func(tx *Tx) error {
		var err error
		d, err = getDossier(tx, `d.code = ?`, motcua.NormalizeTrackCode(code))
		return err
	})
	if err != nil && motcua.ErrorCode(err) != motcua.ENOTFOUND {
		return nil, err
	}
	if d == nil {
		return nil, errTrackNotFound
	}
	r := &trackRecord{secret: d.TrackingSecret}
	if phone, err := motcua.NormalizePhone(d.Applicant.Phone); err == nil {
		r.phone4 = phone[len(phone)-4:]
	}
	if !r.opens(secret) {
		return nil, errTrackNotFound
	}
	return d, nil
}

// publicSteps is motcua.PublicSteps with the units named from the store.
func (db *DB) publicSteps(ctx context.Context, events []motcua.Event) ([]motcua.TrackStep, error) {
	name := func(id int64) string {
		if u, err := db.Unit(ctx, id); err == nil {
			return u.Name
		}
		return ""
	}
	return motcua.PublicSteps(events, name), nil
}

// trackPlaces are the units a tracking answer names, as the row keeps them.
type trackPlaces struct {
	receiving, deciding, returning int64
	forOther                       int
}

// trackPlaces names where the result is returned and, for a dossier
// received for another unit, the unit deciding it and when it was sent
// there: unit names only, nothing about the applicant.
func (db *DB) trackPlaces(ctx context.Context, t *motcua.Tracking, p trackPlaces, events []motcua.Event) {
	name := func(id int64) string {
		if u, err := db.Unit(ctx, id); err == nil {
			return u.Name
		}
		return ""
	}
	if p.returning == 0 {
		p.returning = p.receiving
	}
	t.ReturnUnit = name(p.returning)
	if p.forOther == 0 {
		return
	}
	t.DecidingUnit = name(p.deciding)
	for _, e := range events {
		if e.Type == motcua.EventPartSent && e.Data.PartKind == motcua.PartForward {
			t.SentAt = e.At
		}
	}
}
