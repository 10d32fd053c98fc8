package store

import (
	"context"
	"crypto/subtle"

	"github.com/motcua/motcua"
)

// TrackedDossier returns the id of the dossier whose code and tracking
// secret (the receipt's, never the phone's last digits) were given: the
// proof the public tracking page's payment and receipt links rest on.
// Anything else is errTrackNotFound, the tracking page's own answer, so
// that nobody learns whether a code exists.
func (db *DB) TrackedDossier(ctx context.Context, code, secret string) (id int64, err error) {
	defer motcua.Wrap(&err, "DB.TrackedDossier")
	code, secret = motcua.NormalizeTrackCode(code), motcua.NormalizeTrackSecret(secret)
	if secret == "" || motcua.WeakFactor(secret) {
		return 0, errTrackNotFound
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		d, err := getDossier(tx, `d.code = ?`, code)
		if err != nil || d.TrackingSecret == "" || subtle.ConstantTimeCompare([]byte(d.TrackingSecret), []byte(secret)) != 1 {
			return errTrackNotFound
		}
		id = d.ID
		return nil
	})
	return id, err
}
