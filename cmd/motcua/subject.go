package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/motcua/motcua/store"
)

// subjectCmd answers a data subject's request: everything held about one
// applicant, as JSON (the export is itself audited).
func subjectCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "export" {
		return fmt.Errorf("usage: motcua subject export (--id-number N | --phone P | --email E) [--out FILE.json]")
	}
	fs := flag.NewFlagSet("subject export", flag.ContinueOnError)
	dsn := dbFlag(fs)
	var q store.SubjectQuery
	fs.StringVar(&q.IDNumber, "id-number", "", "identity number (CCCD) or tax code the applicant gave")
	fs.StringVar(&q.Phone, "phone", "", "phone number")
	fs.StringVar(&q.Email, "email", "", "e-mail address")
	out := fs.String("out", "", "write to this file (default: standard output)")
	if err := parseOnlyFlags(fs, args[1:]); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := db.Subject(ctx, q)
	if err != nil {
		return err
	}
	var w io.Writer = os.Stdout
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return err
	}
	if *out != "" {
		fmt.Printf("Đã xuất %d hồ sơ, %d hồ sơ trực tuyến, %d lần từ chối, %d thông báo vào %s.\n",
			len(s.Dossiers), len(s.Submissions), len(s.Refusals), len(s.Notices), *out)
	}
	return nil
}
