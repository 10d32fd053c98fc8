package main

import (
	"flag"

	"github.com/motcua/motcua/ledger"
)

// rulesFlags expose the lifecycle limits that await confirmation against
// the decree or that each province sets (ledger.Rules; the server checks
// their bounds).
func rulesFlags(fs *flag.FlagSet, r *ledger.Rules) {
	fs.Float64Var(&r.ExtensionLeadDays, "extension-lead-days", r.ExtensionLeadDays, "an apology and new date must come at least this many working days before the due instant")
	fs.IntVar(&r.MaxExtensions, "max-extensions", r.MaxExtensions, "how many times one dossier may be extended")
	fs.DurationVar(&r.ApprovalLimit, "late-approval-after", r.ApprovalLimit, "working time after which a late entry needs a unit leader's approval")
}
