package motcua_test

import (
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

// TestNoticesSayWhatIsOwedAndWhereToPay: an online dossier accepted with
// fees due at intake, and a result ready with fees due at the result, tell
// the amount and the tracking link where it is paid; a dossier owing
// nothing at that stage says nothing of fees.
func TestNoticesSayWhatIsOwedAndWhereToPay(t *testing.T) {
	const base = "https://motcua.example.vn/"
	d := &motcua.Dossier{Code: "000.00.01.H01-240101-0001", TrackingSecret: "k3y", State: motcua.StateProcessing,
		Fees: &motcua.FeeBill{DueAtIntake: 50_000, DueAtResult: 0}}
	track := motcua.TrackURL(base, d)
	n := motcua.SubmissionNotice(&motcua.Submission{ID: 1, ProcedureName: "Chứng thực", State: motcua.SubmissionAccepted}, d, base)
	if !strings.Contains(n.Body, "Phí, lệ phí phải nộp khi tiếp nhận: 50.000 đồng; thanh toán trực tuyến tại trang tra cứu: "+track) ||
		!strings.HasPrefix(n.SMSText, "Phi 50.000d") || n.SMSLink != track {
		t.Errorf("accepted with intake fees: %+v", n)
	}
	ready := *d
	ready.State, ready.Fees = motcua.StateResultReady, &motcua.FeeBill{DueAtResult: 125_500}
	n, ok := motcua.DossierNotice(d, &ready, &motcua.Event{Type: motcua.EventResultReady}, base)
	if !ok || !strings.Contains(n.Body, "khi nhận kết quả: 125.500 đồng") {
		t.Errorf("result ready with result fees: %+v", n)
	}
	ready.Fees = &motcua.FeeBill{DueAtIntake: 50_000}
	if n, _ := motcua.DossierNotice(d, &ready, &motcua.Event{Type: motcua.EventResultReady}, base); strings.Contains(n.Body, "Phí") {
		t.Errorf("a result owing nothing mentions fees: %s", n.Body)
	}
}

// TestWaitingForPaymentIsOneNotice: a dossier accepted waiting for the fees
// due at intake tells the amount, that processing waits for them and where
// to pay — once: online, the acceptance notice is this one; at the counter,
// entering the state sends it; the payment's resumption sends nothing.
func TestWaitingForPaymentIsOneNotice(t *testing.T) {
	const base = "https://motcua.example.vn/"
	d := &motcua.Dossier{Code: "000.00.01.H01-240101-0002", ProcedureName: "Chứng thực", TrackingSecret: "k3y", State: motcua.StatePayment,
		Fees: &motcua.FeeBill{Total: 80_000, DueAtIntake: 50_000, DueAtResult: 30_000}}
	track := motcua.TrackURL(base, d)
	check := func(how string, n motcua.ApplicantNotice) {
		t.Helper()
		if n.Kind != motcua.NoticePaymentDue || !strings.Contains(n.Body, "đang chờ nộp phí, lệ phí: 50.000 đồng") || !strings.Contains(n.Subject, "đã được tiếp nhận") ||
			!strings.Contains(n.Body, "không tính vào thời hạn giải quyết") || !strings.Contains(n.Body, track) ||
			!strings.Contains(n.SMSText, "50.000d") || n.SMSLink != track || n.Code != d.Code {
			t.Errorf("%s: %+v", how, n)
		}
		if motcua.NFC(n.Body) != n.Body {
			t.Errorf("%s: body not NFC", how)
		}
	}
	check("online", motcua.SubmissionNotice(&motcua.Submission{ID: 1, ProcedureName: "Chứng thực", State: motcua.SubmissionAccepted}, d, base))
	n, ok := motcua.DossierNotice(&motcua.Dossier{}, d, &motcua.Event{Type: motcua.EventAccepted}, base)
	if !ok {
		t.Fatal("entering the waiting state tells nothing")
	}
	check("counter", n)
	resumed := *d
	resumed.State = motcua.StateProcessing
	if n, ok := motcua.DossierNotice(d, &resumed, &motcua.Event{Type: motcua.EventPaymentReceived}, base); ok {
		t.Errorf("the resumption sends a notice: %+v", n)
	}
}
