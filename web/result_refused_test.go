package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// The bad inputs of issue 18's acceptance, each refused with a Vietnamese
// message and nothing written. Covered elsewhere: a disguised file at
// intake (TestIntakeWithScansShowsThemOnTheDossierPage) and as the result
// (TestOfficerAttachesTheResultCitizenDownloadsIt), a revoked certificate
// (TestRevokedCertificateIssuesNothing); in the store on both engines
// (TestScansRefusedStoreNothing, TestIssuedResultCodeHashSupersedeRevoke).

// TestResultRefusedWhenNotReadyOrAlreadyValid: the leader cannot issue an
// electronic result for a dossier whose result is not recorded yet, nor a
// second one while the first is valid unless it supersedes it; each is
// refused on the dossier page with the reason, and no result, event or
// result file row is written. (The document the system renders reaches
// the file store before the store refuses — a row never names a file not
// there — and, named by no row, is removed by the nightly sweep.)
func TestResultRefusedWhenNotReadyOrAlreadyValid(t *testing.T) {
	onEachEngine(t, func(t *testing.T, e *env) {
		id, _, _ := e.acceptTracked(t, "Nguyễn Văn Sớm")
		dossierPath := fmt.Sprintf("/dossiers/%d", id)
		counter, specialist, leader := e.login(t, fx.CounterA), e.login(t, fx.SpecialistA), e.login(t, fx.LeaderA)
		wantRedirect(t, counter.act(t, id, "handed_over", 1), dossierPath)
		wantRedirect(t, specialist.act(t, id, "handed_over", 2), dossierPath)
		code, _, _ := e.dossier(t, id)

		refused := func(what, says string, issued int) {
			t.Helper()
			ledger := e.counts(t)
			p := leader.postMultipart(t, dossierPath+"/issued", url.Values{"result_text": {"Cấp bản sao trích lục khai sinh."}})
			wantStatus(t, p, http.StatusConflict)
			check(t, p, errorSays(says))
			e.wantCounts(t, ledger)
			if n, m := e.countRows(t, "issued_results"), e.countRows(t, "result_files"); n != issued || m != issued {
				t.Errorf("%s: %d issued results, %d result files, want %d", what, n, m, issued)
			}
			if temps, _ := filepath.Glob(filepath.Join(e.files, ".upload-*")); len(temps) != 0 {
				t.Errorf("%s left %d temporary files", what, len(temps))
			}
		}
		refused("not ready", "Hồ sơ "+code+" chưa có kết quả giải quyết; chưa thể phát hành kết quả điện tử.", 0)

		wantRedirect(t, leader.post(t, dossierPath+"/actions", url.Values{"type": {"result_ready"}, "version": {"3"},
			"result_text": {"Cấp bản sao trích lục khai sinh cho ông Nguyễn Văn Sớm."}}), dossierPath)
		first := validCode(t, leader.get(t, dossierPath))
		refused("a second result", "Hồ sơ "+code+" đã có kết quả điện tử mã "+first+" còn hiệu lực; muốn sửa, hãy phát hành kết quả thay thế kết quả đó.", 1)
		check(t, leader.get(t, dossierPath), htmlcheck.In(`#issued-results tr[data-status="valid"][data-code="`+first+`"]`))
	})
}

// TestIntakeScanOverTheLimitStoresNothing: a component's scan one byte
// over the limit refuses the intake with a message naming the file and
// the limit; no dossier, no scan, no file is kept.
func TestIntakeScanOverTheLimitStoresNothing(t *testing.T) {
	onEachEngine(t, func(t *testing.T, e *env) {
		counter := e.login(t, fx.CounterA)
		big := append(append([]byte{}, pdf...), bytes.Repeat([]byte("%"), motcua.MaxComponentFile+1-len(pdf))...)
		p := counter.postMultipart(t, "/intake", intakeForm(fx.UnitA.ID, "Nguyễn Văn Lớn"), formFile{"scan_0", "to-khai.pdf", big})
		wantStatus(t, p, http.StatusUnprocessableEntity)
		wantContains(t, p, "Tệp “to-khai.pdf” lớn hơn 10 MB, vượt giới hạn cho phép.")
		e.wantCounts(t, [2]int{0, 0})
		temps, _ := filepath.Glob(filepath.Join(e.files, ".upload-*"))
		if n := e.countRows(t, "component_files"); n != 0 || storedFiles(t, e.files) != 0 || len(temps) != 0 {
			t.Errorf("the refused intake kept %d scans, %d files, %d temporary files", n, storedFiles(t, e.files), len(temps))
		}
	})
}
