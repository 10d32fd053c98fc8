package web

import (
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// Reuse online (issue 18, item 5): on the filing form, a signed-in
// citizen who typed their identity number asks what the one-stop holds
// (GET /nop-truc-tuyen/{id}/giay-to-da-luu, a fragment that replaces the
// form's documents, the files already kept staying kept) and may choose a
// held document for a document of the form instead of uploading it. The
// session proves a contact, not an identity: only documents of dossiers
// whose applicant gave that phone or e-mail are offered (store.HeldOnline),
// and the store checks it again when the filing is written.

// heldOnline answers the documents part of the filing form with what may
// be reused.
func (s *Server) heldOnline(w http.ResponseWriter, r *http.Request, c motcua.Contact) {
	data, err := s.onlineFormData(r, c)
	if err != nil {
		http.Error(w, motcua.ErrorMessage(err), motcua.HTTPStatus(err))
		return
	}
	data.Key = r.FormValue("key")
	q := r.Form // the query (a browser without JavaScript) or the script's POST, parsed by FormValue above
	for i := range data.Slots {
		sl := &data.Slots[i]
		field := strconv.Itoa(i)
		if tok := q.Get("kept_" + field); tok != "" {
			sl.Kept = openKept(tok, sl.Doc.Name, c, data.Key, field)
		}
	}
	held, err := s.db.HeldOnline(r.Context(), c, r.FormValue("id_number"))
	if err != nil {
		data.HeldErr = motcua.ErrorMessage(err)
	}
	rows := make([]heldRow, 0, len(held))
	for _, h := range held {
		rows = append(rows, newHeldRow(h))
	}
	for i := range data.Slots {
		data.Slots[i].Held = heldForComponent(data.Slots[i].Doc.Name, rows)
	}
	data.HeldAsked = true
	if r.Header.Get("HX-Request") != "" {
		s.render(w, http.StatusOK, "_portal_documents.html", view{Data: data, Citizen: &c})
		return
	}
	// Without JavaScript the button sent the whole form here: the page
	// again, with what was typed.
	data.S.Applicant = motcua.Applicant{Name: q.Get("name"), IDNumber: q.Get("id_number"), Address: q.Get("address"),
		Phone: q.Get("phone"), Email: q.Get("email")}
	data.S.Note = q.Get("note")
	s.render(w, http.StatusOK, "portal_form.html", view{Title: "Nộp hồ sơ trực tuyến", Data: data, Citizen: &c})
}

// HeldAny tells whether a held document may be chosen on the form.
func (d *onlineFormData) HeldAny() bool {
	return len(d.Slots) > 0 && len(d.Slots[0].Held) > 0
}

// reusedOf lists the held documents the form's slots chose.
func reusedOf(slots []docSlot) []store.ReusedUpload {
	var out []store.ReusedUpload
	for _, sl := range slots {
		if sl.Reuse != "" {
			out = append(out, store.ReusedUpload{Document: sl.Doc.Name, Ref: sl.Reuse})
		}
	}
	return out
}
