package store

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

// TestWorklistQueryFilter: each part of the filter writes its condition
// and its arguments, in a fixed order whatever the order of the With…
// calls; no state chosen means the open states.
func TestWorklistQueryFilter(t *testing.T) {
	base := newWorklistQuery([]int64{7})
	for _, c := range []struct {
		name string
		q    worklistQuery
		sql  string
		args []any
	}{
		{"nothing chosen", base, ` AND ` + worklistOpenStates, nil},
		{"state", base.WithState(motcua.StateSupplement), ` AND d.state = ?`, []any{"supplement"}},
		{"procedure", base.WithProcedure(42), ` AND ` + worklistOpenStates + ` AND d.procedure_id = ?`, []any{int64(42)}},
		{"text, NFC and folded, wildcards escaped", base.WithText("Nguye\u0302\u0303n_%"),
			` AND ` + worklistOpenStates + ` AND (d.code = ? OR d.applicant_key LIKE ? ESCAPE '\')`, []any{"Nguyễn_%", `%nguyen\_\%%`}},
		{"client", base.WithProcedures([]int64{4, 5}), ` AND d.procedure_id IN (?, ?) AND ` + worklistOpenStates, []any{int64(4), int64(5)}},
		{"client without procedures", base.WithProcedures([]int64{}), ` AND 1 = 0 AND ` + worklistOpenStates, nil},
		{"all, in any order", base.WithText("x").WithProcedure(3).WithState(motcua.StateReturned).WithProcedures([]int64{3}),
			` AND d.procedure_id IN (?) AND d.state = ? AND d.procedure_id = ? AND (d.code = ? OR d.applicant_key LIKE ? ESCAPE '\')`,
			[]any{int64(3), "returned", int64(3), "x", "%x%"}},
	} {
		if got := c.q.filter(); got.sql != c.sql || !reflect.DeepEqual(got.args, c.args) {
			t.Errorf("%s:\n got %s %#v\nwant %s %#v", c.name, got.sql, got.args, c.sql, c.args)
		}
	}
}

// TestWorklistQueryPage: the page size falls back to the default out of
// range and the offset stays within [0, MaxOffset].
func TestWorklistQueryPage(t *testing.T) {
	for _, c := range []struct{ limit, offset, wantLimit, wantOffset int }{
		{0, 0, 50, 0}, {-1, -5, 50, 0}, {200, 10, 200, 10}, {201, MaxOffset + 1, 50, MaxOffset}, {7, 14, 7, 14},
	} {
		q := newWorklistQuery([]int64{1}).WithPage(c.limit, c.offset)
		if q.limit != c.wantLimit || q.offset != c.wantOffset {
			t.Errorf("WithPage(%d, %d): %d, %d", c.limit, c.offset, q.limit, q.offset)
		}
	}
}

// TestWorklistQueryShapes: without text the page and the count read the
// union of one index-only branch per way into scope (a fourth for linked
// parts), the page's branches stopped after offset+limit and the count's
// after the cap; a text search scans once. Every placeholder has its
// argument, and the page and the count carry the same filter.
func TestWorklistQueryShapes(t *testing.T) {
	for _, units := range [][]int64{{7}, {3, 9, 11}} {
		for _, linked := range []bool{false, true} {
			for _, text := range []string{"", "bình"} {
				q := newWorklistQuery(units).WithLinkedParts(linked).WithProcedures([]int64{4}).
					WithFilter(motcua.DossierFilter{State: motcua.StateProcessing, ProcedureID: 4, Query: text, Limit: 20, Offset: 40})
				name := fmt.Sprintf("%d units, linked %v, text %q", len(units), linked, text)
				page, count := q.page(), q.count()
				for what, c := range map[string]clause{"page": page, "count": count} {
					if n := strings.Count(c.sql, "?"); n != len(c.args) {
						t.Errorf("%s: %s has %d placeholders, %d arguments", name, what, n, len(c.args))
					}
					if !strings.Contains(c.sql, q.filter().sql) {
						t.Errorf("%s: %s lacks the filter: %s", name, what, c.sql)
					}
				}
				branches := 3
				if linked {
					branches = 4
				}
				unions := strings.Count(page.sql, " UNION ") + 1
				switch {
				case text != "" && (unions != 1 || !strings.HasPrefix(page.sql, " WHERE (d.current_unit_id IN")):
					t.Errorf("%s: a text search scans once: %s", name, page.sql)
				case text == "" && (unions != branches || strings.Count(count.sql, " UNION ")+1 != branches):
					t.Errorf("%s: want %d branches: %s\n%s", name, branches, page.sql, count.sql)
				case text == "" && (!reflect.DeepEqual(page.args[len(page.args)-3:], []any{60, 20, 40}) ||
					count.args[len(count.args)-1] != WorklistCountCap+1):
					t.Errorf("%s: branch limits: page %v, count %v", name, page.args, count.args)
				case text != "" && count.args[len(count.args)-1] != WorklistCountCap+1:
					t.Errorf("%s: the scan's count stops at %v", name, count.args[len(count.args)-1])
				}
			}
		}
	}
}
