package store_test

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/internal/sms"
	"github.com/motcua/motcua/store"
)

// TestEverySMSIsOneGSM7Part: every kind of notice a citizen gets — the
// one-time code, a submission received, asked to complete, refused or
// accepted, a supplement asked during processing, an apology, the result
// ready and returned, a promised date moved by a day off, processing stopped, a withdrawal, a review's answer
// — reaches a phone as one SMS of at most 160 GSM-7 characters, even for a
// procedure and a unit with very long names and a long list of what is
// missing; the one-time code appears once, and dossier notices keep their
// link.
func TestEverySMSIsOneGSM7Part(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		db.PublicURL = "https://dichvucong.lamdong.gov.vn"
		long := strings.Repeat("Thủ tục cấp đổi, cấp lại giấy chứng nhận đăng ký hộ kinh doanh đặc biệt dài ", 4)
		if _, err := db.SQL().Exec(db.Rebind(`UPDATE units SET name = ? WHERE id = ?`),
			strings.Repeat("Ủy ban nhân dân xã Đắk Lao mở rộng sau sáp nhập ", 5), f.a.ID); err != nil {
			t.Fatal(err)
		}
		p := &motcua.Procedure{Code: "2.000123", Name: long, Field: "Kinh doanh", Level: motcua.LevelCommune,
			Time: f.proc.Time, OnlineLevel: motcua.OnlineFull, Steps: f.proc.Steps,
			EffectiveFrom: f.proc.EffectiveFrom, Documents: f.proc.Documents}
		if err := db.CreateProcedure(ctx, p); err != nil {
			t.Fatal(err)
		}
		c := motcua.Contact{Phone: "0987654321"}
		setNow(db, monday)
		if err := db.RequestCode(ctx, c); err != nil {
			t.Fatal(err)
		}
		missing := []string{strings.Repeat("Bản sao giấy chứng nhận quyền sử dụng đất có chứng thực ", 3),
			strings.Repeat("Văn bản ủy quyền có công chứng của các thành viên hộ gia đình ", 3)}
		submit := func(key string) *motcua.Submission {
			t.Helper()
			s := f.submission(key)
			s.ProcedureID = p.ID
			if err := db.Submit(ctx, c, s); err != nil {
				t.Fatal(err)
			}
			return s
		}
		accept := func(s *motcua.Submission, at time.Time) *scenario {
			t.Helper()
			setNow(db, at)
			d, err := db.AcceptSubmission(ctx, f.counterA, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			return &scenario{t: t, db: db, d: d}
		}
		first := submit("sms-1")
		if err := db.AskAdditions(ctx, f.counterA, first.ID, missing, strings.Repeat("Chụp rõ nét từng trang. ", 10)); err != nil {
			t.Fatal(err)
		}
		if err := db.AddFiles(ctx, c, first.ID, first.Files); err != nil {
			t.Fatal(err)
		}
		at := monday.Add(time.Hour)
		s := accept(first, at)
		s.act(f.counterA, at.Add(time.Hour), motcua.EventSupplementRequested, func(a *motcua.Action) { a.Missing = missing })
		s.act(f.counterA, at.Add(2*time.Hour), motcua.EventSupplementReceived)
		s.act(f.leaderA, at.Add(3*time.Hour), motcua.EventExtended, func(a *motcua.Action) {
			a.Reason, a.NewDueAt = strings.Repeat("Chờ xác minh thông tin từ cơ quan khác. ", 8), s.d.DueAt.Add(48*time.Hour)
		})
		s.act(f.counterA, at.Add(4*time.Hour), motcua.EventHandedOver)
		s.act(f.specialistA, at.Add(5*time.Hour), motcua.EventHandedOver)
		s.act(f.leaderA, at.Add(6*time.Hour), motcua.EventHandedOver)
		s.act(f.counterA, at.Add(7*time.Hour), motcua.EventResultReady)
		s.act(f.counterA, at.Add(8*time.Hour), motcua.EventResultReturned)
		if err := db.Rate(ctx, s.d.Code, s.d.TrackingSecret, motcua.Rating{Scores: [5]int{2, 2, 2, 2, 2}}); err != nil {
			t.Fatal(err)
		}
		reviews, err := db.OpenReviews(ctx, f.leaderA)
		if err != nil || len(reviews) != 1 {
			t.Fatalf("reviews %v, %v", reviews, err)
		}
		if err := db.AnswerReview(ctx, f.leaderA, reviews[0].ID, strings.Repeat("Đơn vị xin tiếp thu và đã nhắc nhở công chức. ", 8)); err != nil {
			t.Fatal(err)
		}
		if err := db.RefuseSubmission(ctx, f.counterA, submit("sms-2").ID, strings.Repeat("Không thuộc thẩm quyền giải quyết của xã. ", 8)); err != nil {
			t.Fatal(err)
		}
		stopped := accept(submit("sms-3"), at.Add(9*time.Hour))
		// A day off declared inside its time moves its promised date.
		dayOff := calendar.Special{Date: calendar.DateOf(stopped.d.DueAt.Add(-24 * time.Hour)), Kind: calendar.DayOff, Name: strings.Repeat("Nghỉ đột xuất do thiên tai ", 5)}
		if moved, err := db.SetCalendarDay(ctx, f.admin, dayOff); err != nil || len(moved) == 0 {
			t.Fatalf("day off %v: moved %v, %v", dayOff.Date, moved, err)
		}
		if stopped.d, err = db.Dossier(ctx, f.counterA, stopped.d.ID); err != nil {
			t.Fatal(err)
		}
		stopped.act(f.leaderA, at.Add(10*time.Hour), motcua.EventStopped, func(a *motcua.Action) { a.Reason = strings.Repeat("Người nộp đề nghị dừng. ", 10) })
		withdrawn := accept(submit("sms-4"), at.Add(11*time.Hour))
		withdrawn.act(f.counterA, at.Add(12*time.Hour), motcua.EventWithdrawn, func(a *motcua.Action) { a.Reason = "Theo đơn của người nộp" })

		otp := regexp.MustCompile(`\b\d{6}\b`)
		kinds := map[string]bool{}
		for _, n := range notices(t, db) {
			if n.Channel != "sms" {
				continue
			}
			kinds[n.Subject] = true
			if !sms.IsGSM7(n.Body) || utf8.RuneCountInString(n.Body) > sms.MaxLen {
				t.Errorf("SMS %q: %d characters, GSM-7 %v:\n%s", n.Subject, utf8.RuneCountInString(n.Body), sms.IsGSM7(n.Body), n.Body)
			}
			switch {
			case n.Sensitive:
				if codes := otp.FindAllString(n.Body, -1); len(codes) != 1 {
					t.Errorf("the one-time code's SMS shows %d codes: %s", len(codes), n.Body)
				}
			case strings.HasPrefix(n.Subject, "Hồ sơ "+s.d.Code) && !strings.Contains(n.Body, db.PublicURL+"/"):
				t.Errorf("SMS %q lacks its link: %s", n.Subject, n.Body)
			}
		}
		if len(kinds) < 14 {
			t.Errorf("%d kinds of SMS sent, want every kind (14): %v", len(kinds), kinds)
		}
	})
}
