package ledger_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// TestNationalRecordFromTheLog: the record carries the identity facts of
// the acceptance, each component's newest file (a scan by index, an upload
// by name), the bill's lines named by the version, the steps with their
// handlers; its due instant is the one without the pause for the
// supplement, which the record lists; a withdrawal while waiting ends
// processing at the withdrawal and leaves the request unanswered.
func TestNationalRecordFromTheLog(t *testing.T) {
	p := procedure(3, motcua.WorkingDays)
	p.ResultType = "Giấy khai sinh"
	p.FeeLines = []motcua.FeeLine{{Kind: motcua.FeeLevy, Name: "Lệ phí đăng ký", Amount: 8000}}
	events := history(t, "2024-03-04 09:00", motcua.EventHandedOver, "2024-03-04 10:00",
		motcua.EventSupplementRequested, "2024-03-05 08:30", motcua.EventSupplementReceived, "2024-03-11 14:00",
		motcua.EventSupplementRequested, "2024-03-12 08:00", motcua.EventWithdrawn, "2024-03-13 09:00")
	events[0].Data.Identity = &motcua.IdentityFacts{Type: motcua.IdentityCitizen, VNeID: true, Database: motcua.PopulationDatabase}
	events[0].Data.Applicant.IDNumber = "067012345678"
	events[0].Data.Documents = []motcua.ReceivedDocument{{Name: "Tờ khai"}, {Name: "Giấy chứng sinh"}}
	events[0].Data.Fees = &motcua.FeeBill{Lines: []motcua.FeeBillLine{{Line: 0, Amount: 8000}}, Total: 8000}
	events[1].ActorID, events[1].Data.ToUserID = 5, 6
	facts := ledger.NationalFacts{UnitCodes: map[int64]string{receiving: "R", deciding: "D"}, UserNames: map[int64]string{6: "Trần Văn Xử"},
		Files: []ledger.ComponentFileFact{
			{Component: 1, Document: "Giấy chứng sinh", URL: "https://x/tep/old", Origin: motcua.OriginScan},
			{Component: 1, Document: "Giấy chứng sinh", URL: "https://x/tep/new", Origin: motcua.OriginNational},
			{Component: -1, Document: "Tờ khai", URL: "https://x/tep/upload", Origin: motcua.OriginUpload},
			{Component: -1, Document: "Không có trong hồ sơ", URL: "https://x/tep/stray", Origin: motcua.OriginUpload},
		}}
	rec, err := ledger.NationalRecord(motcua.Dossier{ID: 7, Code: "HS1", ProcedureCode: "1.001193"}, events, p, seedCal, facts)
	if err != nil {
		t.Fatal(err)
	}
	if !rec.VNeIDVerified || rec.Database != motcua.PopulationDatabase || rec.IdentityType != motcua.IdentityCitizen || rec.IdentityNumber != "067012345678" {
		t.Errorf("identity %+v", rec)
	}
	if rec.UnitCode != "R" || rec.DecidingUnitCode != "D" || !rec.ResultIsDocument || rec.MaxWorkingDays != 3 || rec.ProcedureName != p.Name {
		t.Errorf("units %q %q document %v max %v name %q", rec.UnitCode, rec.DecidingUnitCode, rec.ResultIsDocument, rec.MaxWorkingDays, rec.ProcedureName)
	}
	c := rec.Components
	if len(c) != 2 || c[0].FileURL != "https://x/tep/upload" || c[0].Reused || c[1].FileURL != "https://x/tep/new" || !c[1].FromNationalStore ||
		!c[1].Reused || !c[0].Digitised || !c[1].Digitised {
		t.Errorf("components %+v", c)
	}
	if len(rec.Fees) != 1 || rec.Fees[0].Name != "Lệ phí đăng ký" || rec.Fees[0].Amount != 8000 || rec.Fees[0].Code != "1" {
		t.Errorf("fees %+v", rec.Fees)
	}
	if len(rec.Steps) != 2 || rec.Steps[1].Title != "Thẩm định" || rec.Steps[1].Handler != "Trần Văn Xử" || rec.Steps[1].UnitCode != "D" {
		t.Errorf("steps %+v", rec.Steps)
	}
	// The one-stop's own due instant moved from Thu 07/03 09:00 to Wed
	// 13/03 14:30 over the pause; the record keeps Thu 07/03 09:00.
	if want := at(t, "2024-03-07 09:00"); !rec.DueAt.Equal(want) {
		t.Errorf("DueAt %s, want %s", show(rec.DueAt), show(want))
	}
	s := rec.Supplements
	if len(s) != 2 || !s[0].RequestedAt.Equal(at(t, "2024-03-05 08:30")) || !s[0].ReceivedAt.Equal(at(t, "2024-03-11 14:00")) ||
		!s[1].RequestedAt.Equal(at(t, "2024-03-12 08:00")) || !s[1].ReceivedAt.IsZero() {
		t.Errorf("supplements %+v", s)
	}
	if rec.State != motcua.StateWithdrawn || !rec.EndedAt.Equal(at(t, "2024-03-13 09:00")) || rec.Version != len(events) {
		t.Errorf("state %s ended %s version %d", rec.State, show(rec.EndedAt), rec.Version)
	}
}

// TestRefusedRecord: an online submission refused at intake is a record
// of its own, with no acceptance and its files linked.
func TestRefusedRecord(t *testing.T) {
	created := at(t, "2024-03-04 20:00")
	s := &motcua.Submission{ID: 42, ProcedureCode: "1.001193", Applicant: motcua.Applicant{Name: "Lê Thị Nộp", IDNumber: "067000000001"},
		CreatedAt: created, UpdatedAt: created.Add(13 * time.Hour), State: motcua.SubmissionRefused,
		Files: []motcua.SubmittedFile{{Document: "Tờ khai", SHA256: "ab12"}}}
	rec := ledger.RefusedRecord(s, procedure(3, motcua.WorkingDays), "R", "", "https://dvc.example.vn/")
	if rec.Code != "TC-42" || !rec.Refused || !rec.AcceptedAt.IsZero() || !rec.RefusedAt.Equal(created.Add(13*time.Hour)) ||
		!rec.SubmittedAt.Equal(created) || rec.Channel != motcua.ChannelOnline || rec.DecidingUnitCode != "R" {
		t.Errorf("record %+v", rec)
	}
	if len(rec.Components) != 1 || rec.Components[0].FileURL != "https://dvc.example.vn"+motcua.NationalFilePath+"/ab12" {
		t.Errorf("components %+v", rec.Components)
	}
}
