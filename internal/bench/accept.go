package bench

import (
	"context"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// acceptResult is the durable intake measurement.
type acceptResult struct {
	n, errs  int
	elapsed  time.Duration
	lat      []time.Duration // sorted
	cpu      float64         // cores busy
	firstErr error
}

func (a *acceptResult) rate() float64 { return float64(a.n) / a.elapsed.Seconds() }

// measureAccept calls db.Accept from clients goroutines for d, rotating over
// the receiving units (the communes' centres, the provincial branch) and their
// procedures. The store's clock runs on a synthetic time line starting the
// day after the last loaded dossier and advancing 2 s per call, so that no
// unit issues more than the 9,999 codes a day allows however long the run.
func measureAccept(ctx context.Context, db *store.DB, o *org, clients int, d time.Duration) (*acceptResult, error) {
	type desk struct {
		a     *motcua.Actor
		unit  *motcua.Unit
		procs []*proc
	}
	var desks []desk
	for _, u := range append([]*motcua.Unit{o.desk}, o.communes...) {
		a, err := db.Actor(ctx, o.counter[u.ID].ID)
		if err != nil {
			return nil, err
		}
		procs := o.commune
		if u.ID == o.desk.ID {
			procs = o.province
		}
		desks = append(desks, desk{a, u, procs})
	}
	last, err := db.LastAcceptance(ctx)
	if err != nil {
		return nil, err
	}
	base := time.Now()
	if last.After(base) {
		base = last
	}
	y, m, dd := base.In(motcua.VN).Date()
	base = time.Date(y, m, dd+1, 0, 0, 0, 0, motcua.VN)
	var tick atomic.Int64
	realNow := db.Now
	db.Now = func() time.Time { return base.Add(time.Duration(tick.Add(1)) * 2 * time.Second) }
	defer func() { db.Now = realNow }()

	apps := newApplicants()
	var next atomic.Int64
	warm := warmup(d)
	begin := time.Now().Add(warm)
	end := begin.Add(d)
	cpu := cpuMeter(begin, end)
	res := &acceptResult{elapsed: d}
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	for g := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 99))
			var mine []time.Duration
			n, errs := 0, 0
			var first error
			for ctx.Err() == nil {
				k := desks[int(next.Add(1))%len(desks)]
				lp := k.procs[rng.IntN(len(k.procs))]
				a := apps.make(rng)
				in := motcua.Intake{ProcedureID: lp.p.ID, UnitID: k.unit.ID, Channel: motcua.ChannelCounter,
					Applicant: a, Documents: slices.Clone(lp.docs), Sets: 1}
				t0 := time.Now()
				if t0.After(end) {
					break
				}
				_, err := db.Accept(ctx, k.a, in)
				t1 := time.Now()
				if t0.Before(begin) {
					continue
				}
				if err != nil {
					errs++
					if first == nil {
						first = err
					}
					continue
				}
				n++
				mine = append(mine, t1.Sub(t0))
			}
			mu.Lock()
			defer mu.Unlock()
			res.n += n
			res.errs += errs
			if res.firstErr == nil {
				res.firstErr = first
			}
			lat = append(lat, mine...)
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	res.lat, res.cpu = lat, cpu()
	return res, ctx.Err()
}
