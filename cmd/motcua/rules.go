package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/motcua/motcua/ledger"
)

// rulesFlags exposes the lifecycle limits that await confirmation against
// the decree or that each province sets (ledger.Rules).
func rulesFlags(fs *flag.FlagSet) func() (ledger.Rules, error) {
	def := ledger.DefaultRules()
	lead := fs.Float64("extension-lead-days", def.ExtensionLeadDays, "an apology and new date must come at least this many working days before the due instant")
	maxExt := fs.Int("max-extensions", def.MaxExtensions, "how many times one dossier may be extended")
	approval := fs.Duration("late-approval-after", def.ApprovalLimit, "working time after which a late entry needs a unit leader's approval")
	return func() (ledger.Rules, error) {
		r := def
		r.ExtensionLeadDays, r.MaxExtensions, r.ApprovalLimit = *lead, *maxExt, *approval
		switch {
		case r.ExtensionLeadDays < 0 || r.ExtensionLeadDays > 30:
			return r, fmt.Errorf("--extension-lead-days %v: want 0 to 30", r.ExtensionLeadDays)
		case r.MaxExtensions < 0 || r.MaxExtensions > 10:
			return r, fmt.Errorf("--max-extensions %d: want 0 to 10", r.MaxExtensions)
		case r.ApprovalLimit < 0 || r.ApprovalLimit > 31*24*time.Hour:
			return r, fmt.Errorf("--late-approval-after %v: want 0 to 744h", r.ApprovalLimit)
		}
		return r, nil
	}
}
