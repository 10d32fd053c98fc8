// Package webhook sends the outbox's messages to subscribed receivers: a
// CloudEvents 1.0 JSON body, signed with HMAC-SHA256 over the timestamp
// and the body, retried with exponential backoff, dead after a number of
// failures until replayed. Several instances may run it: the store leases
// each delivery to one of them.
//
// A receiver checks a request by recomputing
//
//	hex(HMAC-SHA256(secret, X-Motcua-Timestamp + "." + body))
//
// and comparing it with X-Motcua-Signature (after "sha256="), and by
// refusing timestamps far from its clock (replays). It answers 2xx when it
// has taken the message; X-Motcua-Delivery identifies a delivery across
// retries, the body's "id" the event.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/motcua/motcua/store"
)

// Sender delivers webhooks.
type Sender struct {
	DB          *store.DB
	Client      *http.Client
	Base        time.Duration // the first retry's wait, doubled each time
	MaxAttempts int           // after which a delivery is dead
	Log         *slog.Logger
	Now         func() time.Time // the signature's clock
}

// New is a Sender with the defaults: retries after 30 s, 1 min, 2 min…,
// dead after 10 attempts (about 4 hours), 15 s per request.
func New(db *store.DB, log *slog.Logger) *Sender {
	return &Sender{DB: db, Client: &http.Client{Timeout: 15 * time.Second}, Base: 30 * time.Second, MaxAttempts: 10, Log: log, Now: time.Now}
}

// Sign is the signature of body sent at ts.
func Sign(secret string, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "%d.", ts)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a request's signature and that its timestamp is within
// skew of now: what a receiver written in Go would do.
func Verify(secret string, header http.Header, body []byte, now time.Time, skew time.Duration) bool {
	ts, err := strconv.ParseInt(header.Get("X-Motcua-Timestamp"), 10, 64)
	if err != nil || now.Sub(time.Unix(ts, 0)).Abs() > skew {
		return false
	}
	return hmac.Equal([]byte(Sign(secret, ts, body)), []byte(header.Get("X-Motcua-Signature")))
}

// Flush queues what is new and sends every delivery due now; it returns
// how many were delivered.
func (s *Sender) Flush(ctx context.Context) (delivered int, err error) {
	if _, err := s.DB.QueueDeliveries(ctx); err != nil {
		return 0, err
	}
	for {
		batch, err := s.DB.ClaimDeliveries(ctx, 50, 2*time.Minute)
		if err != nil || len(batch) == 0 {
			return delivered, err
		}
		for _, d := range batch {
			if err := s.post(ctx, d); err != nil {
				if s.Log != nil {
					s.Log.Warn("webhook not delivered", "delivery", d.ID, "webhook", d.WebhookID, "attempt", d.Attempts+1, "err", err)
				}
				if err := s.DB.DeliveryFailed(ctx, d, err, s.Base, s.MaxAttempts); err != nil {
					return delivered, err
				}
				continue
			}
			if err := s.DB.DeliveryDone(ctx, d.ID); err != nil {
				return delivered, err
			}
			delivered++
		}
	}
}

func (s *Sender) post(ctx context.Context, d store.Delivery) error {
	body := []byte(d.Body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	ts := s.Now().Unix()
	req.Header.Set("Content-Type", "application/cloudevents+json; charset=utf-8")
	req.Header.Set("X-Motcua-Delivery", strconv.FormatInt(d.ID, 10))
	req.Header.Set("X-Motcua-Timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("X-Motcua-Signature", Sign(d.Secret, ts, body))
	res, err := s.Client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 1<<16))
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("the receiver answered %s", res.Status)
	}
	return nil
}

// Run flushes every interval until ctx ends.
func (s *Sender) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.Flush(ctx); err != nil && ctx.Err() == nil && s.Log != nil {
			s.Log.Error("webhooks", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
