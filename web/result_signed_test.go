package web_test

import (
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/internal/pdfsign"
)

// TestIssuedResultIsSignedByTheUnit: with the units' keys configured (as
// serve --signing-dir does), the result the system renders is signed by
// the deciding unit before it is hashed: the document the citizen
// downloads verifies with poppler's pdfsig, an independent verifier, and
// names the unit as signer; one byte changed and it no longer verifies.
func TestIssuedResultIsSignedByTheUnit(t *testing.T) {
	e := newEnv(t)
	keys := t.TempDir()
	if err := pdfsign.WriteDemoCA(keys, []pdfsign.DemoUnit{{Code: fx.UnitA.Code, Name: fx.UnitA.Name}}, "mat-khau", time.Now()); err != nil {
		t.Fatal(err)
	}
	e.site.Signer = pdfsign.UnitSigner{Dir: keys, Password: "mat-khau"}
	id, _, secret := e.acceptTracked(t, "Nguyễn Văn Ký")
	dossierPath := fmt.Sprintf("/dossiers/%d", id)
	counter, specialist, leader := e.login(t, fx.CounterA), e.login(t, fx.SpecialistA), e.login(t, fx.LeaderA)
	wantRedirect(t, counter.act(t, id, "handed_over", 1), dossierPath)
	wantRedirect(t, specialist.act(t, id, "handed_over", 2), dossierPath)
	wantRedirect(t, leader.post(t, dossierPath+"/actions", url.Values{"type": {"result_ready"}, "version": {"3"},
		"result_text": {"Cấp bản sao trích lục khai sinh cho ông Nguyễn Văn Ký."}}), dossierPath)
	code := validCode(t, leader.get(t, dossierPath))
	doc := e.anonymous().get(t, "/xac-minh/tai-ve?"+url.Values{"ma": {code}, "khoa": {secret}}.Encode())
	file := filepath.Join(t.TempDir(), "ket-qua.pdf")
	if err := os.WriteFile(file, []byte(doc.body), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("pdfsig", file).CombinedOutput()
	if !strings.Contains(string(out), "Signature is Valid.") || !strings.Contains(string(out), fx.UnitA.Name) {
		t.Fatalf("pdfsig on the issued result:\n%s", out)
	}
	changed := []byte(doc.body)
	changed[len(changed)/3] ^= 0x01
	if err := os.WriteFile(file, changed, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, _ := exec.Command("pdfsig", file).CombinedOutput(); strings.Contains(string(out), "Signature is Valid.") {
		t.Fatalf("pdfsig still finds a changed result valid:\n%s", out)
	}
}
