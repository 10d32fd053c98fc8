package ledger

import (
	"net/mail"
	"regexp"
	"strings"
)

// Identity papers a one-stop receives, as patterns of the number the
// applicant writes (spaces removed, letters in capitals):
//   - căn cước / CCCD (personal identification number): 12 digits;
//   - the old CMND: 9 digits;
//   - tax number: 10 digits, or 13 for a branch, written 0101234567-001;
//   - Vietnamese passport: one letter and 7 digits (C1234567);
//   - foreign passport: tolerant, 6 to 9 letters and digits with at least
//     one letter (ICAO allows 9 characters; all-digit ones of 9 pass as CMND).
var (
	identityDigits   = regexp.MustCompile(`^(\d{9}|\d{10}|\d{12}|\d{13}|\d{10}-\d{3})$`)
	passportVN       = regexp.MustCompile(`^[A-Z]\d{7}$`)
	passportForeign  = regexp.MustCompile(`^[A-Z0-9]{6,9}$`)
	containsALetter  = regexp.MustCompile(`[A-Z]`)
	identityMessage  = "Số định danh cá nhân (căn cước) gồm 12 chữ số; CMND cũ 9 chữ số; mã số thuế 10 hoặc 13 chữ số (0101234567-001)."
	passportMessage  = "Số hộ chiếu không hợp lệ: hộ chiếu Việt Nam gồm 1 chữ cái và 7 chữ số (vd C1234567); hộ chiếu nước ngoài gồm 6–9 chữ cái và chữ số."
	emailDomainLabel = regexp.MustCompile(`^[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?$`)
)

// CleanIdentityNumber returns the number as stored (spaces removed, capital
// letters) and a Vietnamese message when it matches no identity paper; an
// empty number is allowed (the field is optional).
func CleanIdentityNumber(s string) (clean, problem string) {
	clean = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	switch {
	case clean == "" || identityDigits.MatchString(clean):
		return clean, ""
	case strings.Trim(clean, "0123456789-") == "":
		return clean, identityMessage
	case passportVN.MatchString(clean) || passportForeign.MatchString(clean) && containsALetter.MatchString(clean):
		return clean, ""
	}
	return clean, passportMessage
}

// EmailProblem returns a Vietnamese message unless s is one plain address
// (no display name, no spaces) at a domain with a dot, as mail is delivered
// on the internet; "" for a good or empty address.
func EmailProblem(s string) string {
	const msg = "Địa chỉ thư điện tử không hợp lệ (vd: ten@example.vn)."
	if s == "" {
		return ""
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || len(s) > MaxEmailLen || strings.ContainsAny(s, " \t") {
		return msg
	}
	at := strings.LastIndexByte(s, '@')
	labels := strings.Split(s[at+1:], ".")
	if len(labels) < 2 {
		return msg
	}
	for _, l := range labels {
		if !emailDomainLabel.MatchString(l) {
			return msg
		}
	}
	return ""
}
