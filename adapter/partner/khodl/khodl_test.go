package khodl_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/khodl"
	"github.com/motcua/motcua/adapter/partner/khodl/khodltest"
)

const token = "bi-mat-kho-du-lieu"

var pdf = []byte("%PDF-1.7\n% giấy khai sinh\n%%EOF\n")

// TestHeldAndOpen: the store lists the documents held for one identity
// number only, mapped to held documents taken from the national store
// (Ref "n:<id>", validity, times in Vietnam); a document's file comes back
// byte for byte; another person's document is not found.
func TestHeldAndOpen(t *testing.T) {
	s := khodltest.Start(t, token)
	issued := time.Date(2019, 5, 2, 8, 0, 0, 0, time.UTC)
	valid := time.Date(2031, 5, 2, 0, 0, 0, 0, motcua.VN)
	id := s.Add("067012345678", khodltest.Document{Name: "Giấy khai sinh", Kind: "KQ.KS", Number: "12/2019", Issuer: "UBND xã Đắk Lao",
		IssuedAt: issued, ValidUntil: valid, FileName: "khai-sinh.pdf", Type: "application/pdf", Content: pdf})
	other := s.Add("001199000001", khodltest.Document{Name: "Sổ hộ khẩu", IssuedAt: issued, FileName: "hk.pdf", Type: "application/pdf", Content: pdf})
	a := &khodl.Adapter{Base: s.URL, Token: token}
	ctx := t.Context()

	held, err := a.Held(ctx, "067012345678")
	if err != nil {
		t.Fatal(err)
	}
	want := motcua.HeldDocument{Ref: "n:" + id, Name: "Giấy khai sinh số 12/2019 (UBND xã Đắk Lao)", Origin: motcua.OriginNational,
		FileName: "khai-sinh.pdf", ContentType: "application/pdf", Size: int64(len(pdf))}
	if len(held) != 1 {
		t.Fatalf("held %+v", held)
	}
	got := held[0]
	if !got.HeldAt.Equal(issued) || got.HeldAt.Location() != motcua.VN || !got.ValidUntil.Equal(valid) {
		t.Errorf("held at %v, valid until %v", got.HeldAt, got.ValidUntil)
	}
	got.HeldAt, got.ValidUntil = time.Time{}, time.Time{}
	if got != want {
		t.Errorf("held\n %+v\nwant %+v", got, want)
	}
	if !held[0].ValidAt(valid) || held[0].ValidAt(valid.Add(time.Second)) {
		t.Error("the validity is not the store's")
	}
	if none, err := a.Held(ctx, "079000000000"); err != nil || len(none) != 0 {
		t.Errorf("a person with nothing held: %+v, %v", none, err)
	}

	f, err := a.Open(ctx, "067012345678", id)
	if err != nil {
		t.Fatal(err)
	}
	content, err := io.ReadAll(f)
	f.Close()
	if err != nil || !bytes.Equal(content, pdf) {
		t.Fatalf("the file: %q, %v", content, err)
	}
	if _, err := a.Open(ctx, "067012345678", other); err == nil || !strings.Contains(err.Error(), "404") || errors.Is(err, khodl.ErrUnavailable) {
		t.Fatalf("another person's document: %v", err)
	}
}

// TestPushIsTakenOnceAndChecked: a result link is taken (the store keeps
// it as sent, times in +07:00), pushing it again is no error and keeps
// one; a link without what the store needs is refused, as a refusal (not
// an unavailable store).
func TestPushIsTakenOnceAndChecked(t *testing.T) {
	s := khodltest.Start(t, token)
	a := &khodl.Adapter{Base: s.URL, Token: token}
	r := motcua.PushedResult{IDNumber: "067012345678", Code: "KQ-AB12-CD34-EF56", Name: "Giấy khai sinh",
		Link: motcua.VerifyURL("https://motcua.example.gov.vn/", "KQ-AB12-CD34-EF56"), SHA256: strings.Repeat("ab", 32),
		IssuedAt: time.Date(2024, 3, 4, 4, 0, 0, 0, time.UTC), Issuer: "000.21.99.T01", DossierCode: "000.21.99.T01-240304-0001"}
	for range 2 {
		if err := a.Push(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	pushed := s.Pushed()
	if len(pushed) != 1 {
		t.Fatalf("pushed %+v", pushed)
	}
	p := pushed[0]
	if p.Link != "https://motcua.example.gov.vn/xac-minh?ma=KQ-AB12-CD34-EF56" || p.IssuedAt != "2024-03-04T11:00:00+07:00" || p.ValidUntil != "" ||
		p.IDNumber != r.IDNumber || p.SHA256 != r.SHA256 || p.Issuer != r.Issuer || p.DossierCode != r.DossierCode {
		t.Fatalf("the store keeps %+v", p)
	}
	r.Code, r.Link = "KQ-0000-0000-0001", "/xac-minh?ma=KQ-0000-0000-0001"
	err := a.Push(t.Context(), r)
	if err == nil || !strings.Contains(err.Error(), "khodl POST /ket-qua") || !strings.Contains(err.Error(), "400") || errors.Is(err, khodl.ErrUnavailable) {
		t.Fatalf("a relative link: %v", err)
	}
}

// TestWrongTokenRefused: every call without the store's token is refused
// and says so, naming the call.
func TestWrongTokenRefused(t *testing.T) {
	s := khodltest.Start(t, token)
	s.Add("067012345678", khodltest.Document{Name: "Giấy khai sinh", IssuedAt: time.Now(), FileName: "ks.pdf", Type: "application/pdf", Content: pdf})
	for _, tok := range []string{"", "sai"} {
		a := &khodl.Adapter{Base: s.URL, Token: tok}
		_, err := a.Held(t.Context(), "067012345678")
		if err == nil || !strings.Contains(err.Error(), "khodl POST /giay-to/tra-cuu: the store answered 401") {
			t.Errorf("token %q: %v", tok, err)
		}
	}
	if s.Calls() != 0 {
		t.Errorf("%d calls got past the token", s.Calls())
	}
}

// TestOversizedFileRefused: a file larger than a component may be is
// refused before it is read, with a clear error.
func TestOversizedFileRefused(t *testing.T) {
	s := khodltest.Start(t, token)
	big := s.Add("067012345678", khodltest.Document{Name: "Bản đồ", IssuedAt: time.Now(), FileName: "ban-do.pdf", Type: "application/pdf",
		Content: make([]byte, motcua.MaxComponentFile+1)})
	fits := s.Add("067012345678", khodltest.Document{Name: "Bản vẽ", IssuedAt: time.Now(), FileName: "ban-ve.pdf", Type: "application/pdf",
		Content: make([]byte, motcua.MaxComponentFile)})
	a := &khodl.Adapter{Base: s.URL, Token: token}
	if _, err := a.Open(t.Context(), "067012345678", big); err == nil || !strings.Contains(err.Error(), "more than the 10485760 a component may have") {
		t.Fatalf("the oversized file: %v", err)
	}
	f, err := a.Open(t.Context(), "067012345678", fits)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n, err := io.Copy(io.Discard, f); err != nil || n != motcua.MaxComponentFile {
		t.Fatalf("a file at the limit: %d bytes, %v", n, err)
	}
}

// TestStoreDownFailsQuickly: a store that is not there, one that answers
// 503, and one that does not answer before the caller's deadline each
// fail at once as unavailable, naming the call and no identity number.
func TestStoreDownFailsQuickly(t *testing.T) {
	const idNumber = "067012345678"
	s := khodltest.Start(t, token)
	a := &khodl.Adapter{Base: s.URL, Token: token}
	check := func(what string, err error, within time.Duration, took time.Duration) {
		t.Helper()
		if !errors.Is(err, khodl.ErrUnavailable) || !strings.Contains(err.Error(), "khodl POST /giay-to/tra-cuu") || strings.Contains(err.Error(), idNumber) {
			t.Errorf("%s: %v", what, err)
		}
		if took > within {
			t.Errorf("%s took %v", what, took)
		}
	}
	s.Fail(http.StatusServiceUnavailable)
	start := time.Now()
	_, err := a.Held(t.Context(), idNumber)
	check("503", err, 2*time.Second, time.Since(start))

	s.Fail(0)
	s.Stall(10 * time.Second)
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start = time.Now()
	_, err = a.Held(ctx, idNumber)
	check("stalled", err, 2*time.Second, time.Since(start))

	s.Stop()
	start = time.Now()
	_, err = a.Held(t.Context(), idNumber)
	check("stopped", err, 2*time.Second, time.Since(start))
}
