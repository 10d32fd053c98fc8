package dvcqg

import (
	"time"

	"github.com/motcua/motcua"
)

// The national co-ordination system's shape of a synchronised dossier
// (issue 20). This file is the one place that knows the national field
// names and code lists; everything else speaks motcua.NationalRecord.
//
// Verify before going live: the names below are the best public evidence
// (docs/national-sync.md says where each comes from), not the official
// integration specification, which is not public. Names marked "ours"
// were not seen in any public integration.
//
//	HoSo: MaHoSo, MaTTHC, TenTTHC, MaLinhVuc, MaCoQuan (receiving unit),
//	  DonViXuLy (deciding unit), KenhThucHien, ChuHoSo, DinhDanhCHS[]
//	  {LoaiDinhDanh, SoDinhDanh}, TaiKhoanDuocXacThucVoiVNeID,
//	  DSKetNoiCSDL[]{MaCSDL}, NgayNopHoSo, NgayTiepNhan, NgayHenTra,
//	  NgayKetThucXuLy, NgayTra, NgayTuChoi, TrangThaiHoSo,
//	  ThoiGianThucHien + LoaiThoiGianThucHien, HoSoCoThanhPhanSoHoa,
//	  TaiLieuNop[]{TenTepDinhKem, DuongDanTaiTepTin, DuocSoHoa,
//	  DuocTaiSuDung, DuocLayTuKhoDMQG}, DanhSachGiayToKetQua[]{TenGiayTo,
//	  MaGiayToKetQua, DuongDanTepTinKetQua, DaDayLenKhoDMQG (ours)},
//	  DanhSachLePhi[]{MaPhiLePhi, TenPhiLePhi, Gia}, DuocThanhToanTrucTuyen,
//	  DanhSachHoSoBoSung[]{NgayBoSung (requested), NgayTiepNhanBoSung}
//	QuaTrinhXuLy (sent beside the HoSo as tienTrinhDongBo): NoiDungXuLy,
//	  PhongBanXuLy (unit code), NguoiXuLy, NgayBatDau, NgayKetThuc (ours)
//
// Flags and codes travel as strings ("0"/"1"), as the public integrations
// send them; instants as yyyyMMddHHmmss in Vietnam's time.

// Item is one dossier of a sync batch: the record and its processing
// trail, as the public integrations pair them (hoSo, tienTrinhDongBo).
type Item struct {
	HoSo      HoSo           `json:"hoSo"`
	TienTrinh []QuaTrinhXuLy `json:"tienTrinhDongBo"`
}

// HoSo is a dossier in the national field names.
type HoSo struct {
	MaHoSo                      string         `json:"MaHoSo"`
	MaTTHC                      string         `json:"MaTTHC"`
	TenTTHC                     string         `json:"TenTTHC"`
	MaLinhVuc                   string         `json:"MaLinhVuc"`
	MaCoQuan                    string         `json:"MaCoQuan"`
	DonViXuLy                   string         `json:"DonViXuLy"`
	KenhThucHien                string         `json:"KenhThucHien"`
	ChuHoSo                     string         `json:"ChuHoSo"`
	DinhDanhCHS                 []DinhDanh     `json:"DinhDanhCHS"`
	TaiKhoanDuocXacThucVoiVNeID string         `json:"TaiKhoanDuocXacThucVoiVNeID"`
	DSKetNoiCSDL                []KetNoiCSDL   `json:"DSKetNoiCSDL"`
	NgayNopHoSo                 string         `json:"NgayNopHoSo"`
	NgayTiepNhan                string         `json:"NgayTiepNhan"`
	NgayHenTra                  string         `json:"NgayHenTra"`
	NgayKetThucXuLy             string         `json:"NgayKetThucXuLy"`
	NgayTra                     string         `json:"NgayTra"`
	NgayTuChoi                  string         `json:"NgayTuChoi"`
	TrangThaiHoSo               string         `json:"TrangThaiHoSo"`
	ThoiGianThucHien            float64        `json:"ThoiGianThucHien"`
	LoaiThoiGianThucHien        string         `json:"LoaiThoiGianThucHien"`
	HoSoCoThanhPhanSoHoa        string         `json:"HoSoCoThanhPhanSoHoa"`
	TaiLieuNop                  []TaiLieuNop   `json:"TaiLieuNop"`
	DanhSachGiayToKetQua        []GiayToKetQua `json:"DanhSachGiayToKetQua"`
	DanhSachLePhi               []LePhi        `json:"DanhSachLePhi"`
	DuocThanhToanTrucTuyen      string         `json:"DuocThanhToanTrucTuyen"`
	DanhSachHoSoBoSung          []HoSoBoSung   `json:"DanhSachHoSoBoSung"`
}

// DinhDanh is the applicant's identity.
type DinhDanh struct {
	LoaiDinhDanh string `json:"LoaiDinhDanh"`
	SoDinhDanh   string `json:"SoDinhDanh"`
}

// KetNoiCSDL names a national database that supplied data.
type KetNoiCSDL struct {
	MaCSDL string `json:"MaCSDL"`
}

// TaiLieuNop is one submitted document.
type TaiLieuNop struct {
	TenTepDinhKem     string `json:"TenTepDinhKem"`
	DuongDanTaiTepTin string `json:"DuongDanTaiTepTin"`
	DuocSoHoa         string `json:"DuocSoHoa"`
	DuocTaiSuDung     string `json:"DuocTaiSuDung"`
	DuocLayTuKhoDMQG  string `json:"DuocLayTuKhoDMQG"`
}

// GiayToKetQua is one electronic result.
type GiayToKetQua struct {
	MaGiayToKetQua       string `json:"MaGiayToKetQua"`
	DuongDanTepTinKetQua string `json:"DuongDanTepTinKetQua"`
	DaDayLenKhoDMQG      string `json:"DaDayLenKhoDMQG"`
}

// LePhi is one fee line.
type LePhi struct {
	MaPhiLePhi  string `json:"MaPhiLePhi"`
	TenPhiLePhi string `json:"TenPhiLePhi"`
	Gia         string `json:"Gia"`
}

// HoSoBoSung is one supplement request and its answer.
type HoSoBoSung struct {
	NgayBoSung         string `json:"NgayBoSung"`
	NgayTiepNhanBoSung string `json:"NgayTiepNhanBoSung"`
}

// QuaTrinhXuLy is one step of the processing trail.
type QuaTrinhXuLy struct {
	MaHoSo       string `json:"MaHoSo"`
	NoiDungXuLy  string `json:"NoiDungXuLy"`
	PhongBanXuLy string `json:"PhongBanXuLy"`
	NguoiXuLy    string `json:"NguoiXuLy"`
	NgayBatDau   string `json:"NgayBatDau"`
	NgayKetThuc  string `json:"NgayKetThuc"`
}

// The code lists (verify before going live).
const (
	statusAccepted   = "2"  // Được tiếp nhận
	statusRefused    = "3"  // Không được tiếp nhận
	statusProcessing = "4"  // Đang xử lý
	statusSupplement = "5"  // Yêu cầu bổ sung giấy tờ
	statusWithdrawn  = "7"  // Công dân yêu cầu rút hồ sơ
	statusStopped    = "8"  // Dừng xử lý
	statusResult     = "9"  // Đã xử lý xong
	statusReturned   = "10" // Đã trả kết quả

	// LoaiDinhDanh: "1" the 12-digit personal number, as public
	// integrations send it; "3" for an organisation's tax code is ours.
	identityCitizenCode = "1"
	identityTaxCode     = "3"
	// MaCSDL "1": the population database, as public integrations send it.
	populationDatabaseCode = "1"
)

// timeUnits name the unit of ThoiGianThucHien (LoaiThoiGianThucHien), in
// words as public integrations send it.
var timeUnits = map[motcua.TimeUnit]string{
	motcua.WorkingDays: "Ngày làm việc", motcua.WorkingHours: "Giờ làm việc", motcua.SameDay: "Trong ngày",
}

func timeUnitOf(name string) (motcua.TimeUnit, bool) {
	if name == "" {
		return "", true
	}
	for u, n := range timeUnits {
		if n == name {
			return u, true
		}
	}
	return "", false
}

var statusOf = map[motcua.State]string{
	motcua.StateProcessing: statusProcessing, motcua.StateSupplement: statusSupplement,
	// Waiting for fees due at intake: the national list as we know it has
	// no such code, so it reads as in progress (and comes back as
	// processing, stateOf). Verify before going live.
	motcua.StatePayment:   statusProcessing,
	motcua.StateWithdrawn: statusWithdrawn, motcua.StateStopped: statusStopped,
	motcua.StateResultReady: statusResult, motcua.StateReturned: statusReturned,
}

// stateOf reads a status code; ok false for a code motcua never sends.
func stateOf(code string) (s motcua.State, refused, ok bool) {
	switch code {
	case statusAccepted, statusProcessing:
		return motcua.StateProcessing, false, true
	case statusRefused:
		return "", true, true
	}
	for s, c := range statusOf {
		if c == code {
			return s, false, true
		}
	}
	return "", false, false
}

// Status is the national code of a ledger state.
func Status(s motcua.State) string {
	if c, ok := statusOf[s]; ok {
		return c
	}
	return statusAccepted
}

// Channel is the national code of a channel: 1 counter, 2 online, 3 post.
func Channel(c motcua.Channel) string {
	switch c {
	case motcua.ChannelOnline:
		return "2"
	case motcua.ChannelPost:
		return "3"
	}
	return "1"
}

func channelOf(code string) (motcua.Channel, bool) {
	switch code {
	case "1", "":
		return motcua.ChannelCounter, true // no channel counts as the counter
	case "2":
		return motcua.ChannelOnline, true
	case "3":
		return motcua.ChannelPost, true
	}
	return "", false
}

const stampLayout = "20060102150405"

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(motcua.VN).Format(stampLayout)
}

func parseStamp(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.ParseInLocation(stampLayout, s, motcua.VN)
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
