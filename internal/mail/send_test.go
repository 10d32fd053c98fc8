package mail_test

import (
	"context"
	"errors"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/mail"
	"github.com/motcua/motcua/internal/mail/mailtest"
)

const (
	subjectVI = "Hồ sơ quá hạn: 3 hồ sơ cần xử lý"
	// bodyVI has what breaks naive encoders: a line longer than 76
	// characters, a line starting with a dot, "=", trailing spaces.
	bodyVI = "Kính gửi ông Nguyễn Văn Đức,\n\n" +
		"Bộ phận Một cửa UBND phường Bến Nghé có 3 hồ sơ đã quá hạn giải quyết, cần xử lý ngay trong ngày hôm nay:\n" +
		"- 000.00.01.H29-240207-0001: Đăng ký khai sinh   \n" +
		". Tỷ lệ đúng hạn = 96,14 %\n\n" +
		"Trân trọng."
)

func newSender(t *testing.T, cfg mail.Config) *mail.Sender {
	t.Helper()
	s, err := mail.NewSender(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSendVietnameseIsNFCAfterDecoding(t *testing.T) {
	srv := mailtest.Start(t)
	// Decomposed input, as some keyboards and macOS produce it.
	subject, body := norm.NFD.String(subjectVI), norm.NFD.String(bodyVI)
	if subject == subjectVI {
		t.Fatal("test input is not decomposed")
	}
	err := newSender(t, srv.Config()).Send(t.Context(), mail.Message{
		To: []string{"Trần Thị Bình <binh@ubnd.test>"}, Subject: subject, Text: body})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.Wait(1, time.Second)[0]
	if got.Subject != subjectVI {
		t.Errorf("subject = %q, want %q", got.Subject, subjectVI)
	}
	if got.Text != bodyVI {
		t.Errorf("text = %q, want %q", got.Text, bodyVI)
	}
	if got.From != "noreply@motcua.test" || strings.Join(got.To, ",") != "binh@ubnd.test" {
		t.Errorf("envelope from %q to %q", got.From, got.To)
	}
	checkHeaders(t, got)
	checkWireFormat(t, got.Data)
}

func checkHeaders(t *testing.T, m mailtest.Message) {
	t.Helper()
	from, err := m.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "Một cửa" || from[0].Address != "noreply@motcua.test" {
		t.Errorf("From = %v (%v)", from, err)
	}
	to, err := m.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != "Trần Thị Bình" {
		t.Errorf("To = %v (%v)", to, err)
	}
	if d, err := m.Header.Date(); err != nil || time.Since(d).Abs() > time.Minute {
		t.Errorf("Date = %v (%v)", d, err)
	}
	if id := m.Header.Get("Message-Id"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@motcua.test>") {
		t.Errorf("Message-ID = %q", id)
	}
}

// checkWireFormat holds raw to RFC 5322 and RFC 2047: 7-bit, CRLF only,
// lines of at most 76 characters.
func checkWireFormat(t *testing.T, raw []byte) {
	t.Helper()
	for i, line := range strings.Split(string(raw), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 76 {
			t.Errorf("line %d is %d characters long: %q", i+1, len(line), line)
		}
		for _, c := range []byte(line) {
			if c >= 0x80 {
				t.Errorf("line %d is not 7-bit: %q", i+1, line)
				break
			}
		}
	}
}

func TestSendLongSubjectIsFoldedAndDecodesWhole(t *testing.T) {
	srv := mailtest.Start(t)
	subject := strings.Repeat("Thông báo kết quả giải quyết thủ tục hành chính ", 4) + "số 0001"
	err := newSender(t, srv.Config()).Send(t.Context(), mail.Message{
		To: []string{"a@ubnd.test"}, Subject: subject, Text: "Nội dung."})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.Messages()[0]
	if got.Subject != subject {
		t.Errorf("subject = %q, want %q", got.Subject, subject)
	}
	checkWireFormat(t, got.Data)
}

func TestSendHTMLAlternative(t *testing.T) {
	srv := mailtest.Start(t)
	html := norm.NFD.String(`<p>Có <b>3</b> hồ sơ quá hạn tại <a href="https://motcua.test/ho-so?tt=qua-han">danh sách</a>.</p>`)
	err := newSender(t, srv.Config()).Send(t.Context(), mail.Message{
		To: []string{"a@ubnd.test", "b@ubnd.test"}, Subject: subjectVI, Text: bodyVI, HTML: html})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.Messages()[0]
	if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/alternative;") {
		t.Errorf("Content-Type = %q", ct)
	}
	if got.Text != bodyVI {
		t.Errorf("text = %q, want %q", got.Text, bodyVI)
	}
	if want := norm.NFC.String(html); got.HTML != want {
		t.Errorf("html = %q, want %q", got.HTML, want)
	}
	if strings.Join(got.To, ",") != "a@ubnd.test,b@ubnd.test" {
		t.Errorf("recipients = %q", got.To)
	}
	checkWireFormat(t, got.Data)
}

func TestSendRejectsHeaderInjection(t *testing.T) {
	srv := mailtest.Start(t)
	s := newSender(t, srv.Config())
	for _, tc := range []struct {
		name, field string
		m           mail.Message
	}{
		{"CRLF in subject", "subject", mail.Message{To: []string{"a@ubnd.test"}, Subject: "Hồ sơ\r\nBcc: spy@evil.test", Text: "x"}},
		{"LF in subject", "subject", mail.Message{To: []string{"a@ubnd.test"}, Subject: "Hồ sơ\nBcc: spy@evil.test", Text: "x"}},
		{"CRLF in recipient", "to", mail.Message{To: []string{"a@ubnd.test\r\nBcc: spy@evil.test"}, Subject: "s", Text: "x"}},
		{"LF in recipient name", "to", mail.Message{To: []string{"A\n <a@ubnd.test>"}, Subject: "s", Text: "x"}},
		{"diacritics in address", "to", mail.Message{To: []string{"nguyễn@ubnd.test"}, Subject: "s", Text: "x"}},
		{"no recipient", "to", mail.Message{Subject: "s", Text: "x"}},
		{"no text", "text", mail.Message{To: []string{"a@ubnd.test"}, Subject: "s", HTML: "<p>x</p>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Send(t.Context(), tc.m)
			if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != tc.field {
				t.Fatalf("err = %v, want %s on field %s", err, motcua.EINVALID, tc.field)
			}
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Errorf("error text breaks a log line: %q", err)
			}
		})
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("server received %d messages", n)
	}
	cfg := srv.Config()
	cfg.From = "noreply@motcua.test\r\nBcc: spy@evil.test"
	if _, err := mail.NewSender(cfg); err == nil || !strings.Contains(err.Error(), "line break") {
		t.Errorf("NewSender with CRLF in From: err = %v", err)
	}
}

func TestSendAuth(t *testing.T) {
	const password = "Mật-khẩu-đúng-7"
	srv := mailtest.Start(t, mailtest.WithAuth("canbo.motcua", password))
	m := mail.Message{To: []string{"a@ubnd.test"}, Subject: subjectVI, Text: bodyVI}
	if err := newSender(t, srv.Config()).Send(t.Context(), m); err != nil {
		t.Fatalf("right credentials: %v", err)
	}
	wrong := srv.Config()
	wrong.Password = "sai-mat-khau-913"
	err := newSender(t, wrong).Send(t.Context(), m)
	if err == nil || !strings.Contains(err.Error(), `AUTH PLAIN as "canbo.motcua": 535`) {
		t.Errorf("wrong password: err = %v", err)
	}
	if err != nil && strings.Contains(err.Error(), wrong.Password) {
		t.Errorf("error text shows the password: %v", err)
	}
	var reply *textproto.Error
	if !errors.As(err, &reply) || reply.Code != 535 {
		t.Errorf("wrong password: err = %#v, want a *textproto.Error with code 535", err)
	}
	none := srv.Config()
	none.Username, none.Password = "", ""
	if err := newSender(t, none).Send(t.Context(), m); err == nil || !strings.Contains(err.Error(), "MAIL FROM") {
		t.Errorf("no credentials: err = %v", err)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("server received %d messages, want 1", n)
	}
}

func TestSendTLS(t *testing.T) {
	m := mail.Message{To: []string{"a@ubnd.test"}, Subject: subjectVI, Text: bodyVI}
	for _, mode := range []string{mail.TLSStartTLS, mail.TLSImplicit} {
		t.Run(mode, func(t *testing.T) {
			// With STARTTLS the server offers AUTH only after the upgrade,
			// so success proves the upgrade happened first.
			srv := mailtest.Start(t, mailtest.WithTLS(mode), mailtest.WithAuth("canbo", "Mk-7"))
			if err := newSender(t, mail.TrustRoots(srv.Config(), srv.CertPool())).Send(t.Context(), m); err != nil {
				t.Fatal(err)
			}
			if got := srv.Messages()[0]; got.Subject != subjectVI {
				t.Errorf("subject = %q", got.Subject)
			}
			err := newSender(t, srv.Config()).Send(t.Context(), m)
			if err == nil || !strings.Contains(err.Error(), "certificate") {
				t.Errorf("untrusted certificate: err = %v", err)
			}
		})
	}
}

func TestSendStartTLSRequiredButNotOffered(t *testing.T) {
	cfg := mailtest.Start(t).Config()
	cfg.TLS = mail.TLSStartTLS
	err := newSender(t, cfg).Send(t.Context(), mail.Message{To: []string{"a@ubnd.test"}, Subject: "s", Text: "x"})
	if err == nil || !strings.Contains(err.Error(), "does not offer STARTTLS") {
		t.Errorf("err = %v", err)
	}
}

func TestSendErrorReadsLikeACallPath(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // nothing listens there now
	cfg := mail.Config{Host: "127.0.0.1", Port: port, TLS: mail.TLSNone, From: "noreply@motcua.test"}
	err = newSender(t, cfg).Send(t.Context(), mail.Message{To: []string{"a@b.vn"}, Subject: "s", Text: "x"})
	want := "mail.Send(to a@b.vn): dial smtp 127.0.0.1:" + strconv.Itoa(port) + ": connect: connection refused"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant  %s", err, want)
	}
}

// silentListener accepts connections and never says a word, like a
// firewall that swallows packets after the handshake.
func silentListener(t *testing.T) mail.Config {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		var held []net.Conn
		for {
			c, err := l.Accept()
			if err != nil {
				for _, c := range held {
					c.Close()
				}
				close(done)
				return
			}
			held = append(held, c)
		}
	}()
	t.Cleanup(func() { l.Close(); <-done })
	return mail.Config{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port, TLS: mail.TLSNone, From: "noreply@motcua.test"}
}

func TestSendReturnsPromptly(t *testing.T) {
	m := mail.Message{To: []string{"a@ubnd.test"}, Subject: "s", Text: "x"}
	t.Run("deadline", func(t *testing.T) {
		s := newSender(t, silentListener(t))
		ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := s.Send(ctx, m)
		if elapsed := time.Since(start); elapsed > 5*time.Second {
			t.Errorf("Send took %v", elapsed)
		}
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "greeting") {
			t.Errorf("err = %v, want a deadline error at the greeting", err)
		}
	})
	t.Run("cancel", func(t *testing.T) {
		// No deadline: only cancellation can end the wait before the one-minute default.
		s := newSender(t, silentListener(t))
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(200*time.Millisecond, cancel)
		start := time.Now()
		err := s.Send(ctx, m)
		if elapsed := time.Since(start); elapsed > 5*time.Second {
			t.Errorf("Send took %v", elapsed)
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}
