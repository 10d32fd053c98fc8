package web_test

import (
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
	e.importOpen(t, store.WorklistCountCap+30, time.Date(2024, 2, 1, 8, 0, 0, 0, motcua.VN))
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
