package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/motcua/motcua/internal/pdfsign"
)

// caCmd runs the demo certification authority: never for real signatures
// (a province signs with its CA's certificates, docs/signatures.md).
func caCmd(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: motcua ca demo --out DIR [--db PATH] [--password P] | motcua ca revoke --dir DIR CODE")
	}
	switch args[0] {
	case "demo":
		return caDemo(ctx, args[1:])
	case "revoke":
		return caRevoke(args[1:])
	}
	return fmt.Errorf("unknown ca command %q (demo, revoke)", args[0])
}

// caDemo creates a demo root CA and a certificate and PKCS#12 per unit in
// force in the database.
func caDemo(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("ca demo", flag.ContinueOnError)
	dsn := dbFlag(fs)
	out := fs.String("out", "", "directory to write the CA, its CRL and each unit's CODE.p12 and CODE.crt")
	password := fs.String("password", "demo-dak-mil", "password of the units' PKCS#12 files")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("ca demo: --out DIR is required")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	all, err := db.Units(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	var units []pdfsign.DemoUnit
	for _, u := range all {
		if u.ValidTo.IsZero() || u.ValidTo.After(now) {
			units = append(units, pdfsign.DemoUnit{Code: u.Code, Name: u.Name})
		}
	}
	if err := pdfsign.WriteDemoCA(*out, units, *password, now); err != nil {
		return err
	}
	fmt.Printf("demo CA (%s) in %s: ca.crt, crl.pem and %d units' CODE.p12 (password %q)\n",
		pdfsign.DemoLabel, *out, len(units), *password)
	return nil
}

// caRevoke puts a unit's demo certificate on the demo CA's CRL.
func caRevoke(args []string) error {
	fs := flag.NewFlagSet("ca revoke", flag.ContinueOnError)
	dir := fs.String("dir", "", "the demo CA's directory (motcua ca demo --out)")
	code, err := parseWithArg(fs, args)
	if err != nil {
		return err
	}
	if *dir == "" || code == "" {
		return fmt.Errorf("usage: motcua ca revoke --dir DIR CODE")
	}
	if err := pdfsign.RevokeDemo(*dir, code, time.Now()); err != nil {
		return err
	}
	fmt.Printf("certificate of %s revoked in %s/crl.pem\n", code, *dir)
	return nil
}
