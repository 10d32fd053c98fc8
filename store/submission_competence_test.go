package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestOnlineFilingForAnotherCommune: a citizen living in commune B files
// a procedure whose competent unit is the commune of residence. Filed at
// commune A's centre it is refused with the reason while the procedure is
// not listed for intake regardless of boundary, and nothing is stored;
// once listed it is recorded with the residence and the counter chosen for
// the result, it waits in A's centre's queue, and A's counter officer's
// acceptance makes a dossier received by A's centre, decided by B,
// returned at the chosen counter, received for another authority. Filed
// without a counter it goes to the residence's own counter (its centre
// when it has one).
func TestOnlineFilingForAnotherCommune(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		c := newCentres(t, db)
		ctx := t.Context()
		counterA := mustUser(t, db, "motcua.ttxa", "Nguyễn Thị Một", motcua.RoleCounter, c.centreA.ID)
		p := centreProcedure("1.004746", "Đăng ký thường trú", motcua.LevelCommune, "")
		p.Competence = motcua.CompetenceResidence
		if err := db.CreateProcedure(ctx, p); err != nil {
			t.Fatal(err)
		}
		citizen := motcua.Contact{Email: "binh@example.vn"}
		filing := func(key string, unit, residence, returnAt int64) *motcua.Submission {
			return &motcua.Submission{Key: key, ProcedureID: p.ID, UnitID: unit, Delivery: motcua.DeliveryCounter,
				Competence: motcua.CompetenceFacts{ResidenceUnitID: residence}, ReturnUnitID: returnAt,
				Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", Phone: "0987654321"}}
		}

		err := db.Submit(ctx, citizen, filing("early", c.centreA.ID, c.communeB.ID, c.branch.ID))
		wantCode(t, err, motcua.EINVALID)
		if msg := motcua.ErrorMessage(err); !strings.Contains(msg, "không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính: hồ sơ phải nộp tại "+c.communeB.Name) {
			t.Errorf("refusal %q does not say where to file", msg)
		}
		wantCode(t, db.Submit(ctx, citizen, filing("noresidence", c.centreA.ID, 0, 0)), motcua.EINVALID)
		if n := count(t, db, "submissions"); n != 0 {
			t.Fatalf("%d submissions stored after refusals", n)
		}

		if err := db.AddBoundaryFreeListing(ctx, &motcua.BoundaryFreeListing{ProcedureCode: p.Code, Decision: "2463/QĐ-UBND",
			From: time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN)}); err != nil {
			t.Fatal(err)
		}
		s := filing("listed", c.centreA.ID, c.communeB.ID, c.branch.ID)
		if err := db.Submit(ctx, citizen, s); err != nil {
			t.Fatal(err)
		}
		mine, err := db.MySubmission(ctx, citizen, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if mine.UnitID != c.centreA.ID || mine.Competence.ResidenceUnitID != c.communeB.ID || mine.ReturnUnitID != c.branch.ID {
			t.Errorf("stored: unit %d, residence %d, return %d; want %d, %d, %d", mine.UnitID, mine.Competence.ResidenceUnitID,
				mine.ReturnUnitID, c.centreA.ID, c.communeB.ID, c.branch.ID)
		}
		queue, err := db.SubmissionQueue(ctx, counterA)
		if err != nil || len(queue) != 1 || queue[0].ID != s.ID {
			t.Fatalf("centre A's queue: %v, %v", queue, err)
		}
		d, err := db.AcceptSubmission(ctx, counterA, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.ReceivingUnitID != c.centreA.ID || d.DecidingUnitID != c.communeB.ID || d.ReturnUnitID != c.branch.ID ||
			!d.ForOther || d.LocalityUnitID != c.communeB.ID {
			t.Errorf("dossier: receiving %d, deciding %d, return %d, for other %v, locality %d; want %d, %d, %d, true, %d",
				d.ReceivingUnitID, d.DecidingUnitID, d.ReturnUnitID, d.ForOther, d.LocalityUnitID,
				c.centreA.ID, c.communeB.ID, c.branch.ID, c.communeB.ID)
		}

		for _, w := range []struct {
			key       string
			residence int64
			want      *motcua.Unit
		}{{"to-b", c.communeB.ID, c.communeB}, {"to-a", c.communeA.ID, c.centreA}} {
			s := filing(w.key, 0, w.residence, 0)
			if err := db.Submit(ctx, citizen, s); err != nil {
				t.Fatalf("%s: %v", w.key, err)
			}
			if s.UnitID != w.want.ID {
				t.Errorf("filed without a counter, residence %d: went to %d, want %s", w.residence, s.UnitID, w.want.Name)
			}
		}
	})
}
