package ledger

import (
	"math"
	"strings"

	"github.com/motcua/motcua"
)

// maxFeeQuantity bounds the copies, pages or sets of one dossier: far above
// any real request, low enough that no product of it and an amount
// overflows before the guard below sees it.
const maxFeeQuantity = 1_000_000

// ComputeFees applies a procedure version's fee lines to what a dossier asks
// for. It is pure: the same lines and quantities give the same bill. An
// exempt line is listed with its gross amount and the officer's reason, and
// owes nothing; an exemption claim without a reason, for a line that does
// not exist, or twice for one line, is refused, as are negative quantities
// and lines that ValidateFeeLines refuses.
func ComputeFees(lines []motcua.FeeLine, q motcua.FeeQuantities) (motcua.FeeBill, error) {
	bill := motcua.FeeBill{Lines: make([]motcua.FeeBillLine, 0, len(lines))}
	if err := motcua.ValidateFeeLines(lines); err != nil {
		return bill, err
	}
	for _, n := range []int{q.Copies, q.Pages, q.Sets} {
		if n < 0 || n > maxFeeQuantity {
			return bill, motcua.FieldError("quantity", "Số bản, số trang, số bộ phải là số nguyên từ 0 đến %s.", motcua.FormatInt(maxFeeQuantity))
		}
	}
	reasons, err := exemptions(len(lines), q.Exempt)
	if err != nil {
		return bill, err
	}
	for i := range lines {
		l := &lines[i]
		qty := quantityFor(l, q)
		gross, ok := lineAmount(l, qty)
		if !ok {
			return bill, overflow(i)
		}
		b := motcua.FeeBillLine{Line: i, Quantity: qty, Gross: gross, Amount: gross, PayAt: l.PayAt}
		if reason, exempt := reasons[i]; exempt {
			b.Exempt, b.Reason, b.Amount = true, reason, 0
		}
		if bill.Total, ok = add(bill.Total, b.Amount); !ok {
			return bill, overflow(i)
		}
		if l.PayAt == motcua.FeePayAtIntake {
			bill.DueAtIntake += b.Amount // bounded by Total
		} else {
			bill.DueAtResult += b.Amount
		}
		bill.Lines = append(bill.Lines, b)
	}
	return bill, nil
}

// exemptions indexes the claims by line, each with its reason.
func exemptions(n int, claims []motcua.FeeExemptionClaim) (map[int]string, error) {
	out := make(map[int]string, len(claims))
	for _, c := range claims {
		reason := strings.TrimSpace(motcua.NFC(c.Reason))
		switch _, twice := out[c.Line]; {
		case c.Line < 0 || c.Line >= n:
			return nil, motcua.FieldError("exempt", "Không có khoản phí, lệ phí thứ %d để miễn.", c.Line+1)
		case reason == "":
			return nil, motcua.FieldError("exempt", "Miễn khoản phí, lệ phí thứ %d phải ghi lý do (đối tượng được miễn và giấy tờ chứng minh).", c.Line+1)
		case twice:
			return nil, motcua.FieldError("exempt", "Khoản phí, lệ phí thứ %d được miễn hai lần.", c.Line+1)
		}
		out[c.Line] = reason
	}
	return out, nil
}

// quantityFor is how many units the line counts: 1 for a fixed line.
func quantityFor(l *motcua.FeeLine, q motcua.FeeQuantities) int {
	basis := l.Basis
	if basis == motcua.FeeTable {
		basis = l.Over
	}
	switch basis {
	case motcua.FeePerCopy:
		return q.Copies
	case motcua.FeePerPage:
		return q.Pages
	case motcua.FeePerSet:
		return q.Sets
	}
	return 1
}

// lineAmount is the line's amount for qty units, capped at its maximum;
// false if it would overflow.
func lineAmount(l *motcua.FeeLine, qty int) (int64, bool) {
	var total int64
	ok := true
	if l.Basis != motcua.FeeTable {
		total, ok = mul(l.Amount, int64(qty))
	} else {
		for _, b := range l.Bands {
			units := bandUnits(b, qty)
			part, okMul := mul(b.Amount, int64(units))
			total, ok = add(total, part)
			if !ok || !okMul {
				return 0, false
			}
		}
	}
	if ok && l.Max > 0 {
		total = min(total, l.Max)
	}
	return total, ok
}

// bandUnits is how many of qty units fall in the band.
func bandUnits(b motcua.FeeBand, qty int) int {
	hi := qty
	if b.To > 0 {
		hi = min(hi, b.To)
	}
	return max(0, hi-b.From+1)
}

func mul(a, b int64) (int64, bool) {
	if a < 0 || b < 0 || (b != 0 && a > math.MaxInt64/b) {
		return 0, false
	}
	return a * b, true
}

func add(a, b int64) (int64, bool) {
	if a < 0 || b < 0 || a > math.MaxInt64-b {
		return 0, false
	}
	return a + b, true
}

func overflow(i int) error {
	return motcua.FieldError("quantity", "Số tiền của khoản phí, lệ phí thứ %d vượt quá giới hạn tính toán.", i+1)
}
