package web

import (
	"context"
	"html/template"
	"sort"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// maxChartMonths bounds the monthly chart: one report per month.
const maxChartMonths = 24

// reportCharts draws the dashboard's charts for a report query: on-time
// share by month, received by channel, online share by field and by unit,
// and where the late dossiers are.
func (s *Server) reportCharts(ctx context.Context, q report.Query, total report.Row) ([]template.HTML, error) {
	var charts []template.HTML
	months, err := s.monthlyOnTime(ctx, q)
	if err != nil {
		return nil, err
	}
	charts = append(charts, barChart("Tỉ lệ giải quyết trước hạn và đúng hạn theo tháng", months, 100))
	newTotal := total.ReceivedOnline + total.ReceivedCounter + total.ReceivedPostal
	channels := []bar{{"Trực tuyến", float64(total.ReceivedOnline), motcua.FormatInt(int64(total.ReceivedOnline))},
		{"Trực tiếp", float64(total.ReceivedCounter), motcua.FormatInt(int64(total.ReceivedCounter))},
		{"Bưu chính", float64(total.ReceivedPostal), motcua.FormatInt(int64(total.ReceivedPostal))}}
	charts = append(charts, barChart("Hồ sơ mới tiếp nhận theo kênh", channels, float64(newTotal)))
	for _, g := range []struct {
		by    report.By
		title string
	}{{report.ByField, "Tỉ lệ tiếp nhận trực tuyến theo lĩnh vực"}, {report.ByUnit, "Tỉ lệ tiếp nhận trực tuyến theo đơn vị"}} {
		rows, err := s.groupRows(ctx, q, g.by)
		if err != nil {
			return nil, err
		}
		charts = append(charts, barChart(g.title, onlineShares(rows), 100))
	}
	for _, g := range []struct {
		by    report.By
		title string
	}{{report.ByProcedure, "Thủ tục có nhiều hồ sơ quá hạn nhất"}, {report.ByUnit, "Đơn vị có nhiều hồ sơ quá hạn nhất"}} {
		rows, err := s.groupRows(ctx, q, g.by)
		if err != nil {
			return nil, err
		}
		bars, most := mostLate(rows, 10)
		charts = append(charts, barChart(g.title, bars, most))
	}
	return charts, nil
}

func (s *Server) groupRows(ctx context.Context, q report.Query, by report.By) ([]report.Row, error) {
	q.By = by
	rep, err := s.db.II06a(ctx, q)
	if err != nil {
		return nil, err
	}
	return rep.Rows, nil
}

// monthlyOnTime is the on-time share of each calendar month of the period.
func (s *Server) monthlyOnTime(ctx context.Context, q report.Query) ([]bar, error) {
	var bars []bar
	start := time.Date(q.From.Year(), q.From.Month(), 1, 0, 0, 0, 0, motcua.VN)
	for m := start; m.Before(q.To) && len(bars) < maxChartMonths; m = m.AddDate(0, 1, 0) {
		mq := q
		mq.From, mq.To, mq.By = maxTime(m, q.From), minTime(m.AddDate(0, 1, 0), q.To), report.ByNone
		rep, err := s.db.II06a(ctx, mq)
		if err != nil {
			return nil, err
		}
		t := rep.Total
		bars = append(bars, bar{Label: m.Format("01/2006"), Value: share(t.ResolvedEarly+t.ResolvedOnTime, t.ResolvedTotal), Text: t.OnTimeRate()})
	}
	return bars, nil
}

func onlineShares(rows []report.Row) []bar {
	var bars []bar
	for _, r := range rows {
		bars = append(bars, bar{Label: r.Name, Value: share(r.ReceivedOnline, r.ReceivedOnline+r.ReceivedCounter+r.ReceivedPostal), Text: r.OnlineShare()})
	}
	sort.SliceStable(bars, func(i, j int) bool { return bars[i].Value > bars[j].Value })
	return bars
}

// mostLate lists the n groups with the most late dossiers (resolved late
// or overdue in progress), and the largest count.
func mostLate(rows []report.Row, n int) ([]bar, float64) {
	late := func(r report.Row) int { return r.ResolvedLate + r.InProgressOverdue }
	sort.SliceStable(rows, func(i, j int) bool { return late(rows[i]) > late(rows[j]) })
	var bars []bar
	for _, r := range rows[:min(n, len(rows))] {
		if late(r) > 0 {
			bars = append(bars, bar{Label: r.Name, Value: float64(late(r)), Text: motcua.FormatInt(int64(late(r)))})
		}
	}
	if len(bars) == 0 {
		return nil, 0
	}
	return bars, bars[0].Value
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) * 100 / float64(of)
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
