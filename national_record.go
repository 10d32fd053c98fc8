package motcua

import "time"

// NationalRecord is everything the province synchronises to the national
// co-ordination system about one dossier (issue 20), in motcua's words.
// Decision 766 scores the province from these records, field by field
// (../shared/reference/766-and-national-sync.md), so the record is built
// from the ledger by one projection and the scorecard reads only records:
// motcua's own figures and the score computed from what it sent agree by
// construction. adapter/partner/dvcqg maps it to the national field
// names (MaHoSo, NgayHenTra, …); nothing else knows them.
type NationalRecord struct {
	Code          string // MaHoSo
	ProcedureCode string // MaTTHC: the national procedure code
	ProcedureName string // TenTTHC
	FieldCode     string // MaLinhVuc
	// UnitCode is the receiving unit's code (MaCoQuan); DecidingUnitCode
	// the competent unit's. The scorecard attributes a dossier to a unit
	// by the deciding unit, and to every ancestor of it.
	UnitCode         string
	DecidingUnitCode string
	Channel          Channel // KenhThucHien
	Applicant        string  // ChuHoSo (the name; the number is below)
	// Instants (zero = none). SubmittedAt is when an online dossier was
	// filed, AcceptedAt when it was accepted (NgayTiepNhan); DueAt the
	// legal due instant (NgayHenTra), moved only by what the law moves it
	// by except the pauses for supplements, which 2.1 subtracts itself
	// (Supplements; ledger.NationalRecord says why); EndedAt when processing ended (result ready, stopped or
	// withdrawn: NgayKetThucXuLy); ReturnedAt, RefusedAt (NgayTuChoi: an
	// online submission refused before acceptance).
	SubmittedAt time.Time
	AcceptedAt  time.Time
	DueAt       time.Time
	EndedAt     time.Time
	ReturnedAt  time.Time
	RefusedAt   time.Time
	State       State // TrangThaiHoSo through the adapter's code list
	Refused     bool  // refused at intake (online): no State of the ledger
	// MaxWorkingDays is the procedure's time limit (used by 2.1 when a
	// record has no DueAt, and by 2.2); TimeLimit the same in the
	// procedure's own unit (2.2 reports in it); ResultIsDocument whether
	// the procedure's result is a document (3.3, 4.1, 4.2).
	MaxWorkingDays   float64
	TimeLimit        TimeLimit
	ResultIsDocument bool
	// Identity: LoaiDinhDanh, SoDinhDanh, TaiKhoanDuocXacThucVoiVNeID, MaCSDL.
	IdentityType   IdentityType
	IdentityNumber string
	VNeIDVerified  bool
	Database       string
	Components     []NationalComponent // TaiLieuNop
	Results        []NationalResult    // DanhSachGiayToKetQua
	Fees           []NationalFee       // DanhSachLePhi
	PaidOnline     OnlinePayment       // DuocThanhToanTrucTuyen
	Steps          []NationalStep      // the processing trail
	Supplements    []SupplementSpan    // each supplement request and its answer
	// Version is the ledger version the record was built at: the sync
	// sends a dossier again whenever its version moved.
	Version int
}

// NationalComponent is one submitted document.
type NationalComponent struct {
	Name      string
	FileURL   string // a link the national system can fetch; "" when no file
	Digitised bool   // DuocSoHoa: a file was attached (scanned or uploaded)
	// Reused: taken from data the one-stop already held (indicator 4.3);
	// FromNationalStore: taken from the citizen's national data store
	// (DuocLayTuKhoDMQG, indicator 4.4).
	Reused            bool
	FromNationalStore bool
}

// NationalResult is one electronic result.
type NationalResult struct {
	Code    string // MaGiayToKetQua
	FileURL string // DuongDanTepTinKetQua
	// PushedToStore: its link was pushed to the citizen's national data
	// store (indicator 4.4).
	PushedToStore bool
}

// NationalFee is one fee line of the dossier's bill.
type NationalFee struct {
	Code   string
	Name   string
	Amount int64 // Gia, in đồng
}

// OnlinePayment is where a dossier's fees were paid online, by the national
// code list: 0 not online, 1 on the national portal, 2 through the
// province's own gateway.
type OnlinePayment int

const (
	NotPaidOnline        OnlinePayment = 0
	PaidOnNationalPortal OnlinePayment = 1
	PaidThroughProvince  OnlinePayment = 2
)

// NationalStep is one step of the processing trail.
type NationalStep struct {
	Title     string
	UnitCode  string
	Handler   string // the officer's name
	StartedAt time.Time
	EndedAt   time.Time
}

// SupplementSpan is a supplement request and, once it came, its answer:
// the applicant's time (ReceivedAt − RequestedAt) is subtracted by 2.1;
// a request never answered ends the dossier at RequestedAt.
type SupplementSpan struct {
	RequestedAt time.Time
	ReceivedAt  time.Time
}
