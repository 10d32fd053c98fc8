package store_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// catalogFixture: the fixture's procedure, a published decision that adds
// the death registration, an amendment published later, and a draft.
func catalogFixture(t *testing.T, db *store.DB, f *fixture) {
	t.Helper()
	decide(t, db, f.admin, "12/QĐ-UBND", vn(1, 1, 0, 0), motcua.ChangeAdd, deathRegistration(3))
	amended := deathRegistration(5)
	amended.Documents = []motcua.RequiredDocument{{Name: "Tờ khai đăng ký khai tử", Kind: motcua.DocOriginal, Count: 1, Template: "to-khai-khai-tu.docx"}}
	amended.OnlineFrom = vn(2, 1, 0, 0)
	decide(t, db, f.admin, "345/QĐ-UBND", vn(4, 1, 0, 0), motcua.ChangeAmend, amended)
	draft := &motcua.Decision{Number: "999/QĐ-UBND", Issuer: "Chủ tịch UBND tỉnh Đắk Nông", SignedOn: vn(5, 1, 0, 0), EffectiveFrom: vn(6, 1, 0, 0)}
	if err := db.CreateDecision(t.Context(), f.admin, draft); err != nil {
		t.Fatal(err)
	}
	if err := db.DraftChange(t.Context(), f.admin, draft.ID, motcua.ChangeRepeal, deathRegistration(5)); err != nil {
		t.Fatal(err)
	}
}

// comparable strips what a snapshot carries of one database only.
func comparable(s *motcua.CatalogSnapshot) *motcua.CatalogSnapshot {
	out := &motcua.CatalogSnapshot{}
	for _, d := range s.Decisions {
		d.ID, d.CreatedAt, d.PublishedAt = 0, time.Time{}, time.Time{}
		out.Decisions = append(out.Decisions, d)
	}
	for _, v := range s.Versions {
		v.ID, v.VersionID, v.DecisionID, v.Source = 0, 0, 0, ""
		v.EffectiveFrom, v.OnlineFrom = v.EffectiveFrom.UTC(), v.OnlineFrom.UTC()
		if v.Status == motcua.VersionDraft {
			v.Version = 0
		}
		out.Versions = append(out.Versions, v)
	}
	return out
}

// TestCatalogSnapshotRoundTrip: importing the catalogue's own snapshot
// changes nothing; into an empty database it rebuilds the same catalogue.
func TestCatalogSnapshotRoundTrip(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		catalogFixture(t, db, f)
		before, err := db.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(before.Decisions) != 3 || len(before.Versions) != 4 {
			t.Fatalf("snapshot: %d decisions, %d versions", len(before.Decisions), len(before.Versions))
		}
		rows := count(t, db, "procedure_versions")
		report, err := db.ImportCatalog(ctx, f.admin, before)
		if err != nil || report.Changes() != 0 || report.Unchanged != 4 {
			t.Fatalf("re-import of the snapshot: %+v, %v; want zero changes", report, err)
		}
		after, _ := db.Snapshot(ctx)
		if !reflect.DeepEqual(after, before) || count(t, db, "procedure_versions") != rows {
			t.Errorf("a zero-change import changed the database")
		}

		fresh, err := store.Open(ctx, t.TempDir()+"/fresh.db")
		if err != nil {
			t.Fatal(err)
		}
		defer fresh.Close()
		report, err = fresh.ImportCatalog(ctx, nil, before)
		if err != nil || report.DecisionsCreated != 3 || report.VersionsCreated != 4 {
			t.Fatalf("import into an empty database: %+v, %v", report, err)
		}
		rebuilt, _ := fresh.Snapshot(ctx)
		if !reflect.DeepEqual(comparable(rebuilt), comparable(before)) {
			t.Errorf("rebuilt catalogue differs:\n%+v\nwant\n%+v", comparable(rebuilt), comparable(before))
		}
	})
}

// TestCatalogImportIsAllOrNothing: a file that rewrites a published
// version is refused with where and why, and nothing else of it is kept.
func TestCatalogImportIsAllOrNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		catalogFixture(t, db, f)
		s, _ := db.Snapshot(ctx)
		s.Decisions = append(s.Decisions, motcua.Decision{Number: "1/QĐ-UBND", Issuer: "Chủ tịch UBND tỉnh Đắk Nông",
			SignedOn: vn(7, 1, 0, 0), EffectiveFrom: vn(7, 1, 0, 0), Status: motcua.DecisionDraft})
		for i := range s.Versions {
			s.Versions[i].Source = "Thủ tục, dòng " + string(rune('2'+i))
			if s.Versions[i].Version == 2 && s.Versions[i].Status == motcua.VersionPublished {
				s.Versions[i].Name = "Đăng ký khai tử (sửa lén)"
			}
		}
		decisions, versions := count(t, db, "decisions"), count(t, db, "procedure_versions")
		_, err := db.ImportCatalog(ctx, f.admin, s)
		if motcua.ErrorCode(err) != motcua.EINVALID || !strings.Contains(motcua.ErrorMessage(err), "dòng") ||
			!strings.Contains(motcua.ErrorMessage(err), "đã công bố") {
			t.Errorf("rewriting a published version: %v", err)
		}
		if count(t, db, "decisions") != decisions || count(t, db, "procedure_versions") != versions {
			t.Error("a refused import kept part of the file")
		}
		if _, err := db.ImportCatalog(ctx, f.leaderA, s); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Errorf("import by a leader: %v", err)
		}
	})
}
