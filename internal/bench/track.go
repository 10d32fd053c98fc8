package bench

import (
	"context"
	"errors"
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

// trackResult is the public tracking lookup, as JSON and as the page.
type trackResult struct {
	json, page *httpResult
}

// measureTrack asks for random dossiers by code and secret, without login,
// through the real handler stack — the JSON (/api/v1/track) and the page
// (/tra-cuu) — with the portal's bounds off (they exist to stop one client
// guessing, and here one client asks for everything). Dossiers loaded in
// bulk have no secret: the sample gets one.
func measureTrack(ctx context.Context, db *store.DB, clients int, d time.Duration) (*trackResult, error) {
	sample, err := db.SampleTrackingKeys(ctx, 20_000, rand.New(rand.NewPCG(7, 7)))
	if err != nil {
		return nil, err
	}
	if len(sample) == 0 {
		return nil, errors.New("no dossiers to track")
	}
	addr, stop, err := servePortal(db)
	if err != nil {
		return nil, err
	}
	defer stop()
	drive := func(path, codeKey, secretKey string) (*httpResult, error) {
		reqs := make([]string, len(sample))
		for i, s := range sample {
			reqs[i] = "GET " + path + "?" + url.Values{codeKey: {s.Code}, secretKey: {s.Secret}}.Encode() + " HTTP/1.1\r\nHost: bench\r\n\r\n"
		}
		return drive(ctx, addr, clients, warmup(d), d, http.StatusOK, func(rng *rand.Rand, buf []byte) []byte {
			return append(buf, reqs[rng.IntN(len(reqs))]...)
		})
	}
	r := &trackResult{}
	if r.json, err = drive("/api/v1/track", "code", "secret"); err != nil {
		return nil, err
	}
	if r.page, err = drive("/tra-cuu", "ma", "khoa"); err != nil {
		return nil, err
	}
	return r, nil
}

// servePortal serves the real handler stack — the portal's pages and the
// API — on a loopback port, with the portal's bounds off: they exist to
// stop one client guessing, and here one client asks for everything.
func servePortal(db *store.DB) (addr string, stop func(), err error) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux := http.NewServeMux()
	site := web.Mount(mux, db, log)
	site.Limits = nil
	api.Mount(mux, db, log).Limits = nil
	return serve(site.Handler(mux))
}
