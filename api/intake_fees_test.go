package api_test

import (
	"reflect"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
)

// TestIntakeWithFeeQuantities: the intake body's quantities and exemptions
// give the bill the store computes, in the dossier answered and read
// again; the list's rows carry none; an exemption without a reason is
// refused on its field and nothing is written.
func TestIntakeWithFeeQuantities(t *testing.T) {
	e := newEnv(t)
	p := &motcua.Procedure{Code: "2.000635", Name: "Cấp bản sao trích lục hộ tịch", Field: fx.Birth.Field, Level: fx.Birth.Level,
		Time: fx.Birth.Time, OnlineLevel: motcua.OnlineFull, Steps: fx.Birth.Steps, Documents: fx.Birth.Documents, FeesStated: true,
		FeeLines: []motcua.FeeLine{
			{Kind: motcua.FeeCharge, Name: "Phí cấp bản sao trích lục", Amount: 8000, Basis: motcua.FeePerCopy, PayAt: motcua.FeePayAtResult},
			{Kind: motcua.FeeLevy, Name: "Lệ phí đăng ký", Amount: 5000, Basis: motcua.FeeFixed, PayAt: motcua.FeePayAtIntake,
				Exemptions: []motcua.FeeExemption{{Who: "Người khuyết tật", Basis: "Nghị quyết 12/2024/NQ-HĐND"}}},
		}}
	if err := e.db.CreateProcedure(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	token := e.login(t, fx.CounterA)
	m := intake(fx.UnitA.ID, "Nguyễn Văn An")
	m["procedure_id"] = p.ID
	m["fees"] = map[string]any{"copies": 2, "exempt": []map[string]any{{"line": 1, "reason": ""}}}
	e.doJSON(t, token, "POST", "/api/v1/dossiers", m).wantError(t, 422, "invalid", "exempt")
	e.wantCounts(t, [2]int{0, 0})

	m["fees"] = map[string]any{"copies": 2, "exempt": []map[string]any{{"line": 1, "reason": "Người khuyết tật, giấy xác nhận số 12"}}}
	res := e.doJSON(t, token, "POST", "/api/v1/dossiers", m)
	if res.status != 201 {
		t.Fatalf("status %d, body %s", res.status, res.body)
	}
	var d api.Dossier
	res.decode(t, &d)
	want := &motcua.FeeBill{Total: 16000, DueAtResult: 16000, Lines: []motcua.FeeBillLine{
		{Line: 0, Quantity: 2, Gross: 16000, Amount: 16000, PayAt: motcua.FeePayAtResult},
		{Line: 1, Quantity: 1, Gross: 5000, PayAt: motcua.FeePayAtIntake, Exempt: true, Reason: "Người khuyết tật, giấy xác nhận số 12"}}}
	if !reflect.DeepEqual(d.Fees, want) {
		t.Fatalf("bill %+v, want %+v", d.Fees, want)
	}
	var again api.Dossier
	e.do(t, token, "GET", "/api/v1/dossiers/"+d.Code, nil).decode(t, &again)
	if !reflect.DeepEqual(again.Fees, want) {
		t.Errorf("read again: bill %+v, want %+v", again.Fees, want)
	}
	var list api.DossierList
	e.do(t, token, "GET", "/api/v1/dossiers", nil).decode(t, &list)
	if len(list.Dossiers) != 1 || list.Dossiers[0].Fees != nil {
		t.Errorf("list rows: %+v", list.Dossiers)
	}
}
