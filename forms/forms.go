// Package forms renders the forms of Vietnam's one-stop shops (bộ phận một
// cửa) as PDF: the receipt, the requests and notices sent to applicants, the
// control slip that travels with a dossier, and the register. Each form
// follows the circular in force at its own instant (see Edition): Circular
// 01/2018/TT-VPCP until 14/09/2025, Circular 03/2025/TT-VPCP from 15/09/2025.
//
// The package takes plain data and knows nothing of storage or the ledger.
// Every text goes through motcua.NFC before it reaches the PDF: decomposed
// Vietnamese marks print beside their letters.
package forms

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/motcua/motcua"
)

var (
	errNilWriter = errors.New("nil writer")
	errNoCode    = errors.New("empty dossier code")
)

// wrapErr prefixes a non-nil *errp with the call it comes from, so that
// errors read like a call path: forms.Receipt("…"): empty dossier code.
func wrapErr(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
	}
}

// count writes a positive count the Vietnamese way, and nothing otherwise.
func count(n int) string {
	if n <= 0 {
		return ""
	}
	return motcua.FormatInt(int64(n))
}

// check rejects what no form can be printed without: somewhere to write it,
// the instant that picks the edition and dates the form, and the dossier
// codes the form names.
func check(w io.Writer, at time.Time, atName string, codes ...string) error {
	if w == nil {
		return errNilWriter
	}
	if at.IsZero() {
		return fmt.Errorf("zero %s", atName)
	}
	for _, c := range codes {
		if motcua.NFC(c) == "" {
			return errNoCode
		}
	}
	return nil
}

// docTitle names the PDF file's title, as viewers show it.
func docTitle(f Form, at time.Time, subject string) string {
	t, _ := templateAt(f, at)
	if subject == "" {
		return t.Title
	}
	return t.Title + " " + subject
}

// nonEmpty returns the items that hold text.
func nonEmpty(items []string) []string {
	var out []string
	for _, s := range items {
		if motcua.NFC(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// orBlank returns s, or dots to fill in by hand when it is empty.
func orBlank(s string) string {
	if motcua.NFC(s) == "" {
		return blank
	}
	return s
}
