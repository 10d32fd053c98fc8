package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Client keys look like "mc_" + 32 random characters. Only their SHA-256
// is stored; a rotation keeps the previous key working for a grace period
// so the partner can switch without downtime.
const (
	clientKeyPrefix = "mc_"
	RotationGrace   = 24 * time.Hour
)

// ClientKey reports whether a bearer token is a client's key rather than
// an officer's session.
func ClientKey(token string) bool { return strings.HasPrefix(token, clientKeyPrefix) }

func newClientKey() string {
	b := make([]byte, 24)
	rand.Read(b)
	return clientKeyPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// ClientSpec is what an administrator grants a new client.
type ClientSpec struct {
	Name          string
	UnitCodes     []string // the units (and those below them) it sees
	Fields        []string // field names; with Procedures, narrow to these procedures (none: all)
	Procedures    []string // procedure codes
	Actions       []motcua.ClientAction
	RatePerMinute int
}

// CreateClient registers an external system and returns its key, shown
// this once.
func (db *DB) CreateClient(ctx context.Context, spec ClientSpec) (key string, c *motcua.Client, err error) {
	defer motcua.Wrap(&err, "DB.CreateClient(%q)", spec.Name)
	c = &motcua.Client{Name: strings.TrimSpace(spec.Name), Actions: spec.Actions, RatePerMinute: spec.RatePerMinute}
	if c.Name == "" {
		return "", nil, motcua.FieldError("name", "Hãy đặt tên cho hệ thống kết nối.")
	}
	if len(spec.UnitCodes) == 0 {
		return "", nil, motcua.FieldError("units", "Hãy chỉ rõ các đơn vị hệ thống kết nối được xem.")
	}
	for _, a := range c.Actions {
		if !a.Valid() {
			return "", nil, motcua.FieldError("actions", "Quyền %q không có (read, events, webhooks, register, result).", a)
		}
	}
	if c.RatePerMinute <= 0 {
		c.RatePerMinute = 600
	}
	for _, code := range spec.UnitCodes {
		u, err := db.UnitByCode(ctx, strings.TrimSpace(code))
		if err != nil {
			return "", nil, motcua.FieldError("units", "Không có đơn vị mã %q.", code)
		}
		c.UnitIDs = append(c.UnitIDs, u.ID)
	}
	if c.ProcedureIDs, err = db.procedureIDs(ctx, spec.Fields, spec.Procedures); err != nil {
		return "", nil, err
	}
	key = newClientKey()
	c.KeyPrefix = key[:8]
	units, _ := json.Marshal(c.UnitIDs)
	procs, _ := json.Marshal(c.ProcedureIDs)
	actions, _ := json.Marshal(c.Actions)
	err = db.inTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`INSERT INTO api_clients (name, key_prefix, key_hash, units, procedures, actions, rate_per_minute, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.Name, c.KeyPrefix, tokenHash(key), string(units), string(procs),
			string(actions), c.RatePerMinute, ms(db.now())).Scan(&c.ID)
	})
	if isUniqueViolation(err) {
		return "", nil, motcua.FieldError("name", "Đã có hệ thống kết nối tên %q.", c.Name)
	}
	return key, c, err
}

// procedureIDs resolves fields and procedure codes to procedure ids; none
// given is nil (every procedure).
func (db *DB) procedureIDs(ctx context.Context, fields, codes []string) ([]int64, error) {
	if len(fields) == 0 && len(codes) == 0 {
		return nil, nil
	}
	ids := []int64{}
	err := db.readTx(ctx, func(tx *Tx) error {
		for _, f := range fields {
			found, err := column[int64](tx, `SELECT p.id FROM procedures p JOIN fields f ON f.id = p.field_id WHERE f.name = ?`, motcua.NFC(strings.TrimSpace(f)))
			if err != nil {
				return err
			}
			if len(found) == 0 {
				return motcua.FieldError("fields", "Không có lĩnh vực %q.", f)
			}
			ids = append(ids, found...)
		}
		for _, code := range codes {
			found, err := column[int64](tx, `SELECT id FROM procedures WHERE code = ?`, strings.TrimSpace(code))
			if err != nil {
				return err
			}
			if len(found) == 0 {
				return motcua.FieldError("procedures", "Không có thủ tục mã %q.", code)
			}
			ids = append(ids, found...)
		}
		return nil
	})
	return ids, err
}

// RotateClientKey issues a new key; the old one keeps working for
// RotationGrace.
func (db *DB) RotateClientKey(ctx context.Context, name string) (key string, err error) {
	defer motcua.Wrap(&err, "DB.RotateClientKey(%q)", name)
	key = newClientKey()
	err = db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE api_clients SET previous_hash = key_hash, previous_until = ?, key_hash = ?, key_prefix = ? WHERE name = ?`,
			ms(db.now().Add(RotationGrace)), tokenHash(key), key[:8], name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return motcua.Errorf(motcua.ENOTFOUND, "Không có hệ thống kết nối tên %q.", name)
		}
		return nil
	})
	return key, err
}

// SetClientDisabled stops (or restarts) a client at once.
func (db *DB) SetClientDisabled(ctx context.Context, name string, disabled bool) error {
	return db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE api_clients SET disabled = ? WHERE name = ?`, map[bool]int{true: 1}[disabled], name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return motcua.Errorf(motcua.ENOTFOUND, "Không có hệ thống kết nối tên %q.", name)
		}
		return nil
	})
}

var errBadKey = motcua.Errorf(motcua.EUNAUTHORIZED, "Khóa API không đúng, đã thu hồi hoặc hệ thống kết nối đã bị tạm dừng.")

// ClientActor is the actor of the client holding key: the role RoleClient
// in its units and every unit below them.
func (db *DB) ClientActor(ctx context.Context, key string) (*motcua.Actor, error) {
	h := tokenHash(key)
	return db.clientActor(ctx, `key_hash = ? OR (previous_hash = ? AND previous_until > ?)`, h, h, ms(db.now()))
}

// clientActorByID is the actor of a client, for work done on its behalf
// (webhook deliveries).
func (db *DB) clientActorByID(ctx context.Context, id int64) (*motcua.Actor, error) {
	return db.clientActor(ctx, `id = ?`, id)
}

func (db *DB) clientActor(ctx context.Context, where string, args ...any) (*motcua.Actor, error) {
	var c motcua.Client
	var units, procs, actions string
	var disabled int
	err := db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT id, name, key_prefix, units, procedures, actions, rate_per_minute, disabled FROM api_clients
			WHERE `+where, args...).Scan(&c.ID, &c.Name, &c.KeyPrefix, &units, &procs, &actions, &c.RatePerMinute, &disabled)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errBadKey
	} else if err != nil {
		return nil, fmt.Errorf("DB.ClientActor: %w", err)
	}
	if disabled != 0 {
		return nil, errBadKey
	}
	if err := errors.Join(json.Unmarshal([]byte(units), &c.UnitIDs), json.Unmarshal([]byte(procs), &c.ProcedureIDs),
		json.Unmarshal([]byte(actions), &c.Actions)); err != nil {
		return nil, fmt.Errorf("DB.ClientActor(%d): %w", c.ID, err)
	}
	t, err := db.tree(ctx)
	if err != nil {
		return nil, err
	}
	a := &motcua.Actor{User: motcua.User{FullName: c.Name}, Units: map[int64][]motcua.Role{}, Client: &c}
	for _, id := range c.UnitIDs {
		t.subtree(id, func(u int64) { a.Units[u] = []motcua.Role{motcua.RoleClient} })
	}
	identify(ctx, a.AuditName())
	return a, nil
}

// LogAPICall audits one call of a client.
func (db *DB) LogAPICall(ctx context.Context, clientID int64, method, path string, status int, address string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO api_calls (client_id, at, method, path, status, address) VALUES (?, ?, ?, ?, ?, ?)`,
			clientID, ms(db.now()), method, path, status, address)
		return err
	})
}
