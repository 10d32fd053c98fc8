package store_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestUploadedSinceCountsOneContactsRecentFiles: the bytes a contact's
// submissions received within the window, not another contact's, not
// older ones.
func TestUploadedSinceCountsOneContactsRecentFiles(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		setNow(db, monday)
		an, binh := motcua.Contact{Email: "an@example.vn"}, motcua.Contact{Email: "binh@example.vn"}
		if err := db.Submit(t.Context(), an, f.submission("k1")); err != nil { // 1,234 bytes
			t.Fatal(err)
		}
		setNow(db, monday.Add(25*time.Hour))
		if err := db.Submit(t.Context(), an, f.submission("k2")); err != nil {
			t.Fatal(err)
		}
		if err := db.Submit(t.Context(), binh, f.submission("k3")); err != nil {
			t.Fatal(err)
		}
		if n, err := db.UploadedSince(t.Context(), an, monday.Add(time.Hour)); err != nil || n != 1234 {
			t.Fatalf("an's last day: %d bytes, %v", n, err)
		}
		if n, err := db.UploadedSince(t.Context(), an, monday.Add(-time.Hour)); err != nil || n != 2468 {
			t.Fatalf("an's two days: %d bytes, %v", n, err)
		}
	})
}
