package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestImportReportListsAThousandRefusedRows: of 1,500 refused rows the
// report lists the first thousand and counts them all.
func TestImportReportListsAThousandRefusedRows(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		bad := func(yield func(motcua.RegisterEntry, *motcua.RowError) error) error {
			for i := range 1500 {
				if err := yield(motcua.RegisterEntry{}, &motcua.RowError{Row: i + 2, Reason: "thiếu ma_ho_so"}); err != nil {
					return err
				}
			}
			return nil
		}
		r, err := db.ImportRegisterFrom(t.Context(), bad, store.RegisterOptions{})
		if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorMessage(err) != "1.500 dòng không hợp lệ; không dòng nào được nhập." {
			t.Fatalf("import of 1,500 refused rows: %v", err)
		}
		if len(r.Rejected) != store.MaxRejectedListed || r.RejectedTotal != 1500 || r.Rejected[0].Row != 2 || r.Rejected[999].Row != 1001 {
			t.Fatalf("listed %d (rows %d…), counted %d", len(r.Rejected), r.Rejected[0].Row, r.RejectedTotal)
		}
	})
}
