package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
)

// A dossier received regardless of boundary (Decree 118/2025/NĐ-CP) keeps
// three units apart: where it was received, the unit that decides it and
// where its result is returned. Between them the paper (or the digitised
// dossier) and the result travel as hand-overs, each with its means, its
// deadline and its grade, which the dossier page shows and acts on here.

// actionView is an action the page offers, with the name its form reads
// and, for a hand-over received, which hand-over it is.
type actionView struct {
	motcua.Action
	// Kind is the hand-over the action sends or confirms ("" otherwise).
	Kind motcua.PartKind
	// Title is the button's text; Heading the form's.
	Title, Heading string
}

// Key names the form among those of the page: its type, and for a
// hand-over its kind (so an error goes back to the right form).
func (a actionView) Key() string {
	if a.Kind != "" {
		return string(a.Type) + ":" + string(a.Kind)
	}
	return string(a.Type)
}

// actionViews names the actions as the officer reads them.
func actionViews(d *motcua.Dossier, acts []motcua.Action) []actionView {
	out := make([]actionView, 0, len(acts))
	for _, act := range acts {
		v := actionView{Action: act, Title: act.Type.Label()}
		switch act.Type {
		case motcua.EventPartSent:
			v.Kind = act.PartKind
		case motcua.EventPartReturned, motcua.EventPartHandedOver:
			if p := d.PartBySeq(act.PartSeq); p != nil && p.Kind.HandOver() {
				v.Kind = p.Kind
			}
		}
		v.Heading = v.Title
		switch {
		case act.Type == motcua.EventPartSent && v.Kind.HandOver():
			v.Title, v.Heading = v.Kind.Label(), v.Kind.Label()
		case act.Type == motcua.EventPartReturned && v.Kind == motcua.PartForward:
			v.Title, v.Heading = "Đã nhận hồ sơ chuyển đến", "Đã nhận hồ sơ chuyển đến (cơ quan giải quyết)"
		case act.Type == motcua.EventPartReturned && v.Kind == motcua.PartResult:
			v.Title, v.Heading = "Đã nhận kết quả", "Đã nhận kết quả (nơi trả kết quả)"
		case act.PartTitle != "":
			v.Heading += ": " + act.PartTitle
		}
		out = append(out, v)
	}
	return out
}

// handOverView is one hand-over as the page lists it: from where, to where.
type handOverView struct {
	motcua.Part
	From, To string
}

// splitParts puts the hand-overs apart from the linked parts.
func (s *Server) splitParts(ctx context.Context, data *dossierData) {
	d := data.D
	linked := data.Parts[:0]
	for _, pt := range data.Parts {
		if !pt.Kind.HandOver() {
			linked = append(linked, pt)
			continue
		}
		from := data.Receiving
		if pt.Kind == motcua.PartResult {
			from = s.unitName(ctx, d.DecidingUnitID)
		}
		data.HandOvers = append(data.HandOvers, handOverView{Part: pt.Part, From: from, To: pt.Unit})
	}
	data.Parts = linked
}

// transferChoices are the units a transfer of competence may name: the
// authorities and offices in force in the province, and where the result
// may be returned.
func (s *Server) transferChoices(ctx context.Context, d *motcua.Dossier) (deciding, returns []*motcua.Unit) {
	u, err := s.db.Unit(ctx, d.DecidingUnitID)
	if err != nil {
		return nil, nil
	}
	c := s.provinceChoices(ctx, []*motcua.Unit{u})
	for _, x := range c.Choice {
		if x.ID != d.DecidingUnitID {
			deciding = append(deciding, x)
		}
	}
	return deciding, c.Returns
}

// handOverFromForm reads what the hand-over and transfer forms add to an
// action: the kind and means of a hand-over, the units of a transfer.
func handOverFromForm(r *http.Request, act *motcua.Action) {
	f := r.PostFormValue
	act.PartKind, act.PartMeans = motcua.PartKind(f("part_kind")), motcua.Means(f("part_means"))
	act.ToUnitID, _ = strconv.ParseInt(f("to_unit"), 10, 64)
	act.ReturnUnitID, _ = strconv.ParseInt(f("return_unit"), 10, 64)
}

// means are the ways a hand-over travels, in the form's order.
var means = []motcua.Means{motcua.MeansElectronic, motcua.MeansPost, motcua.MeansCourier}
