package server

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/web"
)

// seedDemo fills an empty database and prints the demo accounts; on a
// database already seeded it only reminds how to log in.
func seedDemo(ctx context.Context, w io.Writer, db *store.DB, d Demo) error {
	done, err := demo.Seeded(ctx, db)
	if err != nil {
		return err
	}
	if done {
		fmt.Fprintln(w, "Dữ liệu mẫu đã có sẵn; tài khoản mẫu dùng mật khẩu đã in khi tạo (mặc định: demo-dak-mil).")
		return nil
	}
	fmt.Fprintln(w, "Đang tạo dữ liệu mẫu (huyện Đắk Mil, 2024; lịch sử năm 2024 mất khoảng 10 giây)…")
	accounts, err := demo.Seed(ctx, db, demo.Options{Password: d.Password, Dossiers: d.Dossiers, Now: time.Now(), History: d.History})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Tài khoản mẫu (mật khẩu chung: %s):\n", d.Password)
	for _, a := range accounts {
		fmt.Fprintf(w, "  %-22s %-20s %-26s %s\n", a.Username, a.Role.Label(), a.FullName, a.Unit)
	}
	return nil
}

// demoAgency is the footer of the demo: its district's one-stop section
// and where it sits. No hotline: a made-up number would be dialled.
var demoAgency = web.Agency{
	Name:    "Bộ phận Một cửa huyện Đắk Mil (dữ liệu mẫu)",
	Address: "Thị trấn Đắk Mil, huyện Đắk Mil, tỉnh Đắk Nông",
}
