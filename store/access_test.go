package store_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestDistrictAdministratorAuditsOnceTheProvinceEnded: the demo's shape —
// a province dissolved on 01/07/2025 above a district — leaves the
// district's administrator as the top one: the trail is theirs to read.
func TestDistrictAdministratorAuditsOnceTheProvinceEnded(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		ended := time.Date(2025, 7, 1, 0, 0, 0, 0, motcua.VN)
		province := &motcua.Unit{Code: "000.00.00.T99", Name: "Ủy ban nhân dân tỉnh Cũ", Kind: motcua.UnitProvince, ValidTo: ended}
		mustUnit(t, db, province)
		district := &motcua.Unit{Code: "000.00.98.T99", Name: "Ủy ban nhân dân huyện Mới", Kind: motcua.UnitDistrict, ParentID: province.ID}
		mustUnit(t, db, district)
		admin := mustUser(t, db, "quantri", "Hoàng Quản Trị", motcua.RoleAdmin, district.ID)
		for _, c := range []struct {
			at time.Time
			ok bool
		}{{ended.AddDate(0, 0, -1), false}, {ended.AddDate(1, 0, 0), true}} {
			setNow(db, c.at)
			if ok, err := db.MayAudit(ctx, admin); err != nil || ok != c.ok {
				t.Errorf("on %s: MayAudit = %v, %v; want %v", motcua.FormatDate(c.at), ok, err, c.ok)
			}
		}
	})
}
