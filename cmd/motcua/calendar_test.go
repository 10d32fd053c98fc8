package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// capture runs the command line and returns what it printed on stdout.
func capture(t *testing.T, args ...string) (string, error) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	read := make(chan []byte)
	go func() { // read while the command writes: a pipe holds only 64 KiB
		out, _ := io.ReadAll(r)
		read <- out
	}()
	stdout := os.Stdout
	os.Stdout = w
	runErr := run(context.Background(), args)
	os.Stdout = stdout
	w.Close()
	return string(<-read), runErr
}

func TestCalendarDuePrintsOnlyTheDueInstant(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	out, err := capture(t, "calendar", "due", "--db", db, "--at", "2024-02-07 15:00", "--days", "3")
	if err != nil || out != "2024-02-19T15:00:00+07:00\n" {
		t.Fatalf("calendar due = %q, %v; want the RFC 3339 due instant alone", out, err)
	}
	out, err = capture(t, "calendar", "due", "--db", db, "--at", "2024-02-07 15:00", "--hours", "4")
	if err != nil || out != "2024-02-15T09:30:00+07:00\n" {
		t.Fatalf("calendar due --hours 4 = %q, %v", out, err)
	}
}

func TestCalendarDueExplainNamesSkippedDays(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	out, err := capture(t, "calendar", "due", "--db", db, "--at", "2025-04-25 16:00", "--days", "1", "--explain")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "2025-04-26T16:00:00+07:00" { // 1 h on Friday, 6 h 30 on the make-up Saturday
		t.Errorf("first line = %q; want the due instant (make-up Saturday 26/04/2025 worked)", lines[0])
	}
	for _, want := range []string{"25/04/2025 (Thứ Sáu): làm việc 1 giờ", "26/04/2025 (Thứ Bảy): làm bù"} {
		if !strings.Contains(out, want) {
			t.Errorf("explanation lacks %q:\n%s", want, out)
		}
	}
	out, _ = capture(t, "calendar", "due", "--db", db, "--at", "2024-02-07 15:00", "--days", "3", "--explain")
	if !strings.Contains(out, "08/02/2024 (Thứ Năm): nghỉ — Tết Nguyên đán") {
		t.Errorf("explanation lacks the Tết holiday:\n%s", out)
	}
}

func TestCalendarDueRejectsBadInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	for _, args := range [][]string{
		{"--at", "31/02/2024 10:00", "--days", "1"},
		{"--at", "2024-02-07 15:00"},
		{"--at", "2024-02-07 15:00", "--days", "1", "--hours", "2"},
		{"--at", "2024-02-07 15:00", "--days", "-1"},
		{"--at", "2024-02-07 15:00", "--days", "1e300"},
		{"--at", "2024-02-07 15:00", "--days", "NaN"},
	} {
		out, err := capture(t, append([]string{"calendar", "due", "--db", db}, args...)...)
		if err == nil || out != "" {
			t.Errorf("calendar due %v = %q, %v; want an error and no output", args, out, err)
		}
	}
}
