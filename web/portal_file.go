package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"mime/multipart"
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/httpmux"
	"github.com/motcua/motcua/store"
)

// mountPortal adds the citizen portal's routes.
func (s *Server) mountPortal(mux httpmux.Mux) {
	mux.HandleFunc("GET /xac-thuc", s.verifyPage)
	mux.HandleFunc("POST /xac-thuc/gui-ma", s.sendCode)
	mux.HandleFunc("POST /xac-thuc", s.checkCode)
	mux.HandleFunc("GET /xac-thuc/oidc", s.oidcStart)
	mux.HandleFunc("GET /xac-thuc/oidc/callback", s.oidcCallback)
	mux.HandleFunc("POST /dang-xuat", s.citizenLogout)
	mux.HandleFunc("GET /nop-truc-tuyen", s.withCitizen(s.onlineProcedures))
	mux.HandleFunc("GET /nop-truc-tuyen/{id}", s.withCitizen(s.onlineForm))
	mux.HandleFunc("POST /nop-truc-tuyen/{id}", s.withCitizen(s.submit))
	mux.HandleFunc("GET /nop-truc-tuyen/{id}/phi", s.withCitizen(s.onlineFees))
	mux.HandleFunc("GET /nop-truc-tuyen/{id}/giay-to-da-luu", s.withCitizen(s.heldOnline))
	mux.HandleFunc("POST /nop-truc-tuyen/{id}/giay-to-da-luu", s.withCitizen(s.heldOnline)) // the script's: no identity number in the URL
	mux.HandleFunc("GET /ho-so-cua-toi", s.withCitizen(s.mySubmissions))
	mux.HandleFunc("GET /ho-so-cua-toi/{id}", s.withCitizen(s.mySubmission))
	mux.HandleFunc("POST /ho-so-cua-toi/{id}/bo-sung", s.withCitizen(s.addFiles))
	mux.HandleFunc("GET /ho-so-cua-toi/{id}/tep/{file}", s.withCitizen(s.myFile))
	mux.HandleFunc("GET /ho-so-cua-toi/{id}/ket-qua", s.withCitizen(s.myResult))
	mux.HandleFunc("GET "+motcua.RatePath, s.ratePage)
	mux.HandleFunc("POST "+motcua.RatePath, s.rate)
}

// maxUpload bounds a whole filing request: a few documents of up to
// files.DefaultMaxSize each.
const maxUpload = 60 << 20

type onlineList struct {
	Query string
	Procs []*motcua.Procedure
}

// onlineProcedures lists the procedures offered online, to choose one.
func (s *Server) onlineProcedures(w http.ResponseWriter, r *http.Request, c motcua.Contact) {
	data := onlineList{Query: r.URL.Query().Get("q")}
	v := view{Title: "Nộp hồ sơ trực tuyến", Data: &data, Citizen: &c}
	for _, level := range []motcua.OnlineLevel{motcua.OnlineFull, motcua.OnlinePartial} {
		procs, err := s.db.Catalog(r.Context(), store.CatalogFilter{Query: data.Query, Online: level, Limit: 200})
		if err != nil {
			s.fail(w, "portal_procedures.html", v, err)
			return
		}
		data.Procs = append(data.Procs, procs...)
	}
	s.render(w, http.StatusOK, "portal_procedures.html", v)
}

type onlineFormData struct {
	P     *motcua.Procedure
	Units []*motcua.Unit
	Key   string
	S     motcua.Submission
	// For a procedure with a competence rule: what the applicant names
	// (LocalityLabel) among the communes in force, and whether any centre
	// of the province may receive it now (Listing); Returns are the
	// counters where the result may be collected.
	LocalityLabel string
	Localities    []*motcua.Unit
	Listing       *motcua.BoundaryFreeListing
	Returns       []*motcua.Unit
	// The documents: one slot per catalogue document, the other files,
	// and what was wrong with those.
	Slots    []docSlot
	Extra    []keptFile
	ExtraErr string
	// HeldAsked: the citizen asked what the one-stop holds for them
	// (citizen_store_online.go); HeldErr says why it is not shown.
	HeldAsked bool
	HeldErr   string
	// Fees are the copies and pages typed, which the fee lines count.
	Fees feeFields
	// VNeID is the personal identification number the session verified
	// with VNeID, masked; "" for a session opened another way.
	VNeID string
}

// onlineForm is the filing form of one procedure: where, who, the
// documents, how to get the result.
func (s *Server) onlineForm(w http.ResponseWriter, r *http.Request, c motcua.Contact) {
	data, err := s.onlineFormData(r, c)
	v := view{Title: "Nộp hồ sơ trực tuyến", Data: data, Citizen: &c}
	if err != nil {
		s.fail(w, "portal_form.html", v, err)
		return
	}
	s.render(w, http.StatusOK, "portal_form.html", v)
}

func (s *Server) onlineFormData(r *http.Request, c motcua.Contact) (*onlineFormData, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy thủ tục hành chính này.")
	}
	p, err := s.db.Procedure(r.Context(), id)
	if err != nil {
		return nil, err
	}
	units, err := s.db.UnitsApplying(r.Context(), p)
	if err != nil {
		return nil, err
	}
	key := make([]byte, 16)
	rand.Read(key)
	data := &onlineFormData{P: p, Units: units, Key: base64.RawURLEncoding.EncodeToString(key), Slots: slotsOf(p)}
	data.S.Delivery = motcua.DeliveryOnline
	data.S.Applicant.Email, data.S.Applicant.Phone = c.Email, c.Phone
	if n := s.citizenVNeID(r); n != "" {
		data.VNeID = motcua.Mask(n)
	}
	return data, s.competenceChoices(r, data)
}

// competenceChoices fills what the form asks of a procedure with a
// competence rule, and the counters that may hand the result over.
func (s *Server) competenceChoices(r *http.Request, data *onlineFormData) error {
	all, err := s.db.Units(r.Context())
	if err != nil {
		return err
	}
	now := s.db.Now()
	for _, u := range all {
		if !u.InForce(now) {
			continue
		}
		if u.ReceivesDossiers() {
			data.Returns = append(data.Returns, u)
		}
		if u.Kind == motcua.UnitCommune && data.P.Competence != motcua.CompetenceHere {
			data.Localities = append(data.Localities, u)
		}
	}
	if data.P.Competence == motcua.CompetenceHere {
		return nil
	}
	data.LocalityLabel = localityLabel(data.P.Competence)
	listed, err := s.listedNow(r.Context())
	data.Listing = listed[data.P.Code]
	return err
}

// localityLabel names the fact the rule reads, as the form asks it.
func localityLabel(c motcua.Competence) string {
	switch c {
	case motcua.CompetenceLocation:
		return "Xã, phường nơi có đất, cơ sở kinh doanh"
	case motcua.CompetenceChoice:
		return "Đơn vị giải quyết bạn chọn"
	}
	return "Xã, phường nơi cư trú"
}

// submit files the form: every upload is checked before anything is
// stored, the submission's rules are Submit's (its error is shown on the
// form), and a retried post (same key) is the same submission.
func (s *Server) submit(w http.ResponseWriter, r *http.Request, c motcua.Contact) {
	data, err := s.onlineFormData(r, c)
	v := view{Title: "Nộp hồ sơ trực tuyến", Data: data, Citizen: &c}
	if err != nil {
		s.fail(w, "portal_form.html", v, err)
		return
	}
	if err := s.checkQuota(r.Context(), c, 0); err != nil {
		s.fail(w, "portal_form.html", v, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	if err := r.ParseMultipartForm(uploadMemory); err != nil {
		s.fail(w, "portal_form.html", v, uploadError(err))
		return
	}
	defer r.MultipartForm.RemoveAll()
	sub := &data.S
	if err := data.readSubmission(r.PostForm); err != nil {
		s.fail(w, "portal_form.html", v, err)
		return
	}
	sub.SessionVNeID = s.citizenVNeID(r) // from the session; the store compares
	if err := s.checkQuota(r.Context(), c, formFilesSize(r.MultipartForm)); err != nil {
		s.fail(w, "portal_form.html", v, err)
		return
	}
	if err := s.formFiles(r.MultipartForm, c, data); err != nil {
		s.fail(w, "portal_form.html", v, err)
		return
	}
	if err := s.db.SubmitReusing(r.Context(), c, sub, reusedOf(data.Slots)); err != nil {
		if motcua.ErrorCode(err) == motcua.ECONFLICT { // the key went with other content: this form is a new one
			data.Key = rand.Text()
		}
		s.fail(w, "portal_form.html", v, err)
		return
	}
	http.Redirect(w, r, "/ho-so-cua-toi/"+strconv.FormatInt(sub.ID, 10)+"?moi=1", http.StatusSeeOther)
}

type upload struct {
	file motcua.SubmittedFile
	blob *files.Checked
}

func (s *Server) checkUpload(h *multipart.FileHeader, document string) (upload, error) {
	if s.Files == nil {
		return upload{}, motcua.Errorf(motcua.EINTERNAL, "Máy chủ chưa cấu hình nơi lưu tệp tải lên (--files).")
	}
	f, err := h.Open()
	if err != nil {
		return upload{}, err
	}
	defer f.Close()
	blob, err := s.Files.Check(h.Filename, f)
	if err != nil {
		return upload{}, err
	}
	return upload{blob: blob, file: motcua.SubmittedFile{Document: document, FileName: blob.Name, ContentType: blob.ContentType,
		Size: blob.Size(), SHA256: blob.SHA256}}, nil
}

// uploadError explains a request too large to read.
func uploadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return motcua.FieldError("files", "Tổng dung lượng các tệp vượt %d MB; hãy giảm kích thước tệp (ví dụ chụp ảnh với độ phân giải thấp hơn).", maxUpload>>20)
	}
	return motcua.FieldError("files", "Không đọc được biểu mẫu đã gửi; hãy thử lại.")
}

type mineData struct {
	List []*motcua.Submission
}

func (s *Server) mySubmissions(w http.ResponseWriter, r *http.Request, c motcua.Contact) {
	list, err := s.db.MySubmissions(r.Context(), c)
	v := view{Title: "Hồ sơ của tôi", Data: &mineData{List: list}, Citizen: &c}
	if err != nil {
		s.fail(w, "portal_mine.html", v, err)
		return
	}
	s.render(w, http.StatusOK, "portal_mine.html", v)
}

type mySubmissionData struct {
	S      *motcua.Submission
	Follow *followData // the dossier, once accepted
	New    bool
	// Filed, Locality and Return name where it was filed, the unit the
	// applicant's fact points to and the counter chosen for the result.
	Filed, Locality, Return string
	Payments                *paymentsView // fees due and paid, once accepted (payments_staff.go)
	// NotVNeID: the session is VNeID-verified but the submission is not,
	// its applicant's number being another; VNeID is that number, masked.
	NotVNeID bool
	VNeID    string
}

func (s *Server) mySubmission(w http.ResponseWriter, r *http.Request, c motcua.Contact) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	sub, err := s.db.MySubmission(r.Context(), c, id)
	data := &mySubmissionData{S: sub, New: r.URL.Query().Get("moi") == "1"}
	v := view{Title: "Hồ sơ nộp trực tuyến", Data: data, Citizen: &c}
	if err != nil {
		s.fail(w, "portal_submission.html", v, err)
		return
	}
	if data.Follow, err = s.follow(r, c, sub); err != nil {
		s.fail(w, "portal_submission.html", v, err)
		return
	}
	if data.Payments = s.citizenPayments(r.Context(), c, sub); data.Payments != nil {
		s.allowPaymentForms(w)
	}
	if n := s.citizenVNeID(r); n != "" && !sub.VNeID {
		data.NotVNeID, data.VNeID = true, motcua.Mask(n)
	}
	f := sub.Competence
	data.Filed = s.unitName(r.Context(), sub.UnitID)
	if id := max(f.ResidenceUnitID, f.LocationUnitID, f.ChosenUnitID); id != 0 {
		data.Locality = s.unitName(r.Context(), id)
	}
	if sub.ReturnUnitID != 0 {
		data.Return = s.unitName(r.Context(), sub.ReturnUnitID)
	}
	switch {
	case data.New:
		v.Flash = "Đã gửi hồ sơ. Bộ phận Một cửa sẽ kiểm tra và tiếp nhận; bạn sẽ nhận được thông báo qua " + c.String() + "."
	case r.URL.Query().Get("bo-sung") == "1":
		v.Flash = "Đã gửi giấy tờ bổ sung. Cán bộ sẽ kiểm tra và xác nhận đã nhận; thời hạn giải quyết tiếp tục được tính từ khi xác nhận."
	}
	s.render(w, http.StatusOK, "portal_submission.html", v)
}

// addFiles uploads what the one-stop asked for.
func (s *Server) addFiles(w http.ResponseWriter, r *http.Request, c motcua.Contact) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	sub, err := s.db.MySubmission(r.Context(), c, id)
	v := view{Title: "Hồ sơ nộp trực tuyến", Data: &mySubmissionData{S: sub}, Citizen: &c}
	if err != nil {
		s.fail(w, "portal_submission.html", v, err)
		return
	}
	if err := s.checkQuota(r.Context(), c, 0); err != nil {
		s.fail(w, "portal_submission.html", v, err)
		return
	}
	if sub.State == motcua.SubmissionAccepted {
		s.addSupplement(w, r, c, sub)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	if err := r.ParseMultipartForm(uploadMemory); err != nil {
		s.fail(w, "portal_submission.html", v, uploadError(err))
		return
	}
	defer r.MultipartForm.RemoveAll()
	var checked []upload
	defer func() { discardUploads(checked) }()
	for _, h := range r.MultipartForm.File["files"] {
		u, err := s.checkUpload(h, "Bổ sung")
		if err != nil {
			s.fail(w, "portal_submission.html", v, err)
			return
		}
		checked = append(checked, u)
	}
	if err := s.checkQuota(r.Context(), c, uploadsSize(checked)); err != nil {
		s.fail(w, "portal_submission.html", v, err)
		return
	}
	var list []motcua.SubmittedFile
	for _, u := range checked {
		if err := s.Files.Save(u.blob); err != nil {
			s.fail(w, "portal_submission.html", v, err)
			return
		}
		list = append(list, u.file)
	}
	if err := s.db.AddFiles(r.Context(), c, id, list); err != nil {
		s.fail(w, "portal_submission.html", v, err)
		return
	}
	http.Redirect(w, r, "/ho-so-cua-toi/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (s *Server) myFile(w http.ResponseWriter, r *http.Request, c motcua.Contact) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	fileID, _ := strconv.ParseInt(r.PathValue("file"), 10, 64)
	f, err := s.db.SubmittedFileOf(r.Context(), nil, c, id, fileID)
	s.serveStored(w, r, f, err, false)
}
