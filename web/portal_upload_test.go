package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// deathProcedure adds a procedure with required and conditional documents
// to the test's database, and a commune dissolved in 2023.
func deathProcedure(t *testing.T, e *env) (*motcua.Procedure, *motcua.Unit) {
	t.Helper()
	p := &motcua.Procedure{Code: "1.000656", Name: "Đăng ký khai tử", Field: "Hộ tịch", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlineFull, Steps: fx.Birth.Steps,
		Documents: []motcua.RequiredDocument{
			{Name: "Tờ khai đăng ký khai tử (theo mẫu)", Kind: motcua.DocOriginal, Count: 1},
			{Name: "Giấy báo tử hoặc giấy tờ thay Giấy báo tử", Kind: motcua.DocOriginal, Count: 1},
			{Name: "Văn bản ủy quyền (nếu ủy quyền thực hiện thủ tục)", Kind: motcua.DocOriginal, Count: 1},
		}}
	if err := e.db.CreateProcedure(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	gone := &motcua.Unit{Code: "000.23.33.H17", Name: "Ủy ban nhân dân xã Đã Giải Thể", Kind: motcua.UnitCommune, ParentID: fx.District.ID,
		ValidFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN), ValidTo: time.Date(2023, 7, 1, 0, 0, 0, 0, motcua.VN)}
	if err := e.db.CreateUnit(t.Context(), gone); err != nil {
		t.Fatal(err)
	}
	return p, gone
}

var keptToken = regexp.MustCompile(`^kept_(\d)$`)

// keptTokens are the kept files' hidden fields: the field's name, the
// document's index and the token.
func keptTokens(t *testing.T, p page) [][3]string {
	t.Helper()
	var out [][3]string
	for _, in := range all(t, p, "input[name][value]") {
		if m := keptToken.FindStringSubmatch(htmlcheck.Attr(in, "name")); m != nil && htmlcheck.Attr(in, "value") != "" {
			out = append(out, [3]string{m[0], m[1], htmlcheck.Attr(in, "value")})
		}
	}
	return out
}

// TestOnlineFormChoosesPlaceAndRequiredDocuments: the place of filing is
// the citizen's choice among units in force (none preselected, an error
// tied to the field when missing); required documents are marked and a
// filing without them is refused with their list; every bad file is
// reported next to its document at once, and the good ones are kept
// server-side so that the resent form needs only what was wrong.
func TestOnlineFormChoosesPlaceAndRequiredDocuments(t *testing.T) {
	e := newEnv(t)
	p, gone := deathProcedure(t, e)
	b := e.citizen(t, "an@example.vn")
	path := fmt.Sprintf("/nop-truc-tuyen/%d", p.ID)

	form := b.get(t, path)
	wantStatus(t, form, http.StatusOK)
	wantContains(t, form, fx.UnitA.Name)
	check(t, form, htmlcheck.In(`select#unit option[value=""][selected]`, htmlcheck.HasExactText("— Chọn nơi nộp —")))
	wantLacks(t, form, gone.Name)
	if n := strings.Count(form.body, "(bắt buộc)"); n != 2 {
		t.Fatalf("%d documents marked required, want the 2 unconditional ones", n)
	}

	// No place chosen: the error sits at the field.
	noPlace := filingForm("k-docs")
	noPlace.Del("unit")
	resent := b.postMultipart(t, path, noPlace, formFile{"file_0", "to-khai.pdf", pdf}, formFile{"file_1", "bao-tu.pdf", pdf})
	wantStatus(t, resent, http.StatusUnprocessableEntity)
	check(t, resent, htmlcheck.In("select#unit", htmlcheck.HasAttr("aria-invalid", "true"), htmlcheck.HasAttr("aria-describedby", "unit-error")),
		htmlcheck.In("#unit-error", htmlcheck.MatchesText(`^Hãy chọn nơi nộp hồ sơ\.`)))

	// Only the declaration: refused, with the missing document named.
	only := b.postMultipart(t, path, filingForm("k-docs"), formFile{"file_0", "to-khai.pdf", pdf})
	wantStatus(t, only, http.StatusUnprocessableEntity)
	wantContains(t, only, "Đã tải lên: to-khai.pdf (")
	check(t, only, errorSays("Còn thiếu giấy tờ bắt buộc: Giấy báo tử hoặc giấy tờ thay Giấy báo tử."))
	check(t, only, htmlcheck.In("#doc-error-1", htmlcheck.MatchesText(`^Giấy tờ bắt buộc`)), htmlcheck.NotIn("#doc-error-0"), htmlcheck.NotIn("#doc-error-2"))

	// Two bad files at once: both reported, each at its document; the good one kept.
	exe := []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00")
	bad := b.postMultipart(t, path, filingForm("k-docs"), formFile{"file_0", "to-khai.pdf", pdf},
		formFile{"file_1", "bao-tu.pdf", exe}, formFile{"file_2", "uy-quyen.png", pdf})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	check(t, bad, errorSays("Có 2 tệp không hợp lệ"))
	check(t, bad, htmlcheck.In("#doc-error-1", htmlcheck.MatchesText("^"+regexp.QuoteMeta("Tệp “bao-tu.pdf” không phải PDF"))),
		htmlcheck.In("#doc-error-2", htmlcheck.MatchesText("^"+regexp.QuoteMeta("Tệp “uy-quyen.png” có đuôi .png"))),
		htmlcheck.In("#kept-0", htmlcheck.MatchesText("^"+regexp.QuoteMeta("Đã tải lên: to-khai.pdf ("))))
	if n := e.countRows(t, "submissions"); n != 0 {
		t.Fatalf("%d submissions recorded from refused forms", n)
	}
	tokens := keptTokens(t, bad)
	if len(tokens) != 1 || tokens[0][1] != "0" {
		t.Fatalf("kept tokens %v, want the declaration's only", tokens)
	}

	// Another contact cannot name the kept file.
	other := e.citizen(t, "binh@example.vn")
	stolen := filingForm("k-docs")
	stolen.Set("kept_0", tokens[0][2])
	wantStatus(t, other.postMultipart(t, path, stolen, formFile{"file_1", "bao-tu.pdf", pdf}), http.StatusUnprocessableEntity)

	// Resent with the kept declaration and the corrected file: filed.
	fixed := filingForm("k-docs")
	fixed.Set("kept_0", tokens[0][2])
	done := b.postMultipart(t, path, fixed, formFile{"file_1", "bao-tu.pdf", pdf})
	wantStatus(t, done, http.StatusSeeOther)
	mine := b.get(t, done.header.Get("Location"))
	check(t, mine, htmlcheck.In("#my-files li", htmlcheck.MatchesText("^"+regexp.QuoteMeta("Tờ khai đăng ký khai tử (theo mẫu): to-khai.pdf")), htmlcheck.In("a", htmlcheck.HasExactText("to-khai.pdf"))),
		htmlcheck.In("#my-files li", htmlcheck.MatchesText("^"+regexp.QuoteMeta("Giấy báo tử hoặc giấy tờ thay Giấy báo tử: bao-tu.pdf")), htmlcheck.In("a", htmlcheck.HasExactText("bao-tu.pdf"))))
}
