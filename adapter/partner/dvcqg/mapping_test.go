package dvcqg_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dvcqg"
)

func at(day, hour, minute int) time.Time {
	return time.Date(2025, 8, day, hour, minute, 7, 0, motcua.VN)
}

// fullRecord fills every field the mapping carries.
func fullRecord() motcua.NationalRecord {
	return motcua.NationalRecord{Code: "H17.22-250804-0007", ProcedureCode: "1.004227", ProcedureName: "Chứng thực bản sao từ bản chính",
		FieldCode: "G09-TP03", UnitCode: "000.21.99.D01", DecidingUnitCode: "000.00.33.H17", Channel: motcua.ChannelOnline,
		Applicant: "Nguyễn Văn An", SubmittedAt: at(1, 20, 15), AcceptedAt: at(4, 8, 0), DueAt: at(11, 17, 0), EndedAt: at(8, 10, 30),
		ReturnedAt: at(9, 9, 0), State: motcua.StateReturned, MaxWorkingDays: 5, ResultIsDocument: true,
		TimeLimit:    motcua.TimeLimit{Amount: 5, Unit: motcua.WorkingDays},
		IdentityType: motcua.IdentityCitizen, IdentityNumber: "066090001234", VNeIDVerified: true, Database: motcua.PopulationDatabase,
		Components: []motcua.NationalComponent{
			{Name: "Tờ khai", FileURL: "https://motcua.example/lien-thong/dvcqg/tep/ab12", Digitised: true, Reused: true},
			{Name: "Bản chính", FileURL: "https://motcua.example/lien-thong/dvcqg/tep/cd34", Digitised: true, FromNationalStore: true},
			{Name: "Giấy uỷ quyền"},
		},
		Results:     []motcua.NationalResult{{Code: "KQ-0001", FileURL: "https://motcua.example/kq/xyz", PushedToStore: true}},
		Fees:        []motcua.NationalFee{{Code: "LP01", Name: "Lệ phí chứng thực", Amount: 2000}, {Code: "P02", Name: "Phí", Amount: 0}},
		PaidOnline:  motcua.PaidThroughProvince,
		Steps:       []motcua.NationalStep{{Title: "Tiếp nhận", UnitCode: "000.21.99.D01", Handler: "Lê Thị Bình", StartedAt: at(4, 8, 0), EndedAt: at(4, 9, 0)}},
		Supplements: []motcua.SupplementSpan{{RequestedAt: at(5, 10, 0), ReceivedAt: at(6, 14, 0)}, {RequestedAt: at(7, 8, 0)}},
	}
}

// TestNationalRecordRoundTrip: every field of a record survives the trip
// through the national JSON and back, given the national catalogue's facts
// of its procedure; the version is not sent.
func TestNationalRecordRoundTrip(t *testing.T) {
	refused := motcua.NationalRecord{Code: "TC-12", ProcedureCode: "1.004227", Channel: motcua.ChannelOnline, Applicant: "Trần B",
		SubmittedAt: at(2, 7, 0), RefusedAt: at(2, 9, 0), EndedAt: at(2, 9, 0), Refused: true, IdentityType: motcua.IdentityTax,
		IdentityNumber: "6000123456"}
	post := motcua.NationalRecord{Code: "X-1", ProcedureCode: "2.000001", Channel: motcua.ChannelPost, AcceptedAt: at(3, 8, 0),
		State: motcua.StateSupplement, Database: "csdl-dat-dai", TimeLimit: motcua.TimeLimit{Amount: 4, Unit: motcua.WorkingHours}}
	for _, want := range []motcua.NationalRecord{fullRecord(), refused, post} {
		sent := want
		sent.Version = 9
		body, err := json.Marshal(dvcqg.ToNational(sent))
		if err != nil {
			t.Fatal(err)
		}
		var it dvcqg.Item
		if err := json.Unmarshal(body, &it); err != nil {
			t.Fatal(err)
		}
		got, err := dvcqg.FromNational(it, dvcqg.Procedure{ResultIsDocument: want.ResultIsDocument, MaxWorkingDays: want.MaxWorkingDays})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip of %s:\n got %+v\nwant %+v\n%s", want.Code, got, want, body)
		}
	}
}

// TestNationalFieldNames pins the names and codes the national side reads
// (docs/national-sync.md): a rename here is a change of the exchange.
func TestNationalFieldNames(t *testing.T) {
	body, err := json.Marshal(dvcqg.ToNational(fullRecord()))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"MaHoSo":"H17.22-250804-0007"`, `"MaTTHC":"1.004227"`, `"MaLinhVuc":"G09-TP03"`,
		`"KenhThucHien":"2"`, `"NgayNopHoSo":"20250801201507"`, `"NgayTiepNhan":"20250804080007"`, `"NgayHenTra":"20250811170007"`,
		`"NgayKetThucXuLy":"20250808103007"`, `"NgayTra":"20250809090007"`, `"NgayTuChoi":""`, `"TrangThaiHoSo":"10"`,
		`"DinhDanhCHS":[{"LoaiDinhDanh":"1","SoDinhDanh":"066090001234"}]`, `"TaiKhoanDuocXacThucVoiVNeID":"1"`,
		`"DSKetNoiCSDL":[{"MaCSDL":"1"}]`, `"HoSoCoThanhPhanSoHoa":"1"`, `"ThoiGianThucHien":5,"LoaiThoiGianThucHien":"Ngày làm việc"`,
		`{"TenTepDinhKem":"Bản chính","DuongDanTaiTepTin":"https://motcua.example/lien-thong/dvcqg/tep/cd34","DuocSoHoa":"1","DuocTaiSuDung":"0","DuocLayTuKhoDMQG":"1"}`,
		`"DanhSachGiayToKetQua":[{"MaGiayToKetQua":"KQ-0001","DuongDanTepTinKetQua":"https://motcua.example/kq/xyz","DaDayLenKhoDMQG":"1"}]`,
		`{"MaPhiLePhi":"LP01","TenPhiLePhi":"Lệ phí chứng thực","Gia":"2000"}`, `"DuocThanhToanTrucTuyen":"2"`,
		`"DanhSachHoSoBoSung":[{"NgayBoSung":"20250805100007","NgayTiepNhanBoSung":"20250806140007"},{"NgayBoSung":"20250807080007","NgayTiepNhanBoSung":""}]`,
		`"tienTrinhDongBo":[{"MaHoSo":"H17.22-250804-0007","NoiDungXuLy":"Tiếp nhận","PhongBanXuLy":"000.21.99.D01","NguoiXuLy":"Lê Thị Bình","NgayBatDau":"20250804080007","NgayKetThuc":"20250804090007"}]`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the body lacks %s:\n%s", want, body)
		}
	}
}

// TestFromNationalRefusesWhatMotcuaNeverSends: a malformed field is an
// error naming it, never a record half read.
func TestFromNationalRefusesWhatMotcuaNeverSends(t *testing.T) {
	for field, spoil := range map[string]func(*dvcqg.Item){
		"KenhThucHien":           func(it *dvcqg.Item) { it.HoSo.KenhThucHien = "4" },
		"TrangThaiHoSo":          func(it *dvcqg.Item) { it.HoSo.TrangThaiHoSo = "6" },
		"NgayTiepNhan":           func(it *dvcqg.Item) { it.HoSo.NgayTiepNhan = "04/08/2025" },
		"DuocThanhToanTrucTuyen": func(it *dvcqg.Item) { it.HoSo.DuocThanhToanTrucTuyen = "3" },
		"LoaiDinhDanh":           func(it *dvcqg.Item) { it.HoSo.DinhDanhCHS[0].LoaiDinhDanh = "9" },
		"Gia":                    func(it *dvcqg.Item) { it.HoSo.DanhSachLePhi[0].Gia = "2.000" },
		"supplement":             func(it *dvcqg.Item) { it.HoSo.DanhSachHoSoBoSung[0].NgayBoSung = "x" },
		"step":                   func(it *dvcqg.Item) { it.TienTrinh[0].NgayBatDau = "x" },
		"LoaiThoiGianThucHien":   func(it *dvcqg.Item) { it.HoSo.LoaiThoiGianThucHien = "Tháng" },
	} {
		it := dvcqg.ToNational(fullRecord())
		spoil(&it)
		if _, err := dvcqg.FromNational(it, dvcqg.Procedure{}); err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("%s spoilt: %v", field, err)
		}
	}
}
