package motcua

import (
	"fmt"
	"strings"
)

// Fees as data (issue 19). A procedure version states its fees (phí) and
// levies (lệ phí) as lines, each with an amount in đồng and a basis of
// computation, so that the one-stop section can compute what a dossier owes.
// FeesStated tells "free" (stated, no lines) from "not stated" (the legacy
// text note only). The Law on Fees and Levies 97/2015/QH13 distinguishes
// the two kinds: a phí recovers the cost of a service, a lệ phí is a levy
// for a state act; both are paid to the state.

// FeeKind is whether a line is a fee or a levy.
type FeeKind string

const (
	FeeCharge FeeKind = "charge" // phí
	FeeLevy   FeeKind = "levy"   // lệ phí
)

// Label is the kind in Vietnamese: "Phí" or "Lệ phí".
func (k FeeKind) Label() string {
	switch k {
	case FeeCharge:
		return "Phí"
	case FeeLevy:
		return "Lệ phí"
	}
	return string(k)
}

// FeeBasis is what a line's amount is per.
type FeeBasis string

const (
	FeeFixed   FeeBasis = "fixed"    // once per dossier
	FeePerCopy FeeBasis = "per_copy" // per copy (bản) requested
	FeePerPage FeeBasis = "per_page" // per page (trang)
	FeePerSet  FeeBasis = "per_set"  // per set (bộ) of documents
	FeeTable   FeeBasis = "table"    // by a stated table of bands over copies, pages or sets
)

// Label is what the amount is per, as printed after it: "mỗi hồ sơ".
func (b FeeBasis) Label() string {
	switch b {
	case FeeFixed:
		return "mỗi hồ sơ"
	case FeePerCopy:
		return "mỗi bản"
	case FeePerPage:
		return "mỗi trang"
	case FeePerSet:
		return "mỗi bộ"
	case FeeTable:
		return "theo biểu mức"
	}
	return string(b)
}

// unit is the counted thing of a per-unit basis: "bản".
func (b FeeBasis) unit() string {
	switch b {
	case FeePerCopy:
		return "bản"
	case FeePerPage:
		return "trang"
	case FeePerSet:
		return "bộ"
	}
	return "hồ sơ"
}

// Counted reports whether the basis counts copies, pages or sets, which is
// what a table's bands may count.
func (b FeeBasis) Counted() bool { return b == FeePerCopy || b == FeePerPage || b == FeePerSet }

// FeePayAt is when a line is paid.
type FeePayAt string

const (
	FeePayAtIntake FeePayAt = "intake" // when the dossier is filed
	FeePayAtResult FeePayAt = "result" // when the result is collected
)

// Label is when the line is paid, in Vietnamese.
func (p FeePayAt) Label() string {
	switch p {
	case FeePayAtIntake:
		return "khi nộp hồ sơ"
	case FeePayAtResult:
		return "khi nhận kết quả"
	}
	return string(p)
}

// FeeBand is one band of a table: each unit counted from From to To
// (inclusive; To 0 = no upper bound, last band only) costs Amount. Bands
// are graduated, as the certification fees of Circular 226/2016/TT-BTC are:
// pages 1–2 at one price, pages 3–10 at a lower one, and so on.
type FeeBand struct {
	From   int   `json:"from"`
	To     int   `json:"to,omitempty"`
	Amount int64 `json:"amount"`
}

// FeeExemption is who does not pay a line, and the legal text that says so.
type FeeExemption struct {
	Who   string `json:"who"`
	Basis string `json:"basis"`
}

// FeeLine is one fee or levy of a procedure version.
type FeeLine struct {
	Kind FeeKind `json:"kind"`
	Name string  `json:"name"`
	// Amount in đồng per Basis unit; 0 with FeeTable, whose bands say it.
	Amount int64    `json:"amount,omitempty"`
	Basis  FeeBasis `json:"basis"`
	// Over is what a table's bands count: FeePerCopy, FeePerPage or FeePerSet.
	Over  FeeBasis  `json:"over,omitempty"`
	Bands []FeeBand `json:"bands,omitempty"`
	// Max caps the line's amount for one dossier (mức thu tối đa); 0 = none.
	Max        int64          `json:"max,omitempty"`
	Exemptions []FeeExemption `json:"exemptions,omitempty"`
	LegalBasis string         `json:"legal_basis,omitempty"`
	PayAt      FeePayAt       `json:"pay_at"`
}

// Bounds that keep every computation far from int64 overflow and every
// catalogue readable: no state fee approaches a trillion đồng.
const (
	MaxFeeAmount = 1_000_000_000_000 // đồng, per unit or per line
	MaxFeeLines  = 50
	MaxFeeBands  = 20
	maxFeeUnits  = 1_000_000 // band bounds
)

// Problems lists what is wrong with the line, in lower-case Vietnamese
// phrases the catalogue readers prefix with where the line is.
func (l *FeeLine) Problems() []string {
	var why []string
	add := func(format string, args ...any) { why = append(why, fmt.Sprintf(format, args...)) }
	if l.Kind != FeeCharge && l.Kind != FeeLevy {
		add("loại “%s” không hợp lệ: phải là phí hoặc lệ phí", l.Kind)
	}
	if strings.TrimSpace(l.Name) == "" {
		add("thiếu tên khoản phí, lệ phí")
	}
	switch {
	case l.Basis == FeeTable:
		why = append(why, l.tableProblems()...)
	case l.Basis == FeeFixed || l.Basis.Counted():
		if l.Amount <= 0 || l.Amount > MaxFeeAmount {
			add("số tiền phải là số nguyên dương (đồng), không quá %s", FormatInt(MaxFeeAmount))
		}
		if len(l.Bands) > 0 || l.Over != "" {
			add("chỉ cách tính theo biểu mức mới có các bậc")
		}
	default:
		add("cách tính “%s” không hợp lệ", l.Basis)
	}
	if l.Max < 0 || l.Max > MaxFeeAmount {
		add("mức thu tối đa phải là số nguyên dương (đồng) hoặc để trống")
	}
	for i, e := range l.Exemptions {
		if strings.TrimSpace(e.Who) == "" {
			add("trường hợp miễn thứ %d thiếu đối tượng được miễn", i+1)
		}
		if strings.TrimSpace(e.Basis) == "" {
			add("trường hợp miễn thứ %d thiếu căn cứ pháp lý", i+1)
		}
	}
	if l.PayAt != FeePayAtIntake && l.PayAt != FeePayAtResult {
		add("thời điểm nộp “%s” không hợp lệ: khi nộp hồ sơ hoặc khi nhận kết quả", l.PayAt)
	}
	return why
}

// tableProblems: bands from 1, each starting where the previous ended,
// only the last open-ended, each with a positive amount.
func (l *FeeLine) tableProblems() []string {
	var why []string
	add := func(format string, args ...any) { why = append(why, fmt.Sprintf(format, args...)) }
	if !l.Over.Counted() {
		add("biểu mức phải tính theo số bản, số trang hoặc số bộ")
	}
	if l.Amount != 0 {
		add("cách tính theo biểu mức ghi số tiền ở từng bậc, không ghi số tiền chung")
	}
	switch {
	case len(l.Bands) == 0:
		add("biểu mức chưa có bậc nào")
	case len(l.Bands) > MaxFeeBands:
		add("biểu mức có quá %d bậc", MaxFeeBands)
	}
	next := 1
	for i, b := range l.Bands {
		last := i == len(l.Bands)-1
		switch {
		case b.From != next:
			add("bậc %d phải bắt đầu từ %d (các bậc liền nhau, không hở, không chồng)", i+1, next)
		case b.To == 0 && !last:
			add("chỉ bậc cuối được để trống mức trên")
		case b.To != 0 && (b.To < b.From || b.To > maxFeeUnits):
			add("bậc %d: mức trên %d phải từ %d đến %d", i+1, b.To, b.From, maxFeeUnits)
		}
		if b.Amount <= 0 || b.Amount > MaxFeeAmount {
			add("bậc %d: số tiền phải là số nguyên dương (đồng), không quá %s", i+1, FormatInt(MaxFeeAmount))
		}
		next = b.To + 1
	}
	return why
}

// ValidateFeeLines checks a version's lines: an EINVALID error on field
// fee_lines naming the first line at fault, nil if all are right.
func ValidateFeeLines(lines []FeeLine) error {
	if len(lines) > MaxFeeLines {
		return FieldError("fee_lines", "Một thủ tục có quá %d khoản phí, lệ phí.", MaxFeeLines)
	}
	for i := range lines {
		if why := lines[i].Problems(); len(why) > 0 {
			return FieldError("fee_lines", "Khoản phí, lệ phí thứ %d: %s.", i+1, strings.Join(why, "; "))
		}
	}
	return nil
}

// FormatDong writes an amount of money: "50.000 đồng".
func FormatDong(n int64) string { return FormatInt(n) + " đồng" }

// Rate says what the line costs: "8.000 đồng/bản", "50.000 đồng/hồ sơ",
// "trang 1–2: 2.000 đồng/trang; từ trang 3: 1.000 đồng/trang; tối đa 200.000 đồng".
func (l *FeeLine) Rate() string {
	var s string
	if l.Basis == FeeTable {
		unit := l.Over.unit()
		parts := make([]string, 0, len(l.Bands))
		for _, b := range l.Bands {
			var span string
			switch {
			case b.To == 0:
				span = fmt.Sprintf("từ %s %d", unit, b.From)
			case b.To == b.From:
				span = fmt.Sprintf("%s %d", unit, b.From)
			default:
				span = fmt.Sprintf("%s %d–%d", unit, b.From, b.To)
			}
			parts = append(parts, fmt.Sprintf("%s: %s/%s", span, FormatDong(b.Amount), unit))
		}
		s = strings.Join(parts, "; ")
	} else {
		s = FormatDong(l.Amount) + "/" + l.Basis.unit()
	}
	if l.Max > 0 {
		s += "; tối đa " + FormatDong(l.Max)
	}
	return s
}

// Summary is the line in one phrase, its name as the catalogue gives it:
// "Phí cấp bản sao trích lục: 8.000 đồng/bản".
func (l *FeeLine) Summary() string { return l.Name + ": " + l.Rate() }

// FeesFree is what a version that states no fee says.
const FeesFree = "Miễn phí, lệ phí"

// FeesText says a version's fees in one line for forms and lists: the lines'
// summaries when stated ("Miễn phí, lệ phí" when there are none), the legacy
// note otherwise.
func (p *Procedure) FeesText() string {
	if !p.FeesStated {
		return p.Fees
	}
	if len(p.FeeLines) == 0 {
		return FeesFree
	}
	parts := make([]string, len(p.FeeLines))
	for i := range p.FeeLines {
		parts[i] = p.FeeLines[i].Summary()
	}
	return strings.Join(parts, "; ")
}

// FeeQuantities is what a dossier asks for, which the per-unit lines and
// tables count, and the exemptions the officer grants, each with a reason.
type FeeQuantities struct {
	Copies, Pages, Sets int
	Exempt              []FeeExemptionClaim
}

// FeeExemptionClaim exempts the line at index Line (from 0) for a reason
// the officer records, such as "hộ nghèo, sổ hộ nghèo số …".
type FeeExemptionClaim struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// FeeBill is what a dossier owes, line by line.
type FeeBill struct {
	Lines       []FeeBillLine `json:"lines"`
	Total       int64         `json:"total"`
	DueAtIntake int64         `json:"due_at_intake"`
	DueAtResult int64         `json:"due_at_result"`
}

// FeeBillLine is one fee line applied to a dossier: Gross before any
// exemption, Amount what is due (0 when exempt).
type FeeBillLine struct {
	Line     int      `json:"line"`
	Quantity int      `json:"quantity"`
	Gross    int64    `json:"gross"`
	Amount   int64    `json:"amount"`
	PayAt    FeePayAt `json:"pay_at"`
	Exempt   bool     `json:"exempt,omitempty"`
	Reason   string   `json:"reason,omitempty"`
}

// Detail is the line in full, as the diff between versions shows it:
// "Phí — Phí cấp bản sao trích lục: 8.000 đồng/bản, nộp khi nhận kết quả;
// miễn: Hộ nghèo (Luật …); căn cứ: Thông tư 281/2016/TT-BTC".
func (l *FeeLine) Detail() string {
	s := l.Kind.Label() + " — " + l.Summary() + ", nộp " + l.PayAt.Label()
	if len(l.Exemptions) > 0 {
		parts := make([]string, len(l.Exemptions))
		for i, e := range l.Exemptions {
			parts[i] = e.Who + " (" + e.Basis + ")"
		}
		s += "; miễn: " + strings.Join(parts, ", ")
	}
	if l.LegalBasis != "" {
		s += "; căn cứ: " + l.LegalBasis
	}
	return s
}

// FeesStatement says how a version states its fees, for the diff:
// "Chưa ghi theo khoản", "Miễn phí, lệ phí" or "3 khoản".
func (p *Procedure) FeesStatement() string {
	switch {
	case !p.FeesStated:
		return "Chưa ghi theo khoản (chỉ có ghi chú)"
	case len(p.FeeLines) == 0:
		return FeesFree
	}
	return fmt.Sprintf("%d khoản", len(p.FeeLines))
}

// FeesBrief says a version's fees in a few words, for a list or a heading:
// the one line's summary, the number of lines, "Miễn phí, lệ phí", or the
// note (cut at 80 characters) when the fees are not stated as lines.
func (p *Procedure) FeesBrief() string {
	switch {
	case !p.FeesStated && p.Fees == "":
		return "Chưa có thông tin"
	case !p.FeesStated:
		return cutRunes(p.Fees, 80)
	case len(p.FeeLines) == 0:
		return FeesFree
	case len(p.FeeLines) == 1:
		return p.FeeLines[0].Summary()
	}
	return fmt.Sprintf("%d khoản phí, lệ phí", len(p.FeeLines))
}

func cutRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
