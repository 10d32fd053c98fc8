package report_test

import (
	"slices"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// at is an instant of March 2024 in Vietnam.
func at(day, hour int) time.Time { return time.Date(2024, 3, day, hour, 0, 0, 0, motcua.VN) }

var (
	marchFrom = time.Date(2024, 3, 1, 0, 0, 0, 0, motcua.VN)
	marchTo   = time.Date(2024, 4, 1, 0, 0, 0, 0, motcua.VN)
)

// record is a dossier of unit X accepted Mon 04/03 09:00, due Thu 07/03
// 09:00, changed by edits.
func record(code string, edits ...func(*motcua.NationalRecord)) motcua.NationalRecord {
	r := motcua.NationalRecord{Code: code, ProcedureCode: "1.001193", ProcedureName: "Đăng ký khai sinh", DecidingUnitCode: "X",
		Channel: motcua.ChannelCounter, AcceptedAt: at(4, 9), DueAt: at(7, 9), State: motcua.StateProcessing,
		MaxWorkingDays: 3, TimeLimit: motcua.TimeLimit{Amount: 3, Unit: motcua.WorkingDays}, Version: 1}
	for _, e := range edits {
		e(&r)
	}
	return r
}

func ended(t time.Time) func(*motcua.NationalRecord) {
	return func(r *motcua.NationalRecord) { r.EndedAt, r.State = t, motcua.StateResultReady }
}

func supplement(requested, received time.Time) func(*motcua.NationalRecord) {
	return func(r *motcua.NationalRecord) {
		r.Supplements = append(r.Supplements, motcua.SupplementSpan{RequestedAt: requested, ReceivedAt: received})
	}
}

// TestOnTime766 is indicator 2.1's rule case by case, with the rules that
// surprise people.
func TestOnTime766(t *testing.T) {
	weekdays := func(from, to time.Time) float64 { return to.Sub(from).Hours() / 24 } // March 4–8 has no weekend
	for _, c := range []struct {
		name   string
		r      motcua.NationalRecord
		onTime bool
	}{
		{"ended before its due instant", record("a", ended(at(6, 15))), true},
		{"ended at its due instant", record("b", ended(at(7, 9))), true},
		{"ended after its due instant", record("c", ended(at(8, 9))), false},
		{"two supplement requests, both answered, ended early: late", record("d", ended(at(5, 9)),
			supplement(at(4, 10), at(4, 14)), supplement(at(4, 15), at(4, 16))), false},
		{"a supplement of 3 working days is subtracted", record("e", ended(at(8, 9)), supplement(at(4, 10), at(7, 10))), true},
		{"a supplement shorter than the delay is not enough", record("f", ended(at(8, 15)), supplement(at(4, 10), at(5, 10))), false},
		{"waiting for a supplement requested before the due instant: ends at the request", record("g",
			supplement(at(6, 10), time.Time{}), func(r *motcua.NationalRecord) { r.State = motcua.StateSupplement }), true},
		{"waiting for a supplement requested after the due instant", record("h",
			supplement(at(8, 10), time.Time{}), func(r *motcua.NationalRecord) { r.State = motcua.StateSupplement }), false},
		{"still running at the period's end, past due", record("i"), false},
		{"still running at the period's end, due after it", record("j", func(r *motcua.NationalRecord) { r.DueAt = at(31, 23).Add(2 * time.Hour) }), true},
		{"ended after the period, due within it: judged at the period's end", record("k", func(r *motcua.NationalRecord) {
			r.EndedAt = marchTo.Add(time.Hour)
		}), false},
		{"no due instant, within the maximum time", record("l", ended(at(6, 9)), func(r *motcua.NationalRecord) { r.DueAt = time.Time{} }), true},
		{"no due instant, beyond the maximum time", record("m", ended(at(8, 10)), func(r *motcua.NationalRecord) { r.DueAt = time.Time{} }), false},
		{"no due instant, the supplement subtracted", record("n", ended(at(8, 8)), supplement(at(4, 10), at(5, 10)),
			func(r *motcua.NationalRecord) { r.DueAt = time.Time{} }), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := report.OnTime766(&c.r, marchTo, weekdays); got != c.onTime {
				t.Fatalf("on time %v, want %v", got, c.onTime)
			}
		})
	}
}

// TestCountsOnline766: an online dossier counts for 3.3 when its result is
// not a document, or with a result code and a link to its file.
func TestCountsOnline766(t *testing.T) {
	online := func(r *motcua.NationalRecord) { r.Channel = motcua.ChannelOnline }
	document := func(r *motcua.NationalRecord) { r.ResultIsDocument = true }
	result := func(code, link string) func(*motcua.NationalRecord) {
		return func(r *motcua.NationalRecord) {
			r.Results = append(r.Results, motcua.NationalResult{Code: code, FileURL: link})
		}
	}
	for _, c := range []struct {
		name   string
		r      motcua.NationalRecord
		counts bool
	}{
		{"online, result not a document", record("a", online), true},
		{"online, document result with code and link", record("b", online, document, result("KQ1", "https://x/xac-minh?ma=KQ1")), true},
		{"online, document result and no result link", record("c", online, document, result("KQ2", "")), false},
		{"online, document result with a link and no code", record("d", online, document, result("", "https://x/tep/ab")), false},
		{"online, document result not yet issued", record("e", online, document), false},
		{"at the counter", record("f", document, result("KQ3", "https://x/xac-minh?ma=KQ3")), false},
		{"by post", record("g", func(r *motcua.NationalRecord) { r.Channel = motcua.ChannelPost }), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := report.CountsOnline766(&c.r); got != c.counts {
				t.Fatalf("counts %v, want %v", got, c.counts)
			}
		})
	}
}

// TestPoints766: full points at and above the threshold, proportional
// below it.
func TestPoints766(t *testing.T) {
	for _, c := range []struct{ rate, threshold, max, want float64 }{
		{40, 80, 4, 2}, {79.99, 80, 4, 4 * 79.99 / 80}, {80, 80, 4, 4}, {96.14, 80, 4, 4},
		{25, 50, 12, 6}, {50, 50, 12, 12}, {0, 90, 6, 0}, {45, 90, 6, 3}, {90, 90, 6, 6},
		{62.5, 100, 20, 12.5}, {100, 100, 20, 20},
	} {
		want := float64(int(c.want*100+0.5)) / 100
		if got := report.Points766(c.rate, c.threshold, c.max); got != want {
			t.Errorf("rate %v threshold %v max %v: %v, want %v", c.rate, c.threshold, c.max, got, want)
		}
	}
}

// scorecardRecords is a hand-made month of unit X (and one of unit Y):
//
//	R1  counter, ended on time, 1 component scanned, document result with code and link (pushed), fee 8.000 paid online
//	R2  online, document result with no link yet, ended late, 1 component uploaded, fee 8.000 not paid
//	R3  online, result not a document, VNeID, component from the national store, fee lines all 0
//	R4  counter, two supplements, component reused, no file on the second component
//	R5  accepted in February, still running, due in March: late at the period's end (2.1 only)
//	R6  accepted in February, ended in February: outside every indicator
//	RY  unit Y: outside X's scope
//	TC  an online submission refused in March: no acceptance, outside every dossier indicator
func scorecardRecords() []motcua.NationalRecord {
	doc := func(r *motcua.NationalRecord) { r.ResultIsDocument = true }
	online := func(r *motcua.NationalRecord) { r.Channel = motcua.ChannelOnline }
	comps := func(cs ...motcua.NationalComponent) func(*motcua.NationalRecord) {
		return func(r *motcua.NationalRecord) { r.Components = cs }
	}
	fee := func(amount int64) func(*motcua.NationalRecord) {
		return func(r *motcua.NationalRecord) { r.Fees = append(r.Fees, motcua.NationalFee{Code: "1", Amount: amount}) }
	}
	return []motcua.NationalRecord{
		record("R1", doc, ended(at(6, 9)), comps(motcua.NationalComponent{Name: "Tờ khai", Digitised: true, FileURL: "https://x/tep/1"}),
			fee(8000), func(r *motcua.NationalRecord) {
				r.Results = []motcua.NationalResult{{Code: "KQ1", FileURL: "https://x/xac-minh?ma=KQ1", PushedToStore: true}}
				r.PaidOnline = motcua.PaidThroughProvince
			}),
		record("R2", doc, online, ended(at(8, 9)), comps(motcua.NationalComponent{Name: "Tờ khai", Digitised: true, FileURL: "https://x/tep/2"}), fee(8000),
			func(r *motcua.NationalRecord) { r.SubmittedAt = at(3, 20) }),
		record("R3", online, ended(at(5, 9)), comps(motcua.NationalComponent{Name: "CCCD", Digitised: true, Reused: true, FromNationalStore: true}), fee(0),
			func(r *motcua.NationalRecord) { r.ProcedureCode, r.VNeIDVerified = "2.000001", true }),
		record("R4", ended(at(5, 9)), supplement(at(4, 10), at(4, 11)), supplement(at(4, 14), at(4, 15)),
			comps(motcua.NationalComponent{Name: "A", Digitised: true, Reused: true}, motcua.NationalComponent{Name: "B"})),
		record("R5", func(r *motcua.NationalRecord) {
			r.AcceptedAt, r.DueAt = time.Date(2024, 2, 27, 9, 0, 0, 0, motcua.VN), at(1, 9)
		}),
		record("R6", func(r *motcua.NationalRecord) {
			r.AcceptedAt, r.DueAt = time.Date(2024, 2, 5, 9, 0, 0, 0, motcua.VN), time.Date(2024, 2, 8, 9, 0, 0, 0, motcua.VN)
			r.EndedAt, r.State = time.Date(2024, 2, 7, 9, 0, 0, 0, motcua.VN), motcua.StateReturned
		}),
		record("RY", func(r *motcua.NationalRecord) { r.DecidingUnitCode = "Y" }),
		record("TC", online, func(r *motcua.NationalRecord) {
			r.AcceptedAt, r.DueAt, r.SubmittedAt, r.RefusedAt, r.EndedAt, r.Refused = time.Time{}, time.Time{}, at(10, 9), at(11, 9), at(11, 9), true
		}),
	}
}

// TestScore766OnHandMadeRecords: each indicator's numerator, denominator,
// rate, points and the codes behind them.
func TestScore766OnHandMadeRecords(t *testing.T) {
	in := report.ScorecardInput{From: marchFrom, To: marchTo, Records: scorecardRecords(), Units: map[string]bool{"X": true},
		Sync: &report.SyncCount{Synced: 9, Received: 10},
		Catalogue: report.Catalogue766{
			Procedures:  []string{"1.001193", "2.000001", "3.000003", "4.000004", "5.000005"},
			Online:      []string{"1.001193", "2.000001", "3.000003", "4.000004"},
			WithFees:    []string{"1.001193", "2.000001", "3.000003"},
			ForCitizens: []string{"1.001193", "2.000001"},
		}}
	sc := report.Score766(in)
	for _, c := range []struct {
		code             string
		num, den         int
		rate             string
		points           string
		counted, considr []string
	}{
		{"1.4", 9, 10, "90,00 %", "5,4 / 6", nil, nil},
		{"2.1", 2, 5, "40,00 %", "8 / 20", []string{"R1", "R3"}, []string{"R1", "R2", "R3", "R4", "R5"}},
		{"3.1", 4, 5, "80,00 %", "Chưa xác định điểm", []string{"1.001193", "2.000001", "3.000003", "4.000004"}, nil},
		{"3.2", 2, 4, "50,00 %", "Chưa xác định điểm", []string{"1.001193", "2.000001"}, nil},
		{"3.3", 1, 4, "22,50 %", "Chưa xác định điểm", []string{"R3"}, []string{"R1", "R2", "R3", "R4"}},
		{"3.5", 1, 3, "33,33 %", "0,83 / 2", []string{"1.001193"}, []string{"1.001193", "2.000001", "3.000003"}},
		{"3.6", 1, 3, "33,33 %", "2 / 6", []string{"R1"}, []string{"R1", "R2", "R4"}}, // R4: no fee data, still owed; R3: every line 0
		{"4.1", 1, 2, "50,00 %", "3 / 6", []string{"R1"}, []string{"R1", "R2"}},
		{"4.2", 2, 4, "50,00 %", "2,5 / 4", []string{"R1", "R3"}, nil},
		{"4.3", 2, 4, "50,00 %", "1,25 / 2", []string{"R3", "R4"}, nil},
		{"4.4", 2, 4, "50,00 %", "2 / 4", []string{"R1", "R3"}, nil},
		{"4.5a", 1, 2, "50,00 %", "1 / 2", []string{"2.000001"}, nil},
		{"4.5b", 1, 4, "25,00 %", "0,5 / 2", []string{"R3"}, nil},
	} {
		i, ok := sc.Indicator(c.code)
		if !ok {
			t.Fatalf("no indicator %s", c.code)
		}
		if i.Numerator != c.num || i.Denominator != c.den || i.RateText() != c.rate || i.PointsText() != c.points {
			t.Errorf("%s: %d/%d %s %s, want %d/%d %s %s", c.code, i.Numerator, i.Denominator, i.RateText(), i.PointsText(),
				c.num, c.den, c.rate, c.points)
		}
		if c.counted != nil && !slices.Equal(i.Counted, c.counted) {
			t.Errorf("%s counted %v, want %v", c.code, i.Counted, c.counted)
		}
		if c.considr != nil && !slices.Equal(i.Considered, c.considr) {
			t.Errorf("%s considered %v, want %v", c.code, i.Considered, c.considr)
		}
	}
	for _, code := range []string{"1.1", "1.2", "1.3", "5.1", "5.2", "5.3", "5.4"} {
		if i, _ := sc.Indicator(code); !i.NoData || i.Reason == "" || i.RateText() != "Không có dữ liệu" || i.Points != 0 {
			t.Errorf("%s: %+v, want no data with a reason", code, i)
		}
	}
	if len(sc.Averages) != 2 || sc.Averages[0].Code != "1.001193" || sc.Averages[0].Dossiers != 3 {
		t.Errorf("2.2 averages %+v", sc.Averages)
	}
	want := 5.4 + 8 + 0.83 + 2 + 3 + 2.5 + 1.25 + 2 + 1 + 0.5
	if sc.Points != float64(int(want*100+0.5))/100 || sc.MaxPoints != 6+20+2+6+6+4+2+4+2+2 {
		t.Errorf("total %v / %v, want %v / 54", sc.Points, sc.MaxPoints, want)
	}
}

// TestScore766ZeroDenominatorsAndNoData: with no records every dossier
// indicator is N/A (not 0 %) and earns nothing; without the catalogue or
// the sync count the indicators that divide by them have no data.
func TestScore766ZeroDenominatorsAndNoData(t *testing.T) {
	sc := report.Score766(report.ScorecardInput{From: marchFrom, To: marchTo, Units: map[string]bool{"X": true},
		Sync: &report.SyncCount{}, Catalogue: report.Catalogue766{Procedures: []string{}, Online: []string{}, WithFees: []string{}, ForCitizens: []string{}}})
	for _, code := range []string{"1.4", "2.1", "2.2", "3.1", "3.2", "3.3", "3.5", "3.6", "4.1", "4.2", "4.3", "4.4", "4.5a", "4.5b"} {
		i, _ := sc.Indicator(code)
		if !i.NA || i.NoData || i.RateText() != "N/A" || i.Points != 0 {
			t.Errorf("%s: %+v, want N/A", code, i)
		}
		if i.MaxKnown && i.PointsText() != "— / "+motcua.FormatDecimal(i.MaxPoints) {
			t.Errorf("%s points %q", code, i.PointsText())
		}
	}
	if sc.Points != 0 || sc.MaxPoints != 0 {
		t.Errorf("total %v / %v", sc.Points, sc.MaxPoints)
	}
	sc = report.Score766(report.ScorecardInput{From: marchFrom, To: marchTo, Records: scorecardRecords()})
	for _, code := range []string{"1.4", "3.1", "3.2", "3.5", "3.6", "4.5a"} {
		if i, _ := sc.Indicator(code); !i.NoData || i.Reason == "" {
			t.Errorf("%s without its data: %+v", code, i)
		}
	}
	if i, _ := sc.Indicator("3.3"); i.NoData || i.Note == "" || i.Denominator != 5 {
		t.Errorf("3.3 without a sync count: %+v", i)
	}
}
