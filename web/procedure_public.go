package web

import (
	"math"
	"net/http"
	"strings"

	"github.com/motcua/motcua"
)

// What a citizen reading a procedure's public page needs besides the
// catalogue's facts: the button to file online, the forms to fill in, the
// order of the steps, the competent office and where to file. Where the
// catalogue holds the portal's own texts (đối tượng, trình tự, cách thức,
// cơ quan thực hiện) the page shows them; where it does not, it builds the
// order of steps from the workflow, the ways of filing from the online
// level and the office from the level, and says that it does not know who
// may file rather than invent it.

// procedureGuide is what procedurePublic adds to a procedure's page.
type procedureGuide struct {
	Online    bool           // offered online: the page links the filing form
	Templates []formTemplate // the forms (mẫu đơn, tờ khai) among the documents
	Steps     []guideStep    // the internal workflow, as the order of steps
	Office    string         // the office competent to decide
	// The catalogue's texts, one item a line; empty where it has none.
	Applicants string
	Sequence   []string
	Channels   []string
	Places     []string // where to file now (units in force that apply it)
	// Competence says how the deciding unit is found when the dossier is
	// received elsewhere ("" for the receiving unit's own authority);
	// Listing is the decision that lets any centre of the province receive
	// it now, nil if none.
	Competence string
	Listing    *motcua.BoundaryFreeListing
}

// Unlinked reports whether some form has no file to download.
func (g procedureGuide) Unlinked() bool {
	for _, t := range g.Templates {
		if t.Link == "" {
			return true
		}
	}
	return false
}

// formTemplate is one form to fill in: a link when the catalogue holds an
// address, else the form's name and where to get it.
type formTemplate struct {
	Document string
	Name     string // the template's file name or title, if the catalogue holds one
	Link     string // an http(s) address of the file, if any
}

type guideStep struct {
	Name, Who, Time string
}

// guideOf builds the guide of p.
func (s *Server) guideOf(r *http.Request, p *motcua.Procedure) procedureGuide {
	g := procedureGuide{Online: p.OnlineLevel == motcua.OnlineFull || p.OnlineLevel == motcua.OnlinePartial}
	for _, d := range p.Documents {
		switch {
		case strings.HasPrefix(d.Template, "https://") || strings.HasPrefix(d.Template, "http://"):
			g.Templates = append(g.Templates, formTemplate{Document: d.Name, Name: d.Template[strings.LastIndex(d.Template, "/")+1:], Link: d.Template})
		case d.Template != "":
			g.Templates = append(g.Templates, formTemplate{Document: d.Name, Name: d.Template})
		case strings.Contains(strings.ToLower(motcua.NFC(d.Name)), "mẫu"): // "(theo mẫu)", not "máu"
			g.Templates = append(g.Templates, formTemplate{Document: d.Name})
		}
	}
	for _, st := range p.Steps {
		who := "Bộ phận Một cửa"
		if st.Unit == motcua.AtDeciding {
			who = st.Role.Label() + " của cơ quan giải quyết"
		}
		g.Steps = append(g.Steps, guideStep{Name: st.Name, Who: who, Time: stepTime(st.Minutes)})
	}
	units, err := s.db.UnitsApplying(r.Context(), p)
	if err == nil {
		for _, u := range units {
			g.Places = append(g.Places, u.Name)
		}
	}
	if p.Competence != motcua.CompetenceHere {
		g.Competence = p.Competence.Criterion()
	}
	if listed, err := s.listedNow(r.Context()); err == nil {
		g.Listing = listed[p.Code]
	}
	g.Applicants, g.Sequence, g.Channels, g.Office = p.Applicants, textLines(p.Sequence), textLines(p.Channels), p.Agency
	if g.Office == "" {
		g.Office = s.competentOffice(r, p)
	}
	return g
}

// textLines splits a catalogue text into its non-blank lines.
func textLines(s string) []string {
	var out []string
	for line := range strings.Lines(s) {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// competentOffice names the office that decides p: a commune's People's
// Committee for a commune procedure, else the specialised office the
// catalogue names, else the level's People's Committee.
func (s *Server) competentOffice(r *http.Request, p *motcua.Procedure) string {
	if p.Level == motcua.LevelCommune {
		return "Ủy ban nhân dân cấp xã nơi nộp hồ sơ"
	}
	if p.Office != "" {
		if units, err := s.db.Units(r.Context()); err == nil {
			for _, u := range units {
				if u.Office == p.Office && u.ValidTo.IsZero() {
					return u.Name
				}
			}
		}
	}
	return "Ủy ban nhân dân " + strings.ToLower(p.Level.Label())
}

// stepTime writes a step's budget of working minutes (7 h 30 a day).
func stepTime(minutes int) string {
	const day = 450
	switch {
	case minutes >= day && minutes%day == 0:
		return motcua.FormatInt(int64(minutes/day)) + " ngày làm việc"
	case minutes >= day:
		return motcua.FormatDecimal(math.Round(float64(minutes)*10/day)/10) + " ngày làm việc"
	case minutes%60 == 0:
		return motcua.FormatInt(int64(minutes/60)) + " giờ làm việc"
	}
	return motcua.FormatInt(int64(minutes)) + " phút làm việc"
}
