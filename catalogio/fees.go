package catalogio

import (
	"fmt"
	"strings"

	"github.com/motcua/motcua"
)

// Fee lines (issue 19) in both formats. In JSON a version's "fee_lines" is
// absent when its fees are not stated as lines (the text in "fees" is all
// it says), [] when it is free, and the lines otherwise. In the workbook
// the lines are rows of the sheet “Phí, lệ phí”, and the column “Miễn phí,
// lệ phí” of “Thủ tục” marks a free version; neither means not stated.

var (
	feeKinds = vocab[motcua.FeeKind]{"loại khoản thu", []choice[motcua.FeeKind]{
		{motcua.FeeCharge, "phi", "phí"},
		{motcua.FeeLevy, "le_phi", "lệ phí"}}}
	feeBases = vocab[motcua.FeeBasis]{"cách tính", []choice[motcua.FeeBasis]{
		{motcua.FeeFixed, "moi_ho_so", "một lần cho mỗi hồ sơ"},
		{motcua.FeePerCopy, "moi_ban", "mỗi bản"},
		{motcua.FeePerPage, "moi_trang", "mỗi trang"},
		{motcua.FeePerSet, "moi_bo", "mỗi bộ hồ sơ"},
		{motcua.FeeTable, "theo_bieu_muc", "theo biểu mức nhiều bậc"}}}
	// feeCounts is what a table's bands count.
	feeCounts = vocab[motcua.FeeBasis]{"biểu mức tính theo", []choice[motcua.FeeBasis]{
		{motcua.FeePerCopy, "so_ban", "số bản"},
		{motcua.FeePerPage, "so_trang", "số trang"},
		{motcua.FeePerSet, "so_bo", "số bộ"}}}
	feePayAts = vocab[motcua.FeePayAt]{"thời điểm nộp", []choice[motcua.FeePayAt]{
		{motcua.FeePayAtIntake, "khi_nop_ho_so", "khi nộp hồ sơ"},
		{motcua.FeePayAtResult, "khi_nhan_ket_qua", "khi nhận kết quả"}}}
)

type wireFeeLine struct {
	Kind       string             `json:"kind"` // charge, levy
	Name       string             `json:"name"`
	Amount     int64              `json:"amount"` // đồng per unit; 0 with a table
	Basis      string             `json:"basis"`  // fixed, per_copy, per_page, per_set, table
	Over       string             `json:"over"`   // a table's count: per_copy, per_page, per_set; "" otherwise
	Bands      []wireFeeBand      `json:"bands"`
	Max        int64              `json:"max"` // đồng; 0 = no maximum
	Exemptions []wireFeeExemption `json:"exemptions"`
	LegalBasis string             `json:"legal_basis"`
	PayAt      string             `json:"pay_at"` // intake, result
}

type wireFeeBand struct {
	From   int   `json:"from"`
	To     int   `json:"to"` // 0 = no upper bound
	Amount int64 `json:"amount"`
}

type wireFeeExemption struct {
	Who   string `json:"who"`
	Basis string `json:"basis"`
}

// toWireFees is the "fee_lines" of a version: nil (left out) when not stated.
func toWireFees(v *motcua.CatalogVersion) *[]wireFeeLine {
	if !v.FeesStated {
		return nil
	}
	out := make([]wireFeeLine, 0, len(v.FeeLines))
	for _, l := range v.FeeLines {
		w := wireFeeLine{Kind: string(l.Kind), Name: l.Name, Amount: l.Amount, Basis: string(l.Basis), Over: string(l.Over),
			Max: l.Max, LegalBasis: l.LegalBasis, PayAt: string(l.PayAt),
			Bands: make([]wireFeeBand, 0, len(l.Bands)), Exemptions: make([]wireFeeExemption, 0, len(l.Exemptions))}
		for _, b := range l.Bands {
			w.Bands = append(w.Bands, wireFeeBand(b))
		}
		for _, e := range l.Exemptions {
			w.Exemptions = append(w.Exemptions, wireFeeExemption(e))
		}
		out = append(out, w)
	}
	return &out
}

// feeLineFrom checks one line; enumerations are read as JSON values, or as
// spreadsheet codes when cells is set.
func feeLineFrom(w *wireFeeLine, cells bool) (motcua.FeeLine, reasons) {
	read := func(v vocab[motcua.FeeBasis], s string) (motcua.FeeBasis, string) {
		if cells {
			return v.fromCode(s)
		}
		return v.fromValue(s)
	}
	var why reasons
	var bad string
	l := motcua.FeeLine{Name: motcua.NFC(w.Name), Amount: w.Amount, Max: w.Max, LegalBasis: motcua.NFC(w.LegalBasis)}
	if cells {
		l.Kind, bad = feeKinds.fromCode(w.Kind)
		why.add(bad)
		l.PayAt, bad = feePayAts.fromCode(w.PayAt)
	} else {
		l.Kind, bad = feeKinds.fromValue(w.Kind)
		why.add(bad)
		l.PayAt, bad = feePayAts.fromValue(w.PayAt)
	}
	why.add(bad)
	l.Basis, bad = read(feeBases, w.Basis)
	why.add(bad)
	if w.Over != "" || l.Basis == motcua.FeeTable {
		l.Over, bad = read(feeCounts, w.Over)
		why.add(bad)
	}
	for _, b := range w.Bands {
		l.Bands = append(l.Bands, motcua.FeeBand(b))
	}
	for _, e := range w.Exemptions {
		ex := motcua.FeeExemption{Who: motcua.NFC(e.Who), Basis: motcua.NFC(e.Basis)}
		why.add(exemptionTextProblem(ex))
		l.Exemptions = append(l.Exemptions, ex)
	}
	why.add(textProblem("tên khoản phí, lệ phí", l.Name, false))
	why.add(textProblem("căn cứ pháp lý của khoản phí, lệ phí", l.LegalBasis, false))
	if len(why) == 0 { // the rules of the domain, once every value is known
		why = append(why, l.Problems()...)
	}
	return l, why
}

// exemptionTextProblem: the workbook writes an exemption as “who | basis”
// on a line of its own, so neither part may hold a bar or a line break.
func exemptionTextProblem(e motcua.FeeExemption) string {
	for _, s := range []string{e.Who, e.Basis} {
		if strings.ContainsAny(s, "|\n\r") {
			return fmt.Sprintf("trường hợp miễn “%s” không được chứa dấu | hay xuống dòng", s)
		}
		if bad := textProblem("trường hợp miễn", s, false); bad != "" {
			return bad
		}
	}
	return ""
}

func feeLinesCountProblem(n int) string {
	if n > motcua.MaxFeeLines {
		return fmt.Sprintf("có quá %d khoản phí, lệ phí", motcua.MaxFeeLines)
	}
	return ""
}

func feeLineName(i int, code string, j int) string {
	return fmt.Sprintf("%s, khoản phí, lệ phí thứ %d", versionName(i, code), j+1)
}

// canonicalFees: lines mean the fees are stated; stated fees have a
// non-nil list; empty bands and exemptions are nil, as the store reads them.
func canonicalFees(v *motcua.CatalogVersion) {
	v.Fees = motcua.NFC(v.Fees)
	v.FeesStated = v.FeesStated || len(v.FeeLines) > 0
	if !v.FeesStated {
		v.FeeLines = nil
		return
	}
	lines := make([]motcua.FeeLine, len(v.FeeLines)) // a deep copy: Normalize's callers keep theirs
	for i, l := range v.FeeLines {
		l.Name, l.LegalBasis = motcua.NFC(l.Name), motcua.NFC(l.LegalBasis)
		l.Bands = cloneOrNil(l.Bands)
		l.Exemptions = cloneOrNil(l.Exemptions)
		for j := range l.Exemptions {
			e := &l.Exemptions[j]
			e.Who, e.Basis = motcua.NFC(e.Who), motcua.NFC(e.Basis)
		}
		lines[i] = l
	}
	v.FeeLines = lines
}

func cloneOrNil[T any](list []T) []T {
	if len(list) == 0 {
		return nil
	}
	return append([]T(nil), list...)
}
