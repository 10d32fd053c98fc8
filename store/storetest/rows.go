package storetest

import (
	"context"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// DossierRow is a dossier's projection as stored, read without an actor
// and so without an entry in the audit trail (a test that counts audited
// reads must not add its own).
type DossierRow struct {
	ID                int64
	Code              string
	Step, Version     int
	TrackingSecret    string
	ApplicantName     string
	ApplicantIDNumber string
	DueAt, StepDueAt  time.Time
	// ReceivingUnitID and DecidingUnitID are where the dossier was received
	// and the unit that decides it.
	ReceivingUnitID, DecidingUnitID int64
}

const dossierColumns = `SELECT id, code, step, version, tracking_secret, applicant_name, applicant_id_number, due_at, step_due_at,
	receiving_unit_id, deciding_unit_id FROM dossiers`

// Dossier reads the row of the dossier with the id.
func Dossier(ctx context.Context, db *store.DB, id int64) (r DossierRow, err error) {
	defer motcua.Wrap(&err, "storetest.Dossier(%d)", id)
	return scanDossier(db.SQL().QueryRowContext(ctx, db.Rebind(dossierColumns+` WHERE id = ?`), id))
}

// DossierByCode reads the row of the dossier with the code.
func DossierByCode(ctx context.Context, db *store.DB, code string) (r DossierRow, err error) {
	defer motcua.Wrap(&err, "storetest.DossierByCode(%q)", code)
	return scanDossier(db.SQL().QueryRowContext(ctx, db.Rebind(dossierColumns+` WHERE code = ?`), code))
}

func scanDossier(row interface{ Scan(...any) error }) (r DossierRow, err error) {
	var due, stepDue int64
	err = row.Scan(&r.ID, &r.Code, &r.Step, &r.Version, &r.TrackingSecret, &r.ApplicantName, &r.ApplicantIDNumber, &due, &stepDue,
		&r.ReceivingUnitID, &r.DecidingUnitID)
	r.DueAt, r.StepDueAt = time.UnixMilli(due), time.UnixMilli(stepDue)
	return r, err
}

// Event is a row of the ledger as stored: instants in Unix milliseconds and
// the data as its JSON text, so that two databases compare byte for byte.
type Event struct {
	ID             int64
	DossierCode    string
	Seq            int64
	Type           string
	At, RecordedAt int64
	Data           string
	Username       string // the acting account's, "" when the actor is not a user
}

const eventColumns = `SELECT e.id, d.code, e.seq, e.type, e.at, e.recorded_at, e.data, COALESCE(u.username, '')
	FROM events e JOIN dossiers d ON d.id = e.dossier_id LEFT JOIN users u ON u.id = e.actor_id`

// Events lists the events with an id up to lastID, in id order.
func Events(ctx context.Context, db *store.DB, lastID int64) (out []Event, err error) {
	defer motcua.Wrap(&err, "storetest.Events(%d)", lastID)
	return queryEvents(ctx, db, eventColumns+` WHERE e.id <= ? ORDER BY e.id`, lastID)
}

// DossierEvents lists the events of the dossier with the code, in order.
func DossierEvents(ctx context.Context, db *store.DB, code string) (out []Event, err error) {
	defer motcua.Wrap(&err, "storetest.DossierEvents(%q)", code)
	return queryEvents(ctx, db, eventColumns+` WHERE d.code = ? ORDER BY e.seq`, code)
}

func queryEvents(ctx context.Context, db *store.DB, query string, arg any) (out []Event, err error) {
	rows, err := db.SQL().QueryContext(ctx, db.Rebind(query), arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.DossierCode, &e.Seq, &e.Type, &e.At, &e.RecordedAt, &e.Data, &e.Username); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Notice is the text of a queued or sent notification as stored.
type Notice struct{ Subject, Body string }

// Notices lists every notification's text, to check what the table still
// holds after sending (a one-time code's text is blanked once sent).
func Notices(ctx context.Context, db *store.DB) (out []Notice, err error) {
	defer motcua.Wrap(&err, "storetest.Notices")
	rows, err := db.SQL().QueryContext(ctx, `SELECT subject, body FROM notifications ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var n Notice
		if err := rows.Scan(&n.Subject, &n.Body); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
