package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, motcua.VN) }

// TestBoundaryFreeListingsLiveByDate: a listing needs a procedure of the
// catalogue; it is in force from its date; ending it keeps it before the
// end and drops it after; a second end, an end before the start and an
// unknown listing are refused.
func TestBoundaryFreeListingsLiveByDate(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		c := newCentres(t, db)
		ctx := t.Context()
		err := db.AddBoundaryFreeListing(ctx, &motcua.BoundaryFreeListing{ProcedureCode: "9.999999", Decision: "2463/QĐ-UBND",
			DecidedOn: day(2025, 7, 21), From: day(2025, 8, 1)})
		wantCode(t, err, motcua.EINVALID)
		l := &motcua.BoundaryFreeListing{ProcedureCode: c.communeProc.Code, Decision: "2463/QĐ-UBND", DecidedOn: day(2025, 7, 21), From: day(2025, 8, 1)}
		if err := db.AddBoundaryFreeListing(ctx, l); err != nil {
			t.Fatal(err)
		}
		inForce := func(at time.Time) bool {
			t.Helper()
			ls, err := db.BoundaryFreeListingsAt(ctx, at)
			if err != nil {
				t.Fatal(err)
			}
			return motcua.ListingAt(ls, c.communeProc.Code, at) != nil
		}
		if inForce(day(2025, 7, 31)) || !inForce(day(2025, 8, 1)) || !inForce(day(2026, 3, 1)) {
			t.Error("listing not in force exactly from 01/08/2025")
		}
		wantCode(t, db.EndBoundaryFreeListing(ctx, l.ID, day(2025, 7, 1)), motcua.EINVALID)
		if err := db.EndBoundaryFreeListing(ctx, l.ID, day(2026, 1, 1)); err != nil {
			t.Fatal(err)
		}
		if !inForce(day(2025, 12, 31)) || inForce(day(2026, 1, 1)) {
			t.Error("ended listing: want in force until 31/12/2025 only")
		}
		wantCode(t, db.EndBoundaryFreeListing(ctx, l.ID, day(2026, 6, 1)), motcua.ENOTALLOWED)
		wantCode(t, db.EndBoundaryFreeListing(ctx, l.ID+100, day(2026, 6, 1)), motcua.ENOTFOUND)
		ls, err := db.BoundaryFreeListings(ctx, c.communeProc.Code)
		if err != nil || len(ls) != 1 || !ls[0].To.Equal(day(2026, 1, 1)) {
			t.Errorf("stored listing %+v, %v", ls, err)
		}
	})
}

// TestImportBoundaryFreeListingsWritesAllOrNothing: a batch with a code
// the catalogue lacks, a row given twice and a row already stored is
// refused with every row's problem and writes nothing; a clean batch
// writes every row.
func TestImportBoundaryFreeListingsWritesAllOrNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		c := newCentres(t, db)
		ctx := t.Context()
		stored := &motcua.BoundaryFreeListing{ProcedureCode: c.provinceProc.Code, Decision: "100/QĐ-UBND", From: day(2025, 7, 1)}
		if err := db.AddBoundaryFreeListing(ctx, stored); err != nil {
			t.Fatal(err)
		}
		row := func(n int, code, decision string) store.ListingRow {
			return store.ListingRow{Row: n, Listing: motcua.BoundaryFreeListing{ProcedureCode: code, Decision: decision,
				DecidedOn: day(2025, 7, 21), From: day(2025, 8, 1)}}
		}
		err := db.ImportBoundaryFreeListings(ctx, []store.ListingRow{
			row(2, c.communeProc.Code, "2463/QĐ-UBND"),
			row(3, "9.999999", "2463/QĐ-UBND"),
			row(4, c.communeProc.Code, "2463/QĐ-UBND"),
			row(5, c.provinceProc.Code, "100/QĐ-UBND"),
			row(6, "", "2463/QĐ-UBND"),
		})
		wantCode(t, err, motcua.EINVALID)
		msg := motcua.ErrorMessage(err)
		for _, want := range []string{"Tệp có 4 lỗi", "Dòng 3: Không có thủ tục mã 9.999999", "Dòng 4: trùng thủ tục 1.001193 và Quyết định 2463/QĐ-UBND với dòng 2.",
			"Dòng 5: Thủ tục 1.000002 đã có trong danh mục theo Quyết định 100/QĐ-UBND.", "Dòng 6: Mã thủ tục và số quyết định"} {
			if !strings.Contains(msg, want) {
				t.Errorf("message lacks %q:\n%s", want, msg)
			}
		}
		if n := count(t, db, "boundary_free_listings"); n != 1 {
			t.Fatalf("%d listings stored after a refused batch, want 1", n)
		}
		if err := db.ImportBoundaryFreeListings(ctx, []store.ListingRow{row(2, c.communeProc.Code, "2463/QĐ-UBND"),
			row(3, c.provinceProc.Code, "2463/QĐ-UBND")}); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, "boundary_free_listings"); n != 3 {
			t.Errorf("%d listings stored, want 3", n)
		}
	})
}
