package store_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// DossierCount counts every dossier and LastAcceptance finds the latest
// intake; SampleCodes draws only the unit's dossiers, the same ones for
// the same draws. An empty database has zero figures and empty samples.
func TestDossierFiguresAndSampleCodes(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		n, err := db.DossierCount(ctx)
		if err != nil || n != 0 {
			t.Errorf("empty: DossierCount = %d, %v; want 0", n, err)
		}
		last, err := db.LastAcceptance(ctx)
		if err != nil || !last.IsZero() {
			t.Errorf("empty: LastAcceptance = %s, %v; want the zero time", last, err)
		}
		codes, err := db.SampleCodes(ctx, 1, 10, rand.New(rand.NewPCG(1, 1)))
		if err != nil || len(codes) != 0 {
			t.Errorf("empty: SampleCodes = %v, %v; want none", codes, err)
		}
		keys, err := db.SampleTrackingKeys(ctx, 10, rand.New(rand.NewPCG(1, 1)))
		if err != nil || len(keys) != 0 {
			t.Errorf("empty: SampleTrackingKeys = %v, %v; want none", keys, err)
		}

		f := newFixture(t, db)
		byUnit := map[int64][]string{}
		var latest *motcua.Dossier
		for i, unit := range []*motcua.Unit{f.a, f.b, f.a, f.b, f.a} {
			setNow(db, vn(3, 4, 9, 10*i))
			counter := map[int64]*motcua.Actor{f.a.ID: f.counterA, f.b.ID: f.counterB}[unit.ID]
			latest = f.accept(t, counter, unit.ID)
			byUnit[unit.ID] = append(byUnit[unit.ID], latest.Code)
		}
		if n, err := db.DossierCount(ctx); err != nil || n != 5 {
			t.Errorf("DossierCount = %d, %v; want 5", n, err)
		}
		last, err = db.LastAcceptance(ctx)
		if err != nil || !last.Equal(latest.AcceptedAt) {
			t.Errorf("LastAcceptance = %s, %v; want %s", show(last), err, show(latest.AcceptedAt))
		}
		for _, unit := range []*motcua.Unit{f.a, f.b} {
			codes, err := db.SampleCodes(ctx, unit.ID, 20, rand.New(rand.NewPCG(7, 7)))
			if err != nil {
				t.Fatal(err)
			}
			if len(codes) == 0 {
				t.Errorf("%s: no code sampled of %d dossiers", unit.Code, len(byUnit[unit.ID]))
			}
			for _, c := range codes {
				if !slices.Contains(byUnit[unit.ID], c) {
					t.Errorf("%s: sampled %s, not one of its dossiers %v", unit.Code, c, byUnit[unit.ID])
				}
			}
			again, err := db.SampleCodes(ctx, unit.ID, 20, rand.New(rand.NewPCG(7, 7)))
			if err != nil || !slices.Equal(codes, again) {
				t.Errorf("%s: the same draws sampled %v, then %v (%v)", unit.Code, codes, again, err)
			}
		}
	})
}

// SampleTrackingKeys hands keys the public tracking opens: an accepted
// dossier's own secret, and a new one for a bulk-loaded dossier, which has
// none — even when its code was asked for before.
func TestSampleTrackingKeysOpenTheTracking(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newFixture(t, db)
		accepted := f.accept(t, f.counterA, f.a.ID)
		loaded, event := f.acceptedAt(t, f.b, f.counterB, vn(3, 1, 10, 0))
		if _, err := db.BulkLoadDossiers(ctx, func(add store.BulkAdd) error { return add(&loaded, &event) }, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Track(ctx, loaded.Code, "ABCDEFGH"); err == nil {
			t.Fatalf("a bulk-loaded dossier opened with a made-up secret")
		}
		keys, err := db.SampleTrackingKeys(ctx, 20, rand.New(rand.NewPCG(7, 7)))
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]string{}
		for _, k := range keys {
			if _, err := db.Track(ctx, k.Code, k.Secret); err != nil {
				t.Errorf("Track(%s, %s): %v", k.Code, k.Secret, err)
			}
			if old, ok := seen[k.Code]; ok && old != k.Secret {
				t.Errorf("%s sampled with two secrets, %s and %s", k.Code, old, k.Secret)
			}
			seen[k.Code] = k.Secret
		}
		if s, ok := seen[accepted.Code]; !ok || s != accepted.TrackingSecret {
			t.Errorf("accepted dossier sampled with secret %q (sampled: %v), want its own %q", s, ok, accepted.TrackingSecret)
		}
		if s, ok := seen[loaded.Code]; !ok || len(s) != len(accepted.TrackingSecret) {
			t.Errorf("bulk-loaded dossier sampled with secret %q (sampled: %v), want a new one", s, ok)
		}
	})
}
