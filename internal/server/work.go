package server

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua"

	"github.com/motcua/motcua/adapter/notify"
	"github.com/motcua/motcua/adapter/partner"
	"github.com/motcua/motcua/adapter/partner/dancu"
	"github.com/motcua/motcua/adapter/partner/dvcqg"
	"github.com/motcua/motcua/adapter/partner/hotich"
	"github.com/motcua/motcua/adapter/partner/khodl"
	"github.com/motcua/motcua/adapter/webhook"
	"github.com/motcua/motcua/internal/mail"
	"github.com/motcua/motcua/internal/sms"
)

// notifier is the sender of the citizens' notices, with its text-message
// gateway; startWork gives it its mail.
func (m *Main) notifier() (*notify.Sender, error) {
	n := &notify.Sender{DB: m.db, Log: m.Log, Mail: m.Mailer}
	if m.Config.SMSGateway != "" {
		gateway, err := sms.New(m.Config.SMSGateway, m.Config.SMSToken)
		if err != nil {
			return nil, err
		}
		n.SMS = gateway
	}
	return n, nil
}

// startWork starts what runs beside the requests until Close: the mail
// (notices, the leaders' digest), webhooks, the partners' bridges and the
// nightly retention.
func (m *Main) startWork(ctx context.Context, notifier *notify.Sender) error {
	c, db, log := m.Config, m.db, m.Log
	if err := m.mail(ctx, notifier); err != nil {
		return err
	}
	m.workers.Go(func() { retainNightly(ctx, db, m.files, log) }) // personal data past its procedure's retention period
	m.workers.Go(func() { notifier.Run(ctx, 5*time.Second) })     // notices to citizens: codes, decisions, results
	hooks := webhook.New(db, log)
	hooks.MaxAttempts = max(c.WebhookAttempts, 1)
	m.workers.Go(func() { hooks.Run(ctx, 5*time.Second) }) // events to subscribed systems
	if c.Hotich.URL != "" {
		bridge := &partner.Bridge{DB: db, Client: c.Hotich.Client, Log: log,
			Adapter: &hotich.Adapter{Base: c.Hotich.URL, Token: c.Hotich.Token}}
		m.workers.Go(func() { bridge.Run(ctx, 30*time.Second) })
	}
	if c.DVCQG.URL != "" {
		syncer := &dvcqg.Syncer{DB: db, URL: c.DVCQG.URL, Token: c.DVCQG.Token, Log: log}
		m.workers.Go(func() { syncer.Run(ctx, time.Minute) }) // every dossier, whole, to the national co-ordination system
	}
	if c.DVCQGPull != "" { // dossiers filed on the national portal whose push was lost
		puller := &dvcqg.Puller{In: &dvcqg.Inbound{DB: db, Files: m.files, Log: log}, URL: c.DVCQGPull, Token: c.DVCQG.Token, Log: log}
		m.workers.Go(func() { puller.Run(ctx, 5*time.Minute) })
	}
	m.startPaymentJobs(ctx)
	if national := c.nationalStore(); national != nil { // results' links to the citizens' national data store
		pusher := &khodl.Pusher{DB: db, Store: national, BaseURL: m.public, Log: log}
		m.workers.Go(func() { pusher.Run(ctx, time.Minute) })
	}
	return nil
}

// nationalStore is the adapter to the citizens' national data store, nil
// when none is configured.
func (c Config) nationalStore() motcua.NationalStore {
	if c.NationalStore.URL == "" {
		return nil
	}
	return &khodl.Adapter{Base: strings.TrimRight(c.NationalStore.URL, "/"), Token: c.NationalStore.Token}
}

// population is the adapter to the national population database, nil
// when none is configured.
func (c Config) population() motcua.PopulationRegistry {
	if c.Population.URL == "" {
		return nil
	}
	return &dancu.Adapter{Base: strings.TrimRight(c.Population.URL, "/"), Token: c.Population.Token}
}

// mail sends the notices and the leaders' digest through Config.SMTP; in
// the demo, with nothing to send through, it prints the notices instead.
func (m *Main) mail(ctx context.Context, notifier *notify.Sender) error {
	c := m.Config
	if c.SMTP != "" {
		sender, err := mail.SenderFromURL(c.SMTP)
		if err != nil {
			return err
		}
		at, _ := digestTime(c.DigestAt) // Validate refused what does not parse
		m.workers.Go(func() { digestDaily(ctx, m.db, sender, at, m.public, m.Log) })
		m.Log.Info("deadline digest scheduled", "at", c.DigestAt, "smtp", sender.String())
		if notifier.Mail == nil {
			notifier.Mail = sender
		}
	}
	if c.Demo.Seed && notifier.Mail == nil && notifier.SMS == nil {
		// The demo has no mail server: print notices, one-time codes included, to try the portal.
		notifier.Mail, notifier.SMS = notify.Console{W: m.Stdout}, notify.Text{W: m.Stdout}
		fmt.Fprintln(m.Stdout, "Chế độ mẫu: thông báo gửi người dân (kể cả mã xác thực) được in ra đây thay vì gửi thư/tin nhắn.")
	}
	return nil
}

// startPaymentJobs asks the gateways about orders never notified, every
// three minutes, when every gateway offered can answer queries.
func (m *Main) startPaymentJobs(ctx context.Context) {
	gws, missing := m.Config.queryGateways()
	switch {
	case len(missing) > 0:
		m.Log.Warn("expired payment orders not settled: a gateway has no query settings", "gateways", strings.Join(missing, ","))
	case len(gws) > 0:
		job := &ExpiredOrders{DB: m.db, Gateways: gws, Log: m.Log}
		m.workers.Go(func() { job.Run(ctx, 3*time.Minute) })
	}
	if at, on, _ := m.Config.reconcileTime(); on && len(gws) > 0 { // Validate refused what does not parse
		m.workers.Go(func() { reconcileDaily(ctx, m.db, gws, at, m.Log) })
		m.Log.Info("payment reconciliation scheduled", "at", m.Config.ReconcileAt, "gateways", len(gws))
	}
}
