package sms

import (
	"strings"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// MaxLen is one SMS in the GSM 7-bit alphabet. A text with any character
// outside it travels as UCS-2, 70 characters a part: a Vietnamese notice
// with its diacritics costs three to six parts and reaches old phones
// garbled. So texts are folded to GSM-7 and kept to one part, with a link
// for the details.
const MaxLen = 160

// gsm7 is the GSM 03.38 basic character set, less the escape character;
// the extension table (€, [, ], {, }, …) costs two, and is not used.
const gsm7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// IsGSM7 reports whether s uses only the basic GSM-7 alphabet.
func IsGSM7(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune(gsm7, r) {
			return false
		}
	}
	return true
}

// substitutes write typographic characters the way GSM-7 can.
var substitutes = map[rune]string{'–': "-", '—': "-", '‐': "-", '“': "\"", '”': "\"", '‘': "'", '’': "'", '…': "...",
	'·': "-", '\t': " ", '•': "-", '«': "\"", '»': "\""}

// Fold writes Vietnamese text in GSM-7: diacritics dropped, đ as d,
// typographic marks as their plain forms, anything else as "?".
func Fold(s string) string {
	var b strings.Builder
	for _, r := range motcua.StripMarks(s) {
		if sub, ok := substitutes[r]; ok {
			b.WriteString(sub)
		} else if strings.ContainsRune(gsm7, r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('?')
		}
	}
	return b.String()
}

// Compose is the SMS of text and link: folded to GSM-7, within MaxLen.
// The link is kept whole (it leads to the details); the text is cut at a
// word, with "...", when both do not fit; a link too long for one SMS is
// left out.
func Compose(text, link string) string {
	text = strings.Join(strings.Fields(Fold(text)), " ")
	link = Fold(link)
	if link != "" && utf8.RuneCountInString(link) > MaxLen-20 {
		link = ""
	}
	room := MaxLen
	if link != "" {
		room -= utf8.RuneCountInString(link) + 1
	}
	if utf8.RuneCountInString(text) > room {
		text = cut(text, room-3) + "..."
	}
	if link == "" {
		return text
	}
	return text + " " + link
}

// cut shortens a GSM-7 (one byte a rune but £, Δ…) text to at most n
// characters, at a space when there is one.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	r = r[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
		return strings.TrimRight(string(r)[:i], " .,;:")
	}
	return string(r)
}
