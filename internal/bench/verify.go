package bench

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"

	"github.com/motcua/motcua/store"
)

// budgetVerifyRatio is the verification page's budget (issue 18): at
// least 0.3× the hello-world rate, p99 under budgetLookupP99.
const budgetVerifyRatio = 0.3

// measureVerify asks the public verification page (/xac-minh) for random
// result codes, without login and without the receipt's secret (what a
// bank checking a paper copy sends), through the real handler stack with
// the portal's bounds off. Dossiers loaded in bulk have no issued result:
// the sample gets one.
func measureVerify(ctx context.Context, db *store.DB, clients int, d time.Duration) (*httpResult, error) {
	sample, err := db.SampleResultCodes(ctx, 20_000, rand.New(rand.NewPCG(9, 9)))
	if err != nil {
		return nil, err
	}
	if len(sample) == 0 {
		return nil, errors.New("no dossiers with a result to verify")
	}
	addr, stop, err := servePortal(db)
	if err != nil {
		return nil, err
	}
	defer stop()
	reqs := make([]string, len(sample))
	for i, s := range sample {
		reqs[i] = "GET /xac-minh?" + url.Values{"ma": {s.Code}}.Encode() + " HTTP/1.1\r\nHost: bench\r\n\r\n"
	}
	return drive(ctx, addr, clients, warmup(d), d, http.StatusOK, func(rng *rand.Rand, buf []byte) []byte {
		return append(buf, reqs[rng.IntN(len(reqs))]...)
	})
}
