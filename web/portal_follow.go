package web

import (
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// The citizen follows an accepted online submission on its own page
// (/ho-so-cua-toi/{id}) to the end: the dossier's state from the ledger,
// a supplement asked during processing (with the box to send it), and
// where the result is to be had.

type followData struct {
	*store.FollowUp
	SubmissionID int64
	Delivery     motcua.Delivery
	DeliveryTo   string
	Partial      bool   // partial online procedure: originals are shown when collecting
	Track        string // the public tracking link
	Rate         string // the rating link once the result is returned
}

// follow reads the dossier a submission became; nil before acceptance.
func (s *Server) follow(r *http.Request, c motcua.Contact, sub *motcua.Submission) (*followData, error) {
	f, err := s.db.FollowSubmission(r.Context(), c, sub)
	if err != nil || f == nil {
		return nil, err
	}
	data := &followData{FollowUp: f, SubmissionID: sub.ID, Delivery: sub.Delivery, DeliveryTo: sub.DeliveryTo}
	if p, err := s.db.Procedure(r.Context(), sub.ProcedureID); err == nil {
		data.Partial = p.OnlineLevel == motcua.OnlinePartial
	}
	data.Track = motcua.TrackURL("", f.Dossier)
	if f.Dossier.State == motcua.StateReturned {
		data.Rate = motcua.RateURL("", f.Dossier)
	}
	return data, nil
}

// addSupplement takes the files of a supplement asked during processing:
// every file is checked before any is kept.
func (s *Server) addSupplement(w http.ResponseWriter, r *http.Request, c motcua.Contact, sub *motcua.Submission) {
	data := &mySubmissionData{S: sub}
	v := view{Title: "Hồ sơ nộp trực tuyến", Data: data, Citizen: &c}
	fail := func(err error) {
		data.Follow, _ = s.follow(r, c, sub)
		s.fail(w, "portal_submission.html", v, err)
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	if err := r.ParseMultipartForm(uploadMemory); err != nil {
		fail(uploadError(err))
		return
	}
	defer r.MultipartForm.RemoveAll()
	if err := s.checkQuota(r.Context(), c, formFilesSize(r.MultipartForm)); err != nil {
		fail(err)
		return
	}
	var checked []upload
	defer func() { discardUploads(checked) }()
	for _, h := range r.MultipartForm.File["files"] {
		u, err := s.checkUpload(h, store.SupplementDocument)
		if err != nil {
			fail(err)
			return
		}
		checked = append(checked, u)
	}
	var list []motcua.SubmittedFile
	for _, u := range checked {
		if err := s.Files.Save(u.blob); err != nil {
			fail(err)
			return
		}
		list = append(list, u.file)
	}
	if err := s.db.AddSupplement(r.Context(), c, sub.ID, list); err != nil {
		fail(err)
		return
	}
	http.Redirect(w, r, "/ho-so-cua-toi/"+strconv.FormatInt(sub.ID, 10)+"?bo-sung=1", http.StatusSeeOther)
}
