// Package dvcqg synchronises every dossier, whole, to the national
// co-ordination system behind the National Public Service Portal (Cổng
// Dịch vụ công quốc gia; issue 20): Decision 766 scores the province from
// these records, field by field. The record is motcua.NationalRecord, the
// ledger's projection (store); national.go and mapping.go are the one
// place that knows the national field names and codes.
//
// The exchange this adapter speaks — verify against the national
// integration specification before going live; a thin proxy adapts it if
// it differs (docs/national-sync.md):
//
//	POST {url}   Content-Type: application/json   Authorization: Bearer {token}
//	[{"hoSo": {HoSo}, "tienTrinhDongBo": [{QuaTrinhXuLy}, …]}, …]
//	→ 200 [{"MaHoSo", "error_code": "0" taken, else refused, "message"}, …]
//	→ anything else: the whole batch was not taken
//
// The sender (Syncer) sends each dossier whose record changed since the
// national side last took it (an event, or a file, result, push or
// payment: store.NationalSync), in batches; a refusal is kept as
// the dossier's last error and tried again later, an outage delays the
// batch, and nothing is marked sent that the national side did not take.
package dvcqg

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/motcua/motcua/store"
)

// Answer is the national side's verdict on one dossier of a batch.
type Answer struct {
	MaHoSo    string `json:"MaHoSo"`
	ErrorCode string `json:"error_code"` // "0" taken
	Message   string `json:"message"`
}

// Syncer sends the dossiers due to the national side.
type Syncer struct {
	DB    *store.DB
	URL   string
	Token string // never logged
	HTTP  *http.Client
	Log   *slog.Logger
	// Batch is how many dossiers one request carries (default 100).
	Batch int
	// Backoff is the wait after a dossier's first failure, doubled after
	// each further one up to MaxBackoff (defaults 30 s and 1 h).
	Backoff, MaxBackoff time.Duration
}

// Round is what one call of Sync did.
type Round struct {
	Sent, Refused, Failed int
}

// Sync sends every dossier due now, batch after batch, and stops at the
// first batch the national side did not answer (an outage: the rest waits
// for the next round). It returns that failure.
func (s *Syncer) Sync(ctx context.Context) (Round, error) {
	var total Round
	for {
		due, err := s.DB.NationalSyncDue(ctx, s.batch())
		if err != nil || len(due) == 0 {
			return total, err
		}
		r, err := s.sendBatch(ctx, due)
		total.Sent, total.Refused, total.Failed = total.Sent+r.Sent, total.Refused+r.Refused, total.Failed+r.Failed
		if err != nil {
			return total, err
		}
	}
}

// sendBatch builds and sends one batch. Every dossier of it leaves the
// due list: taken, or failed with its reason and a later retry.
func (s *Syncer) sendBatch(ctx context.Context, due []store.NationalSync) (r Round, err error) {
	var items []Item
	sent := map[string]store.NationalSync{} // by MaHoSo, with the version listed before building
	for _, d := range due {
		rec, err := s.DB.NationalRecordOf(ctx, d.SyncKey)
		if err != nil {
			r.Failed++
			if err := s.fail(ctx, d, "dvcqg: build the record: "+err.Error()); err != nil {
				return r, err
			}
			continue
		}
		items = append(items, ToNational(rec))
		sent[rec.Code] = d
	}
	if len(items) == 0 {
		return r, nil
	}
	answers, postErr := s.post(ctx, items)
	if postErr != nil && ctx.Err() != nil {
		return r, postErr // shutting down: nothing failed, the batch is due as it was
	}
	if postErr != nil {
		for _, d := range sent {
			r.Failed++
			if err := s.fail(ctx, d, postErr.Error()); err != nil {
				return r, err
			}
		}
		return r, postErr
	}
	return s.apply(ctx, sent, answers)
}

// apply records the national side's verdict on each dossier sent; one it
// did not answer about counts as failed, to be sent again.
func (s *Syncer) apply(ctx context.Context, sent map[string]store.NationalSync, answers []Answer) (r Round, err error) {
	verdict := map[string]Answer{}
	for _, a := range answers {
		verdict[a.MaHoSo] = a
	}
	for code, d := range sent {
		a, ok := verdict[code]
		switch {
		case !ok:
			r.Failed++
			err = s.fail(ctx, d, "dvcqg: the national side did not answer about "+code)
		case a.ErrorCode != "0":
			r.Refused++
			err = s.fail(ctx, d, fmt.Sprintf("dvcqg: refused %s (%s): %s", code, a.ErrorCode, a.Message))
		default:
			r.Sent++
			err = s.DB.NationalSynced(ctx, d.SyncKey, d.Version)
		}
		if err != nil {
			return r, err
		}
	}
	return r, nil
}

func (s *Syncer) fail(ctx context.Context, d store.NationalSync, reason string) error {
	wait := min(s.backoff()<<min(d.Attempts, 20), s.maxBackoff())
	if s.Log != nil {
		s.Log.Warn("national sync", "record", d.SyncKey.String(), "attempts", d.Attempts+1, "retry_in", wait, "err", reason)
	}
	return s.DB.NationalSyncFailed(ctx, d.SyncKey, reason, s.DB.Now().Add(wait))
}

func (s *Syncer) post(ctx context.Context, items []Item) ([]Answer, error) {
	body, err := json.Marshal(items)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("dvcqg: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if s.Token != "" {
		req.Header.Set("Authorization", "Bearer "+s.Token)
	}
	client := s.HTTP
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("dvcqg: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		detail, _ := io.ReadAll(io.LimitReader(res.Body, 300))
		return nil, fmt.Errorf("dvcqg: the national side answered %s %s", res.Status, bytes.TrimSpace(detail))
	}
	var answers []Answer
	if err := json.NewDecoder(io.LimitReader(res.Body, 16<<20)).Decode(&answers); err != nil {
		return nil, fmt.Errorf("dvcqg: the national side's answer: %w", err)
	}
	return answers, nil
}

// Run syncs every interval until ctx ends.
func (s *Syncer) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.Sync(ctx); err != nil && ctx.Err() == nil && s.Log != nil {
			s.Log.Warn("national sync round stopped", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *Syncer) batch() int {
	if s.Batch > 0 {
		return s.Batch
	}
	return 100
}

func (s *Syncer) backoff() time.Duration {
	if s.Backoff > 0 {
		return s.Backoff
	}
	return 30 * time.Second
}

func (s *Syncer) maxBackoff() time.Duration {
	if s.MaxBackoff > 0 {
		return s.MaxBackoff
	}
	return time.Hour
}
