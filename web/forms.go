package web

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
)

// dossierForm serves the official forms of a dossier as PDF (domain.md §9):
// 01 receipt, 02 supplement request, 04 apology, 05 stop notice, 06 control
// slip. Forms of an action print the latest such action, or ?seq=N.
func (s *Server) dossierForm(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	v := view{Title: "Biểu mẫu", Actor: a}
	data, err := s.loadDossier(r, a)
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	seq, _ := strconv.Atoi(r.URL.Query().Get("seq"))
	var buf bytes.Buffer
	name := r.PathValue("form")
	switch name {
	case "01":
		err = s.receiptPDF(r, data, &buf)
	case "02":
		err = s.eventForm(r.Context(), data, motcua.EventSupplementRequested, seq, &buf)
	case "04":
		err = s.eventForm(r.Context(), data, motcua.EventExtended, seq, &buf)
	case "05":
		err = s.eventForm(r.Context(), data, motcua.EventStopped, seq, &buf)
	case "06":
		err = forms.ControlSlip(&buf, s.controlSlip(r.Context(), data))
	default:
		err = motcua.Errorf(motcua.ENOTFOUND, "Không có biểu mẫu số %q cho hồ sơ.", name)
	}
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	sendPDF(w, r, fmt.Sprintf("mau-%s-%s.pdf", name, data.D.Code), buf.Bytes())
}

// sendPDF answers with a PDF to show inline (print from the browser) or,
// with ?download=1, to save.
func sendPDF(w http.ResponseWriter, r *http.Request, filename string, pdf []byte) {
	disposition := "inline"
	if r.URL.Query().Get("download") == "1" {
		disposition = "attachment"
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", disposition+`; filename="`+filename+`"`)
	w.Header().Set("Cache-Control", "no-store") // personal data
	w.Write(pdf)
}

// secure reports whether cookies must be HTTPS-only: the request came by
// TLS, or the public address is https (TLS ends at a reverse proxy).
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(s.BaseURL, "https://")
}

// baseURL is where citizens reach this server, as configured (serve sets
// it from --base-url, or the loopback address it listens on), else the
// store's public address. Never the request's Host header: anyone can
// send one, and these links are printed on receipts and cached.
func (s *Server) baseURL() string {
	return cmp.Or(s.BaseURL, s.db.PublicURL)
}

func (s *Server) receiptPDF(r *http.Request, data *dossierData, buf *bytes.Buffer) error {
	d, p := data.D, data.P
	entry, err := s.db.EntryNo(r.Context(), d)
	if err != nil {
		return err
	}
	officer := ""
	if len(data.Timeline) > 0 {
		officer = data.Timeline[0].ActorName
	}
	rd := forms.ReceiptData{Header: s.header(r.Context(), d.ReceivingUnitID, true), Code: d.Code,
		ApplicantName: d.Applicant.Name, IDNumber: d.Applicant.IDNumber, Address: d.Applicant.Address,
		Contact: contactLine(d.Applicant), ProcedureName: d.ProcedureName, Sets: d.Sets,
		LegalTime: p.Time.String(), ReceivedAt: d.AcceptedAt, DueAt: d.DueAt, ReturnPlace: s.returnPlace(r.Context(), d.ReturnUnit()),
		Fees: forms.ReceiptBill(p, d.Fees), RegisterBook: fmt.Sprintf("Sổ theo dõi hồ sơ năm %d", d.AcceptedAt.In(motcua.VN).Year()), EntryNo: entry,
		Officer: officer}
	if d.ForOther || d.ReturnUnit() != d.ReceivingUnitID { // three places apart: name them all
		rd.ReceivingUnit, rd.DecidingUnit = data.Receiving, data.Deciding
	}
	if len(data.Timeline) > 0 {
		rd.Listing = data.Timeline[0].Data.Listing
	}
	if d.TrackingSecret != "" {
		rd.TrackingURL, rd.TrackingSecret = TrackURL(s.baseURL(), d), d.TrackingSecret
	}
	for _, doc := range d.Documents {
		rd.Documents = append(rd.Documents, forms.Document{Name: doc.Name, Kind: doc.Kind.Label(), Count: doc.Count})
	}
	return forms.Receipt(buf, rd)
}

// returnPlace names where the result is returned as the receipt prints it:
// a centre, a branch or a one-stop section by its name, an authority
// receiving at its own counter by its one-stop.
func (s *Server) returnPlace(ctx context.Context, unitID int64) string {
	u, err := s.db.Unit(ctx, unitID)
	if err != nil {
		return ""
	}
	switch u.Kind {
	case motcua.UnitCentre, motcua.UnitBranch, motcua.UnitOneStop:
		return u.Name
	}
	return "Bộ phận Một cửa – " + u.Name
}

// receiptView is the printable receipt page: the dossier and the address
// where the applicant types the code and the tracking secret.
type receiptView struct {
	*dossierData
	TrackPage string
}

// trackPage is the public tracking page's address, printed beside the secret.
func (s *Server) trackPage() string {
	return strings.TrimSuffix(s.baseURL(), "/") + TrackPath
}

// contactLine is the receipt's "phone/e-mail" line: both when both were given.
func contactLine(a motcua.Applicant) string {
	switch {
	case a.Phone != "" && a.Email != "":
		return a.Phone + " / " + a.Email
	default:
		return a.Phone + a.Email
	}
}

// eventForm prints the form of one action of the dossier's ledger.
func (s *Server) eventForm(ctx context.Context, data *dossierData, t motcua.EventType, seq int, buf *bytes.Buffer) error {
	var e *eventView
	for i := range data.Timeline {
		if ev := &data.Timeline[i]; ev.Type == t && ev.Counts && (seq == 0 || ev.Seq == seq) {
			e = ev
		}
	}
	if e == nil {
		return motcua.Errorf(motcua.ENOTFOUND, "Hồ sơ chưa có thao tác “%s” để in biểu mẫu.", t.Label())
	}
	d := data.D
	switch t {
	case motcua.EventSupplementRequested:
		return forms.Supplement(buf, forms.SupplementData{Header: s.header(ctx, d.ReceivingUnitID, true), Code: d.Code,
			ApplicantName: d.Applicant.Name, ProcedureName: d.ProcedureName, Missing: e.Data.Missing, Reason: e.Reason,
			At: e.At, Officer: e.ActorName})
	case motcua.EventExtended:
		legalDue := d.DueAt
		if e.Data.Clock != nil {
			legalDue = e.Data.Clock.DueAt
		}
		return forms.Apology(buf, forms.ApologyData{Header: s.header(ctx, e.UnitID, false), Code: d.Code,
			ApplicantName: d.Applicant.Name, ProcedureName: d.ProcedureName, ReceivedAt: d.AcceptedAt, DueAt: legalDue,
			Reason: e.Reason, NewDueAt: e.Data.NewDueAt, At: e.At, Signer: e.ActorName})
	default:
		return forms.Stop(buf, forms.StopData{Header: s.header(ctx, e.UnitID, false), Code: d.Code,
			ApplicantName: d.Applicant.Name, ProcedureName: d.ProcedureName, ReceivedAt: d.AcceptedAt, Reason: e.Reason,
			At: e.At, Signer: e.ActorName})
	}
}

// controlSlip is form 06, derived from the steps taken and the linked parts.
func (s *Server) controlSlip(ctx context.Context, data *dossierData) forms.ControlSlipData {
	d := data.D
	c := forms.ControlSlipData{Header: s.header(ctx, d.ReceivingUnitID, true), Code: d.Code, ApplicantName: d.Applicant.Name,
		ProcedureName: d.ProcedureName, ReceivedAt: d.AcceptedAt, DueAt: d.Due()}
	for _, comp := range data.Components {
		line := forms.ComponentLine{Name: comp.Name, Online: comp.Online}
		if comp.Scan != nil {
			line.Digitised, line.DigitisedBy, line.DigitisedAt = true, comp.Scan.ByName, comp.Scan.At
		}
		c.Components = append(c.Components, line)
	}
	for _, h := range data.History {
		receiver := h.Holder
		if receiver == "" {
			receiver = h.Unit
		}
		c.Rows = append(c.Rows, forms.ControlRow{Step: h.Name, Unit: h.Unit, GivenAt: h.StartedAt, Giver: h.Giver,
			ReceivedAt: h.StartedAt, Receiver: receiver, DueAt: h.DueAt, Grade: h.Grade.Label()})
	}
	for _, pt := range data.Parts {
		for _, rec := range pt.Records {
			note := ""
			if !rec.EndedAt.IsZero() {
				note = "Chuyển lúc " + motcua.FormatDateTime(rec.EndedAt)
			}
			c.Rows = append(c.Rows, forms.ControlRow{Step: "Liên thông – " + pt.Title + ": " + pt.Plan[rec.Step].Name, Unit: pt.Unit,
				GivenAt: rec.StartedAt, Giver: data.names[rec.GiverID], ReceivedAt: rec.StartedAt, Receiver: cmp.Or(data.names[rec.HolderID], pt.Unit),
				DueAt: rec.DueAt, Grade: rec.Grade.Label(), Note: note})
		}
	}
	for _, h := range data.HandOvers {
		c.Rows = append(c.Rows, handOverRows(h, data.names)...)
	}
	return c
}

// handOverRows are the control slip's rows of a hand-over between the
// receiving centre and the deciding unit: sent by one unit, received
// (confirmed) by the other, graded against its deadline.
func handOverRows(h handOverView, names map[int64]string) []forms.ControlRow {
	var rows []forms.ControlRow
	for _, rec := range h.Records {
		rows = append(rows, forms.ControlRow{Step: h.Kind.Label() + " (" + h.Means.Label() + ")", Unit: h.To, GivenAt: rec.StartedAt,
			Giver: names[rec.GiverID], ReceivedAt: rec.EndedAt, Receiver: cmp.Or(names[rec.EndedBy], h.To), DueAt: rec.DueAt,
			Grade: rec.Grade.Label(), Note: "Từ " + h.From})
	}
	return rows
}

// header is the heading of a form issued by a unit: the one-stop of the
// receiving unit for counter forms, the unit itself under its parent for
// letters its head signs. An office, a one-stop section, a service centre
// or a branch writes under the authority it serves: the nearest unit
// above it that is none of these (a branch's parent is the provincial
// centre, so the province).
func (s *Server) header(ctx context.Context, unitID int64, counter bool) forms.Header {
	u, err := s.db.Unit(ctx, unitID)
	if err != nil {
		return forms.Header{}
	}
	parent := u
	for servesAbove(parent.Kind) && parent.ParentID != 0 {
		p, err := s.db.Unit(ctx, parent.ParentID)
		if err != nil {
			break
		}
		parent = p
	}
	h := forms.Header{Authority: strings.ToUpper(parent.Name), Unit: strings.ToUpper(u.Name), Place: place(parent.Name)}
	if counter {
		h.Unit = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
	}
	if h.Unit == h.Authority {
		h.Unit = ""
	}
	return h
}

// servesAbove reports whether a unit of the kind issues forms under the
// authority above it rather than its own.
func servesAbove(k motcua.UnitKind) bool {
	switch k {
	case motcua.UnitOffice, motcua.UnitDepartment, motcua.UnitOneStop, motcua.UnitCentre, motcua.UnitBranch:
		return true
	}
	return false
}

// place is the place name of a People's Committee ("Ủy ban nhân dân huyện
// Đắk Mil" → "Đắk Mil"), printed on the date line.
func place(unitName string) string {
	for _, prefix := range []string{"Ủy ban nhân dân tỉnh ", "Ủy ban nhân dân thành phố ", "Ủy ban nhân dân huyện ",
		"Ủy ban nhân dân thị xã ", "Ủy ban nhân dân xã ", "Ủy ban nhân dân phường ", "Ủy ban nhân dân thị trấn ", "Ủy ban nhân dân "} {
		if rest, ok := strings.CutPrefix(unitName, prefix); ok {
			return rest
		}
	}
	return unitName
}
