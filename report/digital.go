package report

import (
	"strings"

	"github.com/motcua/motcua"
)

// Group 4 of Decision 766 (the digital dossier), indicators 4.1–4.4, over
// the dossiers accepted in a period (NgayTiepNhan), as
// docs/digital-indicators.md defines them. The store reads each dossier's
// facts; this package says which dossiers an indicator counts and which
// of them meet it, so that the figures and the lists behind them are one
// rule.

// DigitalFacts are what the indicators read of one dossier.
type DigitalFacts struct {
	// ResultIsDocument: the procedure's result is a document
	// (ledger.ResultIsDocument of the dossier's version).
	ResultIsDocument bool
	// ElectronicResult: an issued electronic result that still counts
	// (not revoked, not superseded).
	ElectronicResult bool
	// Digitised is ledger.Digitised's verdict; Missing names the
	// components without a file, NoComponents a dossier that recorded none.
	Digitised    bool
	Missing      []string
	NoComponents bool
	// Reused: a component's file was reused from what was held or taken
	// from the national data store; National: taken from the latter.
	Reused, National bool
	// Pushed: the counting result's link reached the citizen's store.
	Pushed bool
}

// DigitalCodes are the indicators, in the national index's order.
var DigitalCodes = []string{"4.1", "4.2", "4.3", "4.4"}

// digitalNames are the indicators' names, then what a dossier that meets
// one has and what one that does not lacks.
var digitalNames = map[string][3]string{
	"4.1": {"Tỉ lệ hồ sơ có kết quả điện tử (thủ tục có kết quả là giấy tờ)", "có kết quả điện tử", "chưa có kết quả điện tử"},
	"4.2": {"Tỉ lệ số hóa hồ sơ, kết quả giải quyết", "đã số hóa đủ", "chưa số hóa đủ"},
	"4.3": {"Tỉ lệ hồ sơ tái sử dụng dữ liệu đã số hóa", "có tái sử dụng", "không tái sử dụng"},
	"4.4": {"Tỉ lệ hồ sơ khai thác, chia sẻ với Kho dữ liệu của tổ chức, cá nhân", "có khai thác, chia sẻ", "chưa khai thác, chia sẻ"},
}

// CheckDigitalCode refuses a code that is not one of 4.1–4.4.
func CheckDigitalCode(code string) error {
	if _, ok := digitalNames[code]; !ok {
		return motcua.FieldError("code", "Chỉ số “%s” không có: chọn 4.1, 4.2, 4.3 hoặc 4.4.", code)
	}
	return nil
}

// DigitalName is the name of indicator code.
func DigitalName(code string) string { return digitalNames[code][0] }

// DigitalOutcome says what the dossiers listed for code have (met) or lack.
func DigitalOutcome(code string, met bool) string {
	if met {
		return digitalNames[code][1]
	}
	return digitalNames[code][2]
}

// Counts tells whether the dossier is in the denominator of indicator
// code, and whether it is in its numerator.
func (f DigitalFacts) Counts(code string) (in, met bool) {
	switch code {
	case "4.1":
		return f.ResultIsDocument, f.ResultIsDocument && f.ElectronicResult
	case "4.2":
		return true, f.Digitised
	case "4.3":
		return true, f.Reused
	case "4.4":
		return true, f.National || f.Pushed
	}
	return false, false
}

// Shortfall says, for a dossier that does not meet code, what it lacks.
func (f DigitalFacts) Shortfall(code string) string {
	if _, met := f.Counts(code); met {
		return ""
	}
	if code != "4.2" {
		return DigitalOutcome(code, false)
	}
	var why []string
	if f.NoComponents {
		why = append(why, "không ghi nhận thành phần hồ sơ nào")
	}
	if len(f.Missing) > 0 {
		why = append(why, "thiếu tệp: "+strings.Join(f.Missing, "; "))
	}
	if f.ResultIsDocument && !f.ElectronicResult {
		why = append(why, "chưa có kết quả điện tử")
	}
	return strings.Join(why, "; ")
}

// DigitalIndicator is one indicator over a period and scope.
type DigitalIndicator struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Numerator   int    `json:"numerator"`
	Denominator int    `json:"denominator"`
}

// Rate is numerator / denominator as "96,14 %"; "—" with no denominator.
func (i DigitalIndicator) Rate() string {
	return motcua.FormatPercent(int64(i.Numerator), int64(i.Denominator))
}

// Met says what the numerator's dossiers have; NotMet what the others lack.
func (i DigitalIndicator) Met() string    { return DigitalOutcome(i.Code, true) }
func (i DigitalIndicator) NotMet() string { return DigitalOutcome(i.Code, false) }

// Shortfall is the number of dossiers of the denominator not in the numerator.
func (i DigitalIndicator) Shortfall() int { return i.Denominator - i.Numerator }

// DigitalTally adds dossiers' facts up into the four indicators.
type DigitalTally struct{ Indicators []DigitalIndicator }

// NewDigitalTally is a tally with every indicator at 0 / 0.
func NewDigitalTally() *DigitalTally {
	t := &DigitalTally{}
	for _, c := range DigitalCodes {
		t.Indicators = append(t.Indicators, DigitalIndicator{Code: c, Name: DigitalName(c)})
	}
	return t
}

// Add counts one dossier.
func (t *DigitalTally) Add(f DigitalFacts) {
	for i := range t.Indicators {
		in, met := f.Counts(t.Indicators[i].Code)
		if in {
			t.Indicators[i].Denominator++
		}
		if met {
			t.Indicators[i].Numerator++
		}
	}
}
