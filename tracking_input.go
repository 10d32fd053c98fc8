package motcua

import (
	"strings"
	"unicode"
)

// NormalizeTrackCode reads a dossier code as a citizen may type it from
// paper or a phone: any case, spaces or dashes (of any kind) around and
// between its parts. Codes are upper-case (domain.md §10) and their parts
// are joined by "-".
func NormalizeTrackCode(s string) string {
	parts := strings.FieldsFunc(NFC(s), dashOrSpace)
	return strings.ToUpper(strings.Join(parts, "-"))
}

// NormalizeTrackSecret reads a receipt's tracking secret (or the four
// phone digits) as typed: any case, with spaces or dashes.
func NormalizeTrackSecret(s string) string {
	return strings.ToUpper(strings.Join(strings.FieldsFunc(s, dashOrSpace), ""))
}

func dashOrSpace(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Pd, r)
}

// DueNote explains the promised date while the clock is paused for a
// supplement or a payment, or after it resumed; "" otherwise.
func (t *Tracking) DueNote() string {
	switch {
	case t.State == StatePayment && !t.PausedAt.IsZero():
		return "Hồ sơ chờ nộp phí, lệ phí từ " + FormatDate(t.PausedAt) +
			"; thời hạn giải quyết bắt đầu tính từ khi nộp đủ, ngày hẹn trả sẽ được tính lại khi đó."
	case t.State == StateSupplement && !t.PausedAt.IsZero():
		return "Tạm dừng tính thời gian từ " + FormatDate(t.PausedAt) +
			" chờ bổ sung hồ sơ; ngày hẹn trả sẽ được tính lại khi nhận đủ hồ sơ bổ sung."
	case !t.ResumedAt.IsZero() && t.State.Open():
		return "Đã tính lại sau khi nhận hồ sơ bổ sung ngày " + FormatDate(t.ResumedAt) + "."
	}
	return ""
}

// Paused reports whether the clock stands still for a supplement or a payment.
func (t *Tracking) Paused() bool { return t.State.Paused() && !t.PausedAt.IsZero() }
