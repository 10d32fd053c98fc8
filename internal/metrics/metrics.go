// Package metrics exposes the server's Prometheus metrics (issue 9):
// requests by route and status with their latency, and what the ledger
// holds — dossiers by state, due soon and overdue, the delivery backlogs.
package metrics

import (
	"context"
	"crypto/subtle"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/motcua/motcua/internal/httpmux"
	"github.com/motcua/motcua/internal/httpstatus"
	"github.com/motcua/motcua/store"
)

// Metrics is one server's registry.
type Metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// New registers the request metrics, the Go runtime's, and the ledger's
// figures read from db at most every refresh.
func New(db *store.DB, refresh time.Duration, log *slog.Logger) *Metrics {
	m := &Metrics{registry: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "motcua_http_requests_total",
		Help: "HTTP requests by route pattern and status code."}, []string{"route", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "motcua_http_request_duration_seconds",
		Help:    "Time to answer, by route pattern.",
		Buckets: []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5}}, []string{"route"})
	m.registry.MustRegister(m.requests, m.latency, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&ledger{db: db, refresh: refresh, log: log})
	return m
}

// Counter exposes a count kept elsewhere (a limiter's refusals) as a
// counter named name.
func (m *Metrics) Counter(name, help string, count func() int64) {
	m.registry.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help},
		func() float64 { return float64(count()) }))
}

// Handler serves the registry in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// Middleware counts and times every request by the pattern the mux chose
// (unmatched requests count as "unmatched": no label per stray URL).
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := httpstatus.Wrap(w)
		next.ServeHTTP(rec, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, strconv.Itoa(rec.Status)).Inc()
		m.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

// ledger collects the store's figures, cached for refresh.
type ledger struct {
	db      *store.DB
	refresh time.Duration
	log     *slog.Logger
	mu      sync.Mutex
	at      time.Time
	facts   store.OpsFacts
}

var (
	dossiersDesc = prometheus.NewDesc("motcua_dossiers", "Dossiers by state.", []string{"state"}, nil)
	dueSoonDesc  = prometheus.NewDesc("motcua_dossiers_due_soon", "Dossiers in processing due within 24 hours.", nil, nil)
	overdueDesc  = prometheus.NewDesc("motcua_dossiers_overdue", "Dossiers in processing past their due instant.", nil, nil)
	webhookDesc  = prometheus.NewDesc("motcua_webhook_backlog", "Webhook deliveries waiting to be sent.", nil, nil)
	noticeDesc   = prometheus.NewDesc("motcua_notice_backlog", "Notices to citizens waiting to be sent.", nil, nil)
	auditDesc    = prometheus.NewDesc("motcua_audit_entries", "Entries in the audit trail.", nil, nil)
)

func (l *ledger) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{dossiersDesc, dueSoonDesc, overdueDesc, webhookDesc, noticeDesc, auditDesc} {
		ch <- d
	}
}

func (l *ledger) Collect(ch chan<- prometheus.Metric) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if time.Since(l.at) >= l.refresh {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		facts, err := l.db.Ops(ctx)
		cancel()
		if err != nil {
			l.log.Warn("metrics: reading the ledger's figures", "err", err)
		} else {
			l.facts, l.at = facts, time.Now()
		}
	}
	for state, n := range l.facts.DossiersByState {
		ch <- prometheus.MustNewConstMetric(dossiersDesc, prometheus.GaugeValue, float64(n), string(state))
	}
	for d, n := range map[*prometheus.Desc]int64{dueSoonDesc: l.facts.DueSoon, overdueDesc: l.facts.Overdue,
		webhookDesc: l.facts.WebhookBacklog, noticeDesc: l.facts.NoticeBacklog, auditDesc: l.facts.AuditEntries} {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, float64(n))
	}
}

// Guard lets loopback read the metrics, and other hosts only with the
// token: the figures are not secret, but a public endpoint invites load. A
// request a proxy forwarded (X-Forwarded-For) is not loopback's even when
// the proxy runs on this host.
func Guard(h http.Handler, token string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		ip := net.ParseIP(host)
		loopback := err == nil && ip != nil && ip.IsLoopback() && len(r.Header.Values("X-Forwarded-For")) == 0 &&
			len(r.Header.Values("Forwarded")) == 0
		bearer := token != "" && subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), []byte("Bearer "+token)) == 1
		if !loopback && !bearer {
			http.Error(w, "metrics are for the monitoring system", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// Register serves the metrics at /metrics, guarded by token.
func (m *Metrics) Register(mux httpmux.Mux, token string) {
	mux.Handle("GET /metrics", Guard(m.Handler(), token))
}
