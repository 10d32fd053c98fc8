// Package demo seeds a database with today's province (domain.md §3: tỉnh
// Lâm Đồng since 01/07/2025, its departments, service centres and the
// communes that replaced Đắk Mil district) and, as history, the Đắk Mil
// district of 2024 ended on 01/07/2025 with its successors: their units,
// one user per role per unit that needs one, a catalogue of real
// procedures (data/, see data/README.md) as published in 2020 and again on
// 01/07/2025, and a few hundred dossiers in every state.
package demo

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/motcua/motcua"
)

//go:embed data/*.csv
var data embed.FS

// Procedures reads the demo catalogue: procedures with their documents,
// the portal's texts where known, and workflows. Errors name the file and row.
func Procedures() ([]*motcua.Procedure, error) {
	procs := map[string]*motcua.Procedure{}
	var order []*motcua.Procedure
	err := eachRow("procedures.csv", func(r map[string]string) error {
		amount, err := strconv.ParseFloat(r["time_amount"], 64)
		if err != nil {
			return fmt.Errorf("time_amount: %w", err)
		}
		p := &motcua.Procedure{Code: r["code"], Name: r["name"], Field: r["field"], Level: level(r["level"]),
			Time: motcua.TimeLimit{Amount: amount, Unit: motcua.TimeUnit(r["time_unit"])}, OnlineLevel: motcua.OnlineLevel(r["online_level"]),
			Fees: r["fees"], FeesStated: r["fees_stated"] == "yes", LegalBasis: r["legal_basis"], ResultType: r["result_type"]}
		if office := r["deciding_office"]; office != "commune" {
			p.Office = office
		}
		procs[r["code"]+"/"+r["level"]] = p
		order = append(order, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("documents.csv", func(r map[string]string) error {
		p := procs[r["procedure_code"]+"/"+r["level"]]
		n, err := strconv.Atoi(r["count"])
		if p == nil || err != nil {
			return fmt.Errorf("unknown procedure %s or bad count", r["procedure_code"])
		}
		p.Documents = append(p.Documents, motcua.RequiredDocument{Name: r["name"], Kind: motcua.DocumentKind(r["kind"]), Count: n})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("procedure_texts.csv", func(r map[string]string) error {
		p := procs[r["code"]+"/"+r["level"]]
		if p == nil {
			return fmt.Errorf("unknown procedure %s", r["code"])
		}
		p.Applicants, p.Sequence, p.Channels, p.Agency = r["applicants"], r["sequence"], r["channels"], r["agency"]
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("workflows.csv", func(r map[string]string) error {
		p := procs[r["procedure_code"]+"/"+r["level"]]
		n, err := strconv.Atoi(r["minutes"])
		if p == nil || err != nil {
			return fmt.Errorf("unknown procedure %s or bad minutes", r["procedure_code"])
		}
		p.Steps = append(p.Steps, motcua.WorkflowStep{Name: r["name"], Role: motcua.Role(r["role"]), Unit: motcua.StepUnit(r["unit"]), Minutes: n})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return order, readFeeLines(procs)
}

func level(s string) motcua.Level {
	switch s {
	case "xa":
		return motcua.LevelCommune
	case "huyen":
		return motcua.LevelDistrict
	case "tinh":
		return motcua.LevelProvince
	}
	return motcua.Level(s)
}

// eachRow calls fn for every data row of an embedded CSV file, as a map from
// header to value; rows are in file order (the position columns are sorted).
func eachRow(name string, fn func(map[string]string) error) error {
	f, err := data.Open("data/" + name)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", name, err)
	}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		row := map[string]string{}
		for i, h := range header {
			row[h] = motcua.NFC(rec[i])
		}
		if err := fn(row); err != nil {
			return fmt.Errorf("%s row %d: %w", name, line, err)
		}
	}
}
