package store

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/motcua/motcua"
)

// Whole-table figures and random samples of dossiers, for the tools that
// measure a loaded database (`motcua bench`) and describe one (backup).

// DossierCount is the number of dossiers stored.
func (db *DB) DossierCount(ctx context.Context) (n int, err error) {
	defer motcua.Wrap(&err, "DB.DossierCount")
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT COUNT(*) FROM dossiers`).Scan(&n)
	})
	return n, err
}

// LastAcceptance is the latest instant a stored dossier was accepted; the
// zero time when there is none.
func (db *DB) LastAcceptance(ctx context.Context) (last time.Time, err error) {
	defer motcua.Wrap(&err, "DB.LastAcceptance")
	var at int64
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT COALESCE(MAX(accepted_at), 0) FROM dossiers`).Scan(&at)
	})
	return fromMS(at), err
}

// SampleCodes picks up to k codes of dossiers received at the unit, at
// random: rng draws row ids between the smallest and the largest, each
// rounded up to the next dossier of the unit (a draw past the unit's last
// dossier gives nothing). The same rng gives the same sample.
func (db *DB) SampleCodes(ctx context.Context, unitID int64, k int, rng *rand.Rand) (codes []string, err error) {
	defer motcua.Wrap(&err, "DB.SampleCodes(%d)", unitID)
	err = db.readTx(ctx, func(tx *Tx) error {
		lo, hi, err := dossierIDRange(tx)
		if err != nil || hi == 0 {
			return err
		}
		codes = make([]string, 0, k)
		for range k {
			// "+": SQLite walks the primary key from the id, not the
			// unit's index.
			var code string
			err := tx.queryRow(`SELECT code FROM dossiers WHERE id >= ? AND +receiving_unit_id = ? ORDER BY id LIMIT 1`,
				lo+rng.Int64N(hi-lo+1), unitID).Scan(&code)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			codes = append(codes, code)
		}
		return nil
	})
	return codes, err
}

// TrackingKey is what the public tracking asks of a dossier's holder.
type TrackingKey struct {
	Code, Secret string
}

// SampleTrackingKeys picks up to k dossiers at random (rng draws row ids
// between the smallest and the largest; an id without a dossier gives
// nothing) and returns their codes and tracking secrets. A dossier without
// a secret — bulk-loaded ones have none — is given one.
func (db *DB) SampleTrackingKeys(ctx context.Context, k int, rng *rand.Rand) (keys []TrackingKey, err error) {
	defer motcua.Wrap(&err, "DB.SampleTrackingKeys")
	err = db.inTx(ctx, func(tx *Tx) error {
		lo, hi, err := dossierIDRange(tx)
		if err != nil || hi == 0 {
			return err
		}
		for range k {
			id := lo + rng.Int64N(hi-lo+1)
			var key TrackingKey
			err := tx.queryRow(`SELECT code, tracking_secret FROM dossiers WHERE id = ?`, id).Scan(&key.Code, &key.Secret)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			if key.Secret == "" {
				key.Secret = newTrackingSecret()
				if _, err := tx.exec(`UPDATE dossiers SET tracking_secret = ? WHERE id = ?`, key.Secret, id); err != nil {
					return err
				}
				tx.db.tracks.forget(key.Code)
			}
			keys = append(keys, key)
		}
		return nil
	})
	return keys, err
}

// dossierIDRange is the smallest and the largest dossier id; 0, 0 without
// dossiers.
func dossierIDRange(tx *Tx) (lo, hi int64, err error) {
	err = tx.queryRow(`SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM dossiers`).Scan(&lo, &hi)
	return lo, hi, err
}
