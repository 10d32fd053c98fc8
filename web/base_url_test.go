package web_test

import (
	"bytes"
	"fmt"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/pdftest"
)

// getAs sends a GET whose Host header is host, as a forger would.
func (b *browser) getAs(t *testing.T, host, path string) page {
	t.Helper()
	req, err := http.NewRequest("GET", b.e.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	return b.do(t, req)
}

// TestPublicLinksIgnoreTheHostHeader: a request with a forged Host gets
// the configured public address in the procedure's QR code (cached an
// hour by whoever is in between) and in the receipt's QR code.
func TestPublicLinksIgnoreTheHostHeader(t *testing.T) {
	e := newEnv(t)
	const base, forged = "https://motcua.example.gov.vn", "evil.example"
	anon := e.anonymous()
	// Configured on the site (serve with --base-url), or only on the store
	// (a server wired before serve always set the site's).
	for _, site := range []string{base, ""} {
		e.site.BaseURL, e.db.PublicURL = site, base
		p := anon.getAs(t, forged, "/thu-tuc/xa/1.001193/qr.png")
		wantStatus(t, p, http.StatusOK)
		img, err := png.Decode(strings.NewReader(p.body))
		if err != nil {
			t.Fatal(err)
		}
		if got := pdftest.DecodeQR(t, img); got != base+"/thu-tuc/xa/1.001193" {
			t.Errorf("site address %q: the procedure's QR code opens %q", site, got)
		}
	}
	wantLacks(t, anon.getAs(t, forged, "/thu-tuc/xa/1.001193"), forged)

	c := e.login(t, fx.CounterA)
	id := c.accept(t, fx.UnitA.ID, "Bùi Thị Lan")
	p := c.getAs(t, forged, fmt.Sprintf("/dossiers/%d/forms/01", id))
	wantStatus(t, p, http.StatusOK)
	if qr := pdftest.QR(t, []byte(p.body)); !strings.HasPrefix(qr, base+"/tra-cuu?") {
		t.Errorf("the receipt's QR code opens %q", qr)
	}
	if bytes.Contains([]byte(p.body), []byte(forged)) {
		t.Error("the receipt names the forged host")
	}
}
