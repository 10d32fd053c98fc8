package forms

import (
	"fmt"
	"strings"

	"github.com/motcua/motcua"
)

// receiptBillRunes bounds field 7 when it says what the dossier owes:
// the amounts come first, so a long list of exemptions is what is cut.
const receiptBillRunes = 300

// receiptReasonRunes bounds each exemption's reason on the form; the
// dossier page gives it in full.
const receiptReasonRunes = 60

// ReceiptBill is field 7 of form 01 for a dossier (issue 19): what it owes
// and when — "29.000 đồng, trong đó nộp khi tiếp nhận: 5.000 đồng; nộp
// khi nhận kết quả: 24.000 đồng" — then the lines exempted with their
// reasons. Without a bill (the version does not state its fees as lines)
// it is ReceiptFees, the catalogue's words.
func ReceiptBill(p *motcua.Procedure, b *motcua.FeeBill) string {
	if b == nil {
		return ReceiptFees(p)
	}
	var s string
	switch {
	case len(b.Lines) == 0:
		s = motcua.FeesFree
	case b.Total == 0:
		s = "Không phải nộp (0 đồng)"
	default:
		s = fmt.Sprintf("%s, trong đó nộp khi tiếp nhận: %s; nộp khi nhận kết quả: %s", motcua.FormatDong(b.Total),
			motcua.FormatDong(b.DueAtIntake), motcua.FormatDong(b.DueAtResult))
	}
	var exempt []string
	for _, l := range b.Lines {
		if !l.Exempt {
			continue
		}
		name := fmt.Sprintf("khoản %d", l.Line+1)
		if l.Line < len(p.FeeLines) {
			name = p.FeeLines[l.Line].Name
		}
		exempt = append(exempt, fmt.Sprintf("%s %s (%s)", name, motcua.FormatDong(l.Gross), cut(l.Reason, receiptReasonRunes)))
	}
	if len(exempt) > 0 {
		s += ". Được miễn: " + strings.Join(exempt, "; ")
	}
	return cut(s, receiptBillRunes)
}

// cut shortens s to n runes, with an ellipsis.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
