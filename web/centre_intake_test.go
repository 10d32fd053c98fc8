package web_test

import (
	"net/http"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/internal/testing/sample"
)

// TestCounterAtACommuneCentreReceivesForTheCommune: a counter officer of a
// commune's service centre (Decree 118/2025/NĐ-CP) is offered the centre
// at intake, receives the commune's procedure for the commune, and prints
// the receipt under the commune's People's Committee.
func TestCounterAtACommuneCentreReceivesForTheCommune(t *testing.T) {
	e := newEnv(t)
	centre := &motcua.Unit{Code: "000.22.31.H17", Name: "Trung tâm Phục vụ hành chính công xã Đắk Lao", Kind: motcua.UnitCentre, ParentID: fx.UnitA.ID}
	desk := sample.CounterDesk(t, e.db, centre, "motcua.ttdaklao")
	c := e.login(t, desk.User)

	p := c.get(t, "/intake")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, centre.Name)

	id := c.accept(t, centre.ID, "Bùi Thị Lan")
	r, err := e.db.Dossier(t.Context(), desk, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.ReceivingUnitID != centre.ID || r.DecidingUnitID != fx.UnitA.ID {
		t.Errorf("receiving/deciding = %d/%d, want the centre %d / the commune %d", r.ReceivingUnitID, r.DecidingUnitID, centre.ID, fx.UnitA.ID)
	}
	data := c.pdf(t, formPath(id, "01"))
	pdftest.InOrder(t, pdftest.Text(t, data), "ỦY BAN NHÂN DÂN XÃ ĐẮK LAO", "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
		"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
}
