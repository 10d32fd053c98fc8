package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

// TestOfficerSeesTheNationalOrigin: a dossier filed on the National Public
// Service Portal says so, with its national code, in the online queue, on
// the submission's page and, once accepted, on the dossier's page; one
// filed on the portal itself does not.
func TestOfficerSeesTheNationalOrigin(t *testing.T) {
	onEachEngine(t, func(t *testing.T, e *env) {
		const code, origin = "G22.41-251218-0007", "Nộp qua Cổng Dịch vụ công quốc gia"
		sub := &motcua.Submission{ProcedureID: fx.Birth.ID, UnitID: fx.UnitA.ID, Delivery: motcua.DeliveryOnline,
			Applicant: motcua.Applicant{Name: "Phạm Thị Hạnh", Phone: "0912000555"},
			Files: []motcua.SubmittedFile{{Document: fx.Birth.Documents[0].Name, FileName: "to-khai.pdf", ContentType: "application/pdf",
				Size: 10, SHA256: strings.Repeat("ef", 32)}}}
		if err := e.db.SubmitNational(t.Context(), motcua.Contact{Phone: "0912000555"}, sub, code); err != nil {
			t.Fatal(err)
		}
		officer := e.login(t, fx.CounterA)
		wantContains(t, officer.get(t, "/submissions"), origin, code)
		wantContains(t, officer.get(t, fmt.Sprintf("/submissions/%d", sub.ID)), origin, "Mã hồ sơ quốc gia", code)

		p := officer.post(t, fmt.Sprintf("/submissions/%d/accept", sub.ID), nil)
		if p.status != http.StatusSeeOther || !strings.HasPrefix(p.header.Get("Location"), "/dossiers/") {
			t.Fatalf("accept: status %d, location %q", p.status, p.header.Get("Location"))
		}
		dossier := strings.TrimSuffix(p.header.Get("Location"), "?accepted=1")
		wantContains(t, officer.get(t, dossier), origin, code)

		own, _, _, _ := onlineDossier(t, e)
		wantLacks(t, officer.get(t, own), origin)
	})
}
