// Package csdltthc reads procedures from the national procedure database
// (Cơ sở dữ liệu quốc gia về thủ tục hành chính, csdl.dichvucong.gov.vn)
// into the catalogue's types, from an export file or over HTTP. The shape
// it reads is the one docs/national-catalogue.md documents: the headings of
// the national per-procedure export, under the field names public
// integrations use. Confirm them against the official integration documents
// before going live; they live here and nowhere else.
//
//	file:  {"DanhSachTTHC": [RECORD, …]}   (or a bare [RECORD, …])
//	HTTP:  GET {base}/tthc/{MaTTHC}  → 200 RECORD | 404 unknown code
//
// RECORD: {"MaTTHC", "TenTTHC", "SoQuyetDinh", "CapThucHien", "LinhVuc",
// "ThoiHanGiaiQuyet", "PhiLePhi", "TrinhTu", "CachThucThucHien",
// "ThanhPhanHoSo": [{"TenGiayTo", "MauDon", "SoLuong"}], "DoiTuongThucHien",
// "CoQuanThucHien", "KetQuaThucHien", "CanCuPhapLy": [{"SoKyHieu",
// "TrichYeu"}]} — all text as published; keys it does not know are ignored,
// since the national export carries more than motcua keeps.
package csdltthc

// Record is one procedure as the national database publishes it.
type Record struct {
	MaTTHC           string      `json:"MaTTHC"`      // national code, e.g. 1.001193
	TenTTHC          string      `json:"TenTTHC"`     // name
	SoQuyetDinh      string      `json:"SoQuyetDinh"` // the announcing decision, for reference
	CapThucHien      string      `json:"CapThucHien"` // "Cấp Tỉnh, Cấp Xã"
	LinhVuc          string      `json:"LinhVuc"`
	ThoiHanGiaiQuyet string      `json:"ThoiHanGiaiQuyet"` // "05 ngày làm việc"
	PhiLePhi         string      `json:"PhiLePhi"`         // "Lệ phí: 8.000 đồng/bản"
	TrinhTu          string      `json:"TrinhTu"`          // trình tự thực hiện
	CachThucThucHien string      `json:"CachThucThucHien"` // cách thức thực hiện
	ThanhPhanHoSo    []Component `json:"ThanhPhanHoSo"`
	DoiTuongThucHien string      `json:"DoiTuongThucHien"`
	CoQuanThucHien   string      `json:"CoQuanThucHien"`
	KetQuaThucHien   string      `json:"KetQuaThucHien"`
	CanCuPhapLy      []LegalAct  `json:"CanCuPhapLy"`

	source string // the file a record was read from alone (a .docx export), for messages
}

// Component is one document of the dossier (thành phần hồ sơ).
type Component struct {
	TenGiayTo string `json:"TenGiayTo"`
	MauDon    string `json:"MauDon"`  // the form to fill in, if any
	SoLuong   string `json:"SoLuong"` // "Bản chính: 1 - Bản sao: 0"
}

// LegalAct is one line of the legal basis (căn cứ pháp lý).
type LegalAct struct {
	SoKyHieu string `json:"SoKyHieu"`
	TrichYeu string `json:"TrichYeu"`
}

// file is the export document.
type file struct {
	DanhSachTTHC []Record `json:"DanhSachTTHC"`
}
