package demo

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/motcua/motcua"
)

// readFeeLines gives the procedures whose fees_stated is "yes" their lines
// from fee_lines.csv; such a procedure without a line is free. Only fees
// the sample states as a national amount, or as free, are lines (see
// data/README.md); fees the province's council sets stay a note.
func readFeeLines(procs map[string]*motcua.Procedure) error {
	err := eachRow("fee_lines.csv", func(r map[string]string) error {
		p := procs[r["code"]+"/"+r["level"]]
		if p == nil || !p.FeesStated {
			return fmt.Errorf("procedure %s/%s unknown or without fees_stated", r["code"], r["level"])
		}
		l := motcua.FeeLine{Kind: motcua.FeeKind(r["kind"]), Name: r["name"], Basis: motcua.FeeBasis(r["basis"]),
			Over: motcua.FeeBasis(r["over"]), LegalBasis: r["legal_basis"], PayAt: motcua.FeePayAt(r["pay_at"])}
		var err error
		if l.Amount, err = amount(r["amount"]); err != nil {
			return fmt.Errorf("amount: %w", err)
		}
		if l.Max, err = amount(r["max"]); err != nil {
			return fmt.Errorf("max: %w", err)
		}
		if r["bands"] != "" {
			if err := json.Unmarshal([]byte(r["bands"]), &l.Bands); err != nil {
				return fmt.Errorf("bands: %w", err)
			}
		}
		p.FeeLines = append(p.FeeLines, l)
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range procs {
		if p.FeesStated && p.FeeLines == nil {
			p.FeeLines = []motcua.FeeLine{}
		}
		if err := motcua.ValidateFeeLines(p.FeeLines); err != nil {
			return fmt.Errorf("fee_lines.csv, %s: %w", p.Code, err)
		}
	}
	return nil
}

// amount reads whole đồng; blank is 0.
func amount(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	return strconv.ParseInt(s, 10, 64)
}
