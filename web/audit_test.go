package web_test

import (
	"net/url"
	"strconv"
	"testing"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/store/storetest"
)

// TestAuditPageShowsReadsAndChecksTheChain: the administrator finds the
// officer's read of a dossier by its code and checks the chain; an edited
// entry shows as broken.
func TestAuditPageShowsReadsAndChecksTheChain(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	id := counter.accept(t, fx.UnitA.ID, "Nguyễn Văn Nhật Ký")
	code, _, _ := e.dossier(t, id)
	counter.get(t, "/dossiers/"+strconv.FormatInt(id, 10)) // a read of the applicant's data
	admin := e.login(t, fx.Admin)
	p := admin.get(t, "/audit?object="+url.QueryEscape(code))
	wantStatus(t, p, 200)
	wantContains(t, p, "event.accepted", fx.CounterA.Username, "dossier.read")
	whole := admin.post(t, "/audit/verify", nil)
	check(t, whole, htmlcheck.In("#audit-check", htmlcheck.HasText("Nhật ký nguyên vẹn")))
	if err := storetest.TamperAuditActor(t.Context(), e.db, 2, "ai đó"); err != nil {
		t.Fatal(err)
	}
	broken := admin.post(t, "/audit/verify", nil)
	wantContains(t, broken, "Chuỗi nhật ký đã bị sửa hoặc xoá", "dòng 2: nội dung không khớp")
}
