package api_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// TestScorecard766ThroughTheAPI: a leader and a client scoped to the unit
// read the 766 scorecard as JSON — exactly the store's scorecard, with the
// dossier accepted behind indicator 2.1; bad dates and an inverted period
// are refused with their field, another unit's scorecard and a counter
// officer's request are forbidden.
func TestScorecard766ThroughTheAPI(t *testing.T) {
	onEachEngine(t, func(t *testing.T, e *env) {
		counter := e.login(t, fx.CounterA)
		d := e.accept(t, counter, fx.UnitA.ID, "Lê Thị Ánh")
		own := e.clientOfA(t, "Chỉ số A", motcua.ClientRead)
		path := "/api/v1/reports/766?from=2024-03-01&to=2024-04-01&unit=" + fx.UnitA.Code

		from := time.Date(2024, 3, 1, 0, 0, 0, 0, motcua.VN)
		want, err := e.db.SyncedScorecard766(t.Context(), report.Query{From: from, To: from.AddDate(0, 1, 0), UnitID: fx.UnitA.ID})
		if err != nil {
			t.Fatal(err)
		}
		var wantJSON any
		data, _ := json.Marshal(want)
		if err := json.Unmarshal(data, &wantJSON); err != nil {
			t.Fatal(err)
		}
		for _, token := range []string{e.login(t, fx.LeaderA), own} {
			res := e.do(t, token, "GET", path, nil)
			var got report.Scorecard
			res.decode(t, &got)
			var gotJSON any
			if err := json.Unmarshal(res.body, &gotJSON); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotJSON, wantJSON) {
				t.Fatalf("the API's scorecard differs from the store's:\n got %s\nwant %s", res.body, data)
			}
			onTime, ok := got.Indicator("2.1")
			if !ok || onTime.Denominator != 1 || !slices.Equal(onTime.Considered, []string{d.Code}) {
				t.Fatalf("2.1 without the dossier accepted: %+v", onTime)
			}
			if sync, _ := got.Indicator("1.4"); !sync.NoData {
				t.Fatalf("1.4 before any sync: %+v", sync)
			}
		}

		for _, bad := range []struct{ query, field string }{
			{"from=01/03/2024&to=2024-04-01", "from"},
			{"from=2024-03-01&to=", "to"},
			{"from=2024-04-01&to=2024-03-01", "to"},
		} {
			e.do(t, own, "GET", "/api/v1/reports/766?"+bad.query+"&unit="+fx.UnitA.Code, nil).
				wantError(t, http.StatusUnprocessableEntity, "invalid", bad.field)
		}
		e.do(t, own, "GET", "/api/v1/reports/766?from=2024-03-01&to=2024-04-01&unit="+fx.UnitB.Code, nil).
			wantError(t, http.StatusForbidden, "forbidden", "")
		e.do(t, own, "GET", "/api/v1/reports/766?from=2024-03-01&to=2024-04-01&unit=khong-co", nil).
			wantError(t, http.StatusForbidden, "forbidden", "")
		e.do(t, counter, "GET", path, nil).wantError(t, http.StatusForbidden, "forbidden", "")
	})
}
