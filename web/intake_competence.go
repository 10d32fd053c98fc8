package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
)

// competenceChoices are what the counter form offers for a procedure
// received regardless of boundary (Decree 118/2025/NĐ-CP): the communes
// in force in the province (residence, land), the units the applicant may
// choose, and where the result may be returned (any centre, branch or
// one-stop in force).
type competenceChoices struct {
	Communes []*motcua.Unit
	Choice   []*motcua.Unit
	Returns  []*motcua.Unit
}

// competenceFields is what the officer chose, kept across an error.
type competenceFields struct {
	Residence, Location, Chosen, ReturnUnit int64
}

func readCompetence(r *http.Request) competenceFields {
	id := func(key string) int64 {
		n, _ := strconv.ParseInt(r.PostFormValue(key), 10, 64)
		return n
	}
	return competenceFields{Residence: id("residence"), Location: id("location"), Chosen: id("chosen"), ReturnUnit: id("return_unit")}
}

// facts are the competence facts the procedure's rule reads; the others
// are dropped, so a field left from another procedure never decides.
func (f competenceFields) facts(c motcua.Competence) motcua.CompetenceFacts {
	switch c {
	case motcua.CompetenceResidence:
		return motcua.CompetenceFacts{ResidenceUnitID: f.Residence}
	case motcua.CompetenceLocation:
		return motcua.CompetenceFacts{LocationUnitID: f.Location}
	case motcua.CompetenceChoice:
		return motcua.CompetenceFacts{ResidenceUnitID: f.Residence, ChosenUnitID: f.Chosen}
	}
	return motcua.CompetenceFacts{}
}

// provinceChoices lists the units in force under the provinces of the
// receiving units (under the top unit where there is no province, as in
// the 2024 trees).
func (s *Server) provinceChoices(ctx context.Context, receiving []*motcua.Unit) competenceChoices {
	var c competenceChoices
	units, err := s.db.Units(ctx)
	if err != nil {
		return c
	}
	byID := make(map[int64]*motcua.Unit, len(units))
	for _, u := range units {
		byID[u.ID] = u
	}
	roots := map[int64]bool{}
	for _, u := range receiving {
		roots[provinceOf(byID, u).ID] = true
	}
	now := s.db.Now()
	for _, u := range units { // parents before children: the tree's order
		if !u.InForce(now) || !roots[provinceOf(byID, u).ID] {
			continue
		}
		if u.Kind == motcua.UnitCommune {
			c.Communes = append(c.Communes, u)
		}
		if u.Kind == motcua.UnitCommune || u.IsOffice() {
			c.Choice = append(c.Choice, u)
		}
		if u.ReceivesDossiers() && u.Kind != motcua.UnitCommune && u.Kind != motcua.UnitDistrict {
			c.Returns = append(c.Returns, u)
		}
	}
	return c
}

// provinceOf is the nearest province at or above u, else the top unit.
func provinceOf(byID map[int64]*motcua.Unit, u *motcua.Unit) *motcua.Unit {
	for ; u.ParentID != 0 && byID[u.ParentID] != nil; u = byID[u.ParentID] {
		if u.Kind == motcua.UnitProvince {
			return u
		}
	}
	return u
}
