package web

import (
	"cmp"
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// The list of procedures received regardless of administrative boundary
// (Decree 118/2025/NĐ-CP): the provincial chairman's decisions say which
// procedures any service centre or branch of the province may receive,
// from when and until when. Administrators of the province keep it here
// (or in bulk with `motcua listings import`); the counter's competence rule
// and the public catalogue read it.

type listingsData struct {
	Rows  []listingRow
	Codes []option // the catalogue's procedures in force, for the form
	Form  listingForm
}

type listingRow struct {
	motcua.BoundaryFreeListing
	Name  string // the procedure's name in force, "" if none
	State string // Chưa có hiệu lực, Đang có hiệu lực, Hết hiệu lực
}

// listingForm is what the add form sent, shown again with its error.
type listingForm struct {
	Code, Decision, DecidedOn, From, To string
}

// mayManageListings is the policy's word on the listings page
// (motcua.Actor.CanManageListings), for the menu and the handlers.
func (s *Server) mayManageListings(ctx context.Context, a *motcua.Actor) bool {
	units, err := s.db.Units(ctx)
	return err == nil && a.CanManageListings(units, s.db.Now())
}

func (s *Server) listingsPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	s.renderListings(w, r, a, listingForm{}, nil)
}

func (s *Server) renderListings(w http.ResponseWriter, r *http.Request, a *motcua.Actor, form listingForm, err error) {
	data := &listingsData{Form: form}
	v := view{Title: "Thủ tục tiếp nhận không phụ thuộc địa giới hành chính", Actor: a, Data: data}
	if !s.mayManageListings(r.Context(), a) {
		s.fail(w, "error.html", v, errListingsForbidden)
		return
	}
	listings, lerr := s.db.BoundaryFreeListings(r.Context(), "")
	procs, perr := s.db.Catalog(r.Context(), store.CatalogFilter{})
	if lerr != nil || perr != nil {
		s.fail(w, "error.html", v, cmp.Or(lerr, perr))
		return
	}
	names := map[string]string{}
	for _, p := range procs {
		names[p.Code] = p.Name
		data.Codes = append(data.Codes, option{p.Code, p.Code + " – " + p.Name})
	}
	now := s.db.Now()
	for _, l := range listings {
		state := "Đang có hiệu lực"
		switch {
		case now.Before(l.From):
			state = "Chưa có hiệu lực"
		case !l.InForce(now):
			state = "Hết hiệu lực"
		}
		data.Rows = append(data.Rows, listingRow{BoundaryFreeListing: l, Name: names[l.ProcedureCode], State: state})
	}
	if err != nil {
		s.fail(w, "listings.html", v, err)
		return
	}
	v.takeFlash(w, r)
	s.render(w, http.StatusOK, "listings.html", v)
}

var errListingsForbidden = motcua.Errorf(motcua.EFORBIDDEN,
	"Chỉ quản trị của Ủy ban nhân dân tỉnh được cập nhật danh mục thủ tục tiếp nhận không phụ thuộc địa giới hành chính.")

// addListing adds a listing from the form: the procedure (which the
// store checks is in the catalogue), the decision and its dates.
func (s *Server) addListing(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	f := listingForm{Code: strings.TrimSpace(r.PostFormValue("code")), Decision: strings.TrimSpace(r.PostFormValue("decision")),
		DecidedOn: r.PostFormValue("decided_on"), From: r.PostFormValue("from"), To: r.PostFormValue("to")}
	if !s.mayManageListings(r.Context(), a) {
		s.fail(w, "error.html", view{Title: "Không có quyền", Actor: a}, errListingsForbidden)
		return
	}
	l, err := f.listing()
	if err == nil {
		err = s.db.AddBoundaryFreeListing(r.Context(), &l)
	}
	if err != nil {
		s.renderListings(w, r, a, f, err)
		return
	}
	s.redirectFlash(w, r, "/listings", Flash{Text: "Đã thêm thủ tục " + l.ProcedureCode + " vào danh mục tiếp nhận không phụ thuộc địa giới hành chính."})
}

// listing reads the form's dates (the end may be left blank).
func (f listingForm) listing() (l motcua.BoundaryFreeListing, err error) {
	l.ProcedureCode, l.Decision = f.Code, f.Decision
	if l.DecidedOn, err = parseDay("decided_on", f.DecidedOn); err != nil {
		return l, err
	}
	if l.From, err = parseDay("from", f.From); err != nil {
		return l, err
	}
	if strings.TrimSpace(f.To) != "" {
		l.To, err = parseDay("to", f.To)
	}
	return l, err
}

// endListing records the day a listing stops applying.
func (s *Server) endListing(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	if !s.mayManageListings(r.Context(), a) {
		s.fail(w, "error.html", view{Title: "Không có quyền", Actor: a}, errListingsForbidden)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	to, err := parseDay("to", r.PostFormValue("to"))
	if err == nil {
		err = s.db.EndBoundaryFreeListing(r.Context(), id, to)
	}
	if err != nil {
		s.renderListings(w, r, a, listingForm{}, err)
		return
	}
	s.redirectFlash(w, r, "/listings", Flash{Text: "Đã ghi ngày hết hiệu lực của thủ tục trong danh mục: " + motcua.FormatDate(to) + "."})
}
