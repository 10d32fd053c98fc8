package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dancu"
	"github.com/motcua/motcua/adapter/partner/dancu/dancutest"
	"github.com/motcua/motcua/store"
)

// acceptedFacts reads a dossier's identity facts from its acceptance event
// and from the dossier read back, failing when they differ.
func acceptedFacts(t *testing.T, db *store.DB, a *motcua.Actor, id int64) *motcua.IdentityFacts {
	t.Helper()
	d, events, _, err := db.History(t.Context(), a, id)
	if err != nil {
		t.Fatal(err)
	}
	if events[0].Type != motcua.EventAccepted {
		t.Fatalf("first event %s", events[0].Type)
	}
	onEvent, onDossier := events[0].Data.Identity, d.Identity
	if (onEvent == nil) != (onDossier == nil) || onEvent != nil && *onEvent != *onDossier {
		t.Fatalf("the acceptance event says %+v, the dossier %+v", onEvent, onDossier)
	}
	return onEvent
}

// TestVNeIDSessionMarksTheMatchingSubmission: a session opened through
// VNeID keeps the verified number (another session has none); a
// submission from it for that number (typed with spaces) is marked, kept
// so until the officer accepts it, and the acceptance event and the
// dossier carry Identity{citizen, VNeID} (tracking says so); a submission for another number,
// or from a session without VNeID, is not verified.
func TestVNeIDSessionMarksTheMatchingSubmission(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		c := motcua.Contact{Email: "hoa@example.vn"}
		token, err := db.OpenVNeIDSession(ctx, c, "067012345678")
		if err != nil {
			t.Fatal(err)
		}
		if n, err := db.SessionVNeID(ctx, token); err != nil || n != "067012345678" {
			t.Fatalf("the session's verified number: %q, %v", n, err)
		}
		if _, err := db.OpenVNeIDSession(ctx, c, "0101234567"); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a tax number as a VNeID identity: %v", err)
		}
		plain, _ := db.OpenCitizenSession(ctx, c)
		if n, _ := db.SessionVNeID(ctx, plain); n != "" {
			t.Fatalf("a session opened by e-mail holds a VNeID number %q", n)
		}

		verified := f.submission("vneid-1")
		verified.Applicant.IDNumber, verified.SessionVNeID = "0670 1234 5678", "067012345678"
		other := f.submission("vneid-2")
		other.Applicant.IDNumber, other.SessionVNeID = "067012345679", "067012345678"
		typed := f.submission("vneid-3")
		typed.Applicant.IDNumber = "067012345678"
		for _, s := range []*motcua.Submission{verified, other, typed} {
			if err := db.Submit(ctx, c, s); err != nil {
				t.Fatal(err)
			}
		}
		if !verified.VNeID || other.VNeID || typed.VNeID {
			t.Fatalf("marked at filing: matching %v, other number %v, no VNeID session %v", verified.VNeID, other.VNeID, typed.VNeID)
		}
		queued, err := db.Submission(ctx, f.counterA, verified.ID)
		if err != nil || !queued.VNeID {
			t.Fatalf("the queued submission lost its fact: %+v, %v", queued, err)
		}
		d, err := db.AcceptSubmission(ctx, f.counterA, verified.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := motcua.IdentityFacts{Type: motcua.IdentityCitizen, VNeID: true}
		if got := acceptedFacts(t, db, f.counterA, d.ID); got == nil || *got != want || !got.UsesNationalIdentity() {
			t.Fatalf("identity of the VNeID dossier: %+v", got)
		}
		if tr, err := db.Track(ctx, d.Code, d.TrackingSecret); err != nil || !tr.VNeID {
			t.Fatalf("tracking the VNeID dossier: %+v, %v", tr, err)
		}
		for _, s := range []*motcua.Submission{other, typed} {
			d, err := db.AcceptSubmission(ctx, f.counterA, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got := acceptedFacts(t, db, f.counterA, d.ID); got != nil {
				t.Fatalf("submission %d (number %s) is recorded as %+v", s.ID, s.Applicant.IDNumber, got)
			}
			if tr, err := db.Track(ctx, d.Code, d.TrackingSecret); err != nil || tr.VNeID {
				t.Fatalf("tracking submission %d's dossier: %+v, %v", s.ID, tr, err)
			}
		}
	})
}

// TestPopulationFactOnlyWithARecordedLookup: a dossier accepted with the
// data a counter officer looked up within the hour is recorded as using
// the population database; not without a lookup, not with one another
// officer made, not with a name changed from the database's, not after the
// hour, and never because the intake says so. Only counter officers look
// up; every lookup, found or not, is audited with the number masked.
func TestPopulationFactOnlyWithARecordedLookup(t *testing.T) {
	sim := dancutest.Start(t, "bi-mat")
	sim.Add("067012345678", dancutest.Resident{Name: "Nguyễn Văn Bình", BirthYear: 1985, Sex: "1", Commune: "Xã Thử A"})
	reg := &dancu.Adapter{Base: sim.URL, Token: "bi-mat"}
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		forged := f.intake(f.a.ID)
		forged.Identity = &motcua.IdentityFacts{Type: motcua.IdentityCitizen, VNeID: true, Database: motcua.PopulationDatabase}
		d, err := db.Accept(ctx, f.counterA, forged)
		if err != nil {
			t.Fatal(err)
		}
		if got := acceptedFacts(t, db, f.counterA, d.ID); got != nil {
			t.Fatalf("facts taken from the intake without a lookup: %+v", got)
		}
		if _, err := db.LookUpResident(ctx, f.specialistA, reg, "067012345678"); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Fatalf("a specialist looked up: %v", err)
		}
		if _, err := db.LookUpResident(ctx, f.counterA, reg, "067000000000"); motcua.ErrorCode(err) != motcua.EINVALID ||
			!strings.Contains(motcua.ErrorMessage(err), "không có công dân") {
			t.Fatalf("an unknown number: %v", err)
		}
		if _, err := db.LookUpResident(ctx, f.counterA, reg, "0101234567"); motcua.ErrorField(err) != "applicant_id_number" {
			t.Fatalf("a tax number: %v", err)
		}
		if _, err := db.Accept(ctx, f.counterB, f.intake(f.b.ID)); err != nil {
			t.Fatal(err)
		}
		r, err := db.LookUpResident(ctx, f.counterB, reg, "067012345678")
		if err != nil || r.Name != "Nguyễn Văn Bình" {
			t.Fatalf("lookup: %+v, %v", r, err)
		}
		if d := f.accept(t, f.counterA, f.a.ID); acceptedFacts(t, db, f.counterA, d.ID) != nil {
			t.Fatal("commune A's dossier took commune B's officer's lookup")
		}

		setNow(db, monday.Add(10*time.Minute))
		if _, err := db.LookUpResident(ctx, f.counterA, reg, "0670 1234 5678"); err != nil {
			t.Fatal(err)
		}
		renamed := f.intake(f.a.ID)
		renamed.Applicant.Name = "Nguyễn Văn Bính"
		if d, err := db.Accept(ctx, f.counterA, renamed); err != nil || acceptedFacts(t, db, f.counterA, d.ID) != nil {
			t.Fatalf("a name other than the database's: %v", err)
		}
		setNow(db, monday.Add(69*time.Minute))
		d = f.accept(t, f.counterA, f.a.ID)
		want := motcua.IdentityFacts{Type: motcua.IdentityCitizen, Database: motcua.PopulationDatabase}
		if got := acceptedFacts(t, db, f.counterA, d.ID); got == nil || *got != want {
			t.Fatalf("accepted with the looked-up data: %+v", got)
		}
		setNow(db, monday.Add(71*time.Minute))
		if d := f.accept(t, f.counterA, f.a.ID); acceptedFacts(t, db, f.counterA, d.ID) != nil {
			t.Fatal("a lookup vouched after the hour")
		}

		log, err := db.AuditLog(ctx, store.AuditFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var lookups []string
		for _, e := range log {
			if strings.Contains(e.Object+e.Detail, "067012345678") || strings.Contains(e.Object+e.Detail, "067000000000") {
				t.Errorf("the trail holds a full number: %+v", e)
			}
			if e.Action == "population.lookup" {
				lookups = append(lookups, e.Object+" "+e.Detail)
			}
		}
		if len(lookups) != 3 || lookups[0] != "id:"+motcua.Mask("067012345678")+" found" || lookups[2] != "id:"+motcua.Mask("067000000000")+" not found" {
			t.Fatalf("audited lookups %q", lookups)
		}
	})
}
