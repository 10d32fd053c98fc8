package web

import (
	"context"
	"slices"
	"strings"

	"github.com/motcua/motcua"
)

// Agency is who runs the site, for every page's footer: citizens look
// there for where to go and whom to call. It comes from configuration
// (serve's --agency flags); without a name, the top unit in force names
// the site, and an address or hotline not configured is left out.
type Agency struct {
	Name, Address, Hotline, Email string
}

// footer is the agency the pages name now.
func (s *Server) footer(ctx context.Context) Agency {
	a := s.Agency
	if a.Name != "" || s.db == nil { // configured, or a server without a store (a page rendered alone)
		return a
	}
	units, err := s.db.Units(ctx)
	if err != nil {
		return a
	}
	now := s.db.Now()
	for _, u := range units {
		if u.InForce(now) && !slices.ContainsFunc(units, func(p *motcua.Unit) bool { return p.ID == u.ParentID && p.InForce(now) }) {
			a.Name = u.Name
			break
		}
	}
	return a
}

// Tel is the hotline as a tel: link wants it: digits and a leading +.
func (a Agency) Tel() string {
	var b strings.Builder
	for _, r := range a.Hotline {
		if r >= '0' && r <= '9' || r == '+' && b.Len() == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}
