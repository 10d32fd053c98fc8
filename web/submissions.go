package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
)

// The one-stop's side of online filing: the queue of submissions, and
// for each the decision — accept (the clock starts), ask once for
// everything missing, or refuse with reasons.

type submissionsData struct {
	List []*motcua.Submission
}

func (s *Server) submissionsPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	list, err := s.db.SubmissionQueue(r.Context(), a)
	v := view{Title: "Hồ sơ nộp trực tuyến chờ tiếp nhận", Actor: a, Data: &submissionsData{List: list}}
	if err != nil {
		s.fail(w, "submissions.html", v, err)
		return
	}
	s.render(w, http.StatusOK, "submissions.html", v)
}

type submissionData struct {
	S       *motcua.Submission
	Decide  bool
	Missing string
	// Locality and Return name the unit the applicant's fact points to and
	// the counter chosen for the result, "" when none.
	Locality, Return string
}

// submissionView is what the officer's submission page shows of sub.
func (s *Server) submissionView(r *http.Request, a *motcua.Actor, sub *motcua.Submission) *submissionData {
	d := &submissionData{S: sub, Decide: a.CanDecideSubmission(sub) && sub.Open()}
	f := sub.Competence
	if id := max(f.ResidenceUnitID, f.LocationUnitID, f.ChosenUnitID); id != 0 {
		d.Locality = s.unitName(r.Context(), id)
	}
	if sub.ReturnUnitID != 0 {
		d.Return = s.unitName(r.Context(), sub.ReturnUnitID)
	}
	return d
}

// Files are the submission's uploads as the officer's pages list them.
func (d *submissionData) Files() []fileView { return fileViews(d.S.Files) }

func (s *Server) submissionPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	sub, err := s.db.Submission(r.Context(), a, id)
	v := view{Title: "Hồ sơ nộp trực tuyến", Actor: a}
	v.takeFlash(w, r)
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	v.Data = s.submissionView(r, a, sub)
	s.render(w, http.StatusOK, "submission.html", v)
}

// decideSubmission carries out the officer's decision on a submission.
func (s *Server) decideSubmission(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var err error
	var flash string
	switch r.PathValue("decision") {
	case "accept":
		var d *motcua.Dossier
		if d, err = s.db.AcceptSubmission(r.Context(), a, id); err == nil {
			http.Redirect(w, r, "/dossiers/"+strconv.FormatInt(d.ID, 10)+"?accepted=1", http.StatusSeeOther)
			return
		}
	case "ask":
		err = s.db.AskAdditions(r.Context(), a, id, strings.Split(r.PostFormValue("missing"), "\n"), r.PostFormValue("note"))
		flash = "Đã gửi yêu cầu bổ sung tới người nộp."
	case "refuse":
		err = s.db.RefuseSubmission(r.Context(), a, id, r.PostFormValue("reason"))
		flash = "Đã từ chối tiếp nhận và báo cho người nộp."
	default:
		err = motcua.Errorf(motcua.ENOTFOUND, "Không có thao tác này.")
	}
	if err == nil {
		s.redirectFlash(w, r, "/submissions/"+strconv.FormatInt(id, 10), Flash{Text: flash})
		return
	}
	sub, loadErr := s.db.Submission(r.Context(), a, id)
	v := view{Title: "Hồ sơ nộp trực tuyến", Actor: a}
	if loadErr != nil {
		s.fail(w, "error.html", v, loadErr)
		return
	}
	data := s.submissionView(r, a, sub)
	data.Missing = r.PostFormValue("missing")
	v.Data = data
	s.fail(w, "submission.html", v, err)
}

func (s *Server) submissionFile(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	fileID, _ := strconv.ParseInt(r.PathValue("file"), 10, 64)
	f, err := s.db.SubmittedFileOf(r.Context(), a, motcua.Contact{}, id, fileID)
	s.serveUpload(w, r, f, err)
}

// answerReview closes an unsatisfied rating with the leader's answer.
func (s *Server) answerReview(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := s.db.AnswerReview(r.Context(), a, id, r.PostFormValue("response")); err != nil {
		s.fail(w, "error.html", view{Title: "Trả lời đánh giá", Actor: a}, err)
		return
	}
	http.Redirect(w, r, "/alerts#reviews", http.StatusSeeOther)
}
