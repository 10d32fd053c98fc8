package report

import (
	"github.com/motcua/motcua"
)

// Groups 3 (online services and payments) and 4 (the digital dossier) of
// the scorecard.

// offeredOnline is 3.1: the procedures of the unit's competence offered
// online, partly or fully.
func (c *scoring) offeredOnline() Indicator766 {
	cat := c.in.Catalogue
	if cat.Procedures == nil {
		return noData("3.1", "Không có danh mục thủ tục thuộc thẩm quyền của đơn vị.")
	}
	return catalogueTally("3.1", cat.Procedures, set(cat.Online))
}

// servicesUsed is 3.2: the online services that received at least one
// online dossier accepted in the period.
func (c *scoring) servicesUsed() Indicator766 {
	cat := c.in.Catalogue
	if cat.Online == nil {
		return noData("3.2", "Không có danh mục dịch vụ công trực tuyến của đơn vị.")
	}
	used := map[string]bool{}
	for k := range c.records {
		if r := &c.records[k]; c.accepted(r) && r.Channel == motcua.ChannelOnline {
			used[r.ProcedureCode] = true
		}
	}
	return catalogueTally("3.2", cat.Online, used)
}

// catalogueTally counts the procedures codes, and those marked.
func catalogueTally(code string, codes []string, marked map[string]bool) Indicator766 {
	i := newIndicator(code)
	for _, p := range unique(codes) {
		i.Denominator++
		i.Considered = append(i.Considered, p)
		if marked[p] {
			i.Numerator++
			i.Counted = append(i.Counted, p)
		}
	}
	i.finish(1)
	return i
}

// filedOnline is 3.3: the dossiers accepted in the period that were filed
// online — one of a procedure whose result is a document only with a
// result code and a link to its file — times the sync rate.
func (c *scoring) filedOnline() Indicator766 {
	i := c.tally("3.3", c.accepted, CountsOnline766)
	if s := c.in.Sync; s != nil && s.Received > 0 && !i.NA {
		i.finish(float64(s.Synced) / float64(s.Received))
		i.Note = "Đã nhân tỉ lệ đồng bộ hồ sơ (chỉ số 1.4)."
	} else if !i.NA {
		i.Note = "Chưa nhân tỉ lệ đồng bộ hồ sơ: chưa có số liệu chỉ số 1.4."
	}
	return i
}

// CountsOnline766 is 3.3's rule for one record.
func CountsOnline766(r *motcua.NationalRecord) bool {
	return r.Channel == motcua.ChannelOnline && (!r.ResultIsDocument || hasCodedResult(r))
}

func hasCodedResult(r *motcua.NationalRecord) bool {
	for _, res := range r.Results {
		if res.Code != "" && res.FileURL != "" {
			return true
		}
	}
	return false
}

func hasResultLink(r *motcua.NationalRecord) bool {
	for _, res := range r.Results {
		if res.FileURL != "" {
			return true
		}
	}
	return false
}

// feeData is 3.5: the procedures with fees in the catalogue whose dossiers
// accepted in the period carry fee data (an amount other than 0).
func (c *scoring) feeData() Indicator766 {
	cat := c.in.Catalogue
	if cat.WithFees == nil {
		return noData("3.5", "Không có danh mục thủ tục có phí, lệ phí.")
	}
	withData := map[string]bool{}
	for k := range c.records {
		if r := &c.records[k]; c.accepted(r) && carriesFees(r) {
			withData[r.ProcedureCode] = true
		}
	}
	return catalogueTally("3.5", cat.WithFees, withData)
}

func carriesFees(r *motcua.NationalRecord) bool {
	for _, f := range r.Fees {
		if f.Amount != 0 {
			return true
		}
	}
	return false
}

// paidOnline is 3.6: of the dossiers accepted in the period of procedures
// with fees — less those whose every fee line is 0 — those paid online.
func (c *scoring) paidOnline() Indicator766 {
	cat := c.in.Catalogue
	if cat.WithFees == nil {
		return noData("3.6", "Không có danh mục thủ tục có phí, lệ phí.")
	}
	fees := set(cat.WithFees)
	in := func(r *motcua.NationalRecord) bool {
		return c.accepted(r) && fees[r.ProcedureCode] && (len(r.Fees) == 0 || carriesFees(r))
	}
	return c.tally("3.6", in, func(r *motcua.NationalRecord) bool {
		return r.PaidOnline == motcua.PaidOnNationalPortal || r.PaidOnline == motcua.PaidThroughProvince
	})
}

// electronicResults is 4.1: of the dossiers whose result is a document,
// those with a link to an electronic result.
func (c *scoring) electronicResults() Indicator766 {
	return c.tally("4.1", func(r *motcua.NationalRecord) bool { return c.accepted(r) && r.ResultIsDocument }, hasResultLink)
}

// digitised is 4.2: the dossiers with a file on every component and, where
// the result is a document, an electronic result.
func (c *scoring) digitised() Indicator766 { return c.tally("4.2", c.accepted, Digitised766) }

// Digitised766 is 4.2's rule for one record.
func Digitised766(r *motcua.NationalRecord) bool {
	if len(r.Components) == 0 || (r.ResultIsDocument && !hasResultLink(r)) {
		return false
	}
	for _, comp := range r.Components {
		if !comp.Digitised {
			return false
		}
	}
	return true
}

// reused is 4.3: the dossiers with a component marked as reused data.
func (c *scoring) reused() Indicator766 {
	return c.tally("4.3", c.accepted, func(r *motcua.NationalRecord) bool {
		for _, comp := range r.Components {
			if comp.Reused {
				return true
			}
		}
		return false
	})
}

// shared is 4.4: the dossiers with a component taken from the citizen's
// national data store, or whose electronic result's link was pushed to it.
func (c *scoring) shared() Indicator766 { return c.tally("4.4", c.accepted, Shared766) }

// Shared766 is 4.4's rule for one record.
func Shared766(r *motcua.NationalRecord) bool {
	for _, comp := range r.Components {
		if comp.FromNationalStore {
			return true
		}
	}
	for _, res := range r.Results {
		if res.PushedToStore && res.FileURL != "" {
			return true
		}
	}
	return false
}

// UsesPopulationData is 4.5's rule for one record: an account verified
// with VNeID, data from the population database, or a component taken
// from the citizen's national data store.
func UsesPopulationData(r *motcua.NationalRecord) bool {
	if r.VNeIDVerified || r.Database == motcua.PopulationDatabase {
		return true
	}
	for _, comp := range r.Components {
		if comp.FromNationalStore {
			return true
		}
	}
	return false
}

// populationProcedures is 4.5a: the procedures for citizens with at least
// one dossier accepted in the period that used population data.
func (c *scoring) populationProcedures() Indicator766 {
	cat := c.in.Catalogue
	if cat.ForCitizens == nil {
		return noData("4.5a", "Không có danh mục thủ tục có đối tượng thực hiện là công dân.")
	}
	used := map[string]bool{}
	for k := range c.records {
		if r := &c.records[k]; c.accepted(r) && UsesPopulationData(r) {
			used[r.ProcedureCode] = true
		}
	}
	return catalogueTally("4.5a", cat.ForCitizens, used)
}

// populationDossiers is 4.5b: the dossiers that used population data.
func (c *scoring) populationDossiers() Indicator766 {
	return c.tally("4.5b", c.accepted, UsesPopulationData)
}

func set(codes []string) map[string]bool {
	out := make(map[string]bool, len(codes))
	for _, c := range codes {
		out[c] = true
	}
	return out
}

func unique(codes []string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}
