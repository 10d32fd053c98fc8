package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/registerio"
	"github.com/motcua/motcua/store"
)

const importUsage = `usage:
  motcua import template                      print the CSV template of a register
  motcua import register FILE.csv|FILE.xlsx [--create-units] [--skip-invalid]`

// importCmd migrates registers from the previous system.
func importCmd(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", importUsage)
	}
	switch args[0] {
	case "template":
		fmt.Print(registerio.Template())
		return nil
	case "register":
		return importRegister(ctx, args[1:])
	}
	return fmt.Errorf("%s", importUsage)
}

func importRegister(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("import register", flag.ContinueOnError)
	dsn := dbFlag(fs)
	createUnits := fs.Bool("create-units", false, "make each unknown unit code a unit under the root")
	skipInvalid := fs.Bool("skip-invalid", false, "import the valid rows and list the others")
	file, err := parseWithArg(fs, args)
	if err != nil {
		return err
	}
	if file == "" {
		return fmt.Errorf("%s", importUsage)
	}
	src, err := registerSource(file)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	opt := store.RegisterOptions{CreateUnits: *createUnits, SkipInvalid: *skipInvalid}
	if isTerminal(os.Stderr) { // bars for people; scripts and logs get the summary only
		var bar *progressbar.ProgressBar
		newBar := func(max int, what string) {
			if bar != nil {
				bar.Finish()
			}
			bar = progressbar.NewOptions(max, progressbar.OptionSetWriter(os.Stderr), progressbar.OptionSetDescription(what),
				progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
		}
		newBar(-1, "kiểm tra từng dòng") // the count of rows is known once they are checked
		opt.Checking = func(read int) { bar.Set(read) }
		opt.Progress = func(done, total int) {
			if bar.GetMax() != total {
				newBar(total, "nhập hồ sơ")
			}
			bar.Set(done)
		}
		defer func() { bar.Finish() }()
	}
	r, err := db.ImportRegisterFrom(ctx, src, opt)
	if r != nil {
		printRejected(os.Stderr, r.Rejected, r.RejectedTotal)
	}
	if err != nil {
		return fmt.Errorf("%s: %s", file, motcua.ErrorMessage(err))
	}
	fmt.Printf("%s: đọc %d dòng, nhập %d hồ sơ, %d đã có, %d bị từ chối\n", file, r.Read, r.Imported, r.Present, r.RejectedTotal)
	if len(r.CreatedUnits) > 0 {
		fmt.Printf("đơn vị mới tạo: %s\n", strings.Join(r.CreatedUnits, ", "))
	}
	if len(r.CreatedProcedures) > 0 {
		fmt.Printf("thủ tục chưa có trong danh mục, đã tạo mục nhập khẩu: %s\n", strings.Join(r.CreatedProcedures, ", "))
	}
	return nil
}

// registerSource reads the register at path each time the import asks:
// once to check it, once to write it.
func registerSource(path string) (store.RegisterSource, error) {
	var scan func(io.Reader, registerio.RowFunc) error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		scan = registerio.ScanCSV
	case ".xlsx":
		scan = registerio.ScanXLSX
	default:
		return nil, fmt.Errorf("%s: the file must end in .csv or .xlsx", path)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	return func(yield func(motcua.RegisterEntry, *motcua.RowError) error) error {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		return scan(f, registerio.RowFunc(yield))
	}, nil
}

// isTerminal reports whether f is a character device (a terminal), not a
// file or a pipe.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// printRejected lists the refused rows a report holds and says how many
// more there are.
func printRejected(w io.Writer, rows []motcua.RowError, total int) {
	for _, r := range rows {
		fmt.Fprintf(w, "dòng %d: %s\n", r.Row, r.Reason)
	}
	if more := total - len(rows); more > 0 {
		fmt.Fprintf(w, "… và %s lỗi khác\n", motcua.FormatInt(int64(more)))
	}
}
