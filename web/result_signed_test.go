package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/internal/pdfsign"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

// signWithDemoCA gives the server the units' keys as serve --signing-dir
// does: a demo CA certifying commune A, its directory returned.
func (e *env) signWithDemoCA(t *testing.T) string {
	t.Helper()
	keys := t.TempDir()
	if err := pdfsign.WriteDemoCA(keys, []pdfsign.DemoUnit{{Code: fx.UnitA.Code, Name: fx.UnitA.Name}}, "mat-khau", time.Now()); err != nil {
		t.Fatal(err)
	}
	e.site.Signer = pdfsign.UnitSigner{Dir: keys, Password: "mat-khau"}
	return keys
}

// TestIssuedResultIsSignedByTheUnit: with the units' keys configured (as
// serve --signing-dir does), the result the system renders is signed by
// the deciding unit before it is hashed: the document the citizen
// downloads verifies with poppler's pdfsig, an independent verifier, names
// the unit as signer and chains to the demo CA; one byte changed and it no
// longer verifies.
func TestIssuedResultIsSignedByTheUnit(t *testing.T) {
	e := newEnv(t)
	ca, err := pdfsign.LoadDemoCA(e.signWithDemoCA(t))
	if err != nil {
		t.Fatal(err)
	}
	id, _, secret := e.acceptTracked(t, "Nguyễn Văn Ký")
	dossierPath := fmt.Sprintf("/dossiers/%d", id)
	counter, specialist, leader := e.login(t, fx.CounterA), e.login(t, fx.SpecialistA), e.login(t, fx.LeaderA)
	wantRedirect(t, counter.act(t, id, "handed_over", 1), dossierPath)
	wantRedirect(t, specialist.act(t, id, "handed_over", 2), dossierPath)
	wantRedirect(t, leader.post(t, dossierPath+"/actions", url.Values{"type": {"result_ready"}, "version": {"3"},
		"result_text": {"Cấp bản sao trích lục khai sinh cho ông Nguyễn Văn Ký."}}), dossierPath)
	code := validCode(t, leader.get(t, dossierPath))
	doc := e.anonymous().get(t, "/xac-minh/tai-ve?"+url.Values{"ma": {code}, "khoa": {secret}}.Encode())
	pdftest.WantLines(t, pdftest.Pdfsig(t, []byte(doc.body), ca.Cert), "Signature Validation: Signature is Valid.",
		"Certificate Validation: Certificate is Trusted.", "Signer Certificate Common Name: "+fx.UnitA.Name)
	changed := []byte(doc.body)
	changed[len(changed)/3] ^= 0x01
	if out := pdftest.Pdfsig(t, changed, nil); !strings.Contains(out, "Signature Validation: ") || strings.Contains(out, "Signature is Valid.") {
		t.Fatalf("pdfsig does not find a changed result invalid:\n%s", out)
	}
}

// TestRevokedCertificateIssuesNothing: the unit's certificate revoked
// (motcua ca revoke), the leader recording the result with a text to
// render, or issuing one afterwards, is told in Vietnamese that the
// certificate was revoked, and nothing is kept: no issued result, no
// result file row, no file nor temporary file in the store, no event, the
// dossier where it was.
func TestRevokedCertificateIssuesNothing(t *testing.T) {
	onEachEngine(t, func(t *testing.T, e *env) {
		keys := e.signWithDemoCA(t)
		revokedAt := time.Now().Add(-time.Hour)
		if err := pdfsign.RevokeDemo(keys, fx.UnitA.Code, revokedAt); err != nil {
			t.Fatal(err)
		}
		id, _, _ := e.acceptTracked(t, "Nguyễn Văn Thu")
		dossierPath := fmt.Sprintf("/dossiers/%d", id)
		counter, specialist, leader := e.login(t, fx.CounterA), e.login(t, fx.SpecialistA), e.login(t, fx.LeaderA)
		wantRedirect(t, counter.act(t, id, "handed_over", 1), dossierPath)
		wantRedirect(t, specialist.act(t, id, "handed_over", 2), dossierPath)

		nothingKept := func(what string, version int) {
			t.Helper()
			if _, _, v := e.dossier(t, id); v != version {
				t.Errorf("%s: the dossier moved to version %d, want %d", what, v, version)
			}
			temps, _ := filepath.Glob(filepath.Join(e.files, ".upload-*"))
			if n := e.countRows(t, "issued_results") + e.countRows(t, "result_files"); n != 0 || storedFiles(t, e.files) != 0 || len(temps) != 0 {
				t.Errorf("%s kept %d rows, %d files, %d temporary files", what, n, storedFiles(t, e.files), len(temps))
			}
		}
		events := e.countRows(t, "events")
		p := leader.post(t, dossierPath+"/actions", url.Values{"type": {"result_ready"}, "version": {"3"},
			"result_text": {"Cấp bản sao trích lục khai sinh cho ông Nguyễn Văn Thu."}})
		wantStatus(t, p, http.StatusConflict)
		check(t, p, errorSays("Chứng thư số của "+fx.UnitA.Name), errorSays("đã bị thu hồi ngày "+revokedAt.Format("02/01/2006")))
		nothingKept("recording the result", 3)
		if n := e.countRows(t, "events"); n != events {
			t.Errorf("the refused result wrote %d events", n-events)
		}

		// Recorded without a document, the result cannot be issued afterwards either.
		wantRedirect(t, leader.act(t, id, "result_ready", 3), dossierPath)
		p = leader.postMultipart(t, dossierPath+"/issued", url.Values{"result_text": {"Cấp bản sao trích lục khai sinh."}})
		wantStatus(t, p, http.StatusConflict)
		check(t, p, errorSays("đã bị thu hồi"), htmlcheck.NotIn("#issued-results tr[data-status]"))
		nothingKept("issuing afterwards", 4)
	})
}
