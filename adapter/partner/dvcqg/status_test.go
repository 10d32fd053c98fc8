package dvcqg_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dvcqg"
)

// TestStatusCoversEveryState: each ledger state has the portal's code; a
// dossier waiting for payment reads as in progress (4), as the portal's list
// we know has no code of its own for it.
func TestStatusCoversEveryState(t *testing.T) {
	want := map[motcua.State]string{motcua.StateProcessing: "4", motcua.StateSupplement: "5", motcua.StatePayment: "4",
		motcua.StateResultReady: "9", motcua.StateReturned: "10", motcua.StateWithdrawn: "7", motcua.StateStopped: "8"}
	for _, s := range motcua.States {
		if got, ok := want[s]; !ok || dvcqg.Status(s) != got {
			t.Errorf("Status(%s) = %s, want %s (known: %v)", s, dvcqg.Status(s), got, ok)
		}
	}
}
