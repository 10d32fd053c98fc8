package web

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// bar is one bar of a chart: its label, its length and the figure shown.
type bar struct {
	Label string
	Value float64
	Text  string
}

// barChart draws horizontal bars as inline SVG on the server: no script,
// nothing loaded from elsewhere, readable without colour (the figure is
// written at each bar's end).
func barChart(title string, bars []bar, max float64) template.HTML {
	const rowH, labelW, barW, textW = 22, 260, 360, 90
	h := rowH*len(bars) + 28
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" role="img" aria-label="%s" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet">`,
		html.EscapeString(title), labelW+barW+textW, h)
	fmt.Fprintf(&b, `<text x="0" y="16" class="chart-title">%s</text>`, html.EscapeString(title))
	for i, x := range bars {
		y := 28 + i*rowH
		w := 0.0
		if max > 0 {
			w = x.Value / max * barW
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" class="chart-label">%s</text>`, labelW-6, y+15, html.EscapeString(clip(x.Label, 40)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" class="chart-bar"><title>%s: %s</title></rect>`,
			labelW, y+3, w, rowH-6, html.EscapeString(x.Label), html.EscapeString(x.Text))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="chart-value">%s</text>`, float64(labelW)+w+4, y+15, html.EscapeString(x.Text))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// clip shortens a label to n characters (runes), marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
