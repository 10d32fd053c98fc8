package catalogio

import (
	"fmt"
	"maps"
	"regexp"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
)

// The fee lines in the workbook: rows of “Phí, lệ phí”, with a table's
// bands and a line's exemptions in one cell each, in a syntax an officer
// types: “1-2: 2.000; 3-: 1.000” and “Hộ nghèo | Luật Hộ tịch, Điều 11”,
// one exemption a line.

func feesFreeCell(v *motcua.CatalogVersion) string {
	if v.FeesStated && len(v.FeeLines) == 0 {
		return feesFreeCode
	}
	return ""
}

func feesFreeFrom(cell string) (bool, string) {
	switch codeKey(cell) {
	case "":
		return false, ""
	case feesFreeCode:
		return true, ""
	}
	return false, fmt.Sprintf("miễn phí, lệ phí “%s” không hợp lệ: ghi co hoặc để trống", cell)
}

func feeRows(s *motcua.CatalogSnapshot) []row {
	var rows []row
	for _, v := range s.Versions {
		for j, l := range v.FeeLines {
			r := versionKeyRow(&v)
			maps.Copy(r, row{colPosition: j + 1, colFeeKind: feeKinds.code(l.Kind), colFeeName: l.Name,
				colFeeAmount: positive(l.Amount), colFeeBasis: feeBases.code(l.Basis), colFeeOver: overCell(l.Over),
				colFeeBands: bandsCell(l.Bands), colFeeMax: positive(l.Max), colFeeExemptions: exemptionsCell(l.Exemptions),
				colLegalBasis: l.LegalBasis, colFeePayAt: feePayAts.code(l.PayAt)})
			rows = append(rows, r)
		}
	}
	return rows
}

// positive leaves a cell blank for 0.
func positive(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

func overCell(b motcua.FeeBasis) string {
	if b == "" {
		return ""
	}
	return feeCounts.code(b)
}

func bandsCell(bands []motcua.FeeBand) string {
	parts := make([]string, len(bands))
	for i, b := range bands {
		to := ""
		if b.To > 0 {
			to = strconv.Itoa(b.To)
		}
		parts[i] = fmt.Sprintf("%d-%s: %s", b.From, to, motcua.FormatInt(b.Amount))
	}
	return strings.Join(parts, "; ")
}

func exemptionsCell(list []motcua.FeeExemption) string {
	lines := make([]string, len(list))
	for i, e := range list {
		lines[i] = e.Who + " | " + e.Basis
	}
	return strings.Join(lines, "\n")
}

func (x *xlsxReader) feeRow(n int, c cells) {
	i, why := x.owner(c)
	pos, bad := integer("thứ tự", c.get(colPosition), -1)
	why.add(bad)
	w := wireFeeLine{Kind: c.get(colFeeKind), Name: c.get(colFeeName), Basis: c.get(colFeeBasis), Over: c.get(colFeeOver),
		LegalBasis: c.get(colLegalBasis), PayAt: c.get(colFeePayAt)}
	w.Amount, bad = dong("số tiền", c.get(colFeeAmount))
	why.add(bad)
	w.Max, bad = dong("mức thu tối đa", c.get(colFeeMax))
	why.add(bad)
	w.Bands, bad = bandsFrom(c.get(colFeeBands))
	why.add(bad)
	w.Exemptions, bad = exemptionsFrom(c.get(colFeeExemptions))
	why.add(bad)
	var l motcua.FeeLine
	if len(why) == 0 {
		l, why = feeLineFrom(&w, true)
	}
	if len(why) > 0 {
		x.p.at(where(sheetFees, n), why...)
		return
	}
	x.versions[i].fees = append(x.versions[i].fees, positioned[motcua.FeeLine]{pos, n, l})
}

// feesOf gives a version its lines, or marks it free; not both.
func (x *xlsxReader) feesOf(vr *versionRow) {
	switch {
	case vr.free && len(vr.fees) > 0:
		x.p.at(vr.v.Source, fmt.Sprintf("ghi miễn phí, lệ phí nhưng có %d khoản thu ở trang “%s” (dòng %d)", len(vr.fees), sheetFees, vr.fees[0].row))
	case len(vr.fees) > motcua.MaxFeeLines:
		x.p.at(vr.v.Source, feeLinesCountProblem(len(vr.fees)))
	case vr.free || len(vr.fees) > 0:
		vr.v.FeesStated = true
		vr.v.FeeLines = ordered(vr.fees, sheetFees, &x.p)
	}
}

// groupedDigits is an amount written with thousands separators: 8.000, 1,000,000.
var groupedDigits = regexp.MustCompile(`^[0-9]{1,3}([.,][0-9]{3})+$`)

// dong reads a whole number of đồng: digits, grouped by points or commas
// or not at all; blank is 0. "8.5" is refused rather than read as 8 or 85.
func dong(what, s string) (int64, string) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "đồng"), "đ"))
	if s == "" {
		return 0, ""
	}
	text := s
	if groupedDigits.MatchString(text) {
		text = strings.NewReplacer(".", "", ",", "").Replace(text)
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || n < 0 || n > motcua.MaxFeeAmount {
		return 0, fmt.Sprintf("%s “%s” không phải số tiền nguyên (đồng) từ 0 đến %s", what, s, motcua.FormatInt(motcua.MaxFeeAmount))
	}
	return n, ""
}

// band is one “from-to: amount” of a bands cell; the dash may be an en dash.
var band = regexp.MustCompile(`^([0-9]+)\s*(?:([-–])\s*([0-9]*))?\s*:\s*(.+)$`)

func bandsFrom(cell string) ([]wireFeeBand, string) {
	var out []wireFeeBand
	for part := range strings.FieldsFuncSeq(cell, func(r rune) bool { return r == ';' || r == '\n' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		m := band.FindStringSubmatch(part)
		if m == nil {
			return nil, fmt.Sprintf("bậc “%s” của biểu mức không đúng dạng “từ-đến: số tiền”, ví dụ 1-2: 2.000 hoặc 3-: 1.000", part)
		}
		from, err1 := strconv.Atoi(m[1])
		to, err2 := from, error(nil)
		switch {
		case m[2] != "" && m[3] == "":
			to = 0
		case m[2] != "":
			to, err2 = strconv.Atoi(m[3])
		}
		amount, bad := dong("số tiền của bậc", m[4])
		if err1 != nil || err2 != nil {
			return nil, fmt.Sprintf("bậc “%s” của biểu mức có số quá lớn", part)
		}
		if bad != "" {
			return nil, bad
		}
		out = append(out, wireFeeBand{From: from, To: to, Amount: amount})
	}
	return out, ""
}

func exemptionsFrom(cell string) ([]wireFeeExemption, string) {
	var out []wireFeeExemption
	for line := range strings.Lines(cell) {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		who, basis, ok := strings.Cut(line, "|")
		if !ok {
			return nil, fmt.Sprintf("trường hợp miễn “%s” thiếu căn cứ pháp lý: viết “đối tượng | căn cứ pháp lý”", line)
		}
		out = append(out, wireFeeExemption{Who: strings.TrimSpace(who), Basis: strings.TrimSpace(basis)})
	}
	return out, ""
}
