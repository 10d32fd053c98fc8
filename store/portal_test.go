package store_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// notices claims every notice due and returns them (as a sender would).
func notices(t *testing.T, db *store.DB) []store.Notice {
	t.Helper()
	list, err := db.ClaimNotices(t.Context(), 100, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range list {
		if err := db.NoticeSent(t.Context(), n.ID); err != nil {
			t.Fatal(err)
		}
	}
	return list
}

var sixDigits = regexp.MustCompile(`\b\d{6}\b`)

// codeFor asks for a one-time code and reads it from the notice sent.
func codeFor(t *testing.T, db *store.DB, c motcua.Contact) string {
	t.Helper()
	if err := db.RequestCode(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	for _, n := range notices(t, db) {
		if n.To == c.String() {
			return sixDigits.FindString(n.Subject)
		}
	}
	t.Fatal("no notice carried the code")
	return ""
}

func TestOneTimeCodesExpireAndCannotBeReplayed(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		now := monday
		db.Now = func() time.Time { return now }
		c := motcua.Contact{Email: "an@example.vn"}
		code := codeFor(t, db, c)
		if _, err := db.VerifyCode(t.Context(), c, "000000"+code[:0]); err == nil && code != "000000" {
			t.Fatal("a wrong code was taken")
		}
		token, err := db.VerifyCode(t.Context(), c, code)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := db.CitizenSession(t.Context(), token); err != nil || got != c {
			t.Fatalf("session of %v: %v, %v", c, got, err)
		}
		if _, err := db.VerifyCode(t.Context(), c, code); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a used code was taken again: %v", err)
		}
		code = codeFor(t, db, c)
		now = now.Add(11 * time.Minute)
		if _, err := db.VerifyCode(t.Context(), c, code); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("an expired code was taken: %v", err)
		}
		now = now.Add(3 * time.Hour)
		if _, err := db.CitizenSession(t.Context(), token); motcua.ErrorCode(err) != motcua.EUNAUTHORIZED {
			t.Fatalf("a session outlived its two hours: %v", err)
		}
	})
}

func TestFiveWrongGuessesKillACode(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		c := motcua.Contact{Phone: "0912345678"}
		code := codeFor(t, db, c)
		wrong := "123456"
		if wrong == code {
			wrong = "654321"
		}
		for range 5 {
			db.VerifyCode(t.Context(), c, wrong)
		}
		if _, err := db.VerifyCode(t.Context(), c, code); err == nil {
			t.Fatal("the right code still worked after five wrong guesses")
		}
	})
}

// submission is a filing of the fixture's procedure at commune A.
func (f *fixture) submission(key string) *motcua.Submission {
	return &motcua.Submission{Key: key, ProcedureID: f.proc.ID, UnitID: f.a.ID, Delivery: motcua.DeliveryOnline,
		Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", Phone: "0987654321"},
		Files: []motcua.SubmittedFile{{Document: "Tờ khai đăng ký khai sinh", FileName: "to-khai.pdf", ContentType: "application/pdf",
			Size: 1234, SHA256: strings.Repeat("ab", 32)}}}
}

func TestASubmissionPostedTwiceIsOneSubmission(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := motcua.Contact{Email: "binh@example.vn"}
		first, again := f.submission("k1"), f.submission("k1")
		if err := db.Submit(t.Context(), c, first); err != nil {
			t.Fatal(err)
		}
		if err := db.Submit(t.Context(), c, again); err != nil {
			t.Fatal(err)
		}
		mine, err := db.MySubmissions(t.Context(), c)
		if err != nil || len(mine) != 1 || again.ID != first.ID || len(mine[0].Files) != 1 {
			t.Fatalf("two posts of one form gave %d submissions (ids %d, %d), %v", len(mine), first.ID, again.ID, err)
		}
		if queue, _ := db.SubmissionQueue(t.Context(), f.counterA); len(queue) != 1 {
			t.Fatalf("commune A's queue holds %d submissions", len(queue))
		}
		if queue, _ := db.SubmissionQueue(t.Context(), f.counterB); len(queue) != 0 {
			t.Fatal("commune B sees commune A's submission")
		}
		if _, err := db.MySubmission(t.Context(), motcua.Contact{Email: "other@example.vn"}, first.ID); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("another citizen read the submission: %v", err)
		}
		if _, err := db.Submission(t.Context(), f.counterA, first.ID); err != nil {
			t.Fatal(err)
		}
		if n := reads(t, db); n != 1 {
			t.Fatalf("an officer's read of a submission left %d audited reads", n)
		}
	})
}

// TestSubmissionToDossierToRating: the one-stop asks once for additions,
// the citizen adds them, the one-stop accepts (the clock starts at
// acceptance, the code is issued, the citizen is told), the dossier is
// resolved and returned, the citizen rates it unsatisfied once, and the
// leader's review opens and closes with an answer.
func TestSubmissionToDossierToRating(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		c := motcua.Contact{Email: "binh@example.vn"}
		sub := f.submission("k2")
		if err := db.Submit(ctx, c, sub); err != nil {
			t.Fatal(err)
		}
		if err := db.AskAdditions(ctx, f.counterA, sub.ID, []string{"Giấy chứng sinh", " "}, "Bản chụp rõ nét"); err != nil {
			t.Fatal(err)
		}
		if err := db.AskAdditions(ctx, f.counterA, sub.ID, []string{"Thêm nữa"}, ""); motcua.ErrorCode(err) != motcua.ENOTALLOWED {
			t.Fatalf("a second request for additions: %v", err)
		}
		if _, err := db.AcceptSubmission(ctx, f.counterA, sub.ID); motcua.ErrorCode(err) != motcua.ENOTALLOWED {
			t.Fatalf("accepted while waiting for additions: %v", err)
		}
		if err := db.AddFiles(ctx, c, sub.ID, []motcua.SubmittedFile{{Document: "Bổ sung", FileName: "chung-sinh.png",
			ContentType: "image/png", Size: 10, SHA256: strings.Repeat("cd", 32)}}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AcceptSubmission(ctx, f.counterB, sub.ID); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("commune B accepted commune A's submission: %v", err)
		}
		setNow(db, monday.Add(2*time.Hour))
		d, err := db.AcceptSubmission(ctx, f.counterA, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Channel != motcua.ChannelOnline || !d.AcceptedAt.Equal(monday.Add(2*time.Hour)) || len(d.Documents) != 2 {
			t.Fatalf("dossier from the submission: channel %s, accepted %s, %d documents", d.Channel, d.AcceptedAt, len(d.Documents))
		}
		again, err := db.AcceptSubmission(ctx, f.counterA, sub.ID)
		if err != nil || again.ID != d.ID {
			t.Fatalf("a second click on accept: %v, %v", again, err)
		}
		var told []string
		for _, n := range notices(t, db) {
			told = append(told, n.Subject)
		}
		if want := []string{"Đã nhận hồ sơ nộp trực tuyến", "Hồ sơ nộp trực tuyến cần bổ sung", "Hồ sơ " + d.Code + " đã được tiếp nhận"}; strings.Join(told, "|") != strings.Join(want, "|") {
			t.Fatalf("the citizen was told %q, want %q", told, want)
		}

		s := &scenario{t: t, db: db, d: d}
		at := monday.Add(3 * time.Hour)
		s.act(f.counterA, at, motcua.EventHandedOver)
		s.act(f.specialistA, at.Add(time.Hour), motcua.EventHandedOver)
		s.act(f.leaderA, at.Add(2*time.Hour), motcua.EventHandedOver)
		s.act(f.counterA, at.Add(3*time.Hour), motcua.EventResultReady)
		bad := motcua.Rating{Scores: [5]int{4, 4, 2, 4, 3}, Comment: "Phải chờ lâu"}
		if err := db.Rate(ctx, d.Code, d.TrackingSecret, bad); motcua.ErrorCode(err) != motcua.ENOTALLOWED {
			t.Fatalf("rated before the result was returned: %v", err)
		}
		s.act(f.counterA, at.Add(4*time.Hour), motcua.EventResultReturned)
		var link string
		for _, n := range notices(t, db) {
			if strings.Contains(n.Subject, "đã trả kết quả") {
				link = n.Body
			}
		}
		if !strings.Contains(link, motcua.RatePath+"?") || !strings.Contains(link, "khoa="+d.TrackingSecret) {
			t.Fatalf("the result notice does not carry the rating link: %q", link)
		}
		if err := db.Rate(ctx, d.Code, "WRONG123", bad); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("rated with a wrong secret: %v", err)
		}
		if err := db.Rate(ctx, d.Code, d.TrackingSecret, motcua.Rating{Scores: [5]int{4, 4, 0, 4, 3}}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a factor left out: %v", err)
		}
		if err := db.Rate(ctx, d.Code, d.TrackingSecret, bad); err != nil {
			t.Fatal(err)
		}
		if err := db.Rate(ctx, d.Code, d.TrackingSecret, bad); motcua.ErrorCode(err) != motcua.ENOTALLOWED {
			t.Fatalf("rated twice: %v", err)
		}
		reviews, err := db.OpenReviews(ctx, f.leaderA)
		if err != nil || len(reviews) != 1 || reviews[0].DossierCode != d.Code || reviews[0].Rating.Comment != "Phải chờ lâu" {
			t.Fatalf("leader A's open reviews: %+v, %v", reviews, err)
		}
		if other, _ := db.OpenReviews(ctx, f.leaderB); len(other) != 0 {
			t.Fatal("leader B sees commune A's review")
		}
		if err := db.AnswerReview(ctx, f.counterA, reviews[0].ID, "Đã nhắc nhở"); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Fatalf("a counter officer answered the review: %v", err)
		}
		if err := db.AnswerReview(ctx, f.leaderA, reviews[0].ID, "Đơn vị xin lỗi; đã bố trí thêm người tiếp nhận."); err != nil {
			t.Fatal(err)
		}
		if open, _ := db.OpenReviews(ctx, f.leaderA); len(open) != 0 {
			t.Fatal("the answered review is still open")
		}
	})
}

func TestRefusedSubmission(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := motcua.Contact{Phone: "0912000111"}
		sub := f.submission("k3")
		if err := db.Submit(t.Context(), c, sub); err != nil {
			t.Fatal(err)
		}
		if err := db.RefuseSubmission(t.Context(), f.counterA, sub.ID, " "); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("refused without reasons: %v", err)
		}
		if err := db.RefuseSubmission(t.Context(), f.counterA, sub.ID, "Không thuộc thẩm quyền của xã"); err != nil {
			t.Fatal(err)
		}
		got, _ := db.MySubmission(t.Context(), c, sub.ID)
		if got.State != motcua.SubmissionRefused || got.Reason != "Không thuộc thẩm quyền của xã" {
			t.Fatalf("refused submission: %+v", got)
		}
		var sms []string
		for _, n := range notices(t, db) {
			if n.Channel == "sms" {
				sms = append(sms, n.Body)
			}
		}
		if len(sms) != 2 || !strings.Contains(sms[1], "Ly do: Khong thuoc tham quyen cua xa") { // one GSM-7 part
			t.Fatalf("text messages to the phone: %q", sms)
		}
	})
}

// TestTrackingRevealsNothingWithoutTheFactor: an unknown code and a wrong
// secret get the same error; the secret or the phone's last four digits
// open the record, which carries initials only.
func TestTrackingRevealsNothingWithoutTheFactor(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		d := f.accept(t, f.counterA, f.a.ID)
		_, unknown := db.Track(t.Context(), "000.21.99.T01-240304-9999", d.TrackingSecret)
		_, wrong := db.Track(t.Context(), d.Code, "ABCDEFGH")
		_, wrongPhone := db.Track(t.Context(), d.Code, "1111")
		if unknown == nil || motcua.ErrorMessage(unknown) != motcua.ErrorMessage(wrong) || motcua.ErrorMessage(wrong) != motcua.ErrorMessage(wrongPhone) ||
			motcua.ErrorCode(unknown) != motcua.ErrorCode(wrong) {
			t.Fatalf("unknown code %v, wrong secret %v, wrong digits %v", unknown, wrong, wrongPhone)
		}
		for _, factor := range []string{d.TrackingSecret, strings.ToLower(d.TrackingSecret), "5678"} {
			tr, err := db.Track(t.Context(), d.Code, factor)
			if err != nil {
				t.Fatalf("factor %q: %v", factor, err)
			}
			if tr.Initials != "N. V. B." || len(tr.Steps) != 1 || tr.Steps[0].What != "Tiếp nhận hồ sơ" {
				t.Fatalf("tracking: %+v", tr)
			}
		}
	})
}
