package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// Accepted Mon 04/03 09:00 with 3 working days (1350 min): Mon 09:00–17:00
// uses 360, Tue 450, Wed 450, leaving 90 from Thu 07:30.
var dueFromMonday = vn(3, 7, 9, 0) // Thu 07/03 09:00

func TestAcceptIssuesCodeDueDateAndEvent(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		d := f.accept(t, f.counterA, f.a.ID)
		if want := f.a.Code + "-240304-0001"; d.Code != want {
			t.Errorf("code = %q, want %q", d.Code, want)
		}
		wantInstant(t, "AcceptedAt", d.AcceptedAt, monday)
		wantInstant(t, "DueAt", d.DueAt, dueFromMonday)
		if d.State != motcua.StateProcessing || d.Step != 0 || d.Version != 1 {
			t.Errorf("state, step, version = %s, %d, %d; want processing, 0, 1", d.State, d.Step, d.Version)
		}
		if d.ReceivingUnitID != f.a.ID || d.DecidingUnitID != f.a.ID || d.CurrentUnitID != f.a.ID {
			t.Errorf("units receiving/deciding/current = %d/%d/%d, want commune A %d", d.ReceivingUnitID, d.DecidingUnitID, d.CurrentUnitID, f.a.ID)
		}
		if d.ProcedureID != f.proc.ID || d.VersionID != f.proc.VersionID || d.ProcedureName != f.proc.Name {
			t.Errorf("procedure = %d/%d/%q, want %d/%d/%q", d.ProcedureID, d.VersionID, d.ProcedureName, f.proc.ID, f.proc.VersionID, f.proc.Name)
		}

		logged := reads(t, db)
		stored, err := db.Dossier(ctx, f.counterA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameDossier(t, "stored dossier", stored, d)
		if n := reads(t, db); n != logged+1 {
			t.Errorf("audited reads %d → %d: reading a dossier must log one row", logged, n)
		}
		byCode, err := db.DossierByCode(ctx, f.counterA, " "+d.Code+" ")
		if err != nil {
			t.Fatal(err)
		}
		sameDossier(t, "dossier by code", byCode, d)

		events, err := db.Timeline(ctx, f.counterA, d)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 1 {
			t.Fatalf("timeline has %d events, want 1", len(events))
		}
		e := events[0]
		if e.Type != motcua.EventAccepted || e.Seq != 1 || e.DossierID != d.ID || e.UnitID != f.a.ID {
			t.Errorf("event = %+v", e)
		}
		if e.ActorID != f.counterA.User.ID || e.ActorName != f.counterA.User.FullName {
			t.Errorf("event actor = %d %q, want %d %q", e.ActorID, e.ActorName, f.counterA.User.ID, f.counterA.User.FullName)
		}
		wantInstant(t, "event At", e.At, monday)
		wantInstant(t, "event RecordedAt", e.RecordedAt, monday)
		if e.LateEntry() {
			t.Error("an acceptance keyed as it happens is not a late entry")
		}
		if e.Data.Applicant == nil || e.Data.Applicant.Name != "Nguyễn Văn Bình" || e.Data.ProcedureVersionID != f.proc.VersionID ||
			e.Data.Channel != motcua.ChannelCounter || len(e.Data.Documents) != 1 {
			t.Errorf("event data = %+v", e.Data)
		}

		second := f.accept(t, f.counterA, f.a.ID)
		if want := f.a.Code + "-240304-0002"; second.Code != want {
			t.Errorf("second code = %q, want %q", second.Code, want)
		}
		other := f.accept(t, f.counterB, f.b.ID)
		if want := f.b.Code + "-240304-0001"; other.Code != want {
			t.Errorf("first code at commune B = %q, want %q (sequences are per unit)", other.Code, want)
		}
		setNow(db, vn(3, 5, 8, 0))
		tuesday := f.accept(t, f.counterA, f.a.ID)
		if want := f.a.Code + "-240305-0001"; tuesday.Code != want {
			t.Errorf("next day's first code = %q, want %q (sequences are per day)", tuesday.Code, want)
		}
	})
}

func TestBadInputIsRejectedAndChangesNothing(t *testing.T) {
	long := strings.Repeat("ễ", 201) // 201 runes, 603 bytes
	cases := []struct {
		name  string
		edit  func(*motcua.Intake)
		field string
	}{
		{"empty applicant name", func(in *motcua.Intake) { in.Applicant.Name = " \t " }, "applicant_name"},
		{"no procedure", func(in *motcua.Intake) { in.ProcedureID = 0 }, "procedure"},
		{"name of 201 runes", func(in *motcua.Intake) { in.Applicant.Name = long }, "applicant_name"},
		{"bad channel", func(in *motcua.Intake) { in.Channel = "fax" }, "channel"},
		{"future instant", func(in *motcua.Intake) { in.At = monday.Add(time.Hour) }, "at"},
		{"late entry without reason", func(in *motcua.Intake) { in.At = monday.Add(-2 * time.Hour) }, "reason"},
	}
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		d := f.accept(t, f.counterA, f.a.ID)
		dossiers, events := count(t, db, "dossiers"), count(t, db, "events")
		unchanged := func(t *testing.T) {
			t.Helper()
			if n, m := count(t, db, "dossiers"), count(t, db, "events"); n != dossiers || m != events {
				t.Errorf("dossiers %d → %d, events %d → %d: a rejected request must change nothing", dossiers, n, events, m)
			}
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				in := f.intake(f.a.ID)
				c.edit(&in)
				_, err := db.Accept(ctx, f.counterA, in)
				if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != c.field {
					t.Errorf("err = %v, want invalid on field %q", err, c.field)
				}
				unchanged(t)
			})
		}
		t.Run("unknown procedure", func(t *testing.T) {
			in := f.intake(f.a.ID)
			in.ProcedureID = 987654
			if _, err := db.Accept(ctx, f.counterA, in); err == nil || motcua.ErrorCode(err) == motcua.EINTERNAL {
				t.Errorf("err = %v, want an application error", err)
			}
			unchanged(t)
		})
		t.Run("name of 200 runes is accepted", func(t *testing.T) {
			in := f.intake(f.a.ID)
			in.Applicant.Name = long[:len(long)-len("ễ")]
			got, err := db.Accept(ctx, f.counterA, in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Applicant.Name != in.Applicant.Name {
				t.Error("200-rune name not stored as given")
			}
			dossiers, events = count(t, db, "dossiers"), count(t, db, "events")
		})
		t.Run("action not allowed in the state", func(t *testing.T) {
			_, err := db.Act(ctx, f.counterA, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventResultReturned})
			wantCode(t, err, motcua.ENOTALLOWED)
			_, err = db.Act(ctx, f.counterA, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventSupplementReceived})
			wantCode(t, err, motcua.ENOTALLOWED)
			unchanged(t)
		})
		t.Run("supplement request without a list", func(t *testing.T) {
			_, err := db.Act(ctx, f.counterA, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventSupplementRequested, Missing: []string{" "}})
			if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != "missing" {
				t.Errorf("err = %v, want invalid on field missing", err)
			}
			unchanged(t)
		})
		t.Run("stale version", func(t *testing.T) {
			_, err := db.Act(ctx, f.counterA, motcua.Action{DossierID: d.ID, Version: d.Version + 1, Type: motcua.EventHandedOver})
			wantCode(t, err, motcua.ECONFLICT)
			unchanged(t)
		})
		t.Run("unknown dossier", func(t *testing.T) {
			_, err := db.Act(ctx, f.counterA, motcua.Action{DossierID: 987654, Version: 1, Type: motcua.EventHandedOver})
			wantCode(t, err, motcua.ENOTFOUND)
			unchanged(t)
		})
	})
}

// An intake naming a procedure that does not exist is bad input in the
// intake form, like procedure id 0 is.
func TestUnknownProcedureIsInvalidInput(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		in := f.intake(f.a.ID)
		in.ProcedureID = 987654
		_, err := db.Accept(t.Context(), f.counterA, in)
		if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != "procedure" {
			t.Errorf("err = %v, want invalid on field procedure", err)
		}
	})
}
