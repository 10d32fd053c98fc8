package web

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// BenchmarkTrackPage writes the public tracking page of an answer for an
// anonymous visitor: what the page costs beyond the JSON (BENCHMARKS.md,
// "Public tracking").
func BenchmarkTrackPage(b *testing.B) {
	s := &Server{pages: parsePages(), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, motcua.VN)
	t := &motcua.Tracking{Code: "000.22.33.H17-260302-0001", ProcedureName: "Đăng ký khai sinh", Initials: "N. V. A.", State: motcua.StateProcessing,
		AcceptedAt: at, DueAt: at.Add(48 * time.Hour), Steps: []motcua.TrackStep{{At: at, What: "Tiếp nhận hồ sơ", Detail: "UBND xã Đắk Lao"},
			{At: at.Add(time.Hour), What: "Chuyển xử lý"}}}
	for b.Loop() {
		s.anonymousTrackPage(httptest.NewRecorder(), t, t.Code, "ABCD1234")
	}
}

// TestAnonymousTrackPageIsTheTemplatesPage: the page written from the
// shell is, byte for byte, the page the template renders, and what the
// visitor typed is escaped in it.
func TestAnonymousTrackPageIsTheTemplatesPage(t *testing.T) {
	s := &Server{pages: parsePages(), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, motcua.VN)
	tr := &motcua.Tracking{Code: "000.22.33.H17-260302-0001", ProcedureName: "Đăng ký <khai> sinh", Initials: "N. V. A.", State: motcua.StateReturned,
		AcceptedAt: at, DueAt: at.Add(48 * time.Hour), ResultAt: at.Add(24 * time.Hour), ReturnedAt: at.Add(25 * time.Hour), Late: true,
		PromisedAt: at.Add(72 * time.Hour), Steps: []motcua.TrackStep{{At: at, What: "Tiếp nhận hồ sơ", Detail: "UBND xã \"Đắk Lao\""}}}
	for _, typed := range [][2]string{{tr.Code, "ABCD1234"}, {tr.Code, `"><script>alert(1)</script>`}} {
		fast := httptest.NewRecorder()
		if !s.anonymousTrackPage(fast, tr, typed[0], typed[1]) {
			t.Fatal("no shell")
		}
		if strings.Contains(fast.Body.String(), "<script>alert") {
			t.Fatal("the typed secret reached the page unescaped")
		}
		if typed[1] != "ABCD1234" {
			continue
		}
		slow := httptest.NewRecorder()
		data := &trackData{Code: typed[0], Secret: typed[1], T: tr, Answer: answerHTML(tr, typed[0], typed[1])}
		s.render(slow, 200, "track.html", view{Title: "Tra cứu hồ sơ", Data: data})
		if fast.Body.String() != slow.Body.String() {
			t.Fatalf("the pages differ:\n%s\n----\n%s", fast.Body.String(), slow.Body.String())
		}
	}
}
