package password

import (
	"strings"

	"github.com/trustelem/zxcvbn"

	"github.com/motcua/motcua"
)

// The strength check estimates how many guesses a cracker needs, with
// zxcvbn (Dropbox's estimator, in a Go port tested against its JavaScript
// outputs): it knows the leaked-password, word and name frequency lists
// and the patterns guessers try — keyboard walks (qwertyuiop), sequences
// (12345), repeats, dates and years, l33t (P@ssw0rd) — and scores a
// common root with any suffix as the root's rank times the suffix's cost.
// Writing that would mean gathering and maintaining the same lists.

// MinGuesses is the bar: as hard to guess as ten random characters.
const MinGuesses = 1e10

// commonRoots are what Vietnamese officers' passwords start from and the
// English lists do not know: rank 1 is the most common.
var commonRoots = []string{
	"matkhau", "motcua", "admin", "quantri", "123456", "qwerty", "anhyeuem", "emyeuanh", "iloveyou",
	"vietnam", "hanoi", "saigon", "dichvucong", "motcuadientu", "canbo", "ubnd", "xinchao", "password",
	"abc123", "111111", "000000", "hochiminh", "dienthoai", "doimatkhau", "daklak", "daknong", "dakmil",
}

// maxChecked bounds the estimator's work (it looks at every substring): a
// longer password is judged by its start, which only underestimates it.
const maxChecked = 64

// Guesses estimates how many guesses find pw, with the user's own words
// (user name, name parts) counted as the most common ones. Diacritics are
// folded first: "Mậtkhẩu2024" is "Matkhau2024" to a guesser.
func Guesses(pw string, personal ...string) float64 {
	folded := []rune(motcua.StripMarks(pw))
	if len(folded) > maxChecked {
		folded = folded[:maxChecked]
	}
	words := make([]string, 0, len(personal)+len(commonRoots))
	for _, p := range personal {
		if p = strings.ToLower(motcua.StripMarks(p)); p != "" {
			words = append(words, p)
		}
	}
	words = append(words, commonRoots...)
	return zxcvbn.PasswordStrength(string(folded), words).Guesses
}

// Strong reports whether pw reaches MinGuesses.
func Strong(pw string, personal ...string) bool {
	return Guesses(pw, personal...) >= MinGuesses
}
