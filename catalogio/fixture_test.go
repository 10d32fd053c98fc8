package catalogio

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

const issuer = "Chủ tịch UBND tỉnh Đắk Nông"

func vn(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, motcua.VN)
}

func steps(minutes ...int) []motcua.WorkflowStep {
	roles := []motcua.Role{motcua.RoleCounter, motcua.RoleSpecialist, motcua.RoleLeader, motcua.RoleCounter}
	units := []motcua.StepUnit{motcua.AtIntake, motcua.AtDeciding, motcua.AtDeciding, motcua.AtIntake}
	names := []string{"Tiếp nhận, kiểm tra hồ sơ", "Thẩm tra hồ sơ, dự thảo kết quả", "Ký duyệt", "Trả kết quả"}
	var out []motcua.WorkflowStep
	for i, m := range minutes {
		out = append(out, motcua.WorkflowStep{Name: names[i], Role: roles[i], Unit: units[i], Minutes: m})
	}
	return out
}

// birth is procedure 1.001193 as a version of the catalogue.
func birth(version int, status motcua.VersionStatus, change motcua.ChangeKind, from time.Time) motcua.CatalogVersion {
	return motcua.CatalogVersion{Procedure: motcua.Procedure{Code: "1.001193", Version: version, Name: "Thủ tục đăng ký khai sinh",
		Field: "Hộ tịch", Level: motcua.LevelCommune, Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays},
		OnlineLevel: motcua.OnlinePartial, Fees: "Miễn phí", LegalBasis: "Luật Hộ tịch 60/2014/QH13;\nNĐ 123/2015/NĐ-CP",
		ResultType: "Giấy khai sinh (bản chính)",
		Documents: []motcua.RequiredDocument{
			{Name: "Tờ khai đăng ký khai sinh (theo mẫu)", Kind: motcua.DocOriginal, Count: 1, Template: "to-khai-khai-sinh.docx"},
			{Name: "Giấy chứng sinh", Kind: motcua.DocEither, Count: 1},
			{Name: "Giấy tờ tùy thân của cha và mẹ", Kind: motcua.DocPresent, Count: 2},
		},
		Steps: steps(30, 300, 90, 30), EffectiveFrom: from, Change: change, Status: status}}
}

// realistic is a catalogue as a store exports it, in no particular order
// and with what no file carries (ids, Changes, Source, times in UTC):
// two decisions, one published and one draft; procedure 1.001193 with a
// first version entered without decision (at an instant with milliseconds),
// an amendment by the published decision that brings online service from a
// date, and a draft amendment; procedure 2.000815 (same day, amount 0)
// repealed by the published decision; a district procedure in hours.
func realistic() *motcua.CatalogSnapshot {
	published := motcua.Decision{ID: 7, Number: "12/QĐ-UBND", Issuer: issuer, SignedOn: vn(2024, 12, 20, 0, 0).UTC(),
		EffectiveFrom: vn(2025, 1, 1, 0, 0).UTC(), Summary: "Công bố danh mục TTHC lĩnh vực Hộ tịch, Chứng thực",
		Status: motcua.DecisionPublished, CreatedAt: time.Now(), PublishedAt: time.Now(),
		Changes: []motcua.Change{{Kind: motcua.ChangeAmend}}}
	draft := motcua.Decision{ID: 9, Number: "345/QĐ-UBND", Issuer: issuer, SignedOn: vn(2025, 6, 25, 0, 0),
		EffectiveFrom: vn(2025, 7, 1, 7, 30), Status: motcua.DecisionDraft}

	first := birth(1, motcua.VersionPublished, motcua.ChangeAdd, time.Date(2024, 3, 5, 2, 41, 27, 123e6, time.UTC))
	first.ID, first.VersionID, first.Documents = 3, 30, nil
	amended := birth(2, motcua.VersionPublished, motcua.ChangeAmend, vn(2025, 1, 1, 0, 0))
	amended.OnlineLevel, amended.OnlineFrom = motcua.OnlineFull, vn(2025, 1, 15, 0, 0)
	amended.DecisionNumber, amended.DecisionIssuer, amended.DecisionID = published.Number, issuer, published.ID
	amended.Source = "exported"
	amended.Competence = motcua.CompetenceResidence
	amended.Applicants, amended.Agency = "Công dân Việt Nam, người Việt Nam định cư ở nước ngoài", "Ủy ban nhân dân cấp xã"
	amended.Sequence = "- Nộp hồ sơ trực tiếp, qua bưu chính hoặc trực tuyến.\n- Công chức tư pháp - hộ tịch thẩm tra hồ sơ.\n- Trả kết quả."
	amended.Channels = "Trực tiếp: 1 ngày, miễn phí\nTrực tuyến: 1 ngày, miễn phí\nDịch vụ bưu chính: 1 ngày, miễn phí"
	redraft := birth(-9, motcua.VersionDraft, motcua.ChangeAmend, draft.EffectiveFrom)
	redraft.Time.Amount, redraft.Steps = 2, steps(60, 600, 180, 60)
	redraft.Documents = append(redraft.Documents, motcua.RequiredDocument{Name: "Văn bản ủy quyền", Kind: motcua.DocCopy, Count: 1,
		Template: "https://dichvucong.gov.vn/mau/uy-quyen.pdf"})
	redraft.DecisionNumber, redraft.DecisionIssuer = draft.Number, issuer
	redraft.Applicants, redraft.Channels = "Công dân Việt Nam", "Trực tiếp: 2 ngày, miễn phí"

	sameDay := motcua.CatalogVersion{Procedure: motcua.Procedure{Code: "2.000815", Version: 1, Name: "Thủ tục chứng thực bản sao từ bản chính",
		Field: "Chứng thực", Level: motcua.LevelCommune, Time: motcua.TimeLimit{Amount: 0, Unit: motcua.SameDay},
		OnlineLevel: motcua.OnlineNone, Fees: "2.000 đồng/trang", Documents: []motcua.RequiredDocument{},
		Steps: steps(60, 240, 90, 60), EffectiveFrom: vn(2023, 5, 2, 0, 0), Change: motcua.ChangeAdd, Status: motcua.VersionPublished}}
	repeal := sameDay
	repeal.Version, repeal.Change, repeal.EffectiveFrom = 2, motcua.ChangeRepeal, published.EffectiveFrom
	repeal.DecisionNumber, repeal.DecisionIssuer = published.Number, issuer

	district := motcua.CatalogVersion{Procedure: motcua.Procedure{Code: "2.000884", Version: 1, Name: "Thủ tục chứng thực chữ ký",
		Field: "Chứng thực", Level: motcua.LevelDistrict, Office: "tu_phap", Time: motcua.TimeLimit{Amount: 4.5, Unit: motcua.WorkingHours},
		OnlineLevel: motcua.OnlinePartial, Fees: "=10.000 đồng/trường hợp <miễn> & “không”", ResultType: "Giấy tờ được chứng thực",
		Steps: steps(30, 180, 30, 30), EffectiveFrom: vn(2022, 8, 15, 0, 0), Change: motcua.ChangeAdd, Status: motcua.VersionPublished}}

	return &motcua.CatalogSnapshot{
		Decisions: []motcua.Decision{draft, published},
		Versions:  []motcua.CatalogVersion{redraft, repeal, district, amended, first, sameDay},
	}
}

// withoutSource clears what readers add, for comparisons.
func withoutSource(s *motcua.CatalogSnapshot) *motcua.CatalogSnapshot {
	out := *s
	out.Versions = append([]motcua.CatalogVersion(nil), s.Versions...)
	for i := range out.Versions {
		out.Versions[i].Source = ""
	}
	return &out
}

// sameCatalog fails the test if got differs from want but for Source.
func sameCatalog(t *testing.T, got, want *motcua.CatalogSnapshot) {
	t.Helper()
	if g, w := withoutSource(got), withoutSource(want); !reflect.DeepEqual(g, w) {
		gj, _ := json.MarshalIndent(g, "", " ")
		wj, _ := json.MarshalIndent(w, "", " ")
		t.Errorf("snapshots differ:\n got %s\nwant %s", gj, wj)
	}
}

func writeJSON(t *testing.T, s *motcua.CatalogSnapshot) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJSON(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeXLSX(t *testing.T, s *motcua.CatalogSnapshot) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteXLSX(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// wantProblems fails unless err is EINVALID and its message holds each part.
func wantProblems(t *testing.T, err error, parts ...string) {
	t.Helper()
	if motcua.ErrorCode(err) != motcua.EINVALID {
		t.Fatalf("got %v, want an %s error", err, motcua.EINVALID)
	}
	msg := motcua.ErrorMessage(err)
	for _, part := range parts {
		if !strings.Contains(msg, part) {
			t.Errorf("message lacks %q:\n%s", part, msg)
		}
	}
}
