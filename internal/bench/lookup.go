package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/web"
)

func measureHello(ctx context.Context, clients int, d time.Duration) (*httpResult, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	addr, stop, err := serve(mux)
	if err != nil {
		return nil, err
	}
	defer stop()
	req := []byte("GET / HTTP/1.1\r\nHost: bench\r\n\r\n")
	return drive(ctx, addr, clients, warmup(d), d, http.StatusOK, func(_ *rand.Rand, buf []byte) []byte { return append(buf, req...) })
}

func warmup(d time.Duration) time.Duration { return min(time.Second, d/5) }

// measureLookup serves the real handler stack (API and web on one mux, behind
// the cross-origin protection, as serve does) and asks for random dossiers
// by code. Scope follows need, so no officer sees every dossier: each
// request picks one of the 11 receiving units, a random code among that
// unit's dossiers, and the bearer token of the unit's counter officer.
func measureLookup(ctx context.Context, db *store.DB, o *org, pw string, clients int, d time.Duration) (*httpResult, error) {
	type desk struct {
		auth  string // "\r\nAuthorization: Bearer …\r\n\r\n"
		codes []string
	}
	var desks []desk
	for _, u := range append([]*motcua.Unit{o.desk}, o.communes...) {
		codes, err := db.SampleCodes(ctx, u.ID, 2000, rand.New(rand.NewPCG(uint64(u.ID), 2)))
		if err != nil {
			return nil, err
		}
		if len(codes) == 0 {
			continue
		}
		name := o.counter[u.ID].Username
		session, err := db.Login(ctx, name, pw)
		if err != nil {
			return nil, fmt.Errorf("log in %s (--password?): %w", name, err)
		}
		token := session.Token
		desks = append(desks, desk{" HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token + "\r\n\r\n", codes})
	}
	if len(desks) == 0 {
		return nil, errors.New("no dossiers to look up")
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux := http.NewServeMux()
	api.Mount(mux, db, log)
	site := web.Mount(mux, db, log)
	addr, stop, err := serve(site.Handler(mux))
	if err != nil {
		return nil, err
	}
	defer stop()
	return drive(ctx, addr, clients, warmup(d), d, http.StatusOK, func(rng *rand.Rand, buf []byte) []byte {
		k := desks[rng.IntN(len(desks))]
		buf = append(buf, "GET /api/v1/dossiers/"...)
		buf = append(buf, k.codes[rng.IntN(len(k.codes))]...)
		return append(buf, k.auth...)
	})
}
