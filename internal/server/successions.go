package server

import (
	"context"
	"time"
)

// applySuccessions hands the running dossiers of units dissolved by now to
// their successors once at start (store.ApplySuccessions): a change of
// organisation recorded while the server was down takes effect when it
// comes back. A failure is logged, not fatal: the dossiers stay where they
// were and `motcua successions apply` can run it again.
func (m *Main) applySuccessions(ctx context.Context) {
	r, err := m.db.ApplySuccessions(ctx, time.Now())
	if err != nil {
		m.Log.Error("successions", "err", err)
		return
	}
	if len(r.Moved) > 0 || len(r.Manual) > 0 {
		m.Log.Info("successions applied", "moved", len(r.Moved), "manual", len(r.Manual))
	}
	for _, d := range r.Manual {
		m.Log.Warn("succession needs a manual transfer", "dossier", d.Code, "reason", d.Reason)
	}
}
