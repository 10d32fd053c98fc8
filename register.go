package motcua

import "time"

// RegisterEntry is one dossier of a register imported from the previous
// system (issue 5): what the old register recorded, with the row it came
// from for error messages.
type RegisterEntry struct {
	Row           int
	Code          string // ma_ho_so
	ProcedureCode string // ma_tthc
	ProcedureName string // ten_tthc
	Field         string // linh_vuc
	UnitCode      string // don_vi
	Channel       Channel
	Applicant     string // nguoi_nop
	Address       string // dia_chi
	AcceptedAt    time.Time
	DueAt         time.Time // as recorded: imported dossiers are graded against it
	ResultAt      time.Time
	ReturnedAt    time.Time
	WithdrawnAt   time.Time
}

// RowError is a problem with one row of an imported file.
type RowError struct {
	Row    int
	Reason string
}

// RegisterColumns are the columns of the register import, in the order of
// the template; files may order them as they like.
var RegisterColumns = []string{"ma_ho_so", "ma_tthc", "ten_tthc", "linh_vuc", "don_vi", "kenh", "nguoi_nop", "dia_chi",
	"ngay_tiep_nhan", "ngay_hen_tra", "ngay_co_ket_qua", "ngay_tra_ket_qua", "ngay_rut"}
