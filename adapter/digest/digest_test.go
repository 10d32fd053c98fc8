package digest_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/digest"
	"github.com/motcua/motcua/internal/mail"
	"github.com/motcua/motcua/internal/mail/mailtest"
	"github.com/motcua/motcua/store"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// commune is a commune with a counter officer, a leader with an e-mail
// address and a leader without one, and a three-day procedure.
type commune struct {
	db              *store.DB
	unit            *motcua.Unit
	counter, leader *motcua.Actor
	proc            *motcua.Procedure
}

func newCommune(t *testing.T) *commune {
	t.Helper()
	ctx := t.Context()
	db, err := store.Open(ctx, t.TempDir()+"/motcua.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return time.Date(2024, 3, 4, 9, 0, 0, 0, motcua.VN) }
	c := &commune{db: db, unit: &motcua.Unit{Code: "000.21.99.T01", Name: "Ủy ban nhân dân xã Đắk A", Kind: motcua.UnitCommune}}
	if err := db.CreateUnit(ctx, c.unit); err != nil {
		t.Fatal(err)
	}
	c.proc = &motcua.Procedure{Code: "1.001193", Name: "Đăng ký khai sinh", Field: "Hộ tịch", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 3, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial,
		Steps: []motcua.WorkflowStep{
			{Name: "Tiếp nhận", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90},
			{Name: "Thẩm định", Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: 1080},
			{Name: "Ký duyệt", Role: motcua.RoleLeader, Unit: motcua.AtDeciding, Minutes: 180},
		}}
	if err := db.CreateProcedure(ctx, c.proc); err != nil {
		t.Fatal(err)
	}
	c.counter = c.user(t, "motcua.a", "Nguyễn Thị Một", "", motcua.RoleCounter)
	c.leader = c.user(t, "lanhdao.a", "Lê Thị Ba", "lanhdao.a@motcua.example", motcua.RoleLeader)
	c.user(t, "phochutich.a", "Vũ Văn Phó", "", motcua.RoleLeader) // no address: no digest
	return c
}

func (c *commune) user(t *testing.T, username, name, email string, role motcua.Role) *motcua.Actor {
	t.Helper()
	u := &motcua.User{Username: username, FullName: name, Email: email, Grants: []motcua.Grant{{Role: role, UnitID: c.unit.ID}}}
	if err := c.db.CreateUser(t.Context(), u, "mật khẩu thử 1"); err != nil {
		t.Fatal(err)
	}
	a, err := c.db.Actor(t.Context(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func (c *commune) accept(t *testing.T, name string) *motcua.Dossier {
	t.Helper()
	d, err := c.db.Accept(t.Context(), c.counter, motcua.Intake{ProcedureID: c.proc.ID, UnitID: c.unit.ID,
		Channel: motcua.ChannelCounter, Applicant: motcua.Applicant{Name: name}, Sets: 1})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (c *commune) setNow(t time.Time) { c.db.Now = func() time.Time { return t } }

// TestDigestReachesLeadersOnceADay: two dossiers accepted Mon 04/03/2024
// 09:00 are due Thu 07/03 09:00. On Thu 08:00 they are due today and their
// step is late; the leader with an address gets one digest that names the
// codes but no applicant; a second run the same day sends nothing.
func TestDigestReachesLeadersOnceADay(t *testing.T) {
	c := newCommune(t)
	d1, d2 := c.accept(t, "Trần Văn Khai"), c.accept(t, "Phạm Thị Sinh")
	srv := mailtest.Start(t)
	sender, err := mail.NewSender(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()

	c.setNow(time.Date(2024, 3, 7, 8, 0, 0, 0, motcua.VN))
	sent, err := digest.Run(ctx, c.db, sender, "https://motcua.example/", quiet)
	if err != nil || sent != 1 {
		t.Fatalf("Run = %d, %v; want 1 digest", sent, err)
	}
	msgs := srv.Wait(1, 5*time.Second)
	if len(msgs) != 1 {
		t.Fatalf("server received %d messages", len(msgs))
	}
	m := msgs[0]
	if len(m.To) != 1 || m.To[0] != "lanhdao.a@motcua.example" {
		t.Errorf("digest went to %v", m.To)
	}
	if want := "Cảnh báo hạn xử lý ngày 07/03/2024: 0 quá hạn, 2 đến hạn hôm nay"; m.Subject != want {
		t.Errorf("subject %q, want %q", m.Subject, want)
	}
	for _, want := range []string{"Kính gửi Lê Thị Ba", "Hồ sơ đến hạn hôm nay: 2 hồ sơ", "Bước xử lý quá hạn: 2 hồ sơ",
		d1.Code, d2.Code, "hạn 09:00 07/03/2024", "https://motcua.example/alerts"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, m.Text)
		}
	}
	if !strings.Contains(m.HTML, `<a href="https://motcua.example/dossiers/`) {
		t.Errorf("HTML lacks links to the dossiers:\n%s", m.HTML)
	}
	for _, name := range []string{"Trần Văn Khai", "Phạm Thị Sinh"} {
		if strings.Contains(m.Text+m.HTML, name) {
			t.Errorf("the digest carries the applicant's name %q", name)
		}
	}

	c.setNow(time.Date(2024, 3, 7, 15, 0, 0, 0, motcua.VN))
	if sent, err := digest.Run(ctx, c.db, sender, "https://motcua.example", quiet); err != nil || sent != 0 {
		t.Errorf("second run the same day sent %d, %v", sent, err)
	}
	// The next day both are overdue: a new digest.
	c.setNow(time.Date(2024, 3, 8, 7, 0, 0, 0, motcua.VN))
	if sent, err := digest.Run(ctx, c.db, sender, "https://motcua.example", quiet); err != nil || sent != 1 {
		t.Fatalf("next day Run = %d, %v", sent, err)
	}
	if m := srv.Wait(2, 5*time.Second)[1]; !strings.HasPrefix(m.Subject, "Cảnh báo hạn xử lý ngày 08/03/2024: 2 quá hạn") {
		t.Errorf("next day's subject %q", m.Subject)
	}
}

// TestDigestFailureIsRetried: when the mail server does not answer, the
// run reports it and the digest is sent by the next run.
func TestDigestFailureIsRetried(t *testing.T) {
	c := newCommune(t)
	c.accept(t, "Trần Văn Khai")
	c.setNow(time.Date(2024, 3, 8, 7, 0, 0, 0, motcua.VN))
	ctx := t.Context()

	dead, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := dead.Addr().(*net.TCPAddr)
	dead.Close() // nothing listens there now
	broken, err := mail.NewSender(mail.Config{Host: "127.0.0.1", Port: addr.Port, From: "motcua@motcua.example", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if sent, err := digest.Run(short, c.db, broken, "http://x", quiet); err == nil || sent != 0 {
		t.Fatalf("Run against a dead server = %d, %v; want an error", sent, err)
	}

	srv := mailtest.Start(t)
	sender, err := mail.NewSender(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	if sent, err := digest.Run(ctx, c.db, sender, "http://x", quiet); err != nil || sent != 1 {
		t.Fatalf("retry Run = %d, %v; want the digest sent", sent, err)
	}
}
