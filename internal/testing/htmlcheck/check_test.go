package htmlcheck_test

import (
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// page has what the web tests meet: nested inline tags, entities, tables,
// attributes in any order and white space from templates.
const page = `<!doctype html><html lang="vi"><body>
<nav class="menu noprint" aria-label="Chức năng"><a href="/worklist" aria-current="page">Hồ sơ</a> · <a href="/alerts">Cảnh báo</a></nav>
<p id="error" class="error">Phải nhập <strong>họ tên</strong>
   người nộp &amp; số điện thoại.</p>
<table class="list" id="late-steps"><tr><td>Tiếp nhận</td><td>09:00 05/03/2024</td></tr>
<tr><td>Thẩm định</td><td>10:30 06/03/2024</td></tr></table>
<form data-action="supplement_requested"><input name="reason" value="" required aria-invalid="true" autofocus></form>
<section id="note">Nghỉ:&nbsp;Tết</section>
</body></html>`

// TestCheckersFailWhenTheyShould runs each checker on the page once where
// it must hold and once where it must not: a checker that cannot fail would
// let every converted test pass.
func TestCheckersFailWhenTheyShould(t *testing.T) {
	for _, tc := range []struct {
		name    string
		checker htmlcheck.Checker
		wantErr string // "" when the checker holds
	}{
		{"text across nested tags", htmlcheck.In("#error", htmlcheck.HasText("Phải nhập họ tên người nộp & số điện thoại.")), ""},
		{"text elsewhere on the page", htmlcheck.In("#error", htmlcheck.HasText("Cảnh báo")), `#error (1 element(s), none fits; the closest, <p id="error" class="error">Phải nhập <strong>họ tên</strong>`},
		{"exact text", htmlcheck.In("p.error", htmlcheck.HasExactText("Phải nhập họ tên người nộp & số điện thoại.")), ""},
		{"exact text is not a prefix", htmlcheck.In("p.error", htmlcheck.HasExactText("Phải nhập họ tên")), `want "Phải nhập họ tên"`},
		{"no such element", htmlcheck.In("#dossier-code"), "#dossier-code: no element"},
		{"descendant", htmlcheck.In("nav.menu a[aria-current=page]", htmlcheck.HasExactText("Hồ sơ")), ""},
		{"descendant in the wrong ancestor", htmlcheck.In("#late-steps a"), "#late-steps a: no element"},
		{"some row fits", htmlcheck.In("#late-steps tr", htmlcheck.HasText("Thẩm định 10:30 06/03/2024")), ""},
		{"no row fits", htmlcheck.In("#late-steps tr", htmlcheck.HasText("Tiếp nhận 10:30 06/03/2024")), "2 element(s), none fits"},
		{"cells are words apart", htmlcheck.In("#late-steps tr", htmlcheck.HasText("Tiếp nhận09:00")), "lacks"},
		{"regular expression", htmlcheck.In("#late-steps td", htmlcheck.MatchesText(`^[0-9:]+ 0[0-9]/03/2024$`)), ""},
		{"regular expression fails", htmlcheck.In("#late-steps td", htmlcheck.MatchesText(`^[0-9:]+ 0[0-9]/04/2024$`)), "does not match"},
		{"attribute value", htmlcheck.In(`form[data-action="supplement_requested"] input[name=reason]`, htmlcheck.HasAttr("aria-invalid", "true"), htmlcheck.HasAttr("value", ""), htmlcheck.HasAttr("autofocus", "")), ""},
		{"attribute with another value", htmlcheck.In("input[name=reason]", htmlcheck.HasAttr("aria-invalid", "false")), `aria-invalid="true", want "false"`},
		{"attribute missing", htmlcheck.In("input[name=reason]", htmlcheck.HasAttr("aria-describedby", "error")), "has no aria-describedby"},
		{"attribute absent", htmlcheck.In("#error", htmlcheck.LacksAttr("aria-invalid")), ""},
		{"attribute present", htmlcheck.In("input", htmlcheck.LacksAttr("required")), "has required"},
		{"prefix selector", htmlcheck.In(`nav a[href^="/work"]`, htmlcheck.HasExactText("Hồ sơ")), ""},
		{"prefix selector fails", htmlcheck.In(`nav a[href^="/worklist/"]`), "no element"},
		{"presence selector", htmlcheck.In("input[required]"), ""},
		{"presence selector fails", htmlcheck.In("input[disabled]"), "no element"},
		{"every class", htmlcheck.In("nav.menu.noprint"), ""},
		{"a missing class", htmlcheck.In("nav.menu.site"), "no element"},
		{"absent", htmlcheck.NotIn("#repeat-supplement"), ""},
		{"present but must not be", htmlcheck.NotIn("#late-steps"), "#late-steps: present, must not be"},
		{"absent text", htmlcheck.NotIn("#late-steps td", htmlcheck.HasText("06/03/2024 10:30")), ""},
		{"present text", htmlcheck.NotIn("#late-steps td", htmlcheck.HasText("06/03/2024")), "an element fits but must not"},
		{"no-break space is text", htmlcheck.In("#note", htmlcheck.HasExactText("Nghỉ:\u00a0Tết")), ""},
		{"no-break space is not a space", htmlcheck.In("#note", htmlcheck.HasExactText("Nghỉ: Tết")), "want"},
		{"count", htmlcheck.Count("#late-steps tr", 2), ""},
		{"wrong count", htmlcheck.Count("#late-steps tr", 3), "2 element(s), want 3"},
		{"the closest element is reported", htmlcheck.In("#late-steps tr", htmlcheck.HasText("Thẩm định"), htmlcheck.HasText("11:00")), `text "Thẩm định 10:30 06/03/2024" lacks "11:00"`},
		{"cells", htmlcheck.In("#late-steps tr", htmlcheck.HasCells("Thẩm định", "10:30 06/03/2024")), ""},
		{"cells out of order", htmlcheck.In("#late-steps tr", htmlcheck.HasCells("10:30 06/03/2024", "Thẩm định")), "have no run matching"},
		{"cells are whole", htmlcheck.In("#late-steps tr", htmlcheck.HasCells("Thẩm", "10:30 06/03/2024")), "have no run matching"},
		{"cells from two rows", htmlcheck.In("#late-steps tr", htmlcheck.HasCells("09:00 05/03/2024", "Thẩm định")), "have no run matching"},
		{"cells by expression", htmlcheck.In("#late-steps tr", htmlcheck.CellsMatch(`Tiếp \S+`, `[0-9:]+ 05/03/2024`)), ""},
		{"quoted value with a space", htmlcheck.In(`nav[aria-label="Chức năng"] a[href="/alerts"]`, htmlcheck.HasExactText("Cảnh báo")), ""},
		{"tag names ignore case", htmlcheck.In("TABLE#late-steps"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := htmlcheck.Check(page, tc.checker)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("fails on a page where it holds: %v", err)
			case tc.wantErr != "" && err == nil:
				t.Errorf("holds on a page where it must fail (want %q)", tc.wantErr)
			case tc.wantErr != "" && !strings.Contains(err.Error(), tc.wantErr):
				t.Errorf("error %q lacks %q", err, tc.wantErr)
			}
		})
	}
}

func TestCheckReportsEveryFailure(t *testing.T) {
	err := htmlcheck.Check(page, htmlcheck.In("#a"), htmlcheck.In("#error"), htmlcheck.In("#b"))
	if err == nil || !strings.Contains(err.Error(), "#a: no element") || !strings.Contains(err.Error(), "#b: no element") {
		t.Errorf("error = %v, want both #a and #b", err)
	}
}

func TestRunFailsTheTest(t *testing.T) {
	var rec recorder
	htmlcheck.Run(&rec, page, htmlcheck.In("#error", htmlcheck.HasText("Cảnh báo")))
	if !rec.failed || !strings.Contains(rec.msg, "#error") {
		t.Errorf("Run on a failing checker: failed=%v, message %q", rec.failed, rec.msg)
	}
	rec = recorder{}
	htmlcheck.Run(&rec, page, htmlcheck.In("#error", htmlcheck.HasText("họ tên")))
	if rec.failed {
		t.Errorf("Run on a passing checker failed: %s", rec.msg)
	}
}

// recorder is a testing.TB that keeps what Run reports.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper() {}
func (r *recorder) Error(args ...any) {
	r.failed = true
	for _, a := range args {
		r.msg += a.(error).Error()
	}
}

func TestCompileRefusesWhatItDoesNotKnow(t *testing.T) {
	for _, bad := range []string{"", "  ", "a > b", "a:hover", "#", ".", "[", "[=x]", "a,b", `[x="y]`} {
		if _, err := htmlcheck.Compile(bad); err == nil {
			t.Errorf("Compile(%q) accepted", bad)
		}
	}
	if _, err := htmlcheck.Compile(`table.list#late-steps tr td[class="num"] [data-x]`); err != nil {
		t.Errorf("Compile refused a supported selector: %v", err)
	}
}

func TestText(t *testing.T) {
	doc, err := htmlcheck.Parse(`<p>Tổ chức<br>hội nghị <script>alert(1)</script><em>tổng</em>  kết</p>`)
	if err != nil {
		t.Fatal(err)
	}
	if got := htmlcheck.Text(htmlcheck.MustCompile("p").All(doc)[0]); got != "Tổ chức hội nghị tổng kết" {
		t.Errorf("Text = %q", got)
	}
}
