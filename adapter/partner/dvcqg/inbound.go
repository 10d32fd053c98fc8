package dvcqg

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/store"
)

// Dossiers filed on the national portal arrive here (issue 20, item 2),
// pushed by the national side, and land in the receiving unit's online
// queue like the portal's own submissions: the officer accepts, asks once
// or refuses as usual. The shape is ours — the national push
// specification is not public; verify before going live:
//
//	POST {base-url}/lien-thong/dvcqg/ho-so
//	X-DVCQG-Timestamp: unix seconds
//	X-DVCQG-Signature: hex(HMAC-SHA256(secret, timestamp + "." + body))
//	{"MaHoSo", "MaTTHC", "MaCoQuan", "ChuHoSo", "SoDienThoai", "Email",
//	 "TrichYeuHoSo", "DinhDanhCHS": [{…}],
//	 "TaiLieuNop": [{"TenTepDinhKem": the required document's name,
//	                 "DuongDanTaiTepTin": a link motcua fetches}]}
//	→ 200 {"MaHoSo", "error_code": "0", "message", "SoTiepNhan"}
//	→ 401 a signature that does not verify or is older than five minutes
//	→ 422 {"MaHoSo", "error_code", "message"}: refused with the reason
//	→ 503 {"MaHoSo", "error_code": "retry", …}: a failure that may pass
//	  (a file server down, the database): push it again later
//
// Idempotent by the national dossier code: the same dossier pushed twice,
// or pushed and pulled (pull.go), is one submission (store.SubmitNational);
// sent again while it waits for the additions asked, it brings them
// (store.AddNationalFiles). The decisions go back through
// the sync (Syncer) under the national code: accepted (the dossier's
// record), asked for additions (TrangThaiHoSo 5), refused (3).

// InboundPath is where the national side pushes dossiers.
const InboundPath = "/lien-thong/dvcqg/ho-so"

// HoSoDen is a dossier filed on the national portal.
type HoSoDen struct {
	MaHoSo       string       `json:"MaHoSo"`
	MaTTHC       string       `json:"MaTTHC"`
	MaCoQuan     string       `json:"MaCoQuan"`
	ChuHoSo      string       `json:"ChuHoSo"`
	SoDienThoai  string       `json:"SoDienThoai"`
	Email        string       `json:"Email"`
	TrichYeuHoSo string       `json:"TrichYeuHoSo"`
	DinhDanhCHS  []DinhDanh   `json:"DinhDanhCHS"`
	TaiLieuNop   []TaiLieuNop `json:"TaiLieuNop"`
}

// InboundAnswer is motcua's answer to a pushed dossier.
type InboundAnswer struct {
	MaHoSo     string `json:"MaHoSo"`
	ErrorCode  string `json:"error_code"`
	Message    string `json:"message"`
	SoTiepNhan int64  `json:"SoTiepNhan,omitempty"` // the submission's number
}

// Sign is the signature of a push: what the national side sends and what
// Inbound checks.
func Sign(secret []byte, timestamp string, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(timestamp + "."))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Inbound receives the national side's pushes.
type Inbound struct {
	DB     *store.DB
	Secret []byte // shared with the national side; never logged
	Files  *files.Store
	HTTP   *http.Client // fetches the files; nil: a 30-second client
	Log    *slog.Logger
}

// maxInbound bounds a pushed dossier's JSON (files come by link).
const maxInbound = 1 << 20

func (in *Inbound) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxInbound+1))
	if err != nil || len(body) > maxInbound {
		in.answer(w, http.StatusRequestEntityTooLarge, InboundAnswer{ErrorCode: "too_large", Message: "Dữ liệu gửi lên quá lớn."})
		return
	}
	if err := in.verify(r, body); err != nil {
		in.log("national push refused", "err", err)
		in.answer(w, http.StatusUnauthorized, InboundAnswer{ErrorCode: "signature", Message: "Chữ ký không hợp lệ."})
		return
	}
	var h HoSoDen
	if err := json.Unmarshal(body, &h); err != nil {
		in.answer(w, http.StatusBadRequest, InboundAnswer{ErrorCode: "json", Message: "Dữ liệu JSON không hợp lệ."})
		return
	}
	id, err := in.receive(r.Context(), h)
	if retry(err) { // the national side should push it again later, not take it as refused
		in.log("national dossier not taken yet", "code", h.MaHoSo, "err", err)
		in.answer(w, http.StatusServiceUnavailable, InboundAnswer{MaHoSo: h.MaHoSo, ErrorCode: "retry",
			Message: "Chưa tiếp nhận được hồ sơ do lỗi tạm thời; vui lòng gửi lại sau."})
		return
	}
	if err != nil {
		in.log("national dossier refused", "code", h.MaHoSo, "err", err)
		in.answer(w, http.StatusUnprocessableEntity, InboundAnswer{MaHoSo: h.MaHoSo, ErrorCode: string(motcua.ErrorCode(err)),
			Message: motcua.ErrorMessage(err)})
		return
	}
	in.answer(w, http.StatusOK, InboundAnswer{MaHoSo: h.MaHoSo, ErrorCode: "0", Message: "Đã tiếp nhận vào hàng đợi trực tuyến.", SoTiepNhan: id})
}

// verify checks the signature and that it is recent: a replayed push is
// harmless (idempotent) but a stale signature is refused all the same.
func (in *Inbound) verify(r *http.Request, body []byte) error {
	ts := r.Header.Get("X-DVCQG-Timestamp")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errors.New("no timestamp")
	}
	if d := in.DB.Now().Sub(time.Unix(sec, 0)); d > 5*time.Minute || d < -5*time.Minute {
		return fmt.Errorf("timestamp %s is %s away", ts, d)
	}
	got, err := hex.DecodeString(r.Header.Get("X-DVCQG-Signature"))
	want, _ := hex.DecodeString(Sign(in.Secret, ts, body))
	if err != nil || len(in.Secret) == 0 || !hmac.Equal(got, want) {
		return errors.New("the signature does not verify")
	}
	return nil
}

// receive files a dossier filed on the national portal, pushed or pulled:
// one already filed under its code is the same submission (its files are
// not fetched again), unless it waits for the additions asked, which the
// dossier sent again brings; a file that cannot be fetched refuses the
// dossier before anything is written.
func (in *Inbound) receive(ctx context.Context, h HoSoDen) (int64, error) {
	if strings.TrimSpace(h.MaHoSo) == "" {
		return 0, motcua.FieldError("MaHoSo", "Thiếu mã hồ sơ (MaHoSo).")
	}
	held, err := in.DB.NationalSubmission(ctx, h.MaHoSo)
	if err != nil {
		return 0, err
	}
	if held != nil && held.State != motcua.SubmissionIncomplete {
		return held.ID, nil
	}
	var unitID, procID int64
	if held == nil {
		unit, err := in.DB.UnitByCode(ctx, h.MaCoQuan)
		if err != nil {
			return 0, motcua.FieldError("MaCoQuan", "Không có cơ quan mã %q.", h.MaCoQuan)
		}
		if procID, err = in.DB.ProcedureID(ctx, h.MaTTHC, ""); err != nil {
			return 0, err
		}
		unitID = unit.ID
	}
	files, err := in.fetchAll(ctx, h.TaiLieuNop)
	if err != nil {
		return 0, err
	}
	if held != nil {
		return held.ID, in.DB.AddNationalFiles(ctx, h.MaHoSo, files)
	}
	sub := &motcua.Submission{ProcedureID: procID, UnitID: unitID, Note: h.TrichYeuHoSo, Files: files,
		Delivery: motcua.DeliveryOnline, Applicant: motcua.Applicant{Name: h.ChuHoSo, Phone: h.SoDienThoai, Email: h.Email}}
	if len(h.DinhDanhCHS) > 0 {
		sub.Applicant.IDNumber = h.DinhDanhCHS[0].SoDinhDanh
	}
	if err := in.DB.SubmitNational(ctx, motcua.Contact{Phone: h.SoDienThoai, Email: h.Email}, sub, h.MaHoSo); err != nil {
		return 0, err
	}
	return sub.ID, nil
}

func (in *Inbound) fetchAll(ctx context.Context, docs []TaiLieuNop) ([]motcua.SubmittedFile, error) {
	var out []motcua.SubmittedFile
	for _, t := range docs {
		f, err := in.fetch(ctx, t)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// fetch brings one file into the file store, checked as an upload is.
func (in *Inbound) fetch(ctx context.Context, t TaiLieuNop) (motcua.SubmittedFile, error) {
	fail := func(why string) (motcua.SubmittedFile, error) {
		return motcua.SubmittedFile{}, motcua.FieldError("TaiLieuNop", "Không tải được tệp “%s” của thành phần “%s”: %s.", t.DuongDanTaiTepTin, t.TenTepDinhKem, why)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.DuongDanTaiTepTin, nil)
	if err != nil {
		return fail("đường dẫn không hợp lệ")
	}
	client := in.HTTP
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	res, err := client.Do(req)
	if err != nil {
		f, err := fail("không kết nối được")
		return f, transient{err}
	}
	defer res.Body.Close()
	if res.StatusCode >= 500 {
		f, err := fail(res.Status)
		return f, transient{err}
	}
	if res.StatusCode != http.StatusOK {
		return fail(res.Status)
	}
	checked, err := in.Files.Check(path.Base(req.URL.Path), res.Body)
	if err != nil {
		return motcua.SubmittedFile{}, err
	}
	if err := in.Files.Save(checked); err != nil { // before the row: a row never names a missing file
		return motcua.SubmittedFile{}, err
	}
	return motcua.SubmittedFile{Document: t.TenTepDinhKem, FileName: checked.Name, ContentType: checked.ContentType,
		Size: checked.Size(), SHA256: checked.SHA256}, nil
}

// transient marks a refusal that may not hold a minute later (a file
// server that does not answer or answers 5xx): the pull stops there and
// reads the dossier again in its next round, rather than skipping it.
type transient struct{ error }

func (t transient) Unwrap() error { return t.error }

// retry tells a failure that may pass (transient, or the system's own
// error) from a refusal of the dossier for what it is.
func retry(err error) bool {
	var t transient
	return err != nil && (errors.As(err, &t) || motcua.ErrorCode(err) == motcua.EINTERNAL)
}

func (in *Inbound) answer(w http.ResponseWriter, status int, a InboundAnswer) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(a)
}

func (in *Inbound) log(msg string, args ...any) {
	if in.Log != nil {
		in.Log.Warn(msg, args...)
	}
}
