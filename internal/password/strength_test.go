package password

import "testing"

// TestCommonPasswordsAreWeakWhateverTheSuffix: the four passwords the issue
// found accepted, Vietnamese roots with any decoration, keyboard walks and
// sequences are refused; passphrases and the passwords the tests and the
// demo use pass.
func TestCommonPasswordsAreWeakWhateverTheSuffix(t *testing.T) {
	weak := []string{"password12345", "Admin@12345", "Matkhau123456", "qwertyuiop",
		"Mậtkhẩu@2024!", "motcua-demo", "Motcua@123", "quantri2024", "anhyeuem1234", "P@ssw0rd2024", "1qaz2wsx3edc",
		"0123456789", "abcdefghij", "zxcvbnm123", "nguyenvana1990"}
	for _, pw := range weak {
		if Strong(pw, "nguyenvana") {
			t.Errorf("%q is accepted (%.3g guesses)", pw, Guesses(pw, "nguyenvana"))
		}
	}
	strong := []string{"Ngựa phi đường xa", "mật khẩu thử 1", "mat-khau-thu-nghiem", "mat-khau-e2e", "mat-khau-du-dai-roi",
		"mat-khau-thu-tai", "mat-khau-do-luong", "mat-khau-sao-luu", "Mật-khẩu-đúng-7", "dak-mil-demo-2026", "a8Fk2-pQz9x"}
	for _, pw := range strong {
		if !Strong(pw, "motcua.a") {
			t.Errorf("%q is refused (%.3g guesses)", pw, Guesses(pw, "motcua.a"))
		}
	}
}

// TestTheUsersOwnNameIsACommonWord: a password made of the user's name and
// a year is weak for that user.
func TestTheUsersOwnNameIsACommonWord(t *testing.T) {
	if Strong("thanhhuong1987", "thanhhuong") {
		t.Error("the user's name and a year are accepted")
	}
}
