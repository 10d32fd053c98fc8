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

// digitalDB is a database with two counter dossiers of 04/03/2024 at one
// commune: A with its component's file reused from what the one-stop held
// and its electronic result issued, B with neither. By hand: 4.1 = 1/2
// (the procedure's result type is empty, which counts as a document), 4.2
// = 1/2 (A), 4.3 = 1/2 (A), 4.4 = 0/2.
func digitalDB(t *testing.T) (path, unit, a, b string) {
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
	p := sample.CounterProcedure(t, db, "1.000001", "Chứng thực bản sao", "Chứng thực")
	in := motcua.Intake{ProcedureID: p.ID, UnitID: u.ID, Channel: motcua.ChannelCounter, Sets: 1,
		Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", IDNumber: "067012345678", Address: "Thôn 1", Phone: "0912345678"},
		Documents: []motcua.ReceivedDocument{{Name: "Bản chính giấy tờ", Kind: motcua.DocOriginal, Count: 1}}}
	file := motcua.SubmittedFile{FileName: "ban-chinh.pdf", ContentType: "application/pdf", Size: 100, SHA256: strings.Repeat("ab", 32)}
	da, err := db.AcceptDigitised(ctx, counter, in, []motcua.ComponentFile{{Component: 0, Origin: motcua.OriginReused, SubmittedFile: file}})
	if err != nil {
		t.Fatal(err)
	}
	result := motcua.SubmittedFile{FileName: "ban-sao.pdf", ContentType: "application/pdf", Size: 200, SHA256: strings.Repeat("cd", 32)}
	if _, err := db.ActIssuing(ctx, counter, motcua.Action{DossierID: da.ID, Version: da.Version, Type: motcua.EventResultReady},
		store.ResultIssue{File: &result}); err != nil {
		t.Fatal(err)
	}
	db2, err := db.Accept(ctx, counter, in)
	if err != nil {
		t.Fatal(err)
	}
	return path, u.Code, da.Code, db2.Code
}

// TestReportDigitalPrintsTheFourIndicators: the table, the JSON and the
// lists of codes behind a figure agree with the hand-computed figures; a
// bad indicator or period is refused; ii06a is unchanged by the new
// sub-command.
func TestReportDigitalPrintsTheFourIndicators(t *testing.T) {
	db, unit, a, b := digitalDB(t)
	period := []string{"--db", db, "--from", "2024-03-01", "--to", "2024-04-01", "--unit", unit}
	out, err := capture(t, append([]string{"report", "digital"}, period...)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Chỉ số  Tử số  Mẫu số    Tỉ lệ", "   4.1      1       2  50,00 %", "   4.4      0       2   0,00 %",
		"4.3  Tỉ lệ hồ sơ tái sử dụng dữ liệu đã số hóa"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	out, err = capture(t, append([]string{"report", "digital", "--json"}, period...)...)
	var got []struct {
		Code                   string
		Numerator, Denominator int
		Percent                *float64
		Rate                   string
	}
	if err != nil || json.Unmarshal([]byte(out), &got) != nil || len(got) != 4 || got[1].Code != "4.2" || got[1].Numerator != 1 ||
		got[1].Denominator != 2 || got[1].Percent == nil || *got[1].Percent != 50 || got[3].Rate != "0,00 %" {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--list", "4.2"}, a + "\n"},
		{[]string{"--list", "4.2", "--met=false"}, b + "\n"},
		{[]string{"--list", "4.4"}, ""},
		{[]string{"--list", "4.3", "--met=false", "--json"}, `["` + b + `"]` + "\n"},
	} {
		out, err := capture(t, append(append([]string{"report", "digital"}, period...), c.args...)...)
		if err != nil || out != c.want {
			t.Errorf("%v: %q, %v; want %q", c.args, out, err, c.want)
		}
	}
	out, err = capture(t, "report", "digital", "--db", db, "--from", "2024-02-01", "--to", "2024-03-01")
	if err != nil || !strings.Contains(out, "   4.2      0       0      —") {
		t.Errorf("a period without dossiers: %v\n%s", err, out)
	}
	for _, bad := range [][]string{{"--from", "2024-03-01", "--to", "2024-04-01", "--list", "4.5"}, {"--from", "01/03/2024", "--to", "2024-04-01"},
		{"--from", "2024-04-01", "--to", "2024-03-01"}, {"--from", "2024-03-01", "--to", "2024-04-01", "--unit", "khong-co"}} {
		if _, err := capture(t, append([]string{"report", "digital", "--db", db}, bad...)...); err == nil {
			t.Errorf("report digital %v was accepted", bad)
		}
	}
	if out, err := capture(t, "report", "ii06a", "--db", db, "--from", "2024-03-01", "--to", "2024-04-01", "--format", "json"); err != nil ||
		!strings.Contains(out, `"received_counter": 2`) {
		t.Errorf("report ii06a: %v\n%s", err, out)
	}
}
