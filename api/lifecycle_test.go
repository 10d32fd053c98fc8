package api_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
)

// TestLinkedPartThroughTheAPI: the lead commune sends a part to commune B;
// B's counter officer may see the dossier but not return the part; the
// result waits for the part.
func TestLinkedPartThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	counter, specialist, counterB := e.login(t, fx.CounterA), e.login(t, fx.SpecialistA), e.login(t, fx.CounterB)
	d := e.accept(t, counter, fx.UnitA.ID, "Nguyễn Văn Liên")
	d = e.mustAct(t, counter, d.Code, api.ActionRequest{Type: motcua.EventHandedOver, Version: d.Version})
	bad := e.act(t, specialist, d.Code, api.ActionRequest{Type: motcua.EventPartSent, Version: d.Version, PartUnitID: fx.UnitB.ID,
		PartTitle: "Xác minh nơi cư trú"})
	bad.wantError(t, http.StatusUnprocessableEntity, motcua.EINVALID, "part_minutes")
	d = e.mustAct(t, specialist, d.Code, api.ActionRequest{Type: motcua.EventPartSent, Version: d.Version, PartUnitID: fx.UnitB.ID,
		PartTitle: "Xác minh nơi cư trú", PartMinutes: 225})
	if len(d.Parts) != 1 || d.Parts[0].UnitID != fx.UnitB.ID || d.Parts[0].ReturnedAt != nil {
		t.Fatalf("parts %+v", d.Parts)
	}
	if want := time.Date(2024, 3, 5, 14, 45, 0, 0, motcua.VN); !d.Parts[0].DueAt.Truncate(time.Minute).Equal(want) {
		t.Errorf("part due %s, want %s (half a day, 3 h 45, from 09:00 over the lunch break)", d.Parts[0].DueAt, want)
	}
	if res := e.do(t, counterB, "GET", "/api/v1/dossiers/"+d.Code, nil); res.status != http.StatusOK {
		t.Errorf("the co-ordinating commune cannot read the dossier: %d", res.status)
	}
	e.act(t, counterB, d.Code, api.ActionRequest{Type: motcua.EventPartReturned, Version: d.Version, PartSeq: d.Parts[0].Seq}).
		wantError(t, http.StatusForbidden, motcua.EFORBIDDEN, "")
	e.act(t, specialist, d.Code, api.ActionRequest{Type: motcua.EventResultReady, Version: d.Version}).
		wantError(t, http.StatusConflict, motcua.ENOTALLOWED, "")
}

// TestExtensionLimitsThroughTheAPI: with one working day (due Wed 09:00),
// an apology keyed Tue 09:01 comes less than a working day before the due
// instant: refused, nothing changes.
func TestExtensionLimitsThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	counter, leader := e.login(t, fx.CounterA), e.login(t, fx.LeaderA)
	d := e.accept(t, counter, fx.UnitA.ID, "Trần Thị Hẹn")
	before := e.counts(t)
	e.db.Now = func() time.Time { return time.Date(2024, 3, 5, 9, 1, 0, 0, motcua.VN) }
	newDue := time.Date(2024, 3, 8, 16, 0, 0, 0, motcua.VN)
	e.act(t, leader, d.Code, api.ActionRequest{Type: motcua.EventExtended, Version: d.Version, Reason: "Chờ xác minh", NewDueAt: &newDue}).
		wantError(t, http.StatusConflict, motcua.ENOTALLOWED, "")
	e.act(t, counter, d.Code, api.ActionRequest{Type: motcua.EventExtended, Version: d.Version, NewDueAt: &newDue}).
		wantError(t, http.StatusUnprocessableEntity, motcua.EINVALID, "reason")
	e.wantCounts(t, before)
}
