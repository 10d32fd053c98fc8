package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalogio"
)

// maxCatalogFile bounds an uploaded catalogue file.
const maxCatalogFile = 20 << 20

// catalogExport downloads the whole catalogue as JSON or XLSX.
func (s *Server) catalogExport(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	snap, err := s.db.Snapshot(r.Context())
	var buf bytes.Buffer
	format := r.PathValue("format")
	if err == nil {
		switch format {
		case "xlsx":
			err = catalogio.WriteXLSX(&buf, snap)
		case "json":
			err = catalogio.WriteJSON(&buf, snap)
		default:
			err = motcua.Errorf(motcua.ENOTFOUND, "Định dạng %q không được hỗ trợ: dùng json hoặc xlsx.", format)
		}
	}
	if err != nil {
		s.fail(w, "error.html", view{Title: "Xuất danh mục", Actor: a}, err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="danh-muc-tthc.`+format+`"`)
	w.Header().Set("Content-Type", map[string]string{"json": "application/json",
		"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[format])
	w.Write(buf.Bytes())
}

// catalogImport applies an uploaded catalogue file, whole or not at all.
func (s *Server) catalogImport(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	msg, err := s.importUpload(r, a)
	if err == nil {
		s.redirectFlash(w, r, "/catalog", Flash{Text: msg})
		return
	}
	data := &catalogAdminData{CanManage: a.CanManageCatalog()}
	data.Decisions, _ = s.db.Decisions(r.Context())
	s.fail(w, "decisions.html", view{Title: "Quyết định công bố thủ tục", Actor: a, Data: data}, err)
}

func (s *Server) importUpload(r *http.Request, a *motcua.Actor) (string, error) {
	if !a.CanManageCatalog() {
		return "", motcua.Errorf(motcua.EFORBIDDEN, "Chỉ quản trị hệ thống được nhập danh mục thủ tục.")
	}
	r.Body = http.MaxBytesReader(nil, r.Body, maxCatalogFile)
	file, header, err := r.FormFile("file")
	if err != nil {
		return "", motcua.FieldError("file", "Hãy chọn tệp .xlsx hoặc .json (tối đa 20 MB).")
	}
	defer file.Close()
	read := catalogio.ReadXLSX
	switch strings.ToLower(filepath.Ext(header.Filename)) {
	case ".json":
		read = catalogio.ReadJSON
	case ".xlsx":
	default:
		return "", motcua.FieldError("file", "Tệp phải có đuôi .xlsx hoặc .json.")
	}
	snap, err := read(io.LimitReader(file, maxCatalogFile))
	if err != nil {
		return "", err
	}
	rep, err := s.db.ImportCatalog(r.Context(), a, snap)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("Đã nhập %s: %d thay đổi — quyết định: %d mới, %d cập nhật; phiên bản thủ tục: %d mới, %d cập nhật, %d không đổi.",
		header.Filename, rep.Changes(), rep.DecisionsCreated, rep.DecisionsUpdated, rep.VersionsCreated, rep.VersionsUpdated, rep.Unchanged), nil
}
