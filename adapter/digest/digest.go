// Package digest sends unit leaders the daily e-mail of deadline alerts:
// what is due today, what is late, which steps are late and which late
// entries wait for their approval (issue 3).
package digest

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/mail"
	"github.com/motcua/motcua/store"
)

// Sender is what the digest needs of a mail transport.
type Sender interface {
	Send(ctx context.Context, m mail.Message) error
}

// Run sends today's digest to every leader with an e-mail address and
// something to act on. Each leader gets at most one digest a day, even when
// several instances run it; a failed send is released for the next run.
func Run(ctx context.Context, db *store.DB, sender Sender, baseURL string, log *slog.Logger) (sent int, err error) {
	defer motcua.Wrap(&err, "digest.Run")
	now := db.Now()
	day := now.In(motcua.VN).Format("2006-01-02")
	leaders, err := db.DigestRecipients(ctx)
	if err != nil {
		return 0, err
	}
	var failed []string
	for _, a := range leaders {
		al, err := db.Alerts(ctx, a, 0, now)
		if err != nil {
			return sent, err
		}
		if al.Empty() {
			continue
		}
		claimed, err := db.ClaimDigest(ctx, a.User.ID, day)
		if err != nil {
			return sent, err
		}
		if !claimed {
			continue
		}
		if err := sender.Send(ctx, Compose(a, al, baseURL)); err != nil {
			log.Warn("digest not sent", "user", a.User.Username, "err", err)
			failed = append(failed, a.User.Username)
			if rerr := db.ReleaseDigest(ctx, a.User.ID, day); rerr != nil {
				return sent, rerr
			}
			continue
		}
		sent++
	}
	if len(failed) > 0 {
		return sent, fmt.Errorf("%d digest(s) not sent (%s); they will be retried", len(failed), strings.Join(failed, ", "))
	}
	return sent, nil
}

// Compose writes one leader's digest in Vietnamese, plain text and HTML.
func Compose(a *motcua.Actor, al *store.Alerts, baseURL string) mail.Message {
	baseURL = strings.TrimSuffix(baseURL, "/")
	subject := fmt.Sprintf("Cảnh báo hạn xử lý ngày %s: %s quá hạn, %s đến hạn hôm nay",
		motcua.FormatDate(al.At), motcua.FormatInt(int64(al.OverdueN)), motcua.FormatInt(int64(al.DueTodayN)))
	var text, body strings.Builder
	fmt.Fprintf(&text, "Kính gửi %s,\n\nTình hình hồ sơ thuộc phạm vi đồng chí phụ trách, tính đến %s:\n\n", a.User.FullName, motcua.FormatDateTime(al.At))
	fmt.Fprintf(&body, "<p>Kính gửi %s,</p><p>Tình hình hồ sơ thuộc phạm vi đồng chí phụ trách, tính đến %s:</p>",
		html.EscapeString(a.User.FullName), motcua.FormatDateTime(al.At))
	sections := []struct {
		title string
		n     int
		rows  []*motcua.Dossier
		due   func(*motcua.Dossier) time.Time
	}{
		{"Nhập muộn chờ đồng chí duyệt", al.AwaitingN, al.AwaitingApproval, func(d *motcua.Dossier) time.Time { return d.DueAt }},
		{"Hồ sơ quá hạn", al.OverdueN, al.Overdue, func(d *motcua.Dossier) time.Time { return d.DueAt }},
		{"Bước xử lý quá hạn", al.StepsN, al.StepsLate, func(d *motcua.Dossier) time.Time { return d.StepDueAt }},
		{"Hồ sơ đến hạn hôm nay", al.DueTodayN, al.DueToday, func(d *motcua.Dossier) time.Time { return d.DueAt }},
	}
	for _, s := range sections {
		if s.n == 0 {
			continue
		}
		fmt.Fprintf(&text, "%s: %s hồ sơ\n", s.title, motcua.FormatInt(int64(s.n)))
		fmt.Fprintf(&body, "<h3>%s: %s hồ sơ</h3><ul>", s.title, motcua.FormatInt(int64(s.n)))
		for _, d := range s.rows {
			link := fmt.Sprintf("%s/dossiers/%d", baseURL, d.ID)
			// Names are personal data: the e-mail carries codes and procedures only.
			fmt.Fprintf(&text, "  - %s · %s · hạn %s\n    %s\n", d.Code, d.ProcedureName, motcua.FormatDateTime(s.due(d)), link)
			fmt.Fprintf(&body, `<li><a href="%s">%s</a> · %s · hạn %s</li>`, html.EscapeString(link), html.EscapeString(d.Code), html.EscapeString(d.ProcedureName), motcua.FormatDateTime(s.due(d)))
		}
		if s.n > len(s.rows) {
			fmt.Fprintf(&text, "  … và %s hồ sơ khác\n", motcua.FormatInt(int64(s.n-len(s.rows))))
			fmt.Fprintf(&body, "<li>… và %s hồ sơ khác</li>", motcua.FormatInt(int64(s.n-len(s.rows))))
		}
		text.WriteString("\n")
		body.WriteString("</ul>")
	}
	fmt.Fprintf(&text, "Xem chi tiết: %s/alerts\n\nThư gửi tự động từ hệ thống Một cửa điện tử.\n", baseURL)
	fmt.Fprintf(&body, `<p>Xem chi tiết: <a href="%s/alerts">%s/alerts</a></p><p><small>Thư gửi tự động từ hệ thống Một cửa điện tử.</small></p>`,
		html.EscapeString(baseURL), html.EscapeString(baseURL))
	return mail.Message{To: []string{a.User.Email}, Subject: subject, Text: text.String(), HTML: body.String()}
}
