package server

import (
	"context"
	"log/slog"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/digest"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/mail"
	"github.com/motcua/motcua/store"
)

// daily calls do at hh:mm Vietnam time every day until ctx ends, with
// the instant it was due.
func daily(ctx context.Context, hm time.Time, do func(at time.Time)) {
	for {
		now := time.Now().In(motcua.VN)
		next := time.Date(now.Year(), now.Month(), now.Day(), hm.Hour(), hm.Minute(), 0, 0, motcua.VN)
		if !next.After(now) {
			next = next.AddDate(0, 0, 1)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Until(next)):
		}
		do(next)
	}
}

// retainNightly runs the retention at 01:30 every night while serving.
func retainNightly(ctx context.Context, db *store.DB, fs *files.Store, log *slog.Logger) {
	daily(ctx, time.Date(0, 1, 1, 1, 30, 0, 0, time.UTC), func(time.Time) {
		e, err := EraseExpired(ctx, db, fs, time.Now())
		log.Info("personal-data retention", "dossiers", e.Dossiers, "refusals", e.Refusals, "files", len(e.Files), "err", err)
	})
}

// EraseExpired runs the retention (personal data past its procedure's
// retention period) and removes the uploads nothing refers to any more:
// the nightly run and motcua retention apply.
func EraseExpired(ctx context.Context, db *store.DB, fs *files.Store, at time.Time) (store.Erased, error) {
	e, err := db.EraseExpired(ctx, at)
	if err != nil {
		return e, err
	}
	refs, err := db.FileRefs(ctx)
	if err != nil {
		return e, err
	}
	referenced := make(map[string]bool, len(refs))
	for _, r := range refs {
		referenced[r] = true
	}
	_, err = fs.Sweep(referenced) // this run's files, and any an earlier run spared
	return e, err
}

// digestDaily sends the digest every working day at hm while the server
// runs. Several instances may run it: each leader's digest is claimed
// once a day in the database.
func digestDaily(ctx context.Context, db *store.DB, sender *mail.Sender, hm time.Time, baseURL string, log *slog.Logger) {
	daily(ctx, hm, func(at time.Time) {
		if cal, err := db.Calendar(ctx, 0); err == nil {
			if ok, _ := cal.WorkingDay(calendar.DateOf(at)); !ok {
				return
			}
		}
		sent, err := digest.Run(ctx, db, sender, baseURL, log)
		log.Info("deadline digest", "sent", sent, "err", err)
	})
}

// reconcileDaily reconciles the previous day's online payments with each
// gateway at hm every day and stores the runs (store.DB.RunReconciliation;
// docs/payments.md). Several instances may run it: a run replaces the
// day's earlier one.
func reconcileDaily(ctx context.Context, db *store.DB, gws []payment.Gateway, hm time.Time, log *slog.Logger) {
	daily(ctx, hm, func(at time.Time) { ReconcileDay(ctx, db, gws, at.AddDate(0, 0, -1), log) })
}

// ReconcileDay reconciles day with each gateway as the system, logging
// the counts (never a key); a failing gateway does not stop the others.
func ReconcileDay(ctx context.Context, db *store.DB, gws []payment.Gateway, day time.Time, log *slog.Logger) {
	for _, g := range gws {
		rec, err := db.RunReconciliation(ctx, g, day, "system")
		if err != nil {
			log.Warn("payment reconciliation", "gateway", g.Name(), "day", store.DayKey(day), "err", err)
			continue
		}
		log.Info("payment reconciliation", "gateway", g.Name(), "day", store.DayKey(day), "checked", rec.Checked,
			"matched", rec.Matched, "differences", len(rec.Rows))
	}
}
