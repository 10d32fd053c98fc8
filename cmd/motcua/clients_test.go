package main

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/motcua/motcua/store"
)

// TestClientsAndWebhooksFromTheCommandLine: a client created with its
// scope gets a key that the store recognises; a rotation gives another;
// a webhook subscription prints its secret; bad input is refused.
func TestClientsAndWebhooksFromTheCommandLine(t *testing.T) {
	db := seededDB(t)
	out, err := capture(t, "clients", "create", "Hộ tịch Đắk Gằn", "--db", db, "--units", "000.24.33.H17", "--actions", "read,events,webhooks")
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`mc_[A-Za-z0-9_-]{32}`).FindString(out)
	if key == "" {
		t.Fatalf("no key in:\n%s", out)
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.ClientActor(context.Background(), key)
	s.Close()
	if err != nil || a.Client.Name != "Hộ tịch Đắk Gằn" || len(a.Units) == 0 {
		t.Fatalf("the printed key: %+v, %v", a, err)
	}
	if out, err = capture(t, "clients", "rotate", "Hộ tịch Đắk Gằn", "--db", db); err != nil || !strings.Contains(out, "mc_") || strings.Contains(out, key) {
		t.Fatalf("rotate: %v\n%s", err, out)
	}
	out, err = capture(t, "webhooks", "add", "Hộ tịch Đắk Gằn", "https://hotich.example.vn/motcua", "--db", db, "--types", "accepted,result_ready")
	if err != nil || !regexp.MustCompile(`[0-9a-f]{48}`).MatchString(out) {
		t.Fatalf("webhooks add: %v\n%s", err, out)
	}
	if _, err := capture(t, "webhooks", "add", "Hộ tịch Đắk Gằn", "https://x.vn/h", "--db", db, "--types", "da_xong"); err == nil {
		t.Fatal("an unknown event type was taken")
	}
	if _, err := capture(t, "clients", "create", "Khác", "--db", db, "--units", "không-có"); err == nil {
		t.Fatal("an unknown unit was taken")
	}
}

// TestReportCCHCFromTheCommandLine: the draft prints as Markdown and is
// written as DOCX and PDF files.
func TestReportCCHCFromTheCommandLine(t *testing.T) {
	db := seededDB(t)
	out, err := capture(t, "report", "cchc", "--db", db, "--from", "2024-01-01", "--to", "2024-07-01")
	if err != nil || !strings.Contains(out, "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2024") {
		t.Fatalf("markdown: %v\n%s", err, out)
	}
	for _, format := range []string{"docx", "pdf"} {
		file := t.TempDir() + "/bao-cao." + format
		if _, err := capture(t, "report", "cchc", "--db", db, "--from", "2024-01-01", "--to", "2024-07-01", "--format", format, "--out", file); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(file)
		if err != nil || len(data) < 1000 || (format == "docx" && string(data[:2]) != "PK") || (format == "pdf" && string(data[:5]) != "%PDF-") {
			t.Fatalf("%s: %d bytes, %v", format, len(data), err)
		}
	}
}
