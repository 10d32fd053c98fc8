package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/motcua/motcua"
)

// A bridge forwards dossiers to a specialised system and brings their
// results back (package partner). The store keeps which dossier went
// where and how far in the feed each bridge has read.

// PartnerLink is a dossier forwarded to a partner.
type PartnerLink struct {
	DossierCode string
	Reference   string // the partner's own reference
}

// ClientActorNamed is the actor of an enabled client, for a bridge acting
// on its behalf.
func (db *DB) ClientActorNamed(ctx context.Context, name string) (*motcua.Actor, error) {
	return db.clientActor(ctx, `name = ?`, name)
}

// PartnerCursor is where a bridge stopped reading the feed.
func (db *DB) PartnerCursor(ctx context.Context, clientID int64) (c Cursor, err error) {
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT cursor_tx, cursor_id FROM partner_cursors WHERE client_id = ?`, clientID).Scan(&c.Tx, &c.ID)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return Cursor{}, nil
	}
	return c, err
}

// SetPartnerCursor records where a bridge stopped reading.
func (db *DB) SetPartnerCursor(ctx context.Context, clientID int64, c Cursor) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO partner_cursors (client_id, cursor_tx, cursor_id) VALUES (?, ?, ?)
			ON CONFLICT (client_id) DO UPDATE SET cursor_tx = excluded.cursor_tx, cursor_id = excluded.cursor_id`, clientID, c.Tx, c.ID)
		return err
	})
}

// LinkForwarded records that a dossier went to a partner under reference;
// a dossier forwarded before keeps its first link (it reports false).
func (db *DB) LinkForwarded(ctx context.Context, clientID int64, code, reference string) (bool, error) {
	var n int64
	err := db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`INSERT INTO partner_links (client_id, dossier_code, reference, forwarded_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (client_id, dossier_code) DO NOTHING`, clientID, code, reference, ms(db.now()))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n == 1, err
}

// Forwarded reports whether a dossier was forwarded to the partner.
func (db *DB) Forwarded(ctx context.Context, clientID int64, code string) (bool, error) {
	var n int
	err := db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT COUNT(*) FROM partner_links WHERE client_id = ? AND dossier_code = ?`, clientID, code).Scan(&n)
	})
	return n > 0, err
}

// OpenLinks lists a partner's dossiers still awaiting their result.
func (db *DB) OpenLinks(ctx context.Context, clientID int64) (out []PartnerLink, err error) {
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT dossier_code, reference FROM partner_links WHERE client_id = ? AND closed_at = 0 ORDER BY forwarded_at`, clientID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var l PartnerLink
			if err := rows.Scan(&l.DossierCode, &l.Reference); err != nil {
				return err
			}
			out = append(out, l)
		}
		return rows.Err()
	})
	return out, err
}

// CloseLink records that a forwarded dossier's result came back.
func (db *DB) CloseLink(ctx context.Context, clientID int64, code, result string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE partner_links SET closed_at = ?, result = ? WHERE client_id = ? AND dossier_code = ?`,
			ms(db.now()), result, clientID, code)
		return err
	})
}
