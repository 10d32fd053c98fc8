package notify_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/notify"
	"github.com/motcua/motcua/internal/mail"
	"github.com/motcua/motcua/internal/mail/mailtest"
	"github.com/motcua/motcua/internal/sms"
	"github.com/motcua/motcua/internal/sms/smstest"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// TestCodesReachTheirChannelsAndFailuresRetry: a one-time code for an
// e-mail address goes by SMTP, one for a phone through the SMS gateway; a
// gateway that refuses is retried later, and the code's text is blanked
// once sent.
func TestCodesReachTheirChannelsAndFailuresRetry(t *testing.T) {
	db, err := store.Open(t.Context(), t.TempDir()+"/motcua.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, motcua.VN)
	db.Now = func() time.Time { return now }
	smtp := mailtest.Start(t)
	mailer, err := mail.NewSender(smtp.Config())
	if err != nil {
		t.Fatal(err)
	}
	gw := smstest.Start(t, "bi-mat")
	texter, err := sms.New(gw.URL, "bi-mat")
	if err != nil {
		t.Fatal(err)
	}
	s := &notify.Sender{DB: db, Mail: mailer, SMS: texter}

	for _, c := range []motcua.Contact{{Email: "an@example.vn"}, {Phone: "0912345678"}} {
		if err := db.RequestCode(t.Context(), c); err != nil {
			t.Fatal(err)
		}
	}
	gw.FailNext(1)
	if n, err := s.Flush(t.Context()); err != nil || n != 1 {
		t.Fatalf("first flush sent %d, %v; want the e-mail only", n, err)
	}
	if msgs := smtp.Messages(); len(msgs) != 1 || msgs[0].To[0] != "an@example.vn" || !strings.Contains(msgs[0].Subject, "Mã xác thực") {
		t.Fatalf("e-mails: %+v", msgs)
	}
	if n, _ := s.Flush(t.Context()); n != 0 || len(gw.Messages()) != 0 {
		t.Fatal("a failed text was resent before its backoff")
	}
	now = now.Add(2 * time.Minute)
	if n, err := s.Flush(t.Context()); err != nil || n != 1 {
		t.Fatalf("retry sent %d, %v", n, err)
	}
	texts := gw.Messages()
	if len(texts) != 1 || texts[0].To != "0912345678" || !strings.Contains(texts[0].Text, "Ma xac thuc") { // GSM-7
		t.Fatalf("texts: %+v", texts)
	}
	notices, err := storetest.Notices(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	left := 0
	for _, n := range notices {
		body := strings.ToLower(n.Body)
		if strings.Contains(body, "mã xác thực của bạn") || strings.Contains(body, "ma xac thuc") || strings.Contains(n.Subject, ": ") {
			left++
		}
	}
	if left != 0 {
		t.Fatalf("%d sent codes are still readable in the database", left)
	}
}

func TestGatewayAddressIsChecked(t *testing.T) {
	if _, err := sms.New("ftp://gateway", ""); err == nil {
		t.Fatal("a non-HTTP gateway was taken")
	}
}
