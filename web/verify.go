package web

import (
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strings"

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
	R            *motcua.IssuedResult
	Opened       bool
}

func (s *Server) verify(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := verifyData{Code: strings.TrimSpace(q.Get("ma")), Secret: strings.TrimSpace(q.Get("khoa"))}
	v := view{Title: "Xác minh kết quả", Data: &data, Citizen: s.citizen(r)}
	if data.Code == "" {
		s.render(w, http.StatusOK, "verify.html", v)
		return
	}
	res, opened, err := s.verifyLimited(r, data.Code, data.Secret)
	if err != nil {
		s.fail(w, "verify.html", v, err)
		return
	}
	data.R, data.Opened = res, opened
	s.render(w, http.StatusOK, "verify.html", v)
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
