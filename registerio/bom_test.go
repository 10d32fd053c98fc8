package registerio

import (
	"strings"
	"testing"
)

// TestBOMFromExcelReadsBack: the template starts with a byte order mark
// (Excel then reads its diacritics right), and a register saved by Excel
// as "CSV UTF-8" — the mark, then a quoted header — reads as without it.
func TestBOMFromExcelReadsBack(t *testing.T) {
	if !strings.HasPrefix(Template(), "\ufeffma_ho_so,") {
		t.Errorf("the template starts %q, want a byte order mark then the header", Template()[:12])
	}
	quoted := `"` + strings.ReplaceAll(strings.TrimSuffix(header, "\n"), ",", `","`) + `"` + "\n" +
		"X-1,1.001193,,,U1,truc_tiep,Nguyễn Văn A,\"Thôn 1, xã Đắk Lao\",01/02/2024 08:00,02/02/2024 08:00,,,\n"
	for name, file := range map[string]string{"template": Template(), "Excel, quoted header": "\ufeff" + quoted} {
		entries, bad, err := ReadCSV(strings.NewReader(file))
		if err != nil || len(bad) != 0 || len(entries) != 1 || !strings.HasPrefix(entries[0].Address, "Thôn 1, xã Đắk Lao") {
			t.Errorf("%s: %+v %v %v", name, entries, bad, err)
		}
	}
}
