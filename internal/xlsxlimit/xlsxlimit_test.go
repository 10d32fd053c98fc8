package xlsxlimit_test

import (
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/xlsxlimit"
	"github.com/motcua/motcua/internal/xlsxlimit/bombtest"
)

const cell = `<c t="inlineStr"><is><t>x</t></is></c>`

// TestBombsAreRefusedFromTheirDeclarations: a workbook whose parts declare
// too much in all, too much in one part, too many parts, or a part that
// grows too many times is refused before anything is unpacked; an
// ordinary workbook opens.
func TestBombsAreRefusedFromTheirDeclarations(t *testing.T) {
	lim := xlsxlimit.Limits{Entries: 1000, Total: 64 << 20, Part: 48 << 20, Ratio: 100, InMemory: 16 << 20}
	small := bombtest.Workbook(t, "Sổ", []string{"ma_ho_so"}, cell, 100)
	f, err := xlsxlimit.Open(small, lim)
	if err != nil {
		t.Fatalf("an ordinary workbook: %v", err)
	}
	f.Close()
	grows := bombtest.Workbook(t, "Sổ", nil, cell, 400_000) // 19 MB of XML packed some 300 times
	for _, c := range []struct {
		name string
		data []byte
		lim  xlsxlimit.Limits
		want string
	}{
		{"a part that grows too much", grows, lim, "nén"},
		{"too much in one part", grows, xlsxlimit.Limits{Entries: 1000, Total: 64 << 20, Part: 8 << 20, Ratio: 1000}, "giải nén ra 18 MB"},
		{"too much in all", grows, xlsxlimit.Limits{Entries: 1000, Total: 8 << 20, Part: 64 << 20, Ratio: 1000}, "giải nén ra hơn"},
		{"too many parts", small, xlsxlimit.Limits{Entries: 3, Total: 64 << 20, Part: 64 << 20, Ratio: 1000}, "thành phần"},
	} {
		err := xlsxlimit.Check(c.data, c.lim)
		if motcua.ErrorCode(err) != motcua.EINVALID || !strings.Contains(motcua.ErrorMessage(err), c.want) {
			t.Errorf("%s: %v, want a refusal saying %q", c.name, err, c.want)
		}
	}
	if err := xlsxlimit.Check([]byte("PK\x03\x04 not a zip"), lim); motcua.ErrorCode(err) != motcua.EINVALID {
		t.Errorf("a broken zip: %v", err)
	}
}
