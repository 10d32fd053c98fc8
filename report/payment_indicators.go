package report

import "github.com/motcua/motcua"

// Group 3's fee indicators of Decision 766 (issue 19, item 6), as
// docs/payment-indicators.md defines them:
//
//   - 3.5: procedures with fees (a version in force in the period states
//     a fee line of a non-zero amount) of which at least one dossier
//     accepted in the period and scope carries fee data (a bill whose
//     total is not 0) / procedures with fees;
//   - 3.6: dossiers accepted in the period and scope whose bill is above
//     0 that were paid online (a payment through VNPAY or the national
//     payment platform that stands paid) / dossiers accepted in the
//     period and scope whose bill is above 0.
//
// The national description reads the synced fields DanhSachLePhi[].Gia
// and DuocThanhToanTrucTuyen; the store reads what those fields are
// projected from: the bill at acceptance and the payments.

// Payment indicator codes, in the national index's order.
const (
	CodeFeeData       = "3.5"
	CodeOnlinePayment = "3.6"
)

// PaymentCodes are the two indicators.
var PaymentCodes = []string{CodeFeeData, CodeOnlinePayment}

// paymentNames are the indicators' names, what they count, then what an
// item that meets one has and what one that does not lacks.
var paymentNames = map[string][4]string{
	CodeFeeData:       {"Tỉ lệ thủ tục có thu phí, lệ phí có hồ sơ ghi nhận thông tin phí, lệ phí", "thủ tục", "có hồ sơ ghi nhận phí, lệ phí", "chưa có hồ sơ nào ghi nhận phí, lệ phí"},
	CodeOnlinePayment: {"Tỉ lệ hồ sơ thanh toán trực tuyến", "hồ sơ", "đã thanh toán trực tuyến", "chưa thanh toán trực tuyến"},
}

// CheckPaymentCode refuses a code that is not 3.5 or 3.6.
func CheckPaymentCode(code string) error {
	if _, ok := paymentNames[code]; !ok {
		return motcua.FieldError("code", "Chỉ số “%s” không có: chọn 3.5 hoặc 3.6.", code)
	}
	return nil
}

// PaymentName is the name of indicator code.
func PaymentName(code string) string { return paymentNames[code][0] }

// PaymentOutcome says what the items listed for code have (met) or lack.
func PaymentOutcome(code string, met bool) string {
	if met {
		return paymentNames[code][2]
	}
	return paymentNames[code][3]
}

// PaymentIndicator is 3.5 or 3.6 over a period and scope.
type PaymentIndicator struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Numerator   int    `json:"numerator"`
	Denominator int    `json:"denominator"`
}

// NewPaymentIndicator is indicator code at numerator / denominator.
func NewPaymentIndicator(code string, numerator, denominator int) PaymentIndicator {
	return PaymentIndicator{Code: code, Name: PaymentName(code), Numerator: numerator, Denominator: denominator}
}

// Rate is numerator / denominator as "96,14 %"; "—" with no denominator.
func (i PaymentIndicator) Rate() string {
	return motcua.FormatPercent(int64(i.Numerator), int64(i.Denominator))
}

// Of is what the indicator counts: "thủ tục" (3.5) or "hồ sơ" (3.6).
func (i PaymentIndicator) Of() string { return paymentNames[i.Code][1] }

// Met says what the numerator's items have; NotMet what the others lack.
func (i PaymentIndicator) Met() string    { return PaymentOutcome(i.Code, true) }
func (i PaymentIndicator) NotMet() string { return PaymentOutcome(i.Code, false) }

// Shortfall is the number of items of the denominator not in the numerator.
func (i PaymentIndicator) Shortfall() int { return i.Denominator - i.Numerator }

// ChargesFees reports whether fee lines ask for money: at least one line
// with a non-zero amount, or a table with a non-zero band. Lines stated
// as free (an empty list) or not stated at all (only a text note) do not:
// a procedure "with fees" is one whose catalogue says what it charges.
func ChargesFees(lines []motcua.FeeLine) bool {
	for _, l := range lines {
		if l.Amount != 0 {
			return true
		}
		for _, b := range l.Bands {
			if b.Amount != 0 {
				return true
			}
		}
	}
	return false
}

// Lists is what stands behind the indicator's figures, as the report
// page's links name it: "procedures" (3.5) or "dossiers" (3.6).
func (i PaymentIndicator) Lists() string {
	if i.Code == CodeFeeData {
		return "procedures"
	}
	return "dossiers"
}
