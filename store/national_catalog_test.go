package store_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/csdltthc"
	"github.com/motcua/motcua/store"
)

// nationalSample reads the adapter's sample export, keeps codes and
// converts them, keyed by code.
func nationalSample(t *testing.T, codes ...string) ([]*motcua.NationalProcedure, map[string]*motcua.NationalProcedure) {
	t.Helper()
	f, err := os.Open("../adapter/partner/csdltthc/testdata/xuat-csdl-tthc.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csdltthc.ReadFile(f)
	if err == nil {
		records, err = csdltthc.Select(records, codes)
	}
	if err != nil {
		t.Fatal(err)
	}
	list, err := csdltthc.Convert(records)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]*motcua.NationalProcedure{}
	for _, n := range list {
		by[n.Code] = n
	}
	return list, by
}

func nationalDecision(number string) *motcua.Decision {
	return &motcua.Decision{Number: number, Issuer: "Chủ tịch UBND tỉnh Đắk Nông", SignedOn: vn(3, 4, 0, 0),
		EffectiveFrom: vn(4, 1, 0, 0), Summary: "Cập nhật thủ tục theo CSDL quốc gia về TTHC"}
}

// published is every published decision and version of the catalogue.
func published(t *testing.T, db *store.DB) *motcua.CatalogSnapshot {
	t.Helper()
	s, err := db.Snapshot(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	out := &motcua.CatalogSnapshot{}
	for _, d := range s.Decisions {
		if d.Status == motcua.DecisionPublished {
			out.Decisions = append(out.Decisions, d)
		}
	}
	for _, v := range s.Versions {
		if v.Status == motcua.VersionPublished {
			out.Versions = append(out.Versions, v)
		}
	}
	return out
}

func nationalCodes(list []store.NationalChange) []string {
	var out []string
	for _, c := range list {
		out = append(out, c.Code+"/"+string(c.Level))
	}
	return out
}

// TestNationalDraftHoldsExactlyTheDifferences: of three national
// procedures, one the province lacks is added, one whose national parts
// changed is amended with the province's workflow kept, one identical is
// left out; the draft decision holds exactly those two, and nothing in
// force changes. The draft cannot be published while the added procedure
// has no workflow.
func TestNationalDraftHoldsExactlyTheDifferences(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		list, national := nationalSample(t, "1.001193", "1.000656", "1.001022")
		same := motcua.MergeNational(deathRegistration(3), national["1.000656"])
		decide(t, db, f.admin, "5/QĐ-UBND", vn(1, 1, 0, 0), motcua.ChangeAdd, same)
		before := published(t, db)
		birthInForce, err := db.Procedure(ctx, f.proc.ID)
		if err != nil {
			t.Fatal(err)
		}

		d := nationalDecision("15/QĐ-UBND")
		rep, err := db.DraftFromNational(ctx, f.admin, d, list)
		if err != nil {
			t.Fatal(err)
		}
		if got := nationalCodes(rep.Added); !reflect.DeepEqual(got, []string{"1.001022/commune"}) {
			t.Errorf("added %v", got)
		}
		if got := nationalCodes(rep.Amended); !reflect.DeepEqual(got, []string{"1.001193/commune"}) {
			t.Errorf("amended %v", got)
		}
		if got := nationalCodes(rep.Unchanged); !reflect.DeepEqual(got, []string{"1.000656/commune"}) {
			t.Errorf("unchanged %v", got)
		}
		if rep.DecisionID != d.ID || rep.Differences() != 2 {
			t.Fatalf("report %+v, decision %d", rep, d.ID)
		}

		got, err := db.Decision(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != motcua.DecisionDraft || len(got.Changes) != 2 {
			t.Fatalf("decision %s %s with %d changes", got.Number, got.Status, len(got.Changes))
		}
		changes := map[string]motcua.Change{}
		for _, c := range got.Changes {
			changes[c.Procedure.Code] = c
		}
		amend := changes["1.001193"]
		want := motcua.MergeNational(birthInForce, national["1.001193"])
		if amend.Kind != motcua.ChangeAmend || amend.Procedure.Status != motcua.VersionDraft {
			t.Errorf("birth registration: %s, %s", amend.Kind, amend.Procedure.Status)
		}
		if diff := motcua.DiffVersions(want, amend.Procedure); len(diff) > 0 {
			t.Errorf("the draft is not the national content on the province's version: %+v", diff)
		}
		if !reflect.DeepEqual(amend.Procedure.Steps, birthInForce.Steps) || amend.Procedure.Time != birthInForce.Time ||
			amend.Procedure.OnlineLevel != birthInForce.OnlineLevel {
			t.Errorf("the province's own parts changed: %+v", amend.Procedure)
		}
		if !reflect.DeepEqual(amend.Procedure.Documents, national["1.001193"].Documents) {
			t.Errorf("documents %+v", amend.Procedure.Documents)
		}
		if n := len(rep.Amended[0].Changes); n != len(motcua.DiffVersions(birthInForce, amend.Procedure)) || n == 0 {
			t.Errorf("the report lists %d changes", n)
		}
		add := changes["1.001022"]
		if add.Kind != motcua.ChangeAdd || add.Procedure.Time != national["1.001022"].Time ||
			!reflect.DeepEqual(add.Procedure.FeeLines, national["1.001022"].FeeLines) ||
			len(add.Procedure.Steps) != 1 || add.Procedure.Steps[0].Name != motcua.PlaceholderStepName {
			t.Errorf("added %+v", add.Procedure)
		}

		if after := published(t, db); !reflect.DeepEqual(after, before) {
			t.Errorf("what is in force changed:\nbefore %+v\nafter  %+v", before, after)
		}
		err = db.PublishDecision(ctx, f.admin, d.ID)
		if err == nil || !strings.Contains(motcua.ErrorMessage(err), "Tổng thời gian các bước (0 phút)") {
			t.Errorf("a procedure without its workflow was publishable: %v", err)
		}
	})
}

// TestNationalDraftNothingDiffers: no difference, no decision.
func TestNationalDraftNothingDiffers(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		list, national := nationalSample(t, "1.000656")
		decide(t, db, f.admin, "5/QĐ-UBND", vn(1, 1, 0, 0), motcua.ChangeAdd, motcua.MergeNational(deathRegistration(3), national["1.000656"]))
		rep, err := db.DraftFromNational(t.Context(), f.admin, nationalDecision("15/QĐ-UBND"), list)
		if err != nil || rep.DecisionID != 0 || rep.Differences() != 0 || len(rep.Unchanged) != 1 {
			t.Fatalf("report %+v, %v", rep, err)
		}
		decisions, _ := db.Decisions(t.Context())
		if len(decisions) != 1 {
			t.Errorf("%d decisions, want the one published", len(decisions))
		}
	})
}

// TestNationalDraftRefusedWholly: a counter officer, a new procedure whose
// time cannot be read, a decision number already taken — each refused
// with the reason, and nothing written.
func TestNationalDraftRefusedWholly(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		decide(t, db, f.admin, "5/QĐ-UBND", vn(1, 1, 0, 0), motcua.ChangeAdd, deathRegistration(3))
		whole, err := db.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		good, _ := nationalSample(t, "1.001193", "1.001022")
		withCopy, _ := nationalSample(t, "1.001022", "2.000908")
		for _, c := range []struct {
			name     string
			actor    *motcua.Actor
			number   string
			national []*motcua.NationalProcedure
			code     string
			want     string
		}{
			{"counter officer", f.counterA, "15/QĐ-UBND", good, motcua.EFORBIDDEN, "Chỉ quản trị hệ thống"},
			{"unreadable time", f.admin, "15/QĐ-UBND", withCopy, motcua.EINVALID, "Mục thứ 2 (2.000908): thủ tục 2.000908 (Cấp huyện) chưa có ở tỉnh và thời hạn giải quyết"},
			{"number taken", f.admin, "5/QĐ-UBND", good, motcua.EINVALID, "Quyết định 5/QĐ-UBND của Chủ tịch UBND tỉnh Đắk Nông đã có"},
			{"nothing", f.admin, "15/QĐ-UBND", nil, motcua.EINVALID, "Không có thủ tục nào"},
		} {
			_, err := db.DraftFromNational(ctx, c.actor, nationalDecision(c.number), c.national)
			if motcua.ErrorCode(err) != c.code || !strings.Contains(motcua.ErrorMessage(err), c.want) {
				t.Errorf("%s: %v; want %s %q", c.name, err, c.code, c.want)
			}
			if after, _ := db.Snapshot(ctx); !reflect.DeepEqual(after, whole) {
				t.Errorf("%s: the catalogue changed", c.name)
			}
		}
	})
}

// TestNationalDraftNotesWhatToDo: a legal time changed under the
// province's workflow, a field the draft cannot change and a procedure
// without a workflow are each noted for the reviewer; the field in force
// stays.
func TestNationalDraftNotesWhatToDo(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		death := deathRegistration(5) // 5 days in force; the nation says 3
		death.Field = "Chứng thực"
		decide(t, db, f.admin, "5/QĐ-UBND", vn(1, 1, 0, 0), motcua.ChangeAdd, death)
		list, _ := nationalSample(t, "1.000656", "1.001022")
		rep, err := db.DraftFromNational(t.Context(), f.admin, nationalDecision("15/QĐ-UBND"), list)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Amended) != 1 || len(rep.Added) != 1 {
			t.Fatalf("report %+v", rep)
		}
		notes := strings.Join(rep.Amended[0].Unread, "\n")
		for _, want := range []string{"Quy trình nội bộ: tổng thời gian các bước (2250 phút) không còn bằng thời hạn giải quyết mới (3 ngày làm việc)",
			"Lĩnh vực: CSDL quốc gia ghi «Hộ tịch», tỉnh đang ghi «Chứng thực»"} {
			if !strings.Contains(notes, want) {
				t.Errorf("notes lack %q:\n%s", want, notes)
			}
		}
		if got := strings.Join(rep.Added[0].Unread, "\n"); !strings.Contains(got, "Quy trình nội bộ: CSDL quốc gia không có") {
			t.Errorf("added notes: %s", got)
		}
		d, err := db.Decision(t.Context(), rep.DecisionID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range d.Changes {
			if c.Procedure.Code == "1.000656" && c.Procedure.Field != "Chứng thực" {
				t.Errorf("the draft changed the field to %q", c.Procedure.Field)
			}
		}
		in, err := db.Catalog(t.Context(), store.CatalogFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range in {
			if p.Code == "1.000656" && (p.Field != "Chứng thực" || p.Time.Amount != 5) {
				t.Errorf("in force now %s, %v", p.Field, p.Time)
			}
		}
	})
}
