package forms_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/reform"
	"github.com/motcua/motcua/reform/cchc"
	"github.com/motcua/motcua/report"
)

// TestCCHCReportPDF: the draft prints on A4 with the motto, the title, the
// figures and the signature block, in order.
func TestCCHCReportPDF(t *testing.T) {
	row := report.Row{CarriedOver: 412, ReceivedOnline: 1606, ReceivedCounter: 17023, ReceivedPostal: 626, ResolvedEarly: 9000,
		ResolvedOnTime: 8281, ResolvedLate: 693, InProgressOnTime: 500, InProgressOverdue: 233, Withdrawn: 960}
	row.Sum()
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN)
	d := cchc.New(reform.ReportFacts{Issuer: "Ủy ban nhân dân huyện Đắk Mil", Superior: "UBND tỉnh Đắk Nông", Place: "Đắk Mil",
		From: from, To: from.AddDate(0, 5, 0), Dossiers: row, OnlineFull: 124, OnlinePartial: 77})
	var buf bytes.Buffer
	if err := forms.CCHC(&buf, d); err != nil {
		t.Fatal(err)
	}
	pdftest.WantSize(t, buf.Bytes(), 1, pdftest.A4)
	pdftest.InOrder(t, pdftest.Text(t, buf.Bytes()), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO",
		"6 tháng đầu năm 2024", "19.667", "124 thủ tục toàn trình", "II. ĐÁNH GIÁ CHUNG", "TM. ỦY BAN NHÂN DÂN")
}
