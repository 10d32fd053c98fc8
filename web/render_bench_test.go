package web

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// BenchmarkTrackPage renders the public tracking page of an answer: what
// the page costs beyond the JSON (BENCHMARKS.md, "Public tracking").
func BenchmarkTrackPage(b *testing.B) {
	s := &Server{pages: parsePages(), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, motcua.VN)
	t := &motcua.Tracking{Code: "000.22.33.H17-260302-0001", ProcedureName: "Đăng ký khai sinh", Initials: "N. V. A.", State: motcua.StateProcessing,
		AcceptedAt: at, DueAt: at.Add(48 * time.Hour), Steps: []motcua.TrackStep{{At: at, What: "Tiếp nhận hồ sơ", Detail: "UBND xã Đắk Lao"},
			{At: at.Add(time.Hour), What: "Chuyển xử lý"}}}
	data := &trackData{Code: t.Code, Secret: "ABCD1234", T: t}
	for b.Loop() {
		s.render(httptest.NewRecorder(), 200, "track.html", view{Title: "Tra cứu hồ sơ", Data: data})
	}
}
