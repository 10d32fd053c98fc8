package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
	"github.com/motcua/motcua/store"
)

type documentsData struct {
	Units    []*motcua.Unit
	UnitID   int64
	Query    string
	Type     string
	From, To string
	Types    []reform.DocumentType
	List     []reform.Document
	Manage   bool
	Tasks    []reform.PlanTask // the year's plan tasks a new document may serve
	TaskName map[int64]string
}

// documentsPage is the directive-document register of a unit: search
// (without diacritics), by kind and period; leaders add documents with
// their file.
func (s *Server) documentsPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	s.renderDocuments(w, r, a, nil)
}

func (s *Server) renderDocuments(w http.ResponseWriter, r *http.Request, a *motcua.Actor, failure error) {
	data := &documentsData{Query: r.FormValue("q"), Type: r.FormValue("loai"), From: r.FormValue("tu"), To: r.FormValue("den"),
		Types: reform.DocumentTypes}
	v := view{Title: "Sổ văn bản chỉ đạo, điều hành", Actor: a, Data: data}
	units, err := s.db.Units(r.Context())
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	for _, u := range units {
		if a.Handles(u.ID) || a.CanManageReform(u.ID) {
			data.Units = append(data.Units, u)
		}
	}
	data.UnitID, _ = strconv.ParseInt(r.FormValue("don_vi"), 10, 64)
	if data.UnitID == 0 && len(data.Units) > 0 {
		data.UnitID = data.Units[0].ID
	}
	if !a.Handles(data.UnitID) && !a.CanManageReform(data.UnitID) {
		s.fail(w, "error.html", v, motcua.Errorf(motcua.EFORBIDDEN, "Bạn không xem được sổ văn bản của đơn vị này."))
		return
	}
	data.Manage = a.CanManageReform(data.UnitID)
	data.TaskName = map[int64]string{}
	if plan, err := s.db.Plan(r.Context(), data.UnitID, s.db.Now().In(motcua.VN).Year()); err == nil {
		for _, c := range plan.Contents {
			for _, t := range c.Tasks {
				data.Tasks = append(data.Tasks, t)
				data.TaskName[t.ID] = t.Title
			}
		}
	}
	q := store.DocumentQuery{UnitID: data.UnitID, Text: data.Query, Type: reform.DocumentType(data.Type)}
	q.From, _ = time.ParseInLocation("02/01/2006", strings.TrimSpace(data.From), motcua.VN)
	if to, err := time.ParseInLocation("02/01/2006", strings.TrimSpace(data.To), motcua.VN); err == nil {
		q.To = to.AddDate(0, 0, 1)
	}
	if data.List, err = s.db.Documents(r.Context(), q); err != nil {
		s.fail(w, "documents.html", v, err)
		return
	}
	if failure != nil {
		s.fail(w, "documents.html", v, failure)
		return
	}
	s.render(w, http.StatusOK, "documents.html", v)
}

// addDocument records a document, with its file when one is attached.
func (s *Server) addDocument(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	if err := r.ParseMultipartForm(uploadMemory); err != nil {
		s.renderDocuments(w, r, a, uploadError(err))
		return
	}
	defer r.MultipartForm.RemoveAll()
	unitID, _ := strconv.ParseInt(r.FormValue("don_vi"), 10, 64)
	issued, err := time.ParseInLocation("02/01/2006", strings.TrimSpace(r.FormValue("ngay")), motcua.VN)
	if err != nil {
		s.renderDocuments(w, r, a, motcua.FieldError("ngay", "Ngày ban hành dạng dd/mm/yyyy."))
		return
	}
	d := &reform.Document{Number: r.FormValue("so"), IssuedOn: issued, Issuer: r.FormValue("co_quan"), Summary: r.FormValue("trich_yeu"),
		Type: reform.DocumentType(r.FormValue("loai_moi"))}
	for _, v := range r.MultipartForm.Value["nhiem_vu"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			d.TaskIDs = append(d.TaskIDs, id)
		}
	}
	if headers := r.MultipartForm.File["tep"]; len(headers) > 0 {
		u, err := s.checkUpload(headers[0], "Văn bản")
		defer u.blob.Discard() // removes the temporary file unless saved
		if err == nil {
			err = s.Files.Save(u.blob)
		}
		if err != nil {
			s.renderDocuments(w, r, a, err)
			return
		}
		d.Attachment, d.FileName = u.file.SHA256, u.file.FileName
	}
	if err := s.db.CreateDocument(r.Context(), a, unitID, d); err != nil {
		s.renderDocuments(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/documents?don_vi="+strconv.FormatInt(unitID, 10), http.StatusSeeOther)
}
