package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
)

// feesDB is a database with, at one commune in March 2024, a procedure
// with a 10,000 đồng levy paid at intake (1.000010) and two of its
// dossiers, C paid in cash, D unpaid; another procedure with a levy and
// no dossier (1.000011); a procedure without fees and one dossier E. By
// hand: 3.5 = 1/2 procedures (1.000011 has no fee data); 3.6 = 0/2
// dossiers (C and D owe, neither paid online; E owes nothing); 4.2 =
// 0/3 (no file kept).
func feesDB(t *testing.T) (path, unit, c, d string) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "m.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return time.Date(2024, 3, 4, 9, 0, 0, 0, motcua.VN) }
	u := &motcua.Unit{Code: "000.21.99.T01", Name: "Ủy ban nhân dân xã Thử", Kind: motcua.UnitCommune}
	counter := sample.CounterDesk(t, db, u, "motcua.thu")
	free := sample.CounterProcedure(t, db, "1.000001", "Chứng thực bản sao", "Chứng thực")
	levy := motcua.FeeLine{Kind: motcua.FeeLevy, Name: "Lệ phí", Amount: 10_000, Basis: motcua.FeeFixed, PayAt: motcua.FeePayAtIntake}
	var paying *motcua.Procedure
	for _, code := range []string{"1.000010", "1.000011"} {
		p := *free
		p.ID, p.VersionID, p.Code, p.FeesStated, p.FeeLines = 0, 0, code, true, []motcua.FeeLine{levy}
		if err := db.CreateProcedure(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if paying == nil {
			paying = &p
		}
	}
	accept := func(p *motcua.Procedure) *motcua.Dossier {
		in := motcua.Intake{ProcedureID: p.ID, UnitID: u.ID, Channel: motcua.ChannelCounter, Sets: 1,
			Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", IDNumber: "067012345678", Address: "Thôn 1", Phone: "0912345678"},
			Documents: []motcua.ReceivedDocument{{Name: "Bản chính giấy tờ", Kind: motcua.DocOriginal, Count: 1}}}
		d, err := db.Accept(ctx, counter, in)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	dc, dd := accept(paying), accept(paying)
	accept(free)
	if _, _, err := db.RecordCash(ctx, counter, dc.ID, motcua.FeePayAtIntake); err != nil {
		t.Fatal(err)
	}
	return path, u.Code, dc.Code, dd.Code
}

// TestReport766PrintsFeesAndDigital: `report 766` prints 3.5 and 3.6
// (what each counts) then 4.1–4.4, as a table and as JSON, lists the
// procedures behind 3.5 and the dossiers behind 3.6, and refuses an
// indicator it does not compute.
func TestReport766PrintsFeesAndDigital(t *testing.T) {
	db, unit, c, d := feesDB(t)
	period := []string{"--db", db, "--from", "2024-03-01", "--to", "2024-04-01", "--unit", unit}
	out, err := capture(t, append([]string{"report", "766"}, period...)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Chỉ số  Tử số  Mẫu số    Tỉ lệ      Đếm", "   3.5      1       2  50,00 %  thủ tục", "   3.6      0       2   0,00 %    hồ sơ",
		"   4.2      0       3   0,00 %    hồ sơ", "3.6  Tỉ lệ hồ sơ thanh toán trực tuyến"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	out, err = capture(t, append([]string{"report", "766", "--json"}, period...)...)
	var got []indicator766
	if err != nil || json.Unmarshal([]byte(out), &got) != nil || len(got) != 6 || got[0].Code != "3.5" || got[0].Of != "thủ tục" ||
		got[0].Percent == nil || *got[0].Percent != 50 || got[1].Code != "3.6" || got[1].Denominator != 2 || got[5].Code != "4.4" {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--list", "3.5"}, "1.000010\n"},
		{[]string{"--list", "3.5", "--met=false"}, "1.000011\n"},
		{[]string{"--list", "3.6"}, ""},
		{[]string{"--list", "3.6", "--met=false", "--json"}, `["` + c + `","` + d + `"]` + "\n"},
	} {
		out, err := capture(t, append(append([]string{"report", "766"}, period...), tc.args...)...)
		if err != nil || !sameLines(out, tc.want) {
			t.Errorf("%v: %q, %v; want %q", tc.args, out, err, tc.want)
		}
	}
	if _, err := capture(t, append(append([]string{"report", "766"}, period...), "--list", "3.4")...); err == nil ||
		!strings.Contains(err.Error(), "3.5, 3.6, 4.1") {
		t.Errorf("--list 3.4: %v", err)
	}
	if out, err := capture(t, append([]string{"report", "digital"}, period...)...); err != nil || strings.Contains(out, "3.5") {
		t.Errorf("report digital still prints 4.1–4.4 only: %v\n%s", err, out)
	}
}

// sameLines compares two outputs whatever the order of equal-due lines:
// JSON arrays and line lists alike hold the same set.
func sameLines(got, want string) bool {
	if got == want {
		return true
	}
	var g, w []string
	if json.Unmarshal([]byte(got), &g) == nil && json.Unmarshal([]byte(want), &w) == nil && len(g) == len(w) {
		seen := map[string]bool{}
		for _, s := range g {
			seen[s] = true
		}
		for _, s := range w {
			if !seen[s] {
				return false
			}
		}
		return true
	}
	return false
}
