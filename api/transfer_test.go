package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/internal/testing/sample"
)

// TestTransferThroughTheAPI: the deciding unit's leader hands a running
// dossier to another competent unit with its legal basis; a unit that does
// not exist, or no longer exists, is refused with a stable code and the
// field, and nothing is written.
func TestTransferThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	counter, leader := e.login(t, fx.CounterA), e.login(t, fx.LeaderA)
	d := e.accept(t, counter, fx.UnitA.ID, "Nguyễn Văn An")
	const basis = "Quyết định giao thẩm quyền (mẫu)"

	before := e.counts(t)
	e.act(t, leader, d.Code, api.ActionRequest{Type: motcua.EventTransferred, Version: 1, ToUnitID: 999999, Reason: basis}).
		wantError(t, http.StatusUnprocessableEntity, "invalid", "to_unit")
	e.wantCounts(t, before)

	moved := e.mustAct(t, leader, d.Code, api.ActionRequest{Type: motcua.EventTransferred, Version: 1, ToUnitID: fx.UnitB.ID, Reason: basis})
	if moved.DecidingUnitID != fx.UnitB.ID || !moved.DueAt.Equal(d.DueAt) {
		t.Errorf("transferred: deciding %d due %s; want %d, due %s unchanged", moved.DecidingUnitID, moved.DueAt, fx.UnitB.ID, d.DueAt)
	}

	// Commune B merged away yesterday: a hand-over to it is refused.
	other := e.accept(t, counter, fx.UnitA.ID, "Trần Thị Bình")
	admin, err := e.db.Actor(t.Context(), fx.Admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.Dissolve(t.Context(), admin, fx.UnitB.ID, fx.UnitA.ID, sample.Now.Add(-24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	before = e.counts(t)
	body := e.act(t, leader, other.Code, api.ActionRequest{Type: motcua.EventTransferred, Version: 1, ToUnitID: fx.UnitB.ID, Reason: basis}).
		wantError(t, http.StatusUnprocessableEntity, "invalid", "to_unit")
	if !strings.Contains(body.Error.Message, "đã thôi hoạt động") {
		t.Errorf("refusal = %q, want it to say the unit ceased", body.Error.Message)
	}
	e.wantCounts(t, before)
}
