package dvcqg

import (
	"fmt"
	"strconv"
	"time"

	"github.com/motcua/motcua"
)

// ToNational is the record in the national field names.
func ToNational(r motcua.NationalRecord) Item {
	h := HoSo{MaHoSo: r.Code, MaTTHC: r.ProcedureCode, TenTTHC: r.ProcedureName, MaLinhVuc: r.FieldCode,
		MaCoQuan: r.UnitCode, DonViXuLy: r.DecidingUnitCode, KenhThucHien: Channel(r.Channel), ChuHoSo: r.Applicant,
		TaiKhoanDuocXacThucVoiVNeID: flag(r.VNeIDVerified),
		NgayNopHoSo:                 stamp(r.SubmittedAt), NgayTiepNhan: stamp(r.AcceptedAt), NgayHenTra: stamp(r.DueAt),
		NgayKetThucXuLy: stamp(r.EndedAt), NgayTra: stamp(r.ReturnedAt), NgayTuChoi: stamp(r.RefusedAt),
		TrangThaiHoSo: Status(r.State), ThoiGianThucHien: r.TimeLimit.Amount, LoaiThoiGianThucHien: timeUnits[r.TimeLimit.Unit],
		HoSoCoThanhPhanSoHoa: "0", DuocThanhToanTrucTuyen: strconv.Itoa(int(r.PaidOnline))}
	if r.Refused {
		h.TrangThaiHoSo = statusRefused
	}
	if r.IdentityType != "" || r.IdentityNumber != "" {
		h.DinhDanhCHS = []DinhDanh{{LoaiDinhDanh: identityCode(r.IdentityType), SoDinhDanh: r.IdentityNumber}}
	}
	if r.Database != "" {
		h.DSKetNoiCSDL = []KetNoiCSDL{{MaCSDL: databaseCode(r.Database)}}
	}
	for _, c := range r.Components {
		h.TaiLieuNop = append(h.TaiLieuNop, TaiLieuNop{TenTepDinhKem: c.Name, DuongDanTaiTepTin: c.FileURL,
			DuocSoHoa: flag(c.Digitised), DuocTaiSuDung: flag(c.Reused), DuocLayTuKhoDMQG: flag(c.FromNationalStore)})
		if c.Digitised {
			h.HoSoCoThanhPhanSoHoa = "1"
		}
	}
	for _, res := range r.Results {
		h.DanhSachGiayToKetQua = append(h.DanhSachGiayToKetQua, GiayToKetQua{MaGiayToKetQua: res.Code,
			DuongDanTepTinKetQua: res.FileURL, DaDayLenKhoDMQG: flag(res.PushedToStore)})
	}
	for _, f := range r.Fees {
		h.DanhSachLePhi = append(h.DanhSachLePhi, LePhi{MaPhiLePhi: f.Code, TenPhiLePhi: f.Name, Gia: strconv.FormatInt(f.Amount, 10)})
	}
	for _, s := range r.Supplements {
		h.DanhSachHoSoBoSung = append(h.DanhSachHoSoBoSung, HoSoBoSung{NgayBoSung: stamp(s.RequestedAt), NgayTiepNhanBoSung: stamp(s.ReceivedAt)})
	}
	it := Item{HoSo: h}
	for _, s := range r.Steps {
		it.TienTrinh = append(it.TienTrinh, QuaTrinhXuLy{MaHoSo: r.Code, NoiDungXuLy: s.Title, PhongBanXuLy: s.UnitCode,
			NguoiXuLy: s.Handler, NgayBatDau: stamp(s.StartedAt), NgayKetThuc: stamp(s.EndedAt)})
	}
	return it
}

// Procedure is what the national procedure database says of a procedure
// and a synchronised record does not carry: the nation scores with its own
// catalogue's facts (the time limit travels as ThoiGianThucHien, but the
// limit in working days that 2.1 compares with is the catalogue's).
type Procedure struct {
	ResultIsDocument bool
	MaxWorkingDays   float64
}

// FromNational reads a record back from the national field names, for
// the simulator and for computing the score from what was sent, with the
// facts of p, the national catalogue's entry for its procedure. The ledger
// version is not sent: the record comes back without it.
func FromNational(it Item, p Procedure) (r motcua.NationalRecord, err error) {
	h := it.HoSo
	defer motcua.Wrap(&err, "dvcqg: read %s", h.MaHoSo)
	r = motcua.NationalRecord{Code: h.MaHoSo, ProcedureCode: h.MaTTHC, ProcedureName: h.TenTTHC, FieldCode: h.MaLinhVuc,
		UnitCode: h.MaCoQuan, DecidingUnitCode: h.DonViXuLy, Applicant: h.ChuHoSo, MaxWorkingDays: p.MaxWorkingDays,
		ResultIsDocument: p.ResultIsDocument, VNeIDVerified: h.TaiKhoanDuocXacThucVoiVNeID == "1"}
	var ok bool
	if r.Channel, ok = channelOf(h.KenhThucHien); !ok {
		return r, fmt.Errorf("KenhThucHien %q is not 1, 2 or 3", h.KenhThucHien)
	}
	if r.State, r.Refused, ok = stateOf(h.TrangThaiHoSo); !ok {
		return r, fmt.Errorf("TrangThaiHoSo %q is not a status motcua sends", h.TrangThaiHoSo)
	}
	r.TimeLimit.Amount = h.ThoiGianThucHien
	if r.TimeLimit.Unit, ok = timeUnitOf(h.LoaiThoiGianThucHien); !ok {
		return r, fmt.Errorf("LoaiThoiGianThucHien %q is not a unit motcua sends", h.LoaiThoiGianThucHien)
	}
	if err := readInstants(h, &r); err != nil {
		return r, err
	}
	if err := readIdentity(h, &r); err != nil {
		return r, err
	}
	paid, err := strconv.Atoi(h.DuocThanhToanTrucTuyen)
	if err != nil || paid < 0 || paid > 2 {
		return r, fmt.Errorf("DuocThanhToanTrucTuyen %q is not 0, 1 or 2", h.DuocThanhToanTrucTuyen)
	}
	r.PaidOnline = motcua.OnlinePayment(paid)
	if err := readLists(it, &r); err != nil {
		return r, err
	}
	return r, nil
}

func readInstants(h HoSo, r *motcua.NationalRecord) error {
	for _, f := range []struct {
		name, text string
		to         *time.Time
	}{
		{"NgayNopHoSo", h.NgayNopHoSo, &r.SubmittedAt}, {"NgayTiepNhan", h.NgayTiepNhan, &r.AcceptedAt},
		{"NgayHenTra", h.NgayHenTra, &r.DueAt}, {"NgayKetThucXuLy", h.NgayKetThucXuLy, &r.EndedAt},
		{"NgayTra", h.NgayTra, &r.ReturnedAt}, {"NgayTuChoi", h.NgayTuChoi, &r.RefusedAt},
	} {
		t, err := parseStamp(f.text)
		if err != nil {
			return fmt.Errorf("%s %q is not yyyyMMddHHmmss", f.name, f.text)
		}
		*f.to = t
	}
	return nil
}

func readIdentity(h HoSo, r *motcua.NationalRecord) error {
	if len(h.DinhDanhCHS) > 0 {
		id := h.DinhDanhCHS[0]
		switch id.LoaiDinhDanh {
		case identityCitizenCode:
			r.IdentityType = motcua.IdentityCitizen
		case identityTaxCode:
			r.IdentityType = motcua.IdentityTax
		case "":
		default:
			return fmt.Errorf("LoaiDinhDanh %q is not a type motcua sends", id.LoaiDinhDanh)
		}
		r.IdentityNumber = id.SoDinhDanh
	}
	if len(h.DSKetNoiCSDL) > 0 {
		r.Database = databaseName(h.DSKetNoiCSDL[0].MaCSDL)
	}
	return nil
}

func readLists(it Item, r *motcua.NationalRecord) error {
	h := it.HoSo
	for _, c := range h.TaiLieuNop {
		r.Components = append(r.Components, motcua.NationalComponent{Name: c.TenTepDinhKem, FileURL: c.DuongDanTaiTepTin,
			Digitised: c.DuocSoHoa == "1", Reused: c.DuocTaiSuDung == "1", FromNationalStore: c.DuocLayTuKhoDMQG == "1"})
	}
	for _, g := range h.DanhSachGiayToKetQua {
		r.Results = append(r.Results, motcua.NationalResult{Code: g.MaGiayToKetQua, FileURL: g.DuongDanTepTinKetQua,
			PushedToStore: g.DaDayLenKhoDMQG == "1"})
	}
	for _, f := range h.DanhSachLePhi {
		amount, err := strconv.ParseInt(f.Gia, 10, 64)
		if err != nil {
			return fmt.Errorf("Gia %q of fee %s is not a whole number of đồng", f.Gia, f.MaPhiLePhi)
		}
		r.Fees = append(r.Fees, motcua.NationalFee{Code: f.MaPhiLePhi, Name: f.TenPhiLePhi, Amount: amount})
	}
	for _, b := range h.DanhSachHoSoBoSung {
		req, err1 := parseStamp(b.NgayBoSung)
		got, err2 := parseStamp(b.NgayTiepNhanBoSung)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("supplement %q–%q: instants are not yyyyMMddHHmmss", b.NgayBoSung, b.NgayTiepNhanBoSung)
		}
		r.Supplements = append(r.Supplements, motcua.SupplementSpan{RequestedAt: req, ReceivedAt: got})
	}
	for _, s := range it.TienTrinh {
		start, err1 := parseStamp(s.NgayBatDau)
		end, err2 := parseStamp(s.NgayKetThuc)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("step %q: instants are not yyyyMMddHHmmss", s.NoiDungXuLy)
		}
		r.Steps = append(r.Steps, motcua.NationalStep{Title: s.NoiDungXuLy, UnitCode: s.PhongBanXuLy, Handler: s.NguoiXuLy,
			StartedAt: start, EndedAt: end})
	}
	return nil
}

func identityCode(t motcua.IdentityType) string {
	if t == motcua.IdentityTax {
		return identityTaxCode
	}
	if t == motcua.IdentityCitizen {
		return identityCitizenCode
	}
	return ""
}

// databaseCode is the national code of a database motcua names; a name
// without a known code travels as it is, to be seen rather than lost.
func databaseCode(name string) string {
	if name == motcua.PopulationDatabase {
		return populationDatabaseCode
	}
	return name
}

func databaseName(code string) string {
	if code == populationDatabaseCode {
		return motcua.PopulationDatabase
	}
	return code
}
