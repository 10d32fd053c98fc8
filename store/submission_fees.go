package store

import (
	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// submissionFees checks what an online filing asks the fee lines to count
// (issue 19): quantities the bill can be computed on, as acceptance will
// (ledger.IntakeBill), and no exemption — an exemption is granted by an
// officer who sees the proof, at the counter (docs/fees.md).
func submissionFees(p *motcua.Procedure, s *motcua.Submission) error {
	if len(s.Fees.Exempt) > 0 {
		return motcua.FieldError("exempt", "Không đề nghị miễn phí, lệ phí khi nộp trực tuyến: người thuộc đối tượng được miễn nộp hồ sơ tại Bộ phận Một cửa, mang theo giấy tờ chứng minh.")
	}
	if !p.FeesStated || len(p.FeeLines) == 0 { // nothing counts them
		s.Fees = motcua.FeeQuantities{}
		return nil
	}
	s.Fees.Sets = 0 // one set is filed online
	_, err := ledger.IntakeBill(p, motcua.Intake{Sets: 1, Fees: s.Fees})
	return err
}
