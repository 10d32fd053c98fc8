package catalogio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/motcua/motcua"
)

// The JSON format: see doc.go and docs/catalog-template.md.
const (
	formatName    = "motcua-catalog"
	formatVersion = 1
)

// wireFile is the JSON document. Every key is always written, empty when
// there is nothing to say, so that files diff well; readers accept a
// missing key as empty and refuse an unknown one.
type wireFile struct {
	Format        string         `json:"format"`
	FormatVersion int            `json:"format_version"`
	Decisions     []wireDecision `json:"decisions"`
	Versions      []wireVersion  `json:"versions"`
}

type wireDecision struct {
	Number        string `json:"number"`
	Issuer        string `json:"issuer"`
	SignedOn      string `json:"signed_on"`      // yyyy-mm-dd
	EffectiveFrom string `json:"effective_from"` // RFC 3339, written at +07:00
	Summary       string `json:"summary"`
	Status        string `json:"status"` // draft, published
}

// wireVersionHead is a version but for its lists, which readers decode one
// item at a time to say which item is wrong.
type wireVersionHead struct {
	Code           string   `json:"code"`
	Level          string   `json:"level"` // commune, district, province
	Version        int      `json:"version"`
	Status         string   `json:"status"` // published, draft
	Change         string   `json:"change"` // add, amend, repeal
	EffectiveFrom  string   `json:"effective_from"`
	DecisionNumber string   `json:"decision_number"`
	DecisionIssuer string   `json:"decision_issuer"`
	Name           string   `json:"name"`
	Field          string   `json:"field"`
	Time           wireTime `json:"time"`
	OnlineLevel    string   `json:"online_level"` // full, partial, none
	OnlineFrom     string   `json:"online_from"`
	Office         string   `json:"office"`
	Fees           string   `json:"fees"` // the note on fees
	LegalBasis     string   `json:"legal_basis"`
	ResultType     string   `json:"result_type"`
	Applicants     string   `json:"applicants"` // đối tượng thực hiện
	Sequence       string   `json:"sequence"`   // trình tự thực hiện
	Channels       string   `json:"channels"`   // cách thức thực hiện
	Agency         string   `json:"agency"`     // cơ quan thực hiện
	// Competence: "" (the receiving unit's authority), residence, location, choice
	Competence string `json:"competence,omitempty"`
}

type wireVersion struct {
	wireVersionHead
	Documents []wireDocument `json:"documents"`
	Steps     []wireStep     `json:"steps"`
	// FeeLines is left out when the version does not state its fees as
	// lines, [] when it is free (see fees.go).
	FeeLines *[]wireFeeLine `json:"fee_lines,omitempty"`
}

type wireTime struct {
	Amount float64 `json:"amount"`
	Unit   string  `json:"unit"` // day, hour, same_day
}

type wireDocument struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"` // original, copy, either, present
	Count    int    `json:"count"`
	Template string `json:"template"`
}

type wireStep struct {
	Name    string `json:"name"`
	Role    string `json:"role"` // counter, specialist, leader
	Unit    string `json:"unit"` // intake, deciding
	Minutes int    `json:"minutes"`
}

// WriteJSON writes the snapshot in the motcua-catalog JSON format, indented,
// the same bytes for the same catalogue (see Normalize). A snapshot that
// ReadJSON would refuse is refused, with the same messages.
func WriteJSON(w io.Writer, s *motcua.CatalogSnapshot) error {
	file := toWire(Normalize(s))
	if err := checkWire(file); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(file)
}

// checkWire is what ReadJSON would say of a file; writers call it so that
// they never write what cannot be read back.
func checkWire(file *wireFile) error {
	b := newJSONBuilder()
	for i := range file.Decisions {
		b.addDecision(i, &file.Decisions[i])
	}
	for i := range file.Versions {
		b.addVersion(i, &file.Versions[i])
	}
	_, err := b.finish()
	return err
}

func toWire(s *motcua.CatalogSnapshot) *wireFile {
	file := &wireFile{Format: formatName, FormatVersion: formatVersion,
		Decisions: make([]wireDecision, 0, len(s.Decisions)), Versions: make([]wireVersion, 0, len(s.Versions))}
	for _, d := range s.Decisions {
		file.Decisions = append(file.Decisions, wireDecision{Number: d.Number, Issuer: d.Issuer, SignedOn: jsonDate(d.SignedOn),
			EffectiveFrom: jsonInstant(d.EffectiveFrom), Summary: d.Summary, Status: string(d.Status)})
	}
	for _, v := range s.Versions {
		w := wireVersion{wireVersionHead: wireVersionHead{Code: v.Code, Level: string(v.Level), Version: v.Version,
			Status: string(v.Status), Change: string(v.Change), EffectiveFrom: jsonInstant(v.EffectiveFrom),
			DecisionNumber: v.DecisionNumber, DecisionIssuer: v.DecisionIssuer, Name: v.Name, Field: v.Field,
			Time: wireTime{Amount: v.Time.Amount, Unit: string(v.Time.Unit)}, OnlineLevel: string(v.OnlineLevel),
			OnlineFrom: jsonInstant(v.OnlineFrom), Office: v.Office, Fees: v.Fees, LegalBasis: v.LegalBasis, ResultType: v.ResultType,
			Applicants: v.Applicants, Sequence: v.Sequence, Channels: v.Channels, Agency: v.Agency,
			Competence: string(v.Competence)},
			Documents: make([]wireDocument, 0, len(v.Documents)), Steps: make([]wireStep, 0, len(v.Steps)), FeeLines: toWireFees(&v)}
		for _, d := range v.Documents {
			w.Documents = append(w.Documents, wireDocument{Name: d.Name, Kind: string(d.Kind), Count: d.Count, Template: d.Template})
		}
		for _, st := range v.Steps {
			w.Steps = append(w.Steps, wireStep{Name: st.Name, Role: string(st.Role), Unit: string(st.Unit), Minutes: st.Minutes})
		}
		file.Versions = append(file.Versions, w)
	}
	return file
}

func jsonDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(motcua.VN).Format(time.DateOnly)
}

func jsonInstant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(motcua.VN).Format(time.RFC3339Nano)
}

// maxFileSize bounds what the readers take in: a province's whole
// catalogue is a few megabytes.
const maxFileSize = 64 << 20

func readAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, motcua.Errorf(motcua.EINVALID, "Tệp lớn quá %d MB.", maxFileSize>>20)
	}
	return data, nil
}

// fileIn and versionIn are the read side of wireFile and wireVersion: the
// lists stay raw so that each element is decoded, and blamed, on its own.
type fileIn struct {
	Format        string            `json:"format"`
	FormatVersion int               `json:"format_version"`
	Decisions     []json.RawMessage `json:"decisions"`
	Versions      []json.RawMessage `json:"versions"`
}

type versionIn struct {
	wireVersionHead
	Documents []json.RawMessage  `json:"documents"`
	Steps     []json.RawMessage  `json:"steps"`
	FeeLines  *[]json.RawMessage `json:"fee_lines"`
}

// ReadJSON reads a motcua-catalog JSON file. Unknown keys are refused; every
// problem is reported, naming the element ("Thủ tục thứ 3 (1.001193), bước 2:
// …"), in one EINVALID error, and then no snapshot is returned. Text is
// NFC-normalised and the result is in the order Normalize describes, each
// version's Source set to "versions[i]" (its index in the file, from 0).
func ReadJSON(r io.Reader) (*motcua.CatalogSnapshot, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // as Notepad saves UTF-8
	var in fileIn
	if err := decodeStrict(data, &in); err != nil {
		var syntax *json.SyntaxError
		if in.Format != formatName && !errors.As(err, &syntax) && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, motcua.Errorf(motcua.EINVALID, "Tệp không phải danh mục thủ tục của motcua (cần “format”: “%s”): %s", formatName, jsonProblem(data, err))
		}
		return nil, motcua.Errorf(motcua.EINVALID, "Tệp JSON: %s", jsonProblem(data, err))
	}
	switch {
	case in.Format != formatName:
		return nil, motcua.Errorf(motcua.EINVALID, "Tệp không phải danh mục thủ tục của motcua (cần “format”: “%s”).", formatName)
	case in.FormatVersion != formatVersion:
		return nil, motcua.Errorf(motcua.EINVALID, "Phiên bản định dạng %d không được hỗ trợ; chỉ đọc được phiên bản %d.", in.FormatVersion, formatVersion)
	}
	b := newJSONBuilder()
	for i, raw := range in.Decisions {
		var w wireDecision
		if err := decodeStrict(raw, &w); err != nil {
			b.p.at(decisionName(i, w.Number), jsonProblem(raw, err))
			b.at.refused[[2]string{motcua.NFC(w.Number), motcua.NFC(w.Issuer)}] = true
			continue
		}
		b.addDecision(i, &w)
	}
	for i, raw := range in.Versions {
		if w := decodeVersion(i, raw, &b.p); w != nil {
			b.addVersion(i, w)
		}
	}
	return b.finish()
}

// decodeVersion decodes one version and its items; nil, with the problems
// added, if any of them is malformed.
func decodeVersion(i int, raw json.RawMessage, p *problems) *wireVersion {
	var in versionIn
	ok := true
	if err := decodeStrict(raw, &in); err != nil { // the items that did decode are checked still
		p.at(versionName(i, in.Code), jsonProblem(raw, err))
		ok = false
	}
	w := &wireVersion{wireVersionHead: in.wireVersionHead,
		Documents: make([]wireDocument, len(in.Documents)), Steps: make([]wireStep, len(in.Steps))}
	for j, item := range in.Documents {
		if err := decodeStrict(item, &w.Documents[j]); err != nil {
			p.at(documentName(i, in.Code, j), jsonProblem(item, err))
			ok = false
		}
	}
	for j, item := range in.Steps {
		if err := decodeStrict(item, &w.Steps[j]); err != nil {
			p.at(stepName(i, in.Code, j), jsonProblem(item, err))
			ok = false
		}
	}
	if in.FeeLines != nil {
		lines := make([]wireFeeLine, len(*in.FeeLines))
		for j, item := range *in.FeeLines {
			if err := decodeStrict(item, &lines[j]); err != nil {
				p.at(feeLineName(i, in.Code, j), jsonProblem(item, err))
				ok = false
			}
		}
		w.FeeLines = &lines
	}
	if !ok {
		return nil
	}
	return w
}

// decodeStrict decodes exactly one JSON value, refusing unknown keys.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errTrailing
	}
	return nil
}

var errTrailing = errors.New("trailing data")

func decisionName(i int, number string) string {
	if number = motcua.NFC(number); number != "" {
		return fmt.Sprintf("Quyết định thứ %d (%s)", i+1, number)
	}
	return fmt.Sprintf("Quyết định thứ %d", i+1)
}

func versionName(i int, code string) string {
	if code = motcua.NFC(code); code != "" {
		return fmt.Sprintf("Thủ tục thứ %d (%s)", i+1, code)
	}
	return fmt.Sprintf("Thủ tục thứ %d", i+1)
}

func documentName(i int, code string, j int) string {
	return fmt.Sprintf("%s, giấy tờ thứ %d", versionName(i, code), j+1)
}

func stepName(i int, code string, j int) string {
	return fmt.Sprintf("%s, bước %d", versionName(i, code), j+1)
}
