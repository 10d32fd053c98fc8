package dvcqg

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/motcua/motcua"
)

// The pull fallback (issue 20, item 2): pushes get lost (an outage on
// either side, a proxy that drops them), so motcua also asks the national
// side, every few minutes, for the dossiers filed for the province since
// where it stopped reading, and files each through the push's path
// (Inbound.receive). The national code is the key of both: a dossier
// pushed and also pulled is one submission.
//
// The shape is ours — the national side's list of filed dossiers is not
// public; confirm before going live (a thin proxy adapts it if it
// differs):
//
//	GET {url}?tu={cursor}&soLuong={n}
//	Authorization: Bearer {token}
//	→ 200 {"DanhSachHoSo": [HoSoDen…], "TiepTheo": cursor, "ConNua": bool}
//
// The cursor is the national side's own and opaque to motcua ("" for the
// first page); it is kept (store.SetNationalPullCursor) once every dossier
// of a page was filed or refused for good. A dossier refused for what it
// is (an unknown procedure or unit, a file link that answers 404, a file
// of the wrong type) is logged with the reason and passed; a failure that
// may pass (the list or a file server does not answer, the database)
// stops the round with the cursor where it was, and the next round, after
// a wait that doubles up to an hour, reads the same page again.

// PullPage is one page of the national side's list of filed dossiers.
type PullPage struct {
	DanhSachHoSo []HoSoDen `json:"DanhSachHoSo"`
	TiepTheo     string    `json:"TiepTheo"` // the cursor after this page
	ConNua       bool      `json:"ConNua"`   // more pages follow
}

// Puller pulls the dossiers filed on the national portal.
type Puller struct {
	In         *Inbound // files them, as the push does
	URL        string
	Token      string       // never logged
	HTTP       *http.Client // nil: a 30-second client
	Page       int          // dossiers asked per page; 0: 50
	MaxPages   int          // pages per round, so a long backlog does not hold a round for ever; 0: 20
	Backoff    time.Duration
	MaxBackoff time.Duration
	Log        *slog.Logger
}

// PullRound is what one round did.
type PullRound struct {
	Pages   int
	Filed   int // filed, or found already filed under their code
	Refused int
}

// Pull reads the list from the cursor kept, at most MaxPages pages.
func (p *Puller) Pull(ctx context.Context) (r PullRound, err error) {
	db := p.In.DB
	cursor, err := db.NationalPullCursor(ctx, p.URL)
	if err != nil {
		return r, err
	}
	for r.Pages < p.maxPages() {
		page, err := p.get(ctx, cursor)
		if err != nil {
			return r, p.stop(ctx, err)
		}
		r.Pages++
		for _, h := range page.DanhSachHoSo {
			if err := p.file(ctx, h, &r); err != nil {
				return r, p.stop(ctx, err)
			}
		}
		if page.TiepTheo != "" && page.TiepTheo != cursor {
			cursor = page.TiepTheo
			if err := db.SetNationalPullCursor(ctx, p.URL, cursor); err != nil {
				return r, err
			}
		}
		if !page.ConNua || len(page.DanhSachHoSo) == 0 {
			break
		}
	}
	return r, nil
}

// file files one pulled dossier; only a failure that may pass is returned.
func (p *Puller) file(ctx context.Context, h HoSoDen, r *PullRound) error {
	_, err := p.In.receive(ctx, h)
	switch {
	case err == nil:
		r.Filed++
		return nil
	case retry(err):
		return fmt.Errorf("dvcqg: pull %s: %w", h.MaHoSo, err)
	}
	r.Refused++
	if p.Log != nil {
		p.Log.Warn("pulled national dossier refused", "code", h.MaHoSo, "reason", motcua.ErrorMessage(err))
	}
	return nil
}

func (p *Puller) stop(ctx context.Context, err error) error {
	if kerr := p.In.DB.NationalPullFailed(ctx, p.URL, err.Error()); kerr != nil {
		return errors.Join(err, kerr)
	}
	return err
}

func (p *Puller) get(ctx context.Context, cursor string) (PullPage, error) {
	var page PullPage
	u, err := url.Parse(p.URL)
	if err != nil {
		return page, fmt.Errorf("dvcqg: pull address: %w", err)
	}
	q := u.Query()
	q.Set("tu", cursor)
	q.Set("soLuong", strconv.Itoa(p.page()))
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return page, err
	}
	req.Header.Set("Authorization", "Bearer "+p.Token)
	client := p.HTTP
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	res, err := client.Do(req)
	if err != nil {
		return page, fmt.Errorf("dvcqg: pull: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return page, fmt.Errorf("dvcqg: pull: the national side answered %s", res.Status)
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 64*maxInbound)).Decode(&page); err != nil {
		return page, fmt.Errorf("dvcqg: pull: the national side's list: %w", err)
	}
	return page, nil
}

// Run pulls every interval until ctx ends; after a round that stopped on
// an error it waits Backoff, doubled after each further failed round, at
// most MaxBackoff.
func (p *Puller) Run(ctx context.Context, interval time.Duration) {
	fails := 0
	for {
		wait := interval
		if _, err := p.Pull(ctx); err != nil {
			fails++
			wait = p.BackoffAfter(fails)
			if ctx.Err() == nil && p.Log != nil {
				p.Log.Warn("national pull round stopped", "err", err, "retry_in", wait)
			}
		} else {
			fails = 0
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// BackoffAfter is the wait after fails failed rounds in a row: Backoff
// (30 s), doubled each time, at most MaxBackoff (an hour).
func (p *Puller) BackoffAfter(fails int) time.Duration {
	wait, limit := cmp.Or(p.Backoff, 30*time.Second), cmp.Or(p.MaxBackoff, time.Hour)
	for i := 1; i < fails && wait < limit; i++ {
		wait *= 2
	}
	return min(wait, limit)
}

func (p *Puller) page() int {
	if p.Page > 0 {
		return p.Page
	}
	return 50
}

func (p *Puller) maxPages() int {
	if p.MaxPages > 0 {
		return p.MaxPages
	}
	return 20
}
