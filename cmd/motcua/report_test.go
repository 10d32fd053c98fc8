package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestReportII06aJSONShape: one object with rows and total, each holding
// exactly the columns of the issue plus key and name; CSV has a header and
// a total row; bad periods are refused.
func TestReportII06aJSONShape(t *testing.T) {
	db := seededDB(t)
	out, err := capture(t, "report", "ii06a", "--db", db, "--from", "2024-01-01", "--to", "2024-06-01", "--by", "unit", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc) != 2 || doc["rows"] == nil || doc["total"] == nil {
		t.Fatalf("report JSON %s: %v", out, err)
	}
	var total map[string]any
	json.Unmarshal(doc["total"], &total)
	var keys []string
	for k := range total {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"carried_over", "in_progress_on_time", "in_progress_overdue", "in_progress_total", "key", "name",
		"received_counter", "received_online", "received_postal", "received_total", "resolved_early", "resolved_late",
		"resolved_on_time", "resolved_total", "withdrawn"}
	if !slices.Equal(keys, want) {
		t.Errorf("total keys %v, want %v", keys, want)
	}
	receiving, err := capture(t, "report", "ii06a", "--db", db, "--from", "2024-01-01", "--to", "2024-06-01", "--by", "unit",
		"--view", "receiving", "--rollup", "--format", "csv")
	if err != nil || !strings.Contains(receiving, "Nhận hộ đơn vị khác") {
		t.Errorf("the receiving view's CSV has no column for dossiers received for other units: %v\n%s", err, receiving)
	}
	csvOut, err := capture(t, "report", "ii06a", "--db", db, "--from", "2024-01-01", "--to", "2024-06-01", "--format", "csv",
		"--out", filepath.Join(t.TempDir(), "r.csv"))
	if err != nil || csvOut != "" {
		t.Errorf("csv to a file: %q, %v", csvOut, err)
	}
	for _, bad := range [][]string{{"--from", "2024-06-01", "--to", "2024-01-01"}, {"--from", "01/01/2024", "--to", "2024-06-01"},
		{"--from", "2024-01-01", "--to", "2024-06-01", "--by", "commune"}, {"--from", "2024-01-01", "--to", "2024-06-01", "--view", "centre"}} {
		if _, err := capture(t, append([]string{"report", "ii06a", "--db", db}, bad...)...); err == nil {
			t.Errorf("report %v was accepted", bad)
		}
	}
}
