package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// digitalFixture is a hand-made set of dossiers, all accepted at commune A
// on Monday 04/03/2024 unless said otherwise, for indicators 4.1–4.4. The
// fixture procedure's result type is empty, which counts as a document;
// proc2's result ("cập nhật cơ sở dữ liệu") is not a document.
//
//	     what                                             4.1 in/met  4.2  4.3  4.4
//	D1   counter, 2 components scanned, result issued      in  met     met  -    -
//	D2   counter, 1 of 2 scanned (origin reused), none     in  -       -    met  -
//	D3   online, the upload, result issued                 in  met     met  -    -
//	D4   counter, scanned, result issued then revoked      in  -       -    -    -
//	D5   counter, component reused, no result              in  -       -    met  -
//	D6   proc2, counter, component national, no result     out         met  met  met
//	D7   counter, scanned, result issued and pushed        in  met     met  -    met
//	D8   counter, scanned, result pushed then superseded   in  met     met  -    -
//	     by a correction not pushed
//	D9   online, upload taken from the national store      in  -       -    met  met
//	D10  counter, scanned, result keyed late, still        in  -       -    -    -
//	     waiting for the leader's approval
//	D11  counter, scanned, result keyed late, approved     in  met     met  -    -
//	B1   commune B, counter, scanned, no result (outside commune A's scope)
//
// Commune A, March: 4.1 = 5/10 (D1 D3 D7 D8 D11 of all but D6) = 50,00 %;
// 4.2 = 6/11 (D1 D3 D6 D7 D8 D11) = 54,55 %; 4.3 = 4/11 (D2 D5 D6 D9) =
// 36,36 %; 4.4 = 3/11 (D6 D7 D9) = 27,27 %. The district adds B1 to every
// denominator (4.1's too: its result is a document) and to no numerator:
// 5/11, 6/12, 4/12, 3/12.
type digitalFixture struct {
	*fixture
	proc2 *motcua.Procedure
	codes map[string]string // D1… → dossier code
}

func newDigitalFixture(t *testing.T, db *store.DB) *digitalFixture {
	t.Helper()
	return buildDigitalFixture(t, db, func(string) {})
}

// buildDigitalFixture builds the fixture, calling after with what was
// just written after each write.
func buildDigitalFixture(t *testing.T, db *store.DB, after func(what string)) *digitalFixture {
	t.Helper()
	ctx := t.Context()
	f := &digitalFixture{fixture: newFixture(t, db), codes: map[string]string{}}
	p2 := *f.proc
	p2.ID, p2.Code, p2.Name, p2.ResultType = 0, "1.004884", "Đăng ký thường trú", "Cập nhật thông tin vào Cơ sở dữ liệu về cư trú"
	f.proc2 = &p2
	if err := db.CreateProcedure(ctx, f.proc2); err != nil {
		t.Fatal(err)
	}
	setNow(db, monday)
	counter := func(name string, in motcua.Intake, scans ...motcua.ComponentFile) *motcua.Dossier {
		t.Helper()
		setNow(db, monday)
		d, err := db.AcceptDigitised(ctx, f.counterA, in, scans)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f.codes[name] = d.Code
		after(name + " accepted at the counter")
		return d
	}
	online := func(name, key string) (*motcua.Dossier, *motcua.Submission) {
		t.Helper()
		setNow(db, monday)
		sub := f.submission(key)
		if err := db.Submit(ctx, motcua.Contact{Email: key + "@example.vn"}, sub); err != nil {
			t.Fatal(err)
		}
		after(name + " submitted")
		d, err := db.AcceptSubmission(ctx, f.counterA, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.codes[name] = d.Code
		after(name + " accepted online")
		return d, sub
	}
	reused := scan(0, "cccd.pdf", 100, 0xe)
	reused.Origin = motcua.OriginReused
	national := scan(0, "so-ho-khau.pdf", 100, 0xf)
	national.Origin = motcua.OriginNational

	d1 := counter("D1", f.twoComponents(), scan(0, "a.pdf", 10, 1), scan(1, "b.pdf", 10, 2))
	f.issue(t, d1, 'a')
	after("D1 issued")
	second := reused
	second.Component = 1
	counter("D2", f.twoComponents(), second)
	d3, _ := online("D3", "d3")
	f.issue(t, d3, 'b')
	after("D3 issued")
	d4 := counter("D4", f.intake(f.a.ID), scan(0, "a.pdf", 10, 3))
	if err := db.RevokeResult(ctx, f.leaderA, f.issue(t, d4, 'c'), "Cấp nhầm người"); err != nil {
		t.Fatal(err)
	}
	after("D4 revoked")
	counter("D5", f.intake(f.a.ID), reused)
	in6 := f.intake(f.a.ID)
	in6.ProcedureID = f.proc2.ID
	counter("D6", in6, national)
	d7 := counter("D7", f.intake(f.a.ID), scan(0, "a.pdf", 10, 4))
	f.push(t, f.issue(t, d7, 'd'))
	after("D7 issued and pushed")
	d8 := counter("D8", f.intake(f.a.ID), scan(0, "a.pdf", 10, 5))
	old := f.issue(t, d8, 'e')
	f.push(t, old)
	after("D8 issued and pushed")
	setNow(db, monday.Add(5*time.Hour))
	if _, err := db.IssueResult(ctx, f.leaderA, d8.ID, old, "Sai ngày sinh", store.ResultIssue{File: resultFile('f')}); err != nil {
		t.Fatal(err)
	}
	after("D8 corrected")
	d9, sub9 := online("D9", "d9")
	// No write path stores an online upload taken from the national store
	// yet: the fixture writes it, then judges the dossier as one would.
	if _, err := db.SQL().ExecContext(ctx, db.Rebind(`UPDATE submission_files SET origin = 'national', source = 'kho-123' WHERE submission_id = ?`), sub9.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Redigitise(ctx, d9.ID); err != nil {
		t.Fatal(err)
	}
	after("D9 national upload")
	d10 := counter("D10", f.intake(f.a.ID), scan(0, "a.pdf", 10, 7))
	f.issueLate(t, d10, 'g')
	after("D10 issued late")
	d11 := counter("D11", f.intake(f.a.ID), scan(0, "a.pdf", 10, 8))
	s11 := f.issueLate(t, d11, 'h')
	after("D11 issued late")
	s11.act(f.leaderA, monday.AddDate(0, 0, 1).Add(8*time.Hour), motcua.EventLateApproved)
	after("D11 late result approved")
	setNow(db, monday)
	b1, err := db.AcceptDigitised(ctx, f.counterB, f.intake(f.b.ID), []motcua.ComponentFile{scan(0, "b1.pdf", 10, 6)})
	if err != nil {
		t.Fatal(err)
	}
	f.codes["B1"] = b1.Code
	after("B1 accepted at the counter")
	return f
}

// issue takes a dossier of commune A to its result with an electronic
// result, and returns the result's code.
func (f *digitalFixture) issue(t *testing.T, d *motcua.Dossier, file byte) string {
	t.Helper()
	s := &scenario{t: t, db: f.db, d: d}
	at := monday.Add(time.Hour)
	s.act(f.counterA, at, motcua.EventHandedOver)
	s.act(f.specialistA, at.Add(time.Hour), motcua.EventHandedOver)
	s.act(f.leaderA, at.Add(2*time.Hour), motcua.EventHandedOver)
	setNow(f.db, at.Add(3*time.Hour))
	if _, err := f.db.ActIssuing(t.Context(), f.counterA, motcua.Action{DossierID: d.ID, Version: s.d.Version, Type: motcua.EventResultReady},
		store.ResultIssue{File: resultFile(file)}); err != nil {
		t.Fatal(err)
	}
	list, err := f.db.DossierResults(t.Context(), f.counterA, d.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("results of %s: %+v, %v", d.Code, list, err)
	}
	return list[0].Code
}

// issueLate takes a dossier of commune A to its last step, then records
// its result with its file the next afternoon as having happened the day
// before: a late entry that waits for the leader's approval.
func (f *digitalFixture) issueLate(t *testing.T, d *motcua.Dossier, file byte) *scenario {
	t.Helper()
	s := &scenario{t: t, db: f.db, d: d}
	at := monday.Add(time.Hour)
	s.act(f.counterA, at, motcua.EventHandedOver)
	s.act(f.specialistA, at.Add(time.Hour), motcua.EventHandedOver)
	s.act(f.leaderA, at.Add(2*time.Hour), motcua.EventHandedOver)
	setNow(f.db, monday.AddDate(0, 0, 1).Add(7*time.Hour)) // Tuesday 16:00
	late := motcua.Action{DossierID: d.ID, Version: s.d.Version, Type: motcua.EventResultReady, At: at.Add(3 * time.Hour), Reason: "Mất điện"}
	next, err := f.db.ActIssuing(t.Context(), f.counterA, late, store.ResultIssue{File: resultFile(file)})
	if err != nil || next.Pending == nil {
		t.Fatalf("the late result of %s is not pending: %v", d.Code, err)
	}
	s.d = next
	return s
}

// push marks a result's link as received by the citizen's national store,
// as the pusher does once the store answers (DB.MarkPushed).
func (f *digitalFixture) push(t *testing.T, code string) {
	t.Helper()
	var id int64
	if err := f.db.SQL().QueryRowContext(t.Context(), f.db.Rebind(`SELECT id FROM issued_results WHERE code = ?`), code).Scan(&id); err != nil {
		t.Fatalf("push %s: %v", code, err)
	}
	if err := f.db.MarkPushed(t.Context(), id, monday.Add(6*time.Hour)); err != nil {
		t.Fatalf("push %s: %v", code, err)
	}
}

// march is the period of the fixture, for unit.
func march(unit int64) report.Query {
	return report.Query{From: vn(3, 1, 0, 0), To: vn(4, 1, 0, 0), UnitID: unit}
}

// TestDigitalIndicatorsOnAHandMadeFixture: the four indicators of the
// fixture equal the hand-computed figures above for commune A and for the
// district; a period before the dossiers holds none (0 / 0 shows "—").
func TestDigitalIndicatorsOnAHandMadeFixture(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newDigitalFixture(t, db)
		for _, c := range []struct {
			unit int64
			want []string
		}{
			{f.a.ID, []string{"4.1 5/10 50,00 %", "4.2 6/11 54,55 %", "4.3 4/11 36,36 %", "4.4 3/11 27,27 %"}},
			{f.district.ID, []string{"4.1 5/11 45,45 %", "4.2 6/12 50,00 %", "4.3 4/12 33,33 %", "4.4 3/12 25,00 %"}},
		} {
			got, err := db.DigitalIndicators(t.Context(), march(c.unit))
			if err != nil {
				t.Fatal(err)
			}
			if s := showIndicators(got); !slices.Equal(s, c.want) {
				t.Errorf("unit %d: %q, want %q", c.unit, s, c.want)
			}
		}
		q := march(f.a.ID)
		q.From, q.To = vn(2, 1, 0, 0), vn(3, 1, 0, 0)
		got, err := db.DigitalIndicators(t.Context(), q)
		if err != nil || !slices.Equal(showIndicators(got), []string{"4.1 0/0 —", "4.2 0/0 —", "4.3 0/0 —", "4.4 0/0 —"}) {
			t.Errorf("February: %q, %v", showIndicators(got), err)
		}
		if _, err := db.DigitalIndicators(t.Context(), report.Query{UnitID: f.a.ID}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("a query without a period: %v", err)
		}
	})
}

func showIndicators(list []report.DigitalIndicator) []string {
	var out []string
	for _, i := range list {
		out = append(out, i.Code+" "+itoa(i.Numerator)+"/"+itoa(i.Denominator)+" "+i.Rate())
	}
	return out
}

// TestDigitalDrillDownListsWhatTheFiguresCount: for each indicator the
// dossiers listed as meeting it and as not meeting it are the fixture's,
// as many as the figures say; 4.2's verdict on each dossier is the
// dossier page's (DB.Digitisation); pages follow the offset; each dossier
// listed is an audited read; a district leader, who may not view the
// communes' dossiers, gets the counts and no list; an unknown indicator is
// refused.
func TestDigitalDrillDownListsWhatTheFiguresCount(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newDigitalFixture(t, db)
		ctx := t.Context()
		want := map[string][2][]string{ // met, not met
			"4.1": {{"D1", "D3", "D7", "D8", "D11"}, {"D2", "D4", "D5", "D9", "D10"}},
			"4.2": {{"D1", "D3", "D6", "D7", "D8", "D11"}, {"D2", "D4", "D5", "D9", "D10"}},
			"4.3": {{"D2", "D5", "D6", "D9"}, {"D1", "D3", "D4", "D7", "D8", "D10", "D11"}},
			"4.4": {{"D6", "D7", "D9"}, {"D1", "D2", "D3", "D4", "D5", "D8", "D10", "D11"}},
		}
		for code, sides := range want {
			for i, names := range sides {
				met := i == 0
				dd, err := db.DigitalIndicatorDossiers(ctx, f.leaderA, march(f.a.ID), code, met, 0)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, d := range dd.Rows {
					got = append(got, d.Code)
				}
				wantCodes := f.named(names)
				codes, err := db.DigitalIndicatorCodes(ctx, march(f.a.ID), code, met)
				if slices.Sort(codes); err != nil || !slices.Equal(codes, wantCodes) {
					t.Errorf("%s met=%t: the command line lists %v, %v; want %v", code, met, codes, err, names)
				}
				slices.Sort(got)
				if !slices.Equal(got, wantCodes) || dd.Total != len(names) || dd.Visible != len(names) || dd.Hidden != 0 {
					t.Errorf("%s met=%t: %v (total %d, visible %d), want %v", code, met, got, dd.Total, dd.Visible, names)
				}
				for _, d := range dd.Rows {
					if code != "4.2" {
						continue
					}
					dg, err := db.Digitisation(ctx, f.leaderA, d.ID)
					if err != nil || dg.Complete != met || (dd.Facts[d.ID].Shortfall(code) == "") != met {
						t.Errorf("%s: the dossier page says %+v (%v), the drill-down met=%t, shortfall %q", d.Code, dg, err, met, dd.Facts[d.ID].Shortfall(code))
					}
				}
			}
		}
		all, _ := db.DigitalIndicatorDossiers(ctx, f.leaderA, march(f.a.ID), "4.4", false, 0)
		page, err := db.DigitalIndicatorDossiers(ctx, f.leaderA, march(f.a.ID), "4.4", false, 4)
		if err != nil || len(page.Rows) != 4 || page.Rows[0].ID != all.Rows[4].ID || page.Total != 8 || page.Visible != 8 {
			t.Fatalf("the page from offset 4: %+v, %v", page, err)
		}
		if reads := count(t, db, "audit_log WHERE action = 'dossier.read' AND object = '"+f.codes["D9"]+"'"); reads != 4 {
			t.Errorf("D9 listed 4 times (met 4.3, 4.4; not met 4.1, 4.2) but read %d times in the audit", reads)
		}

		district := mustUser(t, db, "lanhdao.huyen", "Đinh Văn Huyện", motcua.RoleLeader, f.district.ID)
		dd, err := db.DigitalIndicatorDossiers(ctx, district, march(f.district.ID), "4.2", false, 0)
		if err != nil || dd.Total != 6 || dd.Visible != 0 || dd.Hidden != 6 || len(dd.Rows) != 0 {
			t.Fatalf("the district leader's drill-down: %+v, %v; want 6 counted (B1 too), none listed", dd, err)
		}
		if _, err := db.DigitalIndicatorDossiers(ctx, f.leaderA, march(f.a.ID), "4.5", true, 0); motcua.ErrorCode(err) != motcua.EINVALID ||
			!strings.Contains(motcua.ErrorMessage(err), "4.1, 4.2, 4.3 hoặc 4.4") {
			t.Fatalf("indicator 4.5: %v", err)
		}
	})
}

// named turns fixture names into dossier codes, sorted.
func (f *digitalFixture) named(names []string) []string {
	var out []string
	for _, n := range names {
		out = append(out, f.codes[n])
	}
	slices.Sort(out)
	return out
}
