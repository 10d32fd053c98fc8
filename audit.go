package motcua

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"time"
)

// AuditEntry is one line of the audit trail (domain.md §15): who did or
// read what, when and from where. Each entry's Hash covers its fields and
// the previous entry's hash, so editing, deleting or reordering an entry
// breaks the chain from there on (motcua audit verify).
type AuditEntry struct {
	ID     int64
	At     time.Time
	Actor  string // "user:12 nguyenvana", "client:3 Hộ tịch A", "citizen", "cli:root"
	Source string // the client's address, or "local" for the command line
	Action string // "dossier.read", "event.accepted", "POST /reform/tasks/7"
	Object string // the dossier code or the thing changed
	Detail string
	Prev   string // the previous entry's Hash; "" for the first
	Hash   string
}

// ChainHash is the hash of the entry given the previous one's: SHA-256
// over every field, each length-prefixed so that no two entries encode
// alike.
func (e AuditEntry) ChainHash() string {
	h := sha256.New()
	var n [8]byte
	put := func(s string) {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	binary.BigEndian.PutUint64(n[:], uint64(e.ID))
	h.Write(n[:])
	binary.BigEndian.PutUint64(n[:], uint64(e.At.UnixMilli()))
	h.Write(n[:])
	for _, s := range []string{e.Actor, e.Source, e.Action, e.Object, e.Detail, e.Prev} {
		put(s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Origin is who a request acts for and where it comes from. The web layer
// puts one in every request's context; the store fills in the actor when
// it resolves a session or key, and writes both into the audit trail of
// every change the request makes.
type Origin struct {
	RequestID string
	Source    string // client address
	Route     string // method and path, e.g. "POST /reform/tasks/7"
	Actor     string
}

type originKey struct{}

// WithOrigin returns ctx carrying o.
func WithOrigin(ctx context.Context, o *Origin) context.Context {
	return context.WithValue(ctx, originKey{}, o)
}

// OriginOf returns the origin ctx carries, or nil for the server's own
// background work (sending notices, delivering webhooks), which is not
// audited as anyone's change.
func OriginOf(ctx context.Context) *Origin {
	o, _ := ctx.Value(originKey{}).(*Origin)
	return o
}

// AuditName names an actor in the audit trail.
func (a *Actor) AuditName() string {
	if a.Client != nil {
		return "client:" + strconv.FormatInt(a.Client.ID, 10) + " " + a.Client.Name
	}
	return "user:" + strconv.FormatInt(a.User.ID, 10) + " " + a.User.Username
}
