package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/internal/ratelimit"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

var issuedCode = regexp.MustCompile(`data-code="(KQ-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})" data-status="valid"`)

// validCode is the code of the dossier page's valid issued result.
func validCode(t *testing.T, p page) string {
	t.Helper()
	m := issuedCode.FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no valid issued result on the dossier page:\n%s", excerpt(p.body))
	}
	return m[1]
}

func verifyPath(code, secret string) string {
	q := url.Values{"ma": {code}}
	if secret != "" {
		q.Set("khoa", secret)
	}
	return "/xac-minh?" + q.Encode()
}

// TestVerificationPage: the leader records the result with a simple
// result's text and the system renders it (code and QR code printed on it);
// anyone with the code sees on /xac-minh the issuer, kind, date, "Còn hiệu
// lực" and the hash of the document, and nothing personal; with the
// receipt's secret the document too, whose hash is the one shown, and the
// tracking page links to it. A correction supersedes it (the old code
// says so and names the new one), the leader revokes the new one; an
// unknown code and a wrong secret answer alike; lookups are bounded.
func TestVerificationPage(t *testing.T) {
	e := newEnv(t)
	id, code, secret := e.acceptTracked(t, "Nguyễn Văn Kiểm")
	dossierPath := fmt.Sprintf("/dossiers/%d", id)
	counter, specialist, leader := e.login(t, fx.CounterA), e.login(t, fx.SpecialistA), e.login(t, fx.LeaderA)
	wantRedirect(t, counter.act(t, id, "handed_over", 1), dossierPath)
	wantRedirect(t, specialist.act(t, id, "handed_over", 2), dossierPath)
	wantRedirect(t, leader.post(t, dossierPath+"/actions", url.Values{"type": {"result_ready"}, "version": {"3"},
		"result_text": {"Cấp bản sao trích lục khai sinh cho ông Nguyễn Văn Kiểm."}}), dossierPath)
	first := validCode(t, leader.get(t, dossierPath))

	anon := e.anonymous()
	p := anon.get(t, verifyPath(first, ""))
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In("#verify-status", htmlcheck.HasExactText("Còn hiệu lực")), htmlcheck.In("#verify-unit", htmlcheck.HasText(fx.UnitA.Name)),
		htmlcheck.NotIn("#verify-download"))
	wantLacks(t, p, "Kiểm", code)
	shown := textOf(t, p, "#verify-sha256")

	p = anon.get(t, verifyPath(strings.ToLower(first), secret))
	check(t, p, htmlcheck.In("#verify-download"))
	doc := anon.get(t, "/xac-minh/tai-ve?"+url.Values{"ma": {first}, "khoa": {secret}}.Encode())
	sum := sha256.Sum256([]byte(doc.body))
	if doc.status != http.StatusOK || doc.header.Get("Content-Type") != "application/pdf" || hex.EncodeToString(sum[:]) != shown {
		t.Fatalf("the document: %d %v, hash %x, shown %s", doc.status, doc.header, sum, shown)
	}
	text := pdftest.Text(t, []byte(doc.body))
	pdftest.InOrder(t, text, first, code, "Cấp bản sao trích lục khai sinh")
	if qr := pdftest.QR(t, []byte(doc.body)); qr != e.srv.URL+"/xac-minh?ma="+first {
		t.Errorf("the rendered result's QR code reads %q", qr)
	}
	sheet := leader.get(t, dossierPath+"/issued/"+first+"/phieu")
	if sheet.status != http.StatusOK || pdftest.QR(t, []byte(sheet.body)) != e.srv.URL+"/xac-minh?ma="+first {
		t.Fatalf("the result sheet: %d", sheet.status)
	}
	pdftest.InOrder(t, pdftest.Text(t, []byte(sheet.body)), "PHIẾU KẾT QUẢ ĐIỆN TỬ", first, shown)
	wantStatus(t, anon.get(t, "/xac-minh/tai-ve?"+url.Values{"ma": {first}}.Encode()), http.StatusNotFound)

	tr := anon.track(t, code, secret)
	check(t, tr, htmlcheck.In("a#track-result-download"), htmlcheck.In("#track-result-code", htmlcheck.HasExactText(first)))
	link := all(t, tr, "a#track-result-download")[0]
	if got := anon.get(t, htmlcheck.Attr(link, "href")); got.body != doc.body {
		t.Errorf("the tracking page's download differs from the document")
	}

	// A correction supersedes it; the leader revokes the correction.
	wantRedirect(t, leader.postMultipart(t, dossierPath+"/issued", url.Values{"supersedes": {first}, "reason": {"Sai chính tả"},
		"result_text": {"Cấp bản sao trích lục khai sinh (đính chính)."}}), dossierPath+"#issued-results")
	second := validCode(t, leader.get(t, dossierPath))
	p = anon.get(t, verifyPath(first, ""))
	check(t, p, htmlcheck.In("#verify-status", htmlcheck.HasText("Đã được thay thế")), htmlcheck.In("#verify-superseded-by", htmlcheck.HasExactText(second)))
	wantLacks(t, p, "Sai chính tả")
	p = specialist.post(t, dossierPath+"/issued/revoke", url.Values{"code": {second}, "revoke_reason": {"Cấp nhầm"}})
	wantStatus(t, p, http.StatusForbidden)
	check(t, p, errorSays("Chỉ lãnh đạo cơ quan giải quyết được thu hồi kết quả."))
	if p := leader.get(t, dossierPath); !strings.Contains(p.body, `data-code="`+second+`" data-status="valid"`) {
		t.Fatalf("a specialist revoked the result")
	}
	wantRedirect(t, leader.post(t, dossierPath+"/issued/revoke", url.Values{"code": {second}, "revoke_reason": {"Cấp nhầm"}}), dossierPath+"#issued-results")
	check(t, anon.get(t, verifyPath(second, "")), htmlcheck.In("#verify-status", htmlcheck.HasText("Đã bị thu hồi")))

	// Unknown and wrong answer alike.
	unknown, wrong := anon.get(t, verifyPath("KQ-0000-0000-0000", "")), anon.get(t, verifyPath(first, "SAIMA123"))
	errText := func(p page) string { return textOf(t, p, "#error") }
	if unknown.status != http.StatusNotFound || wrong.status != unknown.status || errText(unknown) != errText(wrong) {
		t.Fatalf("unknown %d %q, wrong secret %d %q", unknown.status, errText(unknown), wrong.status, errText(wrong))
	}

	e.site.Limits.TrackPerAddress = ratelimit.New(2, time.Hour)
	for range 2 {
		wantStatus(t, anon.get(t, verifyPath(first, "")), http.StatusOK)
	}
	p = anon.get(t, verifyPath(first, ""))
	wantStatus(t, p, http.StatusTooManyRequests)
	check(t, p, errorSays("quá nhiều lần"))
}
