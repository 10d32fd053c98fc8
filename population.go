package motcua

import (
	"context"
	"errors"
	"time"
)

// Resident is what the national population database (Cơ sở dữ liệu quốc
// gia về dân cư) answers about a personal identification number: what a
// counter officer fills the applicant's fields from (issue 20, indicator
// 4.5). Its adapter is adapter/partner/dancu.
type Resident struct {
	IDNumber  string    // số định danh cá nhân, 12 digits
	Name      string    // họ, chữ đệm và tên
	BirthDate time.Time // ngày sinh (a date, in Vietnam); zero when the database gives only a year
	BirthYear int       // the year of birth, always set
	Sex       string    // giới tính as the database writes it ("Nam", "Nữ")
	Residence string    // nơi thường trú, one line
}

// PopulationRegistry looks residents up in the national population
// database.
type PopulationRegistry interface {
	// Resident returns the resident with the personal identification
	// number; ErrResidentNotFound when the database knows none.
	Resident(ctx context.Context, idNumber string) (*Resident, error)
}

// ErrResidentNotFound is the population database's answer to a number it
// does not know.
var ErrResidentNotFound = errors.New("no resident with this personal identification number")
