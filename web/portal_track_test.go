package web_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/sample"
)

// TestTrackingReadsCodesAsTypedAndExplainsThePause: the code and the
// receipt's secret are read in any case, with the spaces and dashes a
// citizen types; while the dossier waits for a supplement the page and
// the JSON say the clock is paused since when (not the old date), and once
// resumed they show the new date computed on receipt.
func TestTrackingReadsCodesAsTypedAndExplainsThePause(t *testing.T) {
	e := newEnv(t)
	id, code, secret := e.acceptTracked(t, "Nguyễn Thị Tra Cứu")
	anon := e.anonymous()
	api := func(code, secret string) (p page, answer map[string]any) {
		p = anon.trackJSON(t, code, secret)
		json.Unmarshal([]byte(p.body), &answer)
		return p, answer
	}
	typed := strings.ToLower(strings.ReplaceAll(code, "-", " - ")) + " -"
	typedSecret := strings.ToLower(secret[:4] + "-" + secret[4:])
	wantStatus(t, anon.track(t, typed, typedSecret), http.StatusOK)
	if p, _ := api(" "+strings.ToLower(code), strings.ToLower(secret)); p.status != http.StatusOK {
		t.Fatalf("the JSON track of a lower-case code: %d %s", p.status, p.body)
	}

	// A supplement asked two hours later pauses the clock.
	ctx := t.Context()
	specialist, err := e.db.Actor(ctx, fx.CounterA.ID)
	if err != nil {
		t.Fatal(err)
	}
	asked := sample.Now.Add(2 * time.Hour)
	e.db.Now = func() time.Time { return asked }
	d, err := e.db.Dossier(ctx, specialist, id)
	if err != nil {
		t.Fatal(err)
	}
	oldDue := motcua.FormatDateTime(d.DueAt)
	d, err = e.db.Act(ctx, specialist, motcua.Action{DossierID: id, Version: d.Version, Type: motcua.EventSupplementRequested,
		Missing: []string{"Giấy chứng sinh"}})
	if err != nil {
		t.Fatal(err)
	}
	paused := anon.track(t, code, secret)
	check(t, paused, htmlcheck.In("#track-paused", htmlcheck.MatchesText("^"+regexp.QuoteMeta("Tạm dừng tính thời gian từ "+motcua.FormatDate(asked)+" chờ bổ sung hồ sơ"))))
	wantLacks(t, paused, oldDue)
	if p, a := api(code, secret); a["paused_at"] == nil || !strings.Contains(a["due_note"].(string), "Tạm dừng tính thời gian từ "+motcua.FormatDate(asked)) {
		t.Fatalf("the JSON while paused: %s", p.body)
	}

	// Received three days later: a new date, said to be computed anew.
	received := asked.Add(72 * time.Hour)
	e.db.Now = func() time.Time { return received }
	if d, err = e.db.Act(ctx, specialist, motcua.Action{DossierID: id, Version: d.Version, Type: motcua.EventSupplementReceived}); err != nil {
		t.Fatal(err)
	}
	resumed := anon.track(t, code, secret)
	wantContains(t, resumed, motcua.FormatDateTime(d.DueAt))
	check(t, resumed, htmlcheck.In("#track-resumed", htmlcheck.MatchesText("^"+regexp.QuoteMeta("Đã tính lại sau khi nhận hồ sơ bổ sung ngày "+motcua.FormatDate(received)))))
	if motcua.FormatDateTime(d.DueAt) == oldDue {
		t.Fatalf("the due date did not move: %s", oldDue)
	}
	if p, a := api(code, secret); a["paused_at"] != nil || !strings.Contains(p.body, "Đã tính lại") {
		t.Fatalf("the JSON once resumed: %s", p.body)
	}
}
