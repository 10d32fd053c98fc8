package store_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestTrackingSeesAnotherInstancesChange: two instances on one database.
// The first keeps its answer; after the second hands the dossier on, the
// first's answer shows it within the cache's two seconds — renewed by a
// probe while nothing changed, read afresh once something did.
func TestTrackingSeesAnotherInstancesChange(t *testing.T) {
	path := t.TempDir() + "/motcua.db"
	one, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	f := newFixture(t, one)
	d := f.accept(t, f.counterA, f.a.ID)
	first, err := one.Track(t.Context(), d.Code, d.TrackingSecret)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(2100 * time.Millisecond) // past the cache's age: the probe renews the same answer
	again, err := one.Track(t.Context(), d.Code, d.TrackingSecret)
	if err != nil || again != first {
		t.Fatalf("an unchanged dossier was not renewed from the kept answer: %v", err)
	}

	two, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer two.Close()
	two.Now = one.Now
	counter, _ := two.Actor(t.Context(), f.counterA.User.ID)
	if _, err := two.Act(t.Context(), counter, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventHandedOver}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2100 * time.Millisecond)
	now, err := one.Track(t.Context(), d.Code, d.TrackingSecret)
	if err != nil || len(now.Steps) == len(first.Steps) {
		t.Fatalf("the other instance's hand-over is not shown: %d steps before, %d after (%v)", len(first.Steps), len(now.Steps), err)
	}
}
