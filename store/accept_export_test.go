package store

import (
	"context"

	"github.com/motcua/motcua"
)

// AcceptInOneTx accepts each intake, in order, inside one transaction, as
// Accept does one, then ends it with fail (nil commits): the store's tests
// show what that transaction sees and undoes.
func (db *DB) AcceptInOneTx(ctx context.Context, a *motcua.Actor, ins []motcua.Intake, fail error) (out []*motcua.Dossier, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		for _, in := range ins {
			key := intakeKey{key: senderKey(a, in.Key), hash: intakeHash(in)}
			d, _, err := db.accept(tx, a, in, key)
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return fail
	})
	return out, err
}
