package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment/vnpay/vnpaytest"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// paymentIndicatorFixture is March 2024 at the fixture's communes:
//
//	procedures: 1.001193 (fixture's; fees not stated), 2.000001 P1
//	(levy 5,000 at intake + 20,000 per set at result), 2.000002 (stated
//	free), 2.000003 P3 (8,000 per copy, exemptible), 2.000004 (levy, in
//	force only from 2025), 2.000005 P5 (levy, no dossier).
//	With fees in March: P1, P3, P5.
//	dossiers at A: d1 P1 paid online (VNPAY); d2 P1 paid in cash; d3 P1
//	paid online then refunded; d4 P1 levy exempted, 20,000 owed, unpaid;
//	d5 P3 exempted, bill 0; d6 1.001193, no bill.
//	at B: d7 P1 paid online. In April at A: d8 P1 paid online.
//
// By hand, A in March: 3.5 = P1 / {P1, P3, P5} = 1/3; 3.6 = {d1} / {d1,
// d2, d3, d4} = 1/4 (d5's bill is 0, d6 has none). The district (A and
// B): 3.5 = 1/3 still, 3.6 = {d1, d7} / {d1..d4, d7} = 2/5.
type paymentIndicatorFixture struct {
	*payRig
	p1, p3, p5 *motcua.Procedure
	codes      map[string]string
}

func newPaymentIndicatorFixture(t *testing.T, db *store.DB) *paymentIndicatorFixture {
	t.Helper()
	ctx := t.Context()
	f := &paymentIndicatorFixture{payRig: newPayRig(t, db), codes: map[string]string{}}
	f.p1 = f.withFees(t, "2.000001", true, entryLevy, setFee)
	f.withFees(t, "2.000002", true)
	f.p3 = f.withFees(t, "2.000003", true, extractFee)
	later := *f.proc
	later.ID, later.VersionID, later.Code, later.FeesStated, later.FeeLines = 0, 0, "2.000004", true, []motcua.FeeLine{entryLevy}
	later.EffectiveFrom = time.Date(2025, 1, 1, 0, 0, 0, 0, motcua.VN)
	if err := db.CreateProcedure(ctx, &later); err != nil {
		t.Fatal(err)
	}
	f.p5 = f.withFees(t, "2.000005", true, entryLevy)

	accept := func(name string, a *motcua.Actor, unit int64, p *motcua.Procedure, fees motcua.FeeQuantities) *motcua.Dossier {
		in := f.intake(unit)
		in.ProcedureID, in.Fees = p.ID, fees
		d, err := db.Accept(ctx, a, in)
		if err != nil {
			t.Fatal(name, err)
		}
		f.codes[name] = d.Code
		return d
	}
	d1 := accept("d1", f.counterA, f.a.ID, f.p1, motcua.FeeQuantities{})
	f.payOnline(t, d1, vnpaytest.Paid)
	d2 := accept("d2", f.counterA, f.a.ID, f.p1, motcua.FeeQuantities{})
	if _, _, err := db.RecordCash(ctx, f.counterA, d2.ID, motcua.FeePayAtIntake); err != nil {
		t.Fatal(err)
	}
	d3 := accept("d3", f.counterA, f.a.ID, f.p1, motcua.FeeQuantities{})
	p3, _ := f.payOnline(t, d3, vnpaytest.Paid)
	if _, err := db.RefundPayment(ctx, f.counterA, p3.ID, "Công dân rút hồ sơ, hoàn lệ phí"); err != nil {
		t.Fatal(err)
	}
	exempt := func(line int) motcua.FeeQuantities {
		return motcua.FeeQuantities{Copies: 1, Exempt: []motcua.FeeExemptionClaim{{Line: line, Reason: "Giấy xác nhận số 7"}}}
	}
	if d4 := accept("d4", f.counterA, f.a.ID, f.p1, exempt(0)); d4.Fees.Total != 20_000 {
		t.Fatalf("d4's bill %+v, want 20,000", d4.Fees)
	}
	if d5 := accept("d5", f.counterA, f.a.ID, f.p3, exempt(0)); d5.Fees.Total != 0 {
		t.Fatalf("d5's bill %+v, want 0", d5.Fees)
	}
	accept("d6", f.counterA, f.a.ID, f.proc, motcua.FeeQuantities{})
	f.payOnline(t, accept("d7", f.counterB, f.b.ID, f.p1, motcua.FeeQuantities{}), vnpaytest.Paid)
	setNow(db, time.Date(2024, 4, 2, 9, 0, 0, 0, motcua.VN))
	f.payOnline(t, accept("d8", f.counterA, f.a.ID, f.p1, motcua.FeeQuantities{}), vnpaytest.Paid)
	return f
}

func (f *paymentIndicatorFixture) named(names ...string) []string {
	var out []string
	for _, n := range names {
		out = append(out, f.codes[n])
	}
	slices.Sort(out)
	return out
}

// TestPaymentIndicatorsByHand: 3.5 and 3.6 at a commune and its district
// match the figures computed by hand in the fixture's comment; 3.5's
// procedures carry their dossiers with fee data.
func TestPaymentIndicatorsByHand(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPaymentIndicatorFixture(t, db)
		ctx := t.Context()
		for _, c := range []struct {
			unit           int64
			want35, want36 [2]int
		}{{f.a.ID, [2]int{1, 3}, [2]int{1, 4}}, {f.district.ID, [2]int{1, 3}, [2]int{2, 5}}, {f.b.ID, [2]int{1, 3}, [2]int{1, 1}}} {
			got, err := db.PaymentIndicators(ctx, march(c.unit))
			if err != nil {
				t.Fatal(err)
			}
			want := []report.PaymentIndicator{report.NewPaymentIndicator("3.5", c.want35[0], c.want35[1]),
				report.NewPaymentIndicator("3.6", c.want36[0], c.want36[1])}
			if !slices.Equal(got, want) {
				t.Errorf("unit %d: %+v, want %+v", c.unit, got, want)
			}
		}
		procs, err := db.FeeProcedures(ctx, march(f.a.ID))
		if err != nil {
			t.Fatal(err)
		}
		want := []store.FeeProcedure{{ID: f.p1.ID, Code: "2.000001", Name: f.p1.Name, Dossiers: 4},
			{ID: f.p3.ID, Code: "2.000003", Name: f.p3.Name}, {ID: f.p5.ID, Code: "2.000005", Name: f.p5.Name}}
		if !slices.Equal(procs, want) {
			t.Errorf("FeeProcedures = %+v, want %+v", procs, want)
		}
		if got, err := db.PaymentIndicators(ctx, report.Query{From: march(0).From, To: time.Date(2024, 5, 1, 0, 0, 0, 0, motcua.VN), UnitID: f.a.ID}); err != nil ||
			got[1] != report.NewPaymentIndicator("3.6", 2, 5) {
			t.Errorf("March–April at A: %+v, %v; want 3.6 = 2/5 (d8 too)", got, err)
		}
	})
}

// TestOnlinePaymentDrillDown: the dossiers behind 3.6's figures, as the
// leader lists them (each read audited) and as the command line does; a
// district leader who may not view the communes' dossiers sees them
// counted, not listed.
func TestOnlinePaymentDrillDown(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPaymentIndicatorFixture(t, db)
		ctx := t.Context()
		for met, names := range map[bool][]string{true: {"d1"}, false: {"d2", "d3", "d4"}} {
			dd, err := db.OnlinePaymentDossiers(ctx, f.leaderA, march(f.a.ID), met, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range dd.Rows {
				got = append(got, d.Code)
			}
			slices.Sort(got)
			if !slices.Equal(got, f.named(names...)) || dd.Total != len(names) || dd.Visible != len(names) || dd.Hidden != 0 {
				t.Errorf("met=%t: %v (%+v), want %v", met, got, dd, names)
			}
			codes, err := db.OnlinePaymentCodes(ctx, march(f.a.ID), met)
			if slices.Sort(codes); err != nil || !slices.Equal(codes, f.named(names...)) {
				t.Errorf("met=%t: the command line lists %v, %v", met, codes, err)
			}
		}
		if reads := count(t, db, "audit_log WHERE action = 'dossier.read' AND object = '"+f.codes["d3"]+"'"); reads != 1 {
			t.Errorf("d3 listed once, read %d times in the audit", reads)
		}
		page, err := db.OnlinePaymentDossiers(ctx, f.leaderA, march(f.a.ID), false, 2)
		if err != nil || len(page.Rows) != 1 || page.Total != 3 {
			t.Errorf("from offset 2: %+v, %v", page, err)
		}
		district := mustUser(t, db, "lanhdao.huyen", "Đinh Văn Huyện", motcua.RoleLeader, f.district.ID)
		dd, err := db.OnlinePaymentDossiers(ctx, district, march(f.district.ID), true, 0)
		if err != nil || dd.Total != 2 || dd.Visible != 0 || dd.Hidden != 2 || len(dd.Rows) != 0 {
			t.Fatalf("the district leader's drill-down: %+v, %v; want 2 counted, none listed", dd, err)
		}
	})
}
