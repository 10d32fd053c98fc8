package server

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/pdfsign"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/web"
)

// seedDemo fills an empty database and prints the demo accounts; on a
// database already seeded it only reminds how to log in.
func seedDemo(ctx context.Context, w io.Writer, db *store.DB, d Demo, fs *files.Store, public string) error {
	done, err := demo.Seeded(ctx, db)
	if err != nil {
		return err
	}
	if done {
		fmt.Fprintln(w, "Dữ liệu mẫu đã có sẵn; tài khoản mẫu dùng mật khẩu đã in khi tạo (mặc định: demo-dak-mil).")
		return nil
	}
	fmt.Fprintln(w, "Đang tạo dữ liệu mẫu (tỉnh Lâm Đồng từ 01/07/2025 và huyện Đắk Mil cũ; lịch sử năm 2024 mất khoảng 10 giây)…")
	accounts, err := demo.Seed(ctx, db, demo.Options{Password: d.Password, Dossiers: d.Dossiers, Now: time.Now(), History: d.History,
		Files: fs, PublicURL: public})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Tài khoản mẫu (mật khẩu chung: %s):\n", d.Password)
	printAccounts(w, accounts, false)
	fmt.Fprintln(w, "Tài khoản của huyện Đắk Mil trước 01/07/2025 (lịch sử, báo cáo năm 2024):")
	printAccounts(w, accounts, true)
	return nil
}

// printAccounts prints today's accounts, or the former ones: of those only
// the district's; the former communes' follow one pattern.
func printAccounts(w io.Writer, accounts []demo.Account, former bool) {
	communes := 0
	for _, a := range accounts {
		switch {
		case a.Former != former:
		case former && strings.HasSuffix(a.Username, ".2024"):
			communes++
		default:
			fmt.Fprintf(w, "  %-22s %-20s %-26s %s\n", a.Username, a.Role.Label(), a.FullName, a.Unit)
		}
	}
	if communes > 0 {
		fmt.Fprintf(w, "  và %d tài khoản của các xã, thị trấn cũ: motcua.<xã>.2024, chuyenvien.<xã>.2024, lanhdao.<xã>.2024 (ví dụ motcua.daklao.2024)\n", communes)
	}
}

// demoAgency is the footer of the demo: the provincial centre's branch
// that took over the district's one-stop section, and where it sits. No
// hotline: a made-up number would be dialled.
var demoAgency = web.Agency{
	Name:    "Chi nhánh Đắk Mil – Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng (dữ liệu mẫu)",
	Address: "Xã Đức Lập, tỉnh Lâm Đồng",
}

// demoSigningKeys makes the demo CA and a key per unit in force, the first
// time the demo runs with its signing directory: results issued in the
// demo are signed, by certificates that say they are demo ones.
func demoSigningKeys(ctx context.Context, w io.Writer, db *store.DB, dir, password string) error {
	if _, err := os.Stat(filepath.Join(dir, "ca.crt")); err == nil {
		return nil
	}
	units, err := db.Units(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	var certified []pdfsign.DemoUnit
	for _, u := range units {
		if u.InForce(now) {
			certified = append(certified, pdfsign.DemoUnit{Code: u.Code, Name: u.Name})
		}
	}
	if err := pdfsign.WriteDemoCA(dir, certified, password, now); err != nil {
		return err
	}
	fmt.Fprintf(w, "Chứng thư số mẫu (DEMO – không có giá trị pháp lý) để ký kết quả điện tử: %s\n", dir)
	return nil
}
