package dvcqg_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dvcqg/dvcqgtest"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// sameScoreFromWhatWasSent is the round trip's last check (issue 20): the
// 766 scorecard computed from the records the national side holds, by the
// code motcua scores with and with the same catalogue facts and sync
// count, equals motcua's own scorecard — every indicator, with the codes
// behind it — for the province, the busiest commune and the busiest
// department, over the period [from, to). The province's 2.1 must consider
// the dossiers considered (those the mapping does not carry exactly).
func sameScoreFromWhatWasSent(t *testing.T, db *store.DB, portal *dvcqgtest.Portal, from, to time.Time, considered ...string) {
	t.Helper()
	ctx := t.Context()
	held, err := portal.Records()
	if err != nil {
		t.Fatal(err)
	}
	for _, scope := range scopes766(t, db, held) {
		q := report.Query{From: from, To: to, UnitID: scope.ID}
		own, err := db.SyncedScorecard766(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		sync, err := db.ScorecardSync(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		national, err := db.Scorecard766From(ctx, q, held, sync)
		if err != nil {
			t.Fatal(err)
		}
		assertScored(t, scope.Name, own)
		if onTime, _ := own.Indicator("2.1"); scope.ID == 0 {
			for _, code := range considered {
				if !slices.Contains(onTime.Considered, code) {
					t.Fatalf("the province's 2.1 does not consider %s: %s", code, describe766(onTime))
				}
			}
		}
		for _, want := range own.Indicators {
			got, ok := national.Indicator(want.Code)
			if !ok || !reflect.DeepEqual(got, want) {
				t.Errorf("%s, indicator %s from what was sent:\n got %s\nwant %s", scope.Name, want.Code, describe766(got), describe766(want))
			}
		}
		if len(national.Indicators) != len(own.Indicators) || !reflect.DeepEqual(national.Averages, own.Averages) ||
			national.Points != own.Points || national.MaxPoints != own.MaxPoints {
			t.Errorf("%s from what was sent: %d indicators, averages %+v, %v of %v points; motcua: %d, %+v, %v of %v",
				scope.Name, len(national.Indicators), national.Averages, national.Points, national.MaxPoints,
				len(own.Indicators), own.Averages, own.Points, own.MaxPoints)
		}
	}
}

// scopes766 is the province (unit 0) and the commune and the department
// that decide the most records held.
func scopes766(t *testing.T, db *store.DB, held []motcua.NationalRecord) []*motcua.Unit {
	t.Helper()
	units, err := db.Units(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	deciding := map[string]int{}
	for _, r := range held {
		deciding[r.DecidingUnitCode]++
	}
	busiest := map[motcua.UnitKind]*motcua.Unit{}
	for _, u := range units {
		if b := busiest[u.Kind]; deciding[u.Code] > 0 && (b == nil || deciding[u.Code] > deciding[b.Code]) {
			busiest[u.Kind] = u
		}
	}
	out := []*motcua.Unit{{Name: "toàn tỉnh"}}
	for _, kind := range []motcua.UnitKind{motcua.UnitCommune, motcua.UnitDepartment} {
		if busiest[kind] == nil {
			t.Fatalf("no %s decides a record synchronised: nothing to compare at that level", kind)
		}
		out = append(out, busiest[kind])
	}
	return out
}

// assertScored fails when the scorecard has too little in it for the
// comparison to mean anything: dossiers on time or not, some filed online.
func assertScored(t *testing.T, scope string, sc *report.Scorecard) {
	t.Helper()
	for _, code := range []string{"1.4", "2.1", "3.3", "4.2"} {
		if i, _ := sc.Indicator(code); i.NoData || i.Denominator == 0 {
			t.Fatalf("%s: indicator %s has nothing to compare: %s", scope, code, describe766(i))
		}
	}
}

func describe766(i report.Indicator766) string {
	return fmt.Sprintf("%d/%d = %v, %v points, NA %t, no data %t (%s), counted %v of %v",
		i.Numerator, i.Denominator, i.Rate, i.Points, i.NA, i.NoData, i.Reason, i.Counted, i.Considered)
}

// acceptWaitingToPay accepts at the counter's unit a dossier of a copy of
// procedure p with a levy due at intake: it waits for payment, a state the
// national record does not carry.
func acceptWaitingToPay(t *testing.T, db *store.DB, counter *motcua.Actor, p *motcua.Procedure) *motcua.Dossier {
	t.Helper()
	levied := *p
	levied.ID, levied.VersionID, levied.Code = 0, 0, "1.004228"
	levied.FeesStated, levied.FeeLines = true, []motcua.FeeLine{{Kind: motcua.FeeLevy, Name: "Lệ phí chứng thực", Amount: 2000,
		Basis: motcua.FeeFixed, PayAt: motcua.FeePayAtIntake}}
	if err := db.CreateProcedure(t.Context(), &levied); err != nil {
		t.Fatal(err)
	}
	d, err := db.Accept(t.Context(), counter, motcua.Intake{ProcedureID: levied.ID, UnitID: counter.User.Grants[0].UnitID,
		Channel: motcua.ChannelCounter, Applicant: motcua.Applicant{Name: "Trần Văn Bảo", IDNumber: "066090004321"}, Sets: 1})
	if err != nil {
		t.Fatal(err)
	}
	if d.State != motcua.StatePayment {
		t.Fatalf("a dossier with a levy due at intake is %q", d.State)
	}
	return d
}
