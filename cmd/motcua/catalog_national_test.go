package main

import (
	"context"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/csdltthc/csdltthctest"
	"github.com/motcua/motcua/store"
)

const nationalSample = "../../adapter/partner/csdltthc/testdata/xuat-csdl-tthc.json"

func draftDecisions(t *testing.T, path string) []*motcua.Decision {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all, err := db.Decisions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []*motcua.Decision
	for _, d := range all {
		if d.Status == motcua.DecisionDraft {
			out = append(out, d)
		}
	}
	return out
}

// TestCatalogNationalOpensADraft: from the export file and from the
// service, the command opens a draft decision and prints the differences;
// unknown codes and a missing source are refused, and nothing is written.
func TestCatalogNationalOpensADraft(t *testing.T) {
	db := seededDB(t)
	drafts := len(draftDecisions(t, db))
	out, err := capture(t, "catalog", "national", "--db", db, "--file", nationalSample, "--codes", "1.001193,1.001022",
		"--decision-number", "20/QĐ-UBND", "--decision-title", "Cập nhật hộ tịch")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"đã mở quyết định dự thảo 20/QĐ-UBND", "chưa công bố", "1.001022 Đăng ký nhận cha, mẹ, con (Cấp xã) — sửa đổi, bổ sung",
		"giữ nguyên văn bản, cần đọc: Thời hạn giải quyết: «Ngay trong ngày tiếp nhận hồ sơ"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	list := draftDecisions(t, db)
	if len(list) != drafts+1 || list[len(list)-1].Summary != "Cập nhật hộ tịch" {
		t.Fatalf("drafts: %d from %d", len(list), drafts)
	}

	sim := csdltthctest.Start(t, nationalSample)
	if _, err := capture(t, "catalog", "national", "--db", db, "--url", sim.URL, "--codes", "1.001022,9.999999"); err == nil ||
		!strings.Contains(err.Error(), "Không có thủ tục mang mã 9.999999") {
		t.Errorf("unknown code: %v", err)
	}
	out, err = capture(t, "catalog", "national", "--db", db, "--url", sim.URL, "--codes", "1.001022", "--decision-number", "21/QĐ-UBND")
	if err != nil || !strings.Contains(out, "đã mở quyết định dự thảo 21/QĐ-UBND") {
		t.Errorf("from the service: %v\n%s", err, out)
	}
	if _, err := capture(t, "catalog", "national", "--db", db, "--codes", "1.001022"); err == nil || !strings.Contains(err.Error(), "give --file FILE") {
		t.Errorf("no source: %v", err)
	}
	if _, err := capture(t, "catalog", "national", "--db", db, "--file", nationalSample, "--codes", "2.000908"); err == nil ||
		!strings.Contains(err.Error(), "cơ sở dữ liệu không thay đổi") {
		t.Errorf("unreadable time: %v", err)
	}
	out, err = capture(t, "catalog", "national", "--db", db, "--file", "../../adapter/partner/csdltthc/testdata/ChiTietTTHC_1.001193.docx",
		"--decision-number", "22/QĐ-UBND")
	if err != nil || !strings.Contains(out, "1.001193 Đăng ký khai sinh (Cấp xã) — sửa đổi, bổ sung") {
		t.Errorf("from the Word export: %v\n%s", err, out)
	}
	if got := len(draftDecisions(t, db)); got != drafts+3 {
		t.Errorf("%d drafts, want %d", got, drafts+3)
	}
}
