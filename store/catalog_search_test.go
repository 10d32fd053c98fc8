package store_test

import (
	"slices"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestCatalogSearchFoldsYAsIAndReadsDocumentsAndResults: "ki" finds "ký"
// (and "y" finds "i"), and a procedure is found by the names of its
// documents and of its result, not only by its own name.
func TestCatalogSearchFoldsYAsIAndReadsDocumentsAndResults(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		death := &motcua.Procedure{Code: "1.000656", Name: "Đăng ký khai tử", Field: "Hộ tịch", Level: motcua.LevelCommune,
			Time: f.proc.Time, OnlineLevel: motcua.OnlineFull, Steps: f.proc.Steps, EffectiveFrom: f.proc.EffectiveFrom,
			ResultType: "Trích lục khai tử (bản chính)",
			Documents:  []motcua.RequiredDocument{{Name: "Giấy báo tử hoặc giấy tờ thay Giấy báo tử", Kind: motcua.DocOriginal, Count: 1}}}
		if err := db.CreateProcedure(t.Context(), death); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			query string
			want  []string
		}{
			{"dang ki khai sinh", []string{"1.001193"}},
			{"Đăng kí khai sinh", []string{"1.001193"}},
			{"dang ky", []string{"1.001193", "1.000656"}},
			{"to khai dang ky khai sinh", []string{"1.001193"}}, // a document
			{"giay bao tu", []string{"1.000656"}},               // a document
			{"trich luc khai tu", []string{"1.000656"}},         // the result
			{"giay khai sinh", nil},
		} {
			got, err := db.SearchProcedures(t.Context(), c.query, "", 0)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, p := range got {
				codes = append(codes, p.Code)
			}
			slices.Sort(codes)
			slices.Sort(c.want)
			if !slices.Equal(codes, c.want) {
				t.Errorf("SearchProcedures(%q) = %v, want %v", c.query, codes, c.want)
			}
		}
	})
}

// TestCatalogSearchKeysAreRefreshedOnOpen: keys written by the former rule
// (name, code and field only) are recomputed when the store opens.
func TestCatalogSearchKeysAreRefreshedOnOpen(t *testing.T) {
	path := t.TempDir() + "/motcua.db"
	db, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	newFixture(t, db)
	if _, err := db.SQL().Exec(`UPDATE procedure_versions SET search_key = '1.001193 dang ky khai sinh ho tich'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err = store.Open(t.Context(), path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.SearchProcedures(t.Context(), "dang ki to khai", "", 0)
	if err != nil || len(got) != 1 {
		t.Fatalf("after reopening: %v, %v", got, err)
	}
}
