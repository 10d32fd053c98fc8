package web

import (
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// The verification page (issue 18): anyone holding a result code — from
// the QR code of a paper copy — learns who issued it, what it is, when,
// whether it still holds and the hash of the document; the holder of the
// receipt's tracking secret too downloads the document. Nothing personal
// is shown without the secret; an unknown code and a wrong secret get the
// same answer, and lookups are bounded per address like tracking's.

type verifyData struct {
	Code, Secret string
	Answer       template.HTML // verifyAnswer's
}

const verifyTitle = "Xác minh kết quả"

// verifyShellView is the verification page with the shell's markers.
func verifyShellView() view {
	return view{Title: verifyTitle, Data: &verifyData{Code: shellCode, Secret: shellSecret, Answer: shellAnswer}}
}

func (s *Server) verify(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := verifyData{Code: strings.TrimSpace(q.Get("ma")), Secret: strings.TrimSpace(q.Get("khoa"))}
	v := view{Title: verifyTitle, Data: &data, Citizen: s.citizen(r)}
	if data.Code == "" {
		s.render(w, http.StatusOK, "verify.html", v)
		return
	}
	res, opened, err := s.verifyLimited(r, data.Code, data.Secret)
	if err != nil {
		s.fail(w, "verify.html", v, err)
		return
	}
	answer := verifyAnswer(res, opened, data.Secret)
	if v.Citizen == nil {
		if s.shellPage(w, &s.verifyShell, "verify.html", verifyShellView(), data.Code, data.Secret, answer) {
			return
		}
	}
	data.Answer = answer
	s.render(w, http.StatusOK, "verify.html", v)
}

// verifyAnswer writes the verification answer, escaping each value (the
// page is the portal's second busiest: html/template would cost it more
// than the lookup, as it did tracking's, BENCHMARKS.md).
func verifyAnswer(r *motcua.IssuedResult, opened bool, secret string) template.HTML {
	var b strings.Builder
	esc := html.EscapeString
	cell := func(label, value string) {
		b.WriteString(`  <div><span class="muted">` + label + `</span><br>` + value + "</div>\n")
	}
	link := func(code, id string) string {
		return `<a href="` + esc(motcua.VerifyPath+"?ma="+url.QueryEscape(code)) + `"` + id + `>` + esc(code) + `</a>`
	}
	b.WriteString("<section class=\"card grid\" id=\"verify-result\">\n")
	cell("Mã kết quả", `<strong id="verify-code">`+esc(r.Code)+"</strong>")
	status := `<strong id="verify-status" data-status="` + esc(string(r.Status)) + `">` + esc(r.Status.Label()) + "</strong>"
	if r.SupersededBy != "" {
		status += "<br>Được thay thế bởi kết quả " + link(r.SupersededBy, ` id="verify-superseded-by"`) + " ngày " + motcua.FormatDate(r.SupersededAt)
	}
	if !r.RevokedAt.IsZero() {
		status += `<br>Thu hồi ngày <span id="verify-revoked">` + motcua.FormatDate(r.RevokedAt) + "</span>"
		if opened {
			status += ": " + esc(r.RevokeReason)
		}
	}
	cell("Tình trạng", status)
	cell("Cơ quan phát hành", `<span id="verify-unit">`+esc(r.UnitName)+"</span>")
	cell("Loại giấy tờ", esc(r.Kind))
	cell("Thủ tục", esc(r.Procedure))
	cell("Ngày phát hành", motcua.FormatDateTime(r.IssuedAt))
	if !r.ValidUntil.IsZero() {
		term := motcua.FormatDate(r.ValidUntil)
		if time.Now().After(r.ValidUntil) {
			term += " (đã hết thời hạn)"
		}
		cell("Có giá trị đến", `<span id="verify-valid-until">`+term+"</span>")
	}
	if r.Supersedes != "" {
		why := ""
		if opened {
			why = ": " + esc(r.Reason)
		}
		cell("Thay thế kết quả", link(r.Supersedes, "")+why)
	}
	cell("Mã băm SHA-256 của văn bản", `<code class="hash" id="verify-sha256">`+esc(r.File.SHA256)+"</code>")
	b.WriteString("</section>\n")
	if opened {
		q := url.Values{"ma": {r.Code}, "khoa": {secret}}.Encode()
		b.WriteString(`<p><a id="verify-download" href="` + esc(motcua.VerifyPath+"/tai-ve?"+q) + `">Tải văn bản kết quả (` + esc(r.File.FileName) + ")</a></p>\n")
	} else {
		b.WriteString(`<p class="muted">Đối chiếu mã băm với tệp bạn có, hoặc nhập mã tra cứu trên giấy tiếp nhận để tải văn bản.</p>` + "\n")
	}
	return template.HTML(b.String())
}

// verifyLimited is a verification lookup within the portal's bounds.
func (s *Server) verifyLimited(r *http.Request, code, secret string) (res *motcua.IssuedResult, opened bool, err error) {
	code = motcua.NormalizeResultCode(code)
	err = s.Limits.Lookup(r, code, false, func() error {
		res, opened, err = s.db.VerifyResult(r.Context(), code, secret)
		return err
	})
	return res, opened, err
}

// verifiedDocument sends the document to the holder of its code and the
// receipt's secret.
func (s *Server) verifiedDocument(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	code, secret := motcua.NormalizeResultCode(q.Get("ma")), q.Get("khoa")
	var f *motcua.SubmittedFile
	err := s.Limits.Lookup(r, code, false, func() (err error) {
		if strings.TrimSpace(secret) == "" {
			return motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy kết quả với mã và thông tin xác thực đã nhập.")
		}
		f, err = s.db.ResultDocument(r.Context(), code, secret)
		return err
	})
	s.serveStored(w, r, f, err, true)
}

// resultLinks is the tracking answer's cell for an electronic result: the
// download (the receipt's secret opens it) and its verification page.
func resultLinks(code, secret string) template.HTML {
	q := url.Values{"ma": {code}, "khoa": {secret}}.Encode()
	esc := html.EscapeString
	return template.HTML(`<a href="` + esc(motcua.VerifyPath+"/tai-ve?"+q) + `" id="track-result-download">Tải kết quả điện tử</a><br>` +
		`Mã kết quả: <a href="` + esc(motcua.VerifyPath+"?ma="+url.QueryEscape(code)) + `" id="track-result-code">` + esc(code) + `</a>`)
}
