package pdfsign

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

// TestUnitSignerSignsWithTheUnitsKey: a result of a unit with a key in the
// signing directory is signed by that unit (pdfsig agrees); a unit without
// a key, and one whose certificate was revoked, are refused with the
// reason and nothing signed.
func TestUnitSignerSignsWithTheUnitsKey(t *testing.T) {
	dir, now := t.TempDir(), time.Now()
	units := []DemoUnit{{Code: "000.31.61.H36", Name: "Ủy ban nhân dân xã Thuận An"}, {Code: "000.31.62.H36", Name: "Ủy ban nhân dân xã Đức Lập"}}
	if err := WriteDemoCA(dir, units, "mat-khau", now); err != nil {
		t.Fatal(err)
	}
	s := UnitSigner{Dir: dir, Password: "mat-khau"}
	thuanAn := &motcua.Unit{Code: units[0].Code, Name: units[0].Name}
	signed, err := s.Sign(t.Context(), thuanAn, gopdfFile(t))
	if err != nil {
		t.Fatal(err)
	}
	out := pdftest.Tool(t, "pdfsig", pdftest.WriteTemp(t, "ket-qua.pdf", signed))
	pdftest.WantLines(t, out, "Signature is Valid.")
	if !strings.Contains(out, "Ủy ban nhân dân xã Thuận An") {
		t.Errorf("pdfsig names another signer:\n%s", out)
	}

	stranger := &motcua.Unit{Code: "000.31.99.H36", Name: "Ủy ban nhân dân xã Không Khóa"}
	if got, err := s.Sign(t.Context(), stranger, gopdfFile(t)); got != nil || motcua.ErrorCode(err) != motcua.ENOTALLOWED ||
		!strings.Contains(motcua.ErrorMessage(err), "chưa có chứng thư số") {
		t.Errorf("a unit without a key: %d bytes, %v", len(got), err)
	}
	if err := RevokeDemo(dir, units[1].Code, now); err != nil {
		t.Fatal(err)
	}
	ducLap := &motcua.Unit{Code: units[1].Code, Name: units[1].Name}
	if got, err := s.Sign(t.Context(), ducLap, gopdfFile(t)); got != nil || motcua.ErrorCode(err) != motcua.ENOTALLOWED {
		t.Errorf("a revoked certificate: %d bytes, %v", len(got), err)
	}
	if _, err := s.Sign(t.Context(), thuanAn, gopdfFile(t)); err != nil {
		t.Errorf("another unit's revocation stops Thuận An: %v", err)
	}
}
