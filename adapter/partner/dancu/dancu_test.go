package dancu_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dancu"
	"github.com/motcua/motcua/adapter/partner/dancu/dancutest"
)

const token = "bi-mat-dan-cu"

// TestResidentIsMappedFromTheDatabase: a known number comes back with
// the name, date of birth (in Vietnam), sex by the national code list and
// the permanent residence on one line; a person whose day of birth is
// unknown comes back with the year; the number went in no URL.
func TestResidentIsMappedFromTheDatabase(t *testing.T) {
	db := dancutest.Start(t, token)
	db.Add("067012345678", dancutest.Resident{Name: "Nguyễn  Thị Hoa", BirthDate: time.Date(1990, 7, 14, 0, 0, 0, 0, time.UTC), Sex: "2",
		Detail: "Thôn 3", Commune: "Xã Đắk Lao", Province: "Tỉnh Lâm Đồng"})
	db.Add("067099999999", dancutest.Resident{Name: "Y Bơr", BirthYear: 1948, Sex: "1", Commune: "Xã Thuận An", Province: "Tỉnh Lâm Đồng"})
	a := &dancu.Adapter{Base: db.URL, Token: token}

	r, err := a.Resident(t.Context(), "067012345678")
	if err != nil {
		t.Fatal(err)
	}
	want := motcua.Resident{IDNumber: "067012345678", Name: "Nguyễn Thị Hoa", BirthYear: 1990, Sex: "Nữ",
		Residence: "Thôn 3, Xã Đắk Lao, Tỉnh Lâm Đồng"}
	got := *r
	if got.BirthDate.Location() != motcua.VN || motcua.FormatDate(got.BirthDate) != "14/07/1990" {
		t.Errorf("date of birth %v", got.BirthDate)
	}
	got.BirthDate = time.Time{}
	if got != want {
		t.Errorf("resident\n %+v\nwant %+v", got, want)
	}
	old, err := a.Resident(t.Context(), "067099999999")
	if err != nil || old.BirthYear != 1948 || !old.BirthDate.IsZero() || old.Sex != "Nam" {
		t.Errorf("year-only birth: %+v, %v", old, err)
	}
	for _, p := range db.Paths() {
		if strings.Contains(p, "0670") {
			t.Errorf("a number went into a URL: %s", p)
		}
	}
}

// TestLookupFailures: a malformed number is refused without a call; an
// unknown one is ErrResidentNotFound; a failing or stalled database is
// ErrUnavailable (the stall bounded by the caller's deadline); a refused
// token is a refusal, not an outage. No error repeats the number.
func TestLookupFailures(t *testing.T) {
	db := dancutest.Start(t, token)
	a := &dancu.Adapter{Base: db.URL, Token: token}
	ctx := t.Context()
	for _, bad := range []string{"", "06701234567", "0670123456789", "06701234567A"} {
		if _, err := a.Resident(ctx, bad); !errors.Is(err, dancu.ErrBadNumber) {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if n := len(db.Paths()); n != 0 {
		t.Fatalf("malformed numbers made %d calls", n)
	}
	_, err := a.Resident(ctx, "079000000001")
	if !errors.Is(err, motcua.ErrResidentNotFound) || errors.Is(err, dancu.ErrUnavailable) {
		t.Fatalf("unknown number: %v", err)
	}
	checkQuiet(t, err, "079000000001")

	db.Fail(http.StatusServiceUnavailable)
	if _, err := a.Resident(ctx, "079000000001"); !errors.Is(err, dancu.ErrUnavailable) {
		t.Fatalf("a failing database: %v", err)
	}
	db.Fail(0)

	db.Stall(time.Minute)
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	_, err = a.Resident(short, "079000000001")
	if !errors.Is(err, dancu.ErrUnavailable) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a stalled database: %v", err)
	}
	checkQuiet(t, err, "079000000001")
	db.Stall(0)

	wrong := &dancu.Adapter{Base: db.URL, Token: "sai"}
	if _, err := wrong.Resident(ctx, "079000000001"); err == nil || errors.Is(err, dancu.ErrUnavailable) || !strings.Contains(err.Error(), "401") {
		t.Fatalf("a refused token: %v", err)
	}
}

func checkQuiet(t *testing.T, err error, number string) {
	t.Helper()
	if strings.Contains(err.Error(), number) {
		t.Errorf("the error repeats the number: %v", err)
	}
}
