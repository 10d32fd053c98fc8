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

func sampleIssued() *motcua.IssuedResult {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, motcua.VN)
	return &motcua.IssuedResult{Code: "KQ-7F3K-9QXM-2T4A", UnitName: "Ủy ban nhân dân xã <Đắk> Lao", Kind: "Giấy khai sinh", Procedure: "Đăng ký khai sinh",
		IssuedAt: at, SupersededBy: "KQ-0000-1111-2222", SupersededAt: at.Add(time.Hour), Status: motcua.ResultSuperseded,
		File: motcua.SubmittedFile{SHA256: strings.Repeat("ab", 32)}}
}

// BenchmarkVerifyPage writes the public verification page of an answer
// for an anonymous visitor (BENCHMARKS.md, "Verification page").
func BenchmarkVerifyPage(b *testing.B) {
	s := &Server{pages: parsePages(), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	r := sampleIssued()
	for b.Loop() {
		s.shellPage(httptest.NewRecorder(), &s.verifyShell, "verify.html", verifyShellView(), r.Code, "", verifyAnswer(r, false, ""))
	}
}

// TestAnonymousVerifyPageIsTheTemplatesPage: the verification page
// written from the shell is, byte for byte, the page the template renders,
// and what the visitor typed is escaped in it.
func TestAnonymousVerifyPageIsTheTemplatesPage(t *testing.T) {
	s := &Server{pages: parsePages(), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	r := sampleIssued()
	for _, typed := range [][2]string{{r.Code, ""}, {r.Code, `"><script>alert(1)</script>`}} {
		fast := httptest.NewRecorder()
		answer := verifyAnswer(r, false, typed[1])
		if !s.shellPage(fast, &s.verifyShell, "verify.html", verifyShellView(), typed[0], typed[1], answer) {
			t.Fatal("no shell")
		}
		if strings.Contains(fast.Body.String(), "<script>alert") || strings.Contains(fast.Body.String(), "<Đắk>") {
			t.Fatal("typed or stored text reached the page unescaped")
		}
		slow := httptest.NewRecorder()
		s.render(slow, 200, "verify.html", view{Title: verifyTitle, Data: &verifyData{Code: typed[0], Secret: typed[1], Answer: answer}})
		if fast.Body.String() != slow.Body.String() {
			t.Fatalf("the pages differ:\n%s\n----\n%s", fast.Body.String(), slow.Body.String())
		}
	}
}
