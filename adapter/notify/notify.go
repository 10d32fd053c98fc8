// Package notify delivers the notices the store queues for citizens (by
// e-mail and SMS), retrying failures with backoff. Several instances may
// run it: the store leases each notice to one sender at a time.
package notify

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/motcua/motcua/internal/mail"
	"github.com/motcua/motcua/store"
)

// SMS sends a text message.
type SMS interface {
	Send(ctx context.Context, to, text string) error
}

// Mailer sends an e-mail.
type Mailer interface {
	Send(ctx context.Context, m mail.Message) error
}

// Sender delivers queued notices. Mail or SMS may be nil: notices for a
// channel without a sender fail and are retried with backoff for about
// four hours (store.NoticeGiveUp), then left with their error.
type Sender struct {
	DB   *store.DB
	Mail Mailer
	SMS  SMS
	Log  *slog.Logger
}

// Console prints notices instead of sending them: for the demo, where
// nothing can be delivered and the one-time codes are needed to try the
// portal. Never for real citizens — it writes their codes to the terminal.
type Console struct{ W io.Writer }

// Send prints an e-mail.
func (c Console) Send(_ context.Context, m mail.Message) error {
	_, err := fmt.Fprintf(c.W, "[thư mẫu tới %s] %s — %s\n", strings.Join(m.To, ", "), m.Subject, m.Text)
	return err
}

// Text prints a text message.
type Text struct{ W io.Writer }

// Send prints a text message.
func (c Text) Send(_ context.Context, to, text string) error {
	_, err := fmt.Fprintf(c.W, "[tin nhắn mẫu tới %s] %s\n", to, text)
	return err
}

// lease is how long a claimed notice is left to its sender before another
// may take it (a sender that crashed mid-batch).
const lease = 2 * time.Minute

// Flush sends every notice due now, in batches; it returns how many were sent.
func (s *Sender) Flush(ctx context.Context) (sent int, err error) {
	for {
		batch, err := s.DB.ClaimNotices(ctx, 50, lease)
		if err != nil || len(batch) == 0 {
			return sent, err
		}
		for _, n := range batch {
			if err := s.send(ctx, n); err != nil {
				if s.Log != nil {
					s.Log.Warn("notice not delivered", "id", n.ID, "channel", n.Channel, "attempt", n.Attempts+1, "err", err)
				}
				if err := s.DB.NoticeFailed(ctx, n, err); err != nil {
					return sent, err
				}
				continue
			}
			if err := s.DB.NoticeSent(ctx, n.ID); err != nil {
				return sent, err
			}
			sent++
		}
	}
}

func (s *Sender) send(ctx context.Context, n store.Notice) error {
	switch {
	case n.Channel == "email" && s.Mail != nil:
		return s.Mail.Send(ctx, mail.Message{To: []string{n.To}, Subject: n.Subject, Text: n.Body})
	case n.Channel == "sms" && s.SMS != nil:
		return s.SMS.Send(ctx, n.To, n.Body)
	}
	return fmt.Errorf("no %s sender configured", n.Channel)
}

// Run flushes every interval until ctx ends.
func (s *Sender) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.Flush(ctx); err != nil && ctx.Err() == nil && s.Log != nil {
			s.Log.Error("notices", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
