package store_test

import (
	"testing"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// FuzzPublicLookups: what anyone may type on the portal — a dossier code
// with a receipt secret or four digits, a catalogue search — is answered
// or refused as an application error, never an internal one or a panic.
func FuzzPublicLookups(f *testing.F) {
	db, err := store.Open(f.Context(), f.TempDir()+"/motcua.db")
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	for _, s := range [][2]string{{"000.22.33.H17-240305-0001", "ABCDEFGH"}, {"", ""}, {"%", "_"}, {"' OR 1=1 --", "1234"}, {"đăng ký khai sinh", "\x00"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, code, secret string) {
		if _, err := db.Track(t.Context(), code, secret); err != nil && motcua.ErrorCode(err) == motcua.EINTERNAL {
			t.Fatalf("Track(%q, %q): %v", code, secret, err)
		}
		if !utf8.ValidString(code) {
			return
		}
		if _, err := db.SearchProcedures(t.Context(), code, motcua.Level(secret), 20); err != nil && motcua.ErrorCode(err) == motcua.EINTERNAL {
			t.Fatalf("SearchProcedures(%q, %q): %v", code, secret, err)
		}
	})
}
