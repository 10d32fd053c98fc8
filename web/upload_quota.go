package web

import (
	"context"
	"mime/multipart"
	"time"

	"github.com/motcua/motcua"
)

// uploadMemory is what a multipart form may hold in memory: its files go
// to temporary files as they arrive, then stream into the store (hashed on
// the way), so a dozen large filings at once cost disk, not memory.
const uploadMemory = 64 << 10

// DefaultUploadQuota is what one citizen contact may upload in 24 hours
// (serve's --upload-quota-mb).
const DefaultUploadQuota = 200 << 20

// checkQuota refuses an upload of adding bytes that would take the
// contact past UploadQuota within the last 24 hours (0: no quota); with
// adding 0 it refuses a contact whose quota is spent, before its files
// are read.
func (s *Server) checkQuota(ctx context.Context, c motcua.Contact, adding int64) error {
	if s.UploadQuota <= 0 {
		return nil
	}
	used, err := s.db.UploadedSince(ctx, c, s.db.Now().Add(-24*time.Hour))
	if err != nil {
		return err
	}
	if used+adding > s.UploadQuota || (adding == 0 && used >= s.UploadQuota) {
		return &motcua.Error{Code: motcua.ETOOMANY, Field: "files", Message: "Bạn đã tải lên " + megabytes(used) +
			" trong 24 giờ qua; mỗi người nộp được tải lên tối đa " + megabytes(s.UploadQuota) +
			" mỗi ngày. Hãy thử lại sau, giảm dung lượng tệp, hoặc nộp trực tiếp tại Bộ phận Một cửa."}
	}
	return nil
}

// megabytes writes a size in MB as people read it ("12,5 MB").
func megabytes(n int64) string {
	whole, tenth := n>>20, (n%(1<<20))*10>>20
	if tenth == 0 {
		return motcua.FormatInt(whole) + " MB"
	}
	return motcua.FormatInt(whole) + "," + string(rune('0'+tenth)) + " MB"
}

// uploadsSize is the bytes of the checked uploads together.
func uploadsSize(list []upload) (n int64) {
	for _, u := range list {
		n += u.blob.Size()
	}
	return n
}

// formFilesSize is the bytes of every file a multipart form carries, as
// read into its temporary files: the quota is checked on it before any
// file is checked and kept.
func formFilesSize(form *multipart.Form) (n int64) {
	for _, headers := range form.File {
		for _, h := range headers {
			n += h.Size
		}
	}
	return n
}

// discardUploads removes the temporary files of uploads not saved (a
// saved one is left alone).
func discardUploads(list []upload) {
	for _, u := range list {
		u.blob.Discard()
	}
}
