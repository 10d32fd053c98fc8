package khodl

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// Pusher sends the link of every electronic result that still counts to
// its applicant's national data store (indicator 4.4). The link is the
// public verification page with the result code — the same one the QR code
// printed on the document opens — so whoever follows it from the store sees
// whether the result is still valid, superseded or revoked, and the
// document with the receipt's secret. A correction is a new result and is
// pushed in its turn; a revocation needs no push, the page says it.
type Pusher struct {
	DB      *store.DB
	Store   motcua.NationalStore
	BaseURL string // the portal's public address (the links' base)
	Log     *slog.Logger
	Batch   int // results per round; 0: 100
}

// Once pushes what is due now and returns how many the store took. A
// result refused is tried again later (store.PushBackoff) and the round
// goes on with the others; when the store is unavailable the round stops
// there, the failed result waiting its turn. The error gathers the
// failures.
func (p *Pusher) Once(ctx context.Context) (pushed int, err error) {
	due, err := p.DB.UnpushedResults(ctx, cmp.Or(p.Batch, 100))
	if err != nil {
		return 0, err
	}
	var failures []error
	for _, r := range due {
		r.Link = motcua.VerifyURL(p.BaseURL, r.Code)
		pushErr := p.Store.Push(ctx, r.PushedResult)
		if ctx.Err() != nil {
			break // shutting down: not the result's fault
		}
		if pushErr != nil {
			// The other side may echo what it was sent: the log keeps no identity number.
			failures = append(failures, fmt.Errorf("result %s of %s: %s", r.Code, r.DossierCode,
				strings.ReplaceAll(pushErr.Error(), r.IDNumber, motcua.Mask(r.IDNumber))))
			if err := p.DB.PushFailed(ctx, r.ID, p.DB.Now(), pushErr); err != nil {
				return pushed, errors.Join(append(failures, err)...)
			}
			if errors.Is(pushErr, ErrUnavailable) {
				break
			}
			continue
		}
		if err := p.DB.MarkPushed(ctx, r.ID, p.DB.Now()); err != nil {
			return pushed, errors.Join(append(failures, err)...)
		}
		pushed++
	}
	return pushed, errors.Join(failures...)
}

// Run pushes every interval until ctx ends, logging failures (the result
// and dossier codes, never the identity number).
func (p *Pusher) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := p.Once(ctx)
		if p.Log != nil {
			if err != nil && ctx.Err() == nil {
				p.Log.Warn("national data store push", "pushed", n, "err", err)
			} else if n > 0 {
				p.Log.Info("national data store push", "pushed", n)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
