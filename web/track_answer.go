package web

import (
	"bytes"
	"context"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/motcua/motcua"
)

// The tracking page is the portal's busiest, and html/template cost it
// twice the lookup (BENCHMARKS.md, "Public tracking"). So its answer is
// written here, escaping each value, and an anonymous visitor's page is the
// layout rendered once with markers where the typed code, the secret and
// the answer go.

// feeDueHTML says what the dossier owes and when; amounts only, no
// exemption or its reason (personal data).
func feeDueHTML(t *motcua.Tracking) string {
	s := `<strong id="track-fees">` + motcua.FormatDong(t.FeeTotal) + "</strong>"
	if t.FeeDueAtIntake > 0 {
		s += "<br>Nộp khi tiếp nhận: " + motcua.FormatDong(t.FeeDueAtIntake)
	}
	if t.FeeDueAtResult > 0 {
		s += "<br>Nộp khi nhận kết quả: " + motcua.FormatDong(t.FeeDueAtResult)
	}
	return s
}

// answerHTML writes a tracking answer: the facts, the steps and, once the
// result is returned and not yet rated, the link to rate it.
func answerHTML(t *motcua.Tracking, code, secret string) template.HTML {
	var b strings.Builder
	esc := html.EscapeString
	cell := func(label, value string) {
		b.WriteString(`  <div><span class="muted">` + label + `</span><br>` + value + "</div>\n")
	}
	b.WriteString("<section class=\"card grid\" id=\"track-result\">\n")
	cell("Mã hồ sơ", "<strong>"+esc(t.Code)+"</strong>")
	cell("Thủ tục", esc(t.ProcedureName))
	applicant := esc(t.Initials)
	if t.VNeID {
		applicant += `<br><strong id="track-vneid">Tài khoản VNeID đã xác thực</strong>`
	}
	cell("Người nộp", applicant)
	cell("Tình trạng", `<strong id="track-state">`+esc(t.State.Label())+"</strong>")
	cell("Ngày tiếp nhận", motcua.FormatDateTime(t.AcceptedAt))
	due := motcua.FormatDateTime(t.DueAt)
	if t.Paused() { // the old date no longer holds: it is computed anew on receipt
		due = `<span id="track-paused">` + esc(t.DueNote()) + "</span>"
	} else if note := t.DueNote(); note != "" {
		due += `<br><span class="muted" id="track-resumed">` + esc(note) + "</span>"
	}
	if !t.PromisedAt.IsZero() {
		due += `<br>Đã xin lỗi và hẹn lại: <strong id="track-promised">` + motcua.FormatDateTime(t.PromisedAt) + "</strong>"
	}
	cell("Hẹn trả kết quả", due)
	if !t.ResultAt.IsZero() {
		cell("Có kết quả", motcua.FormatDateTime(t.ResultAt))
	}
	if !t.ReturnedAt.IsZero() {
		cell("Đã trả kết quả", motcua.FormatDateTime(t.ReturnedAt))
	}
	if t.Late {
		cell("Thời hạn", `<strong class="late">Quá hạn</strong>`)
	}
	if t.FeeTotal > 0 {
		cell("Phí, lệ phí phải nộp", feeDueHTML(t))
	}
	if t.ReturnUnit != "" {
		cell("Nơi trả kết quả", `<span id="track-return">`+esc(t.ReturnUnit)+"</span>")
	}
	if t.DecidingUnit != "" {
		sent := "Chưa chuyển"
		if !t.SentAt.IsZero() {
			sent = "Đã chuyển lúc " + motcua.FormatDateTime(t.SentAt)
		}
		cell("Cơ quan giải quyết", `<span id="track-deciding">`+esc(t.DecidingUnit)+"</span><br>"+sent)
	}
	if t.ResultCode != "" && !motcua.WeakFactor(motcua.NormalizeTrackSecret(secret)) {
		cell("Kết quả điện tử", string(resultLinks(t.ResultCode, secret)))
	}
	b.WriteString("</section>\n<h2>Các bước đã thực hiện</h2>\n<ol class=\"timeline\" id=\"track-steps\">\n")
	for _, st := range t.Steps {
		b.WriteString("<li><time>" + motcua.FormatDateTime(st.At) + "</time> — " + esc(st.What))
		if st.Detail != "" {
			b.WriteString(": " + esc(st.Detail))
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ol>\n")
	if t.State == motcua.StateReturned && !t.Rated {
		link := motcua.RatePath + "?" + url.Values{"ma": {code}, "khoa": {secret}}.Encode()
		b.WriteString(`<p><a href="` + esc(link) + `" id="rate-link">Đánh giá mức độ hài lòng</a></p>` + "\n")
	}
	return template.HTML(b.String())
}

// trackShell is the tracking page of an anonymous visitor, cut where the
// typed code, the typed secret and the answer go.
type trackShell struct {
	once  sync.Once
	parts [4][]byte
	err   error
}

const shellCode, shellSecret, shellAnswer = "\u27e6ma\u27e7", "\u27e6khoa\u27e7", "\u27e6tra-loi\u27e7"

// anonymousTrackPage writes an anonymous visitor's answered tracking page
// from the shell; it reports false when the shell could not be made (the
// caller then renders the template).
// extra follows the answer (the payment section, payments_staff.go).
func (s *Server) anonymousTrackPage(w http.ResponseWriter, t *motcua.Tracking, code, secret string, extra ...template.HTML) bool {
	data := &trackData{Code: shellCode, Secret: shellSecret, T: &motcua.Tracking{}, Answer: shellAnswer}
	return s.shellPage(w, &s.trackShell, "track.html", view{Title: "Tra cứu hồ sơ", Data: data}, code, secret, answerHTML(t, code, secret)+joinHTML(extra))
}

func joinHTML(parts []template.HTML) template.HTML {
	var out template.HTML
	for _, p := range parts {
		out += p
	}
	return out
}

// shellPage writes a public page from its shell, made once from page
// rendered with v (whose data holds the three markers); it reports false
// when the shell could not be made.
func (s *Server) shellPage(w http.ResponseWriter, sh *trackShell, page string, v view, code, secret string, answer template.HTML) bool {
	sh.once.Do(func() {
		var buf bytes.Buffer
		v.Agency = s.footer(context.Background())
		if sh.err = s.pages[page].ExecuteTemplate(&buf, "layout.html", v); sh.err != nil {
			return
		}
		page := buf.Bytes()
		for i, marker := range []string{shellCode, shellSecret, shellAnswer} {
			before, after, ok := bytes.Cut(page, []byte(marker))
			if !ok {
				sh.err = errShell
				return
			}
			sh.parts[i], page = before, after
		}
		sh.parts[3] = page
	})
	if sh.err != nil {
		s.log.Error("public page shell", "page", page, "err", sh.err)
		return false
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var b bytes.Buffer
	b.Grow(len(sh.parts[0]) + len(sh.parts[3]) + 4096)
	b.Write(sh.parts[0])
	b.WriteString(html.EscapeString(code))
	b.Write(sh.parts[1])
	b.WriteString(html.EscapeString(secret))
	b.Write(sh.parts[2])
	b.WriteString(string(answer))
	b.Write(sh.parts[3])
	w.Write(b.Bytes())
	return true
}

var errShell = motcua.Errorf(motcua.EINTERNAL, "a public page's template lacks a marker")
