package demo

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store/storetest"
)

// TestDemoApplicantsProveTheirIdentity: the demo files some online
// dossiers from VNeID sessions and fills some counter dossiers from its
// population database, each acceptance recording the fact the store
// earned (the name and address accepted are what the registry answers for
// that number: the demo's own applicant); the
// scorecard's 4.5b counts exactly those dossiers and 4.5a is not zero.
func TestDemoApplicantsProveTheirIdentity(t *testing.T) {
	db, _, now := seedToday2026(t, 80)
	events, err := storetest.Events(t.Context(), db, math.MaxInt64) // every event
	if err != nil {
		t.Fatal(err)
	}
	var vneid, population, either int
	for _, e := range events {
		if e.Seq != 1 {
			continue
		}
		var data struct {
			Channel   motcua.Channel        `json:"channel"`
			Applicant motcua.Applicant      `json:"applicant"`
			Identity  *motcua.IdentityFacts `json:"identity"`
		}
		if err := json.Unmarshal([]byte(e.Data), &data); err != nil {
			t.Fatal(err)
		}
		id := data.Identity
		if id == nil {
			continue
		}
		either++
		if id.VNeID {
			vneid++
			if data.Channel != motcua.ChannelOnline {
				t.Errorf("%s: VNeID-verified but received by %s", e.DossierCode, data.Channel)
			}
		}
		if id.Database == motcua.PopulationDatabase {
			population++
			r, err := NewRegistry(db).Resident(t.Context(), data.Applicant.IDNumber)
			if err != nil || r.Name != data.Applicant.Name || r.Residence != data.Applicant.Address {
				t.Errorf("%s: population data for %s, the registry says %+v (%v)", e.DossierCode, data.Applicant.Name, r, err)
			}
		}
	}
	if vneid == 0 || population == 0 {
		t.Fatalf("%d VNeID dossiers, %d filled from the population database: want some of each", vneid, population)
	}
	t.Logf("%d VNeID dossiers, %d filled from the population database", vneid, population)
	submissions, err := storetest.Count(t.Context(), db, "submissions")
	if err != nil || submissions != vneid {
		t.Errorf("%d submissions (%v) for %d VNeID dossiers", submissions, err, vneid)
	}
	q := report.Query{From: time.Date(2025, 1, 1, 0, 0, 0, 0, motcua.VN), To: now.AddDate(0, 0, 1)}
	sc, err := db.Scorecard766(t.Context(), q, nil)
	if err != nil {
		t.Fatal(err)
	}
	if i, _ := sc.Indicator("4.5b"); i.Numerator != either {
		t.Errorf("4.5b counts %d of %d dossiers, the ledger %d", i.Numerator, i.Denominator, either)
	}
	if i, _ := sc.Indicator("4.5a"); i.Numerator == 0 || i.NoData {
		t.Errorf("4.5a: %+v", i)
	}
}

// TestDemoRegistryKnowsOnlyDemoNumbers: the demo's population database
// answers the same resident for the same demo number (the demo's
// applicant when one has it), and nobody for a number outside the demo's.
func TestDemoRegistryKnowsOnlyDemoNumbers(t *testing.T) {
	a, err := Registry{}.Resident(t.Context(), "067012345678")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Registry{}.Resident(t.Context(), "067012345678")
	if *a != *b || a.Name == "" || a.Residence == "" || a.BirthYear < 1950 || a.BirthDate.Year() != a.BirthYear {
		t.Fatalf("the demo resident: %+v, then %+v", a, b)
	}
	known := Registry{Applicants: func(_ context.Context, id string) (motcua.Applicant, bool, error) {
		return motcua.Applicant{Name: "Y Thanh Niê", Address: "Buôn Jun Juh"}, id == "067012345678", nil
	}}
	if r, err := known.Resident(t.Context(), "067012345678"); err != nil || r.Name != "Y Thanh Niê" || r.Residence != "Buôn Jun Juh" || r.BirthYear != a.BirthYear {
		t.Errorf("a demo applicant's number: %+v, %v", r, err)
	}
	if r, err := known.Resident(t.Context(), "067012345679"); err != nil || r.Name == "Y Thanh Niê" {
		t.Errorf("a number no dossier names: %+v, %v", r, err)
	}
	for _, n := range []string{"079012345678", "06701234567", "0670123456ab"} {
		if _, err := (Registry{}).Resident(t.Context(), n); !errors.Is(err, motcua.ErrResidentNotFound) {
			t.Errorf("%s: %v, want not found", n, err)
		}
	}
}
