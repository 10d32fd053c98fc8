package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

const nationalBase = "https://dichvucong.example.vn"

// TestNationalRecordsOfTheDigitalFixture: the records of the digital
// fixture carry what indicators 4.1–4.4 read — component files with
// absolute links and their origins, the counting result with its code and
// verification link, the push — and the refused online submission of the
// month becomes a record of its own.
func TestNationalRecordsOfTheDigitalFixture(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		db.PublicURL = nationalBase
		f := newDigitalFixture(t, db)
		setNow(db, monday.Add(2*time.Hour))
		sub := f.submission("refused")
		if err := db.Submit(t.Context(), motcua.Contact{Email: "refused@example.vn"}, sub); err != nil {
			t.Fatal(err)
		}
		if err := db.RefuseSubmission(t.Context(), f.counterA, sub.ID, "Hồ sơ không thuộc thẩm quyền giải quyết của xã."); err != nil {
			t.Fatal(err)
		}
		recs, err := db.NationalRecords(t.Context(), march(f.a.ID))
		if err != nil {
			t.Fatal(err)
		}
		byCode := map[string]motcua.NationalRecord{}
		for _, r := range recs {
			byCode[r.Code] = r
		}
		if len(recs) != 12 || len(byCode) != 12 {
			t.Fatalf("%d records (%d codes), want D1–D11 and the refusal", len(recs), len(byCode))
		}
		rec := func(name string) motcua.NationalRecord { return byCode[f.codes[name]] }

		d1 := rec("D1")
		if len(d1.Components) != 2 || !d1.Components[0].Digitised || !d1.Components[1].Digitised ||
			!strings.HasPrefix(d1.Components[0].FileURL, nationalBase+motcua.NationalFilePath+"/") {
			t.Errorf("D1 components %+v", d1.Components)
		}
		if len(d1.Results) != 1 || d1.Results[0].Code == "" || d1.Results[0].FileURL != motcua.VerifyURL(nationalBase, d1.Results[0].Code) {
			t.Errorf("D1 results %+v", d1.Results)
		}
		if d1.UnitCode != f.a.Code || d1.DecidingUnitCode == "" || d1.Channel != motcua.ChannelCounter || !d1.ResultIsDocument {
			t.Errorf("D1 units %q %q channel %s document %v", d1.UnitCode, d1.DecidingUnitCode, d1.Channel, d1.ResultIsDocument)
		}
		if d1.EndedAt.IsZero() || d1.DueAt.IsZero() || d1.AcceptedAt.IsZero() || len(d1.Steps) != 4 || d1.Steps[0].Handler == "" {
			t.Errorf("D1 instants ended %v due %v accepted %v steps %+v", d1.EndedAt, d1.DueAt, d1.AcceptedAt, d1.Steps)
		}
		if d2 := rec("D2"); d2.Components[0].Digitised || !d2.Components[1].Digitised || !d2.Components[1].Reused || d2.Components[1].FromNationalStore {
			t.Errorf("D2 components %+v", d2.Components)
		}
		if d3 := rec("D3"); d3.Channel != motcua.ChannelOnline || d3.SubmittedAt.IsZero() || !d3.Components[0].Digitised {
			t.Errorf("D3 online %s submitted %v components %+v", d3.Channel, d3.SubmittedAt, d3.Components)
		}
		for _, name := range []string{"D4", "D10"} { // revoked; late entry awaiting approval
			if r := rec(name); len(r.Results) != 0 {
				t.Errorf("%s results %+v, want none", name, r.Results)
			}
		}
		if d6 := rec("D6"); d6.ResultIsDocument || !d6.Components[0].FromNationalStore || !d6.Components[0].Reused {
			t.Errorf("D6 %+v", d6)
		}
		if d7 := rec("D7"); len(d7.Results) != 1 || !d7.Results[0].PushedToStore {
			t.Errorf("D7 results %+v", d7.Results)
		}
		if d8 := rec("D8"); len(d8.Results) != 1 || d8.Results[0].PushedToStore {
			t.Errorf("D8 (corrected, the correction not pushed) results %+v", d8.Results)
		}
		if d9 := rec("D9"); !d9.Components[0].FromNationalStore {
			t.Errorf("D9 components %+v", d9.Components)
		}
		if d11 := rec("D11"); len(d11.Results) != 1 {
			t.Errorf("D11 results %+v", d11.Results)
		}
		refused := byCode["TC-"+itoa(int(sub.ID))]
		if !refused.Refused || refused.RefusedAt.IsZero() || refused.Channel != motcua.ChannelOnline || !refused.AcceptedAt.IsZero() {
			t.Errorf("refused submission record %+v", refused)
		}
		one, err := db.NationalRecord(t.Context(), idOf(t, db, f.codes["D7"]))
		if err != nil || one.Code != f.codes["D7"] || len(one.Results) != 1 {
			t.Errorf("DB.NationalRecord(D7) = %+v, %v", one, err)
		}
		if _, err := db.NationalRecord(t.Context(), 999999); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Errorf("an unknown dossier: %v", err)
		}
	})
}

func idOf(t *testing.T, db *store.DB, code string) int64 {
	t.Helper()
	var id int64
	if err := db.SQL().QueryRowContext(t.Context(), db.Rebind(`SELECT id FROM dossiers WHERE code = ?`), code).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestNationalRecordSupplements: the record lists each supplement request
// with its answer, and its due instant is the one without the pause (2.1
// subtracts the applicant's time itself); the one-stop's own due instant
// moved by the pause is later by exactly the paused working time.
func TestNationalRecordSupplements(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		s := &scenario{t: t, db: db, d: f.accept(t, f.counterA, f.a.ID)} // Mon 04/03 09:00, due Thu 07/03 09:00
		due := s.d.DueAt
		s.act(f.counterA, vn(3, 4, 10, 0), motcua.EventHandedOver)
		s.act(f.specialistA, vn(3, 5, 8, 30), motcua.EventSupplementRequested, func(a *motcua.Action) { a.Missing = []string{"Giấy chứng sinh"} })
		s.act(f.counterA, vn(3, 11, 14, 0), motcua.EventSupplementReceived)
		rec, err := db.NationalRecord(t.Context(), s.d.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantInstant(t, "record DueAt", rec.DueAt, due)
		if len(rec.Supplements) != 1 {
			t.Fatalf("supplements %+v", rec.Supplements)
		}
		wantInstant(t, "requested", rec.Supplements[0].RequestedAt, vn(3, 5, 8, 30))
		wantInstant(t, "received", rec.Supplements[0].ReceivedAt, vn(3, 11, 14, 0))
		wantInstant(t, "the one-stop's due", s.d.DueAt, vn(3, 13, 14, 30))
		if rec.State != motcua.StateProcessing || !rec.EndedAt.IsZero() || rec.Version != s.d.Version {
			t.Errorf("state %s ended %v version %d/%d", rec.State, rec.EndedAt, rec.Version, s.d.Version)
		}
		s.act(f.specialistA, vn(3, 12, 8, 0), motcua.EventSupplementRequested, func(a *motcua.Action) { a.Missing = []string{"Tờ khai"} },
			reason("Thiếu tờ khai có chữ ký"))
		rec, err = db.NationalRecord(t.Context(), s.d.ID)
		if err != nil {
			t.Fatal(err)
		}
		// A repeat request waits for the leader's approval: it is not yet
		// in the record, as it is not yet in the ledger's projection.
		if len(rec.Supplements) != 1 || rec.State != motcua.StateProcessing {
			t.Errorf("before approval: supplements %+v state %s", rec.Supplements, rec.State)
		}
		// Approved, it counts from its own instant, and waits unanswered.
		s.act(f.leaderA, vn(3, 12, 9, 0), motcua.EventLateApproved)
		if rec, err = db.NationalRecord(t.Context(), s.d.ID); err != nil {
			t.Fatal(err)
		}
		if len(rec.Supplements) != 2 || !rec.Supplements[1].ReceivedAt.IsZero() || rec.State != motcua.StateSupplement {
			t.Fatalf("after approval: supplements %+v state %s", rec.Supplements, rec.State)
		}
		wantInstant(t, "second request", rec.Supplements[1].RequestedAt, vn(3, 12, 8, 0))
		wantInstant(t, "record DueAt after a second pause", rec.DueAt, due)
	})
}
