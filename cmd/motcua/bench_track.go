package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"

	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/web"
)

// benchTrackResult is the public tracking lookup, as JSON and as the page.
type benchTrackResult struct {
	json, page *benchHTTPResult
}

// benchTrack asks for random dossiers by code and secret, without login,
// through the real handler stack — the JSON (/api/v1/track) and the page
// (/tra-cuu) — with the portal's bounds off (they exist to stop one client
// guessing, and here one client asks for everything). Dossiers loaded in
// bulk have no secret: the sample gets one.
func benchTrack(ctx context.Context, db *store.DB, clients int, d time.Duration) (*benchTrackResult, error) {
	sample, err := benchTrackSample(ctx, db, 20_000)
	if err != nil {
		return nil, err
	}
	if len(sample) == 0 {
		return nil, errors.New("no dossiers to track")
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux := http.NewServeMux()
	site := web.Mount(mux, db, log)
	site.Limits = nil
	api.Mount(mux, db, log).Limits = nil
	addr, stop, err := benchServe(web.Handler(mux))
	if err != nil {
		return nil, err
	}
	defer stop()
	drive := func(path, codeKey, secretKey string) (*benchHTTPResult, error) {
		reqs := make([]string, len(sample))
		for i, s := range sample {
			reqs[i] = "GET " + path + "?" + url.Values{codeKey: {s[0]}, secretKey: {s[1]}}.Encode() + " HTTP/1.1\r\nHost: bench\r\n\r\n"
		}
		return benchDrive(ctx, addr, clients, benchWarmup(d), d, http.StatusOK, func(rng *rand.Rand, buf []byte) []byte {
			return append(buf, reqs[rng.IntN(len(reqs))]...)
		})
	}
	r := &benchTrackResult{}
	if r.json, err = drive("/api/v1/track", "code", "secret"); err != nil {
		return nil, err
	}
	if r.page, err = drive("/tra-cuu", "ma", "khoa"); err != nil {
		return nil, err
	}
	return r, nil
}

// benchTrackSample picks up to k random dossiers and gives those without a
// tracking secret one; it returns (code, secret) pairs.
func benchTrackSample(ctx context.Context, db *store.DB, k int) ([][2]string, error) {
	var lo, hi int64
	if err := db.SQL().QueryRowContext(ctx, `SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM dossiers`).Scan(&lo, &hi); err != nil || hi == 0 {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(7, 7))
	var out [][2]string
	for range k {
		id := lo + rng.Int64N(hi-lo+1)
		var code, secret string
		if err := db.SQL().QueryRowContext(ctx, `SELECT code, tracking_secret FROM dossiers WHERE id = ?`, id).Scan(&code, &secret); err != nil {
			continue
		}
		if secret == "" {
			secret = fmt.Sprintf("B%07d", id%10_000_000)
			if _, err := db.SQL().ExecContext(ctx, `UPDATE dossiers SET tracking_secret = ? WHERE id = ?`, secret, id); err != nil {
				return nil, err
			}
		}
		out = append(out, [2]string{code, secret})
	}
	return out, nil
}
