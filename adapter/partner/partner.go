// Package partner connects the one-stop with specialised systems (civil
// status, social protection, business registration…) so that nobody types
// a dossier twice: a Bridge forwards the dossiers a partner decides, as
// they are accepted, and brings each result back as the dossier's
// result-ready event. Each partner's contract lives in its Adapter; the
// bridge acts as that partner's API client, within its scope.
package partner

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// Dossier is what a partner receives of an accepted dossier.
type Dossier struct {
	Code          string
	ProcedureCode string
	UnitCode      string
	AcceptedAt    time.Time
	DueAt         time.Time
	Applicant     motcua.Applicant
}

// Status is where a forwarded dossier stands at the partner.
type Status struct {
	Decided bool
	Result  string // the partner's result reference (certificate number, refusal number)
}

// Adapter speaks one partner's contract.
type Adapter interface {
	// Handles reports whether the partner decides dossiers of the procedure.
	Handles(procedureCode string) bool
	// Forward hands a dossier to the partner and returns its reference.
	Forward(ctx context.Context, d Dossier) (reference string, err error)
	// Status asks the partner about a forwarded dossier.
	Status(ctx context.Context, reference string) (Status, error)
}

// Bridge runs one partner's round trip as its API client (granted read,
// events and result over the units it serves).
type Bridge struct {
	DB      *store.DB
	Client  string // the client's name (motcua clients create)
	Adapter Adapter
	Log     *slog.Logger
}

// Sync forwards what was accepted since the last call and records the
// results the partner has decided; it returns how many of each.
func (b *Bridge) Sync(ctx context.Context) (forwarded, decided int, err error) {
	// What the bridge records is the partner's doing: the audit trail names it.
	ctx = motcua.WithOrigin(ctx, &motcua.Origin{Source: "bridge"})
	a, err := b.DB.ClientActorNamed(ctx, b.Client)
	if err != nil {
		return 0, 0, fmt.Errorf("partner %s: %w", b.Client, err)
	}
	if forwarded, err = b.forward(ctx, a); err != nil {
		return forwarded, 0, err
	}
	decided, err = b.collect(ctx, a)
	return forwarded, decided, err
}

// forward hands every newly accepted dossier the partner decides to it.
func (b *Bridge) forward(ctx context.Context, a *motcua.Actor) (n int, err error) {
	cur, err := b.DB.PartnerCursor(ctx, a.Client.ID)
	if err != nil {
		return 0, err
	}
	for {
		events, next, err := b.DB.Feed(ctx, a, cur, store.MaxFeedPage)
		if err != nil {
			return n, err
		}
		for _, e := range events {
			if e.Data.Event != motcua.EventAccepted || !b.Adapter.Handles(e.Data.Procedure) {
				continue
			}
			if done, err := b.DB.Forwarded(ctx, a.Client.ID, e.Subject); err != nil || done {
				if err != nil {
					return n, err
				}
				continue
			}
			d, err := b.DB.DossierByCode(ctx, a, e.Subject) // the applicant's data: a logged read
			if err != nil {
				return n, err
			}
			ref, err := b.Adapter.Forward(ctx, Dossier{Code: d.Code, ProcedureCode: d.ProcedureCode, UnitCode: e.Data.ReceivingUnit,
				AcceptedAt: d.AcceptedAt, DueAt: d.DueAt, Applicant: d.Applicant})
			if err != nil {
				return n, fmt.Errorf("partner %s: forwarding %s: %w", b.Client, d.Code, err) // the cursor stays: tried again next time
			}
			if _, err := b.DB.LinkForwarded(ctx, a.Client.ID, d.Code, ref); err != nil {
				return n, err
			}
			n++
		}
		if err := b.DB.SetPartnerCursor(ctx, a.Client.ID, next); err != nil {
			return n, err
		}
		if len(events) < store.MaxFeedPage {
			return n, nil
		}
		cur = next
	}
}

// collect asks the partner about each open dossier and records the
// results it decided.
func (b *Bridge) collect(ctx context.Context, a *motcua.Actor) (n int, err error) {
	links, err := b.DB.OpenLinks(ctx, a.Client.ID)
	if err != nil {
		return 0, err
	}
	for _, l := range links {
		st, err := b.Adapter.Status(ctx, l.Reference)
		if err != nil {
			return n, fmt.Errorf("partner %s: status of %s: %w", b.Client, l.DossierCode, err)
		}
		if !st.Decided {
			continue
		}
		d, err := b.DB.DossierByCode(ctx, a, l.DossierCode)
		if err != nil {
			return n, err
		}
		if d.State == motcua.StateProcessing {
			if _, err := b.DB.Act(ctx, a, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventResultReady,
				Note: "Kết quả từ hệ thống " + b.Client + ", số " + st.Result}); err != nil {
				return n, fmt.Errorf("partner %s: result of %s: %w", b.Client, l.DossierCode, err)
			}
			n++
		}
		if err := b.DB.CloseLink(ctx, a.Client.ID, l.DossierCode, st.Result); err != nil {
			return n, err
		}
	}
	return n, nil
}

// Run syncs every interval until ctx ends.
func (b *Bridge) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, _, err := b.Sync(ctx); err != nil && ctx.Err() == nil && b.Log != nil {
			b.Log.Warn("partner sync", "partner", b.Client, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
