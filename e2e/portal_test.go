package e2e

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/notify"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/internal/mail"
	"github.com/motcua/motcua/internal/mail/mailtest"
	"github.com/motcua/motcua/internal/server"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// portal is the server as serve starts it for citizens: uploads on disk,
// notices sent by e-mail through a real SMTP server on loopback.
type portal struct {
	t        *testing.T
	db       *store.DB
	srv      *running
	smtp     *mailtest.Server
	notifier *notify.Sender
}

func servePortal(t *testing.T, db *store.DB) *portal {
	t.Helper()
	smtp := mailtest.Start(t)
	sender, err := mail.NewSender(smtp.Config())
	if err != nil {
		t.Fatal(err)
	}
	srv := start(t, &server.Main{DB: db, Mailer: sender})
	return &portal{t: t, db: db, srv: srv, smtp: smtp, notifier: &notify.Sender{DB: db, Mail: sender}}
}

// mail delivers the queued notices and returns the newest message whose
// subject contains subject.
func (p *portal) mail(subject string) mailtest.Message {
	p.t.Helper()
	if _, err := p.notifier.Flush(context.Background()); err != nil {
		p.t.Fatal(err)
	}
	msgs := p.smtp.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		if strings.Contains(msgs[i].Subject, subject) {
			return msgs[i]
		}
	}
	p.t.Fatalf("no e-mail with %q among %d", subject, len(msgs))
	return mailtest.Message{}
}

// actor is a demo user as the store's actor.
func actor(t *testing.T, db *store.DB, username string) *motcua.Actor {
	t.Helper()
	a, err := storetest.Actor(context.Background(), db, username)
	if err != nil {
		t.Fatalf("demo user %s: %v", username, err)
	}
	return a
}

var linkIn = regexp.MustCompile(`http://\S+`)

// TestCitizenFilesOnlineAndRates: a citizen proves an e-mail address with a
// one-time code, files a birth registration online with its form attached,
// the commune's one-stop accepts it, the citizen follows it with the link
// from the e-mail, the one-stop returns the result, the citizen rates the
// service unsatisfied, and the commune's leader finds it on the dashboard.
func TestCitizenFilesOnlineAndRates(t *testing.T) {
	ctx := newBrowser(t, 90*time.Second)
	db, _ := openDemo(t, demo.Options{})
	p := servePortal(t, db)
	birth := demoProcedure(t, db, "1.001193")
	const email = "nguyen.an@example.vn"
	b := tab{t: t, ctx: ctx}

	// The one-time code, from the e-mail.
	b.navigate("open online filing", "/xac-thuc", chromedp.Navigate(p.srv.URL+"/nop-truc-tuyen"))
	b.do("type the address", chromedp.SendKeys(`input[name="contact"]`, email))
	b.navigate("ask for a code", "/xac-thuc/gui-ma", chromedp.Click(`form[action="/xac-thuc/gui-ma"] button`))
	code := regexp.MustCompile(`\d{6}`).FindString(p.mail("Mã xác thực").Subject)
	b.do("type the code", chromedp.SendKeys(`#verify-code input[name="code"]`, code))
	b.navigate("verify", "/nop-truc-tuyen", chromedp.Click(`#verify-code button`))

	// The filing, with a PDF attached.
	pdf := writePDF(t, "to-khai.pdf")
	b.navigate("choose the procedure", fmt.Sprintf("/nop-truc-tuyen/%d", birth.ID),
		chromedp.Click(fmt.Sprintf(`#online-procedures a[href="/nop-truc-tuyen/%d"]`, birth.ID)))
	centre := unitNamed(t, db, "Trung tâm Phục vụ hành chính công xã Thuận An")
	b.do("fill the form",
		chromedp.SetValue(`select[name="unit"]`, fmt.Sprint(centre.ID)),
		chromedp.SetValue(`select[name="locality"]`, fmt.Sprint(centre.ParentID)), // birth registration is decided where the applicant lives
		chromedp.SendKeys(`input[name="name"]`, "Nguyễn Văn An"),
		chromedp.SendKeys(`input[name="phone"]`, "0912345678"),
		chromedp.SetUploadFiles(`input[name="file_0"]`, []string{pdf}),
		chromedp.SetUploadFiles(`input[name="file_1"]`, []string{pdf}), // required documents
		chromedp.SetUploadFiles(`input[name="file_2"]`, []string{pdf}))
	b.navigate("submit", `/ho-so-cua-toi/\d+`, chromedp.Click("#submit-online"))
	if state := b.text("#submission-state"); state != "Chờ tiếp nhận" {
		t.Fatalf("after filing the submission reads %q", state)
	}
	p.mail("Đã nhận hồ sơ nộp trực tuyến")

	// The one-stop accepts it.
	b.login(p.srv, "motcua.thuanan")
	b.navigate("open the queue", "/submissions", chromedp.Click(`header nav a[href="/submissions"]`))
	b.navigate("open the submission", `/submissions/\d+`, chromedp.Click(`#submission-queue a`))
	if !strings.Contains(b.text("#submission-files"), "to-khai.pdf") {
		t.Fatal("the officer does not see the uploaded file")
	}
	b.navigate("accept", `/dossiers/\d+`, chromedp.Click("#accept-submission"))
	accepted := p.mail("đã được tiếp nhận")
	track := linkIn.FindString(accepted.Text)
	if !strings.Contains(track, motcua.TrackPath+"?") {
		t.Fatalf("the acceptance e-mail carries no tracking link:\n%s", accepted.Text)
	}
	dossierCode := strings.TrimSuffix(strings.TrimPrefix(accepted.Subject, "Hồ sơ "), " đã được tiếp nhận")

	// The citizen follows it from the e-mail's link.
	b.navigate("follow the e-mail's link", motcua.TrackPath, chromedp.Navigate(track))
	if got := b.text("#track-state"); got != motcua.StateProcessing.Label() {
		t.Fatalf("tracking shows %q", got)
	}
	if steps := b.text("#track-steps"); !strings.Contains(steps, "Tiếp nhận hồ sơ") || !strings.Contains(steps, "Thuận An") {
		t.Fatalf("tracking steps: %q", steps)
	}

	// The commune resolves it (through the store), the counter returns it in the browser.
	d, err := db.DossierByCode(context.Background(), actor(t, db, "motcua.thuanan"), dossierCode)
	if err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"motcua.thuanan", "chuyenvien.thuanan", "lanhdao.thuanan"} {
		if d, err = db.Act(context.Background(), actor(t, db, who), motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventHandedOver}); err != nil {
			t.Fatalf("%s hands over: %v", who, err)
		}
	}
	if d, err = db.Act(context.Background(), actor(t, db, "motcua.thuanan"), motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventResultReady}); err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf("/dossiers/%d", d.ID)
	b.navigate("open the dossier", page, chromedp.Navigate(p.srv.URL+page))
	b.navigate("return the result", page,
		chromedp.Click(`form.action:has(input[name="type"][value="result_returned"]) button[type="submit"]`))
	rateLink := linkIn.FindString(p.mail("đã trả kết quả").Text)

	// The citizen rates it, unsatisfied with the official.
	b.navigate("open the rating link", motcua.RatePath, chromedp.Navigate(rateLink))
	for i, score := range []int{4, 4, 2, 4, 3} {
		b.do("choose a score", chromedp.Click(fmt.Sprintf(`input[name="score_%d"][value="%d"]`, i, score)))
	}
	b.do("comment", chromedp.SendKeys(`textarea[name="comment"]`, "Phải chờ lâu ở bước ký"))
	b.navigate("send the rating", motcua.RatePath, chromedp.Click(`#rate-form button`))
	if got := b.text("#rated"); !strings.Contains(got, "đã được đánh giá") {
		t.Fatalf("after rating: %q", got)
	}

	// The leader sees it on the dashboard.
	b.navigate("back to the officer's pages", "/worklist", chromedp.Navigate(p.srv.URL+"/worklist"))
	b.navigate("log out", "/login", chromedp.Click(`form[action="/logout"] button`))
	b.login(p.srv, "lanhdao.thuanan")
	b.navigate("open the dashboard", "/alerts", chromedp.Navigate(p.srv.URL+"/alerts"))
	reviews := b.text("#reviews")
	if !strings.Contains(reviews, dossierCode) || !strings.Contains(reviews, "Công chức trực tiếp giải quyết: Không hài lòng") ||
		!strings.Contains(reviews, "Phải chờ lâu ở bước ký") {
		t.Fatalf("the leader's dashboard:\n%s", reviews)
	}
}

// unitNamed is the demo unit whose name contains name.
func unitNamed(t *testing.T, db *store.DB, name string) *motcua.Unit {
	t.Helper()
	units, err := db.Units(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if strings.Contains(u.Name, name) {
			return u
		}
	}
	t.Fatalf("no demo unit named %s", name)
	return nil
}
