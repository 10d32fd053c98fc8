package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/store"
)

// TestWorklistPastTheCountSaysMore: a unit with more open dossiers than
// the worklist counts shows "Hơn 1.000 hồ sơ", pages on by full pages, and
// its last page has no next link.
func TestWorklistPastTheCountSaysMore(t *testing.T) {
	e := newEnv(t)
	entries := make([]motcua.RegisterEntry, store.WorklistCountCap+30)
	start := time.Date(2024, 2, 1, 8, 0, 0, 0, motcua.VN)
	for i := range entries {
		at := start.Add(time.Duration(i) * time.Minute)
		entries[i] = motcua.RegisterEntry{Row: i + 2, Code: fmt.Sprintf("%s-240201-%05d", fx.UnitA.Code, i+1), ProcedureCode: fx.Birth.Code,
			UnitCode: fx.UnitA.Code, Channel: motcua.ChannelCounter, Applicant: "Nguyễn Văn An", AcceptedAt: at, DueAt: at.AddDate(0, 0, 1)}
	}
	if _, err := e.db.ImportRegister(t.Context(), entries, store.RegisterOptions{}); err != nil {
		t.Fatal(err)
	}
	b := e.login(t, fx.CounterA)
	p := b.get(t, "/worklist")
	wantContains(t, p, "Hơn 1.000 hồ sơ", "Trang sau »")
	check(t, p, htmlcheck.In("span", htmlcheck.HasExactText("Trang 1")))
	past := b.get(t, "/worklist?page=40") // beyond the last dossier
	wantContains(t, past, "Hơn 1.000 hồ sơ", "Không có hồ sơ nào.", "« Trang trước")
	if strings.Contains(past.body, "Trang sau »") {
		t.Error("a page past the last dossier offers a next page")
	}
}
