package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
)

// publish writes the outgoing message of event e, which left the dossier
// as d, in the event's transaction: the feed and the webhooks never miss
// an acknowledged event, nor see one that was rolled back. Events taken
// from a previous system's register are history, not news: not published.
func publish(tx *Tx, d *motcua.Dossier, e *motcua.Event) error {
	if err := nationalChanged(tx, d.ID); err != nil { // history too: the nation scores it
		return err
	}
	if e.Data.Imported {
		return nil
	}
	unitCode := func(id int64) string {
		if u, err := tx.db.Unit(tx.ctx, id); err == nil {
			return u.Code
		}
		return strconv.FormatInt(id, 10)
	}
	receiving := unitCode(d.ReceivingUnitID)
	msg := motcua.CloudEvent{SpecVersion: "1.0", ID: strconv.FormatInt(e.ID, 10), Source: "/motcua/units/" + receiving,
		Type: motcua.CloudEventType(e.Type), Subject: d.Code, Time: e.At, DataContentType: "application/json",
		Data: motcua.EventMessage{Dossier: d.Code, Procedure: d.ProcedureCode, Seq: e.Seq, Event: e.Type, At: e.At, RecordedAt: e.RecordedAt,
			State: d.State, DueAt: d.DueAt, ResultAt: d.ResultAt, Channel: d.Channel, ReceivingUnit: receiving,
			DecidingUnit: unitCode(d.DecidingUnitID), Pending: e.Data.Pending}}
	body, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO outbox (event_id, dossier_id, receiving_unit_id, deciding_unit_id, procedure_id, type, at, body)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, e.ID, d.ID, d.ReceivingUnitID, d.DecidingUnitID, d.ProcedureID, string(e.Type), ms(e.RecordedAt), string(body))
	return err
}

// Cursor is a position in the event feed: after the message of
// transaction Tx with id ID. Its text form is what clients hold.
type Cursor struct{ Tx, ID int64 }

// String is the cursor as clients hold it.
func (c Cursor) String() string {
	return strconv.FormatInt(c.Tx, 10) + "-" + strconv.FormatInt(c.ID, 10)
}

// ParseCursor reads a cursor; "" is the feed's start.
func ParseCursor(s string) (Cursor, error) {
	if s == "" {
		return Cursor{}, nil
	}
	tx, id, ok := strings.Cut(s, "-")
	c := Cursor{}
	var err1, err2 error
	c.Tx, err1 = strconv.ParseInt(tx, 10, 64)
	c.ID, err2 = strconv.ParseInt(id, 10, 64)
	if !ok || err1 != nil || err2 != nil || c.Tx < 0 || c.ID < 0 {
		return Cursor{}, motcua.FieldError("after", "Con trỏ %q không hợp lệ: dùng giá trị next của lần đọc trước.", s)
	}
	return c, nil
}

// MaxFeedPage bounds one read of the feed.
const MaxFeedPage = 1000

// Feed returns up to limit messages after the cursor about dossiers in
// the actor's scope, in a stable order, and the cursor to read on from.
// On PostgreSQL it returns only messages of transactions older than every
// transaction still running, so that one committing late is never skipped:
// it appears, in order, after the cursor the reader holds.
func (db *DB) Feed(ctx context.Context, a *motcua.Actor, after Cursor, limit int) (out []motcua.CloudEvent, next Cursor, err error) {
	defer motcua.Wrap(&err, "DB.Feed(%s)", after)
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, n, err := readFeed(tx, a, after, limit)
		for _, r := range rows {
			out = append(out, r.event)
		}
		next = n
		return err
	})
	return out, next, err
}

// feedRow is one message of the feed, with its outbox id and body.
type feedRow struct {
	id    int64
	body  string
	event motcua.CloudEvent
}

// readFeed is Feed within tx.
func readFeed(tx *Tx, a *motcua.Actor, after Cursor, limit int) (out []feedRow, next Cursor, err error) {
	units := a.HandledUnitIDs()
	next = after
	if len(units) == 0 {
		return nil, next, nil
	}
	limit = min(max(limit, 1), MaxFeedPage)
	settled := ""
	if tx.db.dialect == Postgres {
		settled = ` AND tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`
	}
	in := marks(len(units))
	args := []any{after.Tx, after.Tx, after.ID}
	for range 2 {
		for _, u := range units {
			args = append(args, u)
		}
	}
	procs, procArgs := "", []any(nil)
	if a.Client != nil && a.Client.ProcedureIDs != nil { // a client sees only its procedures (policy.go)
		procs, procArgs = procedureCond("", a.Client.ProcedureIDs)
	}
	args = append(append(args, procArgs...), limit)
	rows, err := tx.query(`SELECT tx_id, id, body FROM outbox WHERE (tx_id > ? OR (tx_id = ? AND id > ?))`+settled+`
		AND (receiving_unit_id IN (`+in+`) OR deciding_unit_id IN (`+in+`))`+procs+` ORDER BY tx_id, id LIMIT ?`, args...)
	if err != nil {
		return nil, next, err
	}
	defer rows.Close()
	for rows.Next() {
		var r feedRow
		if err := rows.Scan(&next.Tx, &next.ID, &r.body); err != nil {
			return nil, next, err
		}
		r.id = next.ID
		if err := json.Unmarshal([]byte(r.body), &r.event); err != nil {
			return nil, next, fmt.Errorf("outbox %d: %w", next.ID, err)
		}
		out = append(out, r)
	}
	return out, next, rows.Err()
}

// procedureCond narrows rows (of alias) to the given procedures; an empty
// list matches nothing.
func procedureCond(alias string, ids []int64) (string, []any) {
	if len(ids) == 0 {
		return ` AND 1 = 0`, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return ` AND ` + alias + `procedure_id IN (` + marks(len(ids)) + `)`, args
}
