package store

import (
	"context"
	"time"

	"github.com/motcua/motcua"
)

// UploadedSince is how many bytes of files the contact's submissions
// received since the instant (a daily upload quota counts them).
func (db *DB) UploadedSince(ctx context.Context, c motcua.Contact, since time.Time) (n int64, err error) {
	defer motcua.Wrap(&err, "DB.UploadedSince")
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT COALESCE(SUM(f.size), 0) FROM submission_files f JOIN submissions s ON s.id = f.submission_id
			WHERE s.contact = ? AND f.at >= ?`, c.String(), ms(since)).Scan(&n)
	})
	return n, err
}
