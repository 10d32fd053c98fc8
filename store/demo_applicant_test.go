package store_test

import (
	"testing"

	"github.com/motcua/motcua/store"
)

// TestLatestApplicantIsTheLastDossiers: the demo registry's source answers
// with the applicant of the latest dossier naming the number, and not
// found for a number no dossier names.
func TestLatestApplicantIsTheLastDossiers(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		if _, found, err := db.LatestApplicant(t.Context(), "067012345678"); err != nil || found {
			t.Fatalf("before any dossier: found %v, %v", found, err)
		}
		f.accept(t, f.counterA, f.a.ID)
		in := f.intake(f.a.ID)
		in.Applicant.Name, in.Applicant.Address = "Nguyễn Văn Bình", "Thôn 3, xã Thử A"
		if _, err := db.Accept(t.Context(), f.counterA, in); err != nil {
			t.Fatal(err)
		}
		ap, found, err := db.LatestApplicant(t.Context(), "067012345678")
		if err != nil || !found || ap.Name != "Nguyễn Văn Bình" || ap.Address != "Thôn 3, xã Thử A" || ap.IDNumber != "067012345678" {
			t.Fatalf("the latest applicant: %+v, %v, %v", ap, found, err)
		}
		if _, found, err := db.LatestApplicant(t.Context(), "067012345679"); err != nil || found {
			t.Fatalf("another number: found %v, %v", found, err)
		}
	})
}
