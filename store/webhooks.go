package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Webhooks deliver the outbox's messages to clients that subscribed, within
// their scope: QueueDeliveries copies what is new for each subscription
// into its deliveries (moving its cursor in the same transaction), and a
// sender claims due deliveries, posts them and records the outcome.

// Webhook is one subscription.
type Webhook struct {
	ID       int64
	ClientID int64
	URL      string
	Secret   string             // shared with the receiver, to check the signature
	Types    []motcua.EventType // empty: every event
}

// WebhookFilter narrows a subscription within its client's scope; empty
// lists narrow nothing.
type WebhookFilter struct {
	Types      []motcua.EventType
	UnitCodes  []string // these units and those below them
	Fields     []string // resolved to their procedures
	Procedures []string // procedure codes
}

// CreateWebhook subscribes a client's URL to its events, as filtered; it
// returns the subscription with its signing secret.
func (db *DB) CreateWebhook(ctx context.Context, clientName, rawURL string, f WebhookFilter) (w *Webhook, err error) {
	types := f.Types
	defer motcua.Wrap(&err, "DB.CreateWebhook(%q)", clientName)
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, motcua.FieldError("url", "Địa chỉ nhận %q phải là http(s)://máy/đường-dẫn.", rawURL)
	}
	for _, t := range types {
		if t.Label() == string(t) { // not an event type the ledger knows
			return nil, motcua.FieldError("types", "Loại sự kiện %q không có.", t)
		}
	}
	var id int64
	var actions string
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT id, actions FROM api_clients WHERE name = ? AND disabled = 0`, clientName).Scan(&id, &actions)
	})
	if err != nil {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "Không có hệ thống kết nối đang hoạt động tên %q.", clientName)
	}
	var granted []motcua.ClientAction
	json.Unmarshal([]byte(actions), &granted)
	if !slices.Contains(granted, motcua.ClientWebhooks) {
		return nil, motcua.Errorf(motcua.EFORBIDDEN, "Hệ thống %q chưa được cấp quyền webhooks.", clientName)
	}
	units, procs, err := db.webhookNarrowing(ctx, f)
	if err != nil {
		return nil, err
	}
	secret := make([]byte, 24)
	rand.Read(secret)
	w = &Webhook{ClientID: id, URL: rawURL, Secret: hex.EncodeToString(secret), Types: types}
	typesJSON, unitsJSON, procsJSON := jsonList(types), jsonList(units), jsonList(procs)
	err = db.inTx(ctx, func(tx *Tx) error {
		// A new subscription starts at the present: it receives what happens
		// from now on (the feed serves the past).
		var cur Cursor
		if err := tx.queryRow(`SELECT COALESCE(MAX(tx_id), 0), COALESCE(MAX(id), 0) FROM outbox`).Scan(&cur.Tx, &cur.ID); err != nil {
			return err
		}
		return tx.queryRow(`INSERT INTO webhooks (client_id, url, secret, types, unit_codes, procedure_codes, cursor_tx, cursor_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, id, rawURL, w.Secret, typesJSON, unitsJSON, procsJSON, cur.Tx, cur.ID,
			ms(db.now())).Scan(&w.ID)
	})
	return w, err
}

// webhookNarrowing checks a filter's units and resolves its fields and
// procedures to procedure codes.
func (db *DB) webhookNarrowing(ctx context.Context, f WebhookFilter) (units, procs []string, err error) {
	for _, code := range f.UnitCodes {
		if _, err := db.UnitByCode(ctx, strings.TrimSpace(code)); err != nil {
			return nil, nil, motcua.FieldError("units", "Không có đơn vị mã %q.", code)
		}
		units = append(units, strings.TrimSpace(code))
	}
	ids, err := db.procedureIDs(ctx, f.Fields, f.Procedures)
	if err != nil || ids == nil {
		return units, nil, err
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		for _, id := range ids {
			var code string
			if err := tx.queryRow(`SELECT code FROM procedures WHERE id = ?`, id).Scan(&code); err != nil {
				return err
			}
			if !slices.Contains(procs, code) {
				procs = append(procs, code)
			}
		}
		return nil
	})
	return units, procs, err
}

// jsonList is a list as stored: [] when empty.
func jsonList[T any](list []T) string {
	if len(list) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(list)
	return string(b)
}

// QueueDeliveries queues, for every active subscription, the messages in
// its client's scope (and of its types) that came after its cursor. On
// PostgreSQL each subscription is locked while it is queued (SKIP LOCKED:
// another instance takes the next one), so none is queued twice.
func (db *DB) QueueDeliveries(ctx context.Context) (queued int, err error) {
	defer motcua.Wrap(&err, "DB.QueueDeliveries")
	var ids []int64
	err = db.readTx(ctx, func(tx *Tx) error {
		ids, err = column[int64](tx, `SELECT id FROM webhooks WHERE active = 1 ORDER BY id`)
		return err
	})
	for _, id := range ids {
		n, err := db.queueFor(ctx, id)
		if err != nil {
			return queued, err
		}
		queued += n
	}
	return queued, nil
}

func (db *DB) queueFor(ctx context.Context, webhookID int64) (queued int, err error) {
	lock := ""
	if db.dialect == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		var clientID int64
		var types, unitCodes, procCodes string
		var cur Cursor
		err := tx.queryRow(`SELECT client_id, types, unit_codes, procedure_codes, cursor_tx, cursor_id FROM webhooks WHERE id = ? AND active = 1`+lock,
			webhookID).Scan(&clientID, &types, &unitCodes, &procCodes, &cur.Tx, &cur.ID)
		if err != nil {
			return nil // another instance holds it, or it was stopped
		}
		a, err := db.clientActorByID(ctx, clientID)
		if err != nil || !a.Allows(motcua.ClientWebhooks) {
			return nil // a disabled client receives nothing; its cursor waits
		}
		var want []motcua.EventType
		var narrow, procs []string
		json.Unmarshal([]byte(types), &want)
		json.Unmarshal([]byte(procCodes), &procs)
		json.Unmarshal([]byte(unitCodes), &narrow)
		units, err := db.unitCodesBelow(ctx, narrow)
		if err != nil {
			return err
		}
		for {
			rows, next, err := readFeed(tx, a, cur, MaxFeedPage)
			if err != nil {
				return err
			}
			for _, r := range rows {
				m := r.event.Data
				if (len(want) > 0 && !slices.Contains(want, m.Event)) || (len(procs) > 0 && !slices.Contains(procs, m.Procedure)) ||
					(units != nil && !units[m.ReceivingUnit] && !units[m.DecidingUnit]) {
					continue
				}
				if _, err := tx.exec(`INSERT INTO webhook_deliveries (webhook_id, outbox_id, body, status, next_at) VALUES (?, ?, ?, 'pending', ?)
					ON CONFLICT (webhook_id, outbox_id) DO NOTHING`, webhookID, r.id, r.body, ms(db.now())); err != nil {
					return err
				}
				queued++
			}
			cur = next
			if len(rows) < MaxFeedPage {
				break
			}
		}
		_, err = tx.exec(`UPDATE webhooks SET cursor_tx = ?, cursor_id = ? WHERE id = ?`, cur.Tx, cur.ID, webhookID)
		return err
	})
	return queued, err
}

// Delivery is one message to post to one subscription.
type Delivery struct {
	ID        int64
	WebhookID int64
	URL       string
	Secret    string
	Body      string
	Attempts  int
}

// ClaimDeliveries takes up to limit deliveries due now and leases them to
// the caller for lease (another instance skips them meanwhile).
func (db *DB) ClaimDeliveries(ctx context.Context, limit int, lease time.Duration) (out []Delivery, err error) {
	defer motcua.Wrap(&err, "DB.ClaimDeliveries")
	lock := ""
	if db.dialect == Postgres {
		lock = " FOR UPDATE OF d SKIP LOCKED"
	}
	now := db.now()
	err = db.inTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT d.id, d.webhook_id, w.url, w.secret, d.body, d.attempts FROM webhook_deliveries d
			JOIN webhooks w ON w.id = d.webhook_id WHERE d.status = 'pending' AND d.next_at <= ? AND w.active = 1
			ORDER BY d.next_at, d.id LIMIT ?`+lock, ms(now), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d Delivery
			if err := rows.Scan(&d.ID, &d.WebhookID, &d.URL, &d.Secret, &d.Body, &d.Attempts); err != nil {
				return err
			}
			out = append(out, d)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		for _, d := range out {
			if _, err := tx.exec(`UPDATE webhook_deliveries SET next_at = ? WHERE id = ?`, ms(now.Add(lease)), d.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// DeliveryDone records that the receiver took the message.
func (db *DB) DeliveryDone(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE webhook_deliveries SET status = 'delivered', delivered_at = ?, attempts = attempts + 1, last_error = ''
			WHERE id = ?`, ms(db.now()), id)
		return err
	})
}

// DeliveryFailed records a failed attempt: the next one waits base, doubled
// at each attempt; after maxAttempts the delivery is dead (dead-letter),
// until replayed.
func (db *DB) DeliveryFailed(ctx context.Context, d Delivery, cause error, base time.Duration, maxAttempts int) error {
	attempts := d.Attempts + 1
	status := "pending"
	if attempts >= maxAttempts {
		status = "dead"
	}
	next := db.now().Add(base << min(attempts-1, 20))
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE webhook_deliveries SET attempts = ?, status = ?, next_at = ?, last_error = ? WHERE id = ?`,
			attempts, status, ms(next), truncate(cause.Error(), 500), d.ID)
		return err
	})
}

// ReplayDead puts a subscription's dead deliveries back in line, attempts
// reset; it returns how many.
func (db *DB) ReplayDead(ctx context.Context, webhookID int64) (n int, err error) {
	defer motcua.Wrap(&err, "DB.ReplayDead(%d)", webhookID)
	err = db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_at = ? WHERE webhook_id = ? AND status = 'dead'`,
			ms(db.now()), webhookID)
		if err != nil {
			return err
		}
		rows, err := res.RowsAffected()
		n = int(rows)
		return err
	})
	return n, err
}

// DeliveryCounts reports a subscription's deliveries by status.
func (db *DB) DeliveryCounts(ctx context.Context, webhookID int64) (map[string]int, error) {
	out := map[string]int{}
	err := db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT status, COUNT(*) FROM webhook_deliveries WHERE webhook_id = ? GROUP BY status`, webhookID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			var n int
			if err := rows.Scan(&s, &n); err != nil {
				return err
			}
			out[s] = n
		}
		return rows.Err()
	})
	return out, err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// unitCodesBelow is the set of the units' codes and their descendants';
// nil for no units (no narrowing).
func (db *DB) unitCodesBelow(ctx context.Context, codes []string) (map[string]bool, error) {
	if len(codes) == 0 {
		return nil, nil
	}
	t, err := db.tree(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, code := range codes {
		u, err := db.UnitByCode(ctx, code)
		if err != nil {
			continue // a unit gone since: it narrows to nothing more
		}
		t.subtree(u.ID, func(id int64) {
			if x := t.byID[id]; x != nil {
				out[x.Code] = true
			}
		})
	}
	return out, nil
}
