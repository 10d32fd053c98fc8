package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
)

// TestSuccessionsApplyMovesRunningDossiers: commune A merged into B on
// 06/03/2024 with its legal basis; `successions list` shows the row,
// `successions apply` hands A's running dossier to B and says so, and a
// second run moves nothing.
func TestSuccessionsApplyMovesRunningDossiers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	ctx := t.Context()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := sample.Build(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	counter, err := db.Actor(ctx, w.CounterA.ID)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.Accept(ctx, counter, motcua.Intake{ProcedureID: w.Birth.ID, UnitID: w.UnitA.ID, Channel: motcua.ChannelCounter,
		Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình"}, Sets: 1})
	if err != nil {
		t.Fatal(err)
	}
	merged := time.Date(2024, 3, 6, 0, 0, 0, 0, motcua.VN)
	admin, err := db.Actor(ctx, w.Admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Dissolve(ctx, admin, w.UnitA.ID, w.UnitB.ID, merged); err != nil {
		t.Fatal(err)
	}
	const basis = "Nghị quyết sắp xếp đơn vị hành chính (mẫu), khoản 1"
	if err := db.AddSuccession(ctx, &motcua.Succession{UnitID: w.UnitA.ID, SuccessorID: w.UnitB.ID, From: merged, Basis: basis}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	out, err := capture(t, "successions", "list", "--db", path)
	if err != nil || !strings.Contains(out, w.UnitA.Code) || !strings.Contains(out, w.UnitB.Code) || !strings.Contains(out, basis) {
		t.Fatalf("list = %q, %v", out, err)
	}
	out, err = capture(t, "successions", "apply", "--at", "2024-03-06", "--db", path)
	if err != nil || !strings.Contains(out, "đã chuyển 1 hồ sơ") || !strings.Contains(out, d.Code) || !strings.Contains(out, "0 hồ sơ cần chuyển thủ công") {
		t.Fatalf("apply = %q, %v", out, err)
	}
	out, err = capture(t, "successions", "apply", "--at", "2024-03-06", "--db", path)
	if err != nil || !strings.Contains(out, "đã chuyển 0 hồ sơ") {
		t.Fatalf("second apply = %q, %v", out, err)
	}
}
