package ledger_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// TestRepeatedSupplementRequest: the one-stop asks for everything missing
// at once; Decision 766 counts a dossier asked more than once as late. The
// first request needs no reason and takes effect; a further one needs a
// reason and waits for the unit leader (the late-entry approval), and only
// an approved one counts. Accepted Mon 04/03/2024 09:00.
func TestRepeatedSupplementRequest(t *testing.T) {
	const accept = "2024-03-04 09:00"
	ask := func(reason string) motcua.Action {
		return motcua.Action{Type: motcua.EventSupplementRequested, Missing: []string{"Giấy chứng sinh"}, Reason: reason}
	}
	none := func(*dossierLog) {}
	askedOnce := func(l *dossierLog) {
		l.do("2024-03-04 10:00", ask(""))
		l.do("2024-03-05 09:00", motcua.Action{Type: motcua.EventSupplementReceived})
	}
	rejectedRepeat := func(l *dossierLog) {
		askedOnce(l)
		l.do("2024-03-05 10:00", ask("Bản sao chưa chứng thực"))
		l.do("2024-03-05 10:30", reject())
	}
	approvedRepeat := func(l *dossierLog) {
		askedOnce(l)
		l.do("2024-03-05 10:00", ask("Bản sao chưa chứng thực"))
		l.do("2024-03-05 10:30", approve())
		l.do("2024-03-06 09:00", motcua.Action{Type: motcua.EventSupplementReceived})
	}
	cases := []struct {
		name        string
		setup       func(*dossierLog)
		action      motcua.Action
		code, field string
		wantPending bool // the event waits for the leader, marked Repeat
		wantCounted int  // Supplements before the action
	}{
		{"first request without a reason", none, ask(""), "", "", false, 0},
		{"first request with a reason", none, ask("Thiếu giấy chứng sinh"), "", "", false, 0},
		{"second request without a reason", askedOnce, ask(""), motcua.EINVALID, "reason", false, 1},
		{"second request with a blank reason", askedOnce, ask(" \u00a0"), motcua.EINVALID, "reason", false, 1},
		{"second request with a reason waits for the leader", askedOnce, ask("Bản sao chưa chứng thực"), "", "", true, 1},
		{"after a rejected repeat, still one counted", rejectedRepeat, ask(""), motcua.EINVALID, "reason", false, 1},
		{"third request after an approved second", approvedRepeat, ask("Còn thiếu trang 2"), "", "", true, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog(t, procedure(3, motcua.WorkingDays), accept)
			c.setup(l)
			if d, _ := l.project(); d.Supplements != c.wantCounted {
				t.Fatalf("Supplements = %d before the action, want %d", d.Supplements, c.wantCounted)
			}
			e, err := l.try("2024-03-07 08:00", c.action)
			checkErr(t, err, c.code, c.field)
			if err != nil {
				return
			}
			if e.Data.Pending != c.wantPending || e.Data.Repeat != c.wantPending {
				t.Fatalf("pending %v repeat %v, want %v", e.Data.Pending, e.Data.Repeat, c.wantPending)
			}
			l.events = append(l.events, e)
			d, _ := l.project()
			if !c.wantPending {
				if d.State != motcua.StateSupplement || d.Supplements != c.wantCounted+1 {
					t.Errorf("state %s, %d requests counted; want supplement, %d", d.State, d.Supplements, c.wantCounted+1)
				}
				return
			}
			if d.State != motcua.StateProcessing || d.Pending == nil || !d.Pending.Repeat || d.Supplements != c.wantCounted {
				t.Fatalf("waiting: state %s, pending %+v, %d counted", d.State, d.Pending, d.Supplements)
			}
			if _, err := l.try("2024-03-07 08:10", handOver(t, "")); motcua.ErrorCode(err) != motcua.ENOTALLOWED {
				t.Errorf("another action while the repeat waits: %v", err)
			}
			if n := len(ledger.CountedSupplements(l.events)); n != c.wantCounted {
				t.Errorf("CountedSupplements while waiting = %d, want %d", n, c.wantCounted)
			}
			l.do("2024-03-07 08:20", approve())
			if d, _ := l.project(); d.State != motcua.StateSupplement || d.Supplements != c.wantCounted+1 || d.Pending != nil {
				t.Errorf("approved: state %s, %d counted, pending %+v", d.State, d.Supplements, d.Pending)
			}
			if n := len(ledger.CountedSupplements(l.events)); n != c.wantCounted+1 {
				t.Errorf("CountedSupplements once approved = %d, want %d", n, c.wantCounted+1)
			}
		})
	}
}
