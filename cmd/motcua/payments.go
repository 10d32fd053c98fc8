package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/internal/server"
	"github.com/motcua/motcua/store"
)

const paymentsUsage = `usage: motcua payments reconcile --date YYYY-MM-DD [--gateway vnpay|paygov] [--xlsx FILE] [--db DSN]
  compares the gateway's transactions of a day with the payments recorded here: paid here but not
  there, there but not here, amounts that differ, states that differ; prints the report and, with
  --xlsx, writes it as a workbook for the accountant. The run is stored (a re-run of the day
  replaces it) and shown on the page /payments/reconciliation. The exit status is 1 when anything differs.
  Gateway settings come from the environment (docs/payment-gateways.md):
    vnpay:  MOTCUA_VNPAY_TMN_CODE, MOTCUA_VNPAY_HASH_SECRET (or _FILE), MOTCUA_VNPAY_API_URL,
            MOTCUA_VNPAY_SERVER_IP (this server's address, sent with each query)
    paygov: MOTCUA_PAYGOV_QUERY_URL, MOTCUA_PAYGOV_PARTNER_CODE, MOTCUA_PAYGOV_HASH_KEY (or _FILE)`

// paymentsCmd dispatches "motcua payments …".
func paymentsCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "reconcile" {
		return fmt.Errorf("%s", paymentsUsage)
	}
	return reconcileCmd(ctx, args[1:])
}

// errDiffers makes the exit status say that the day does not reconcile.
var errDiffers = fmt.Errorf("the day does not reconcile")

// reconcileCmd queries the gateway for each order of the day the ledger
// knows (neither gateway lists a day) and prints the comparison.
func reconcileCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("payments reconcile", flag.ContinueOnError)
	dsn := dbFlag(fs)
	dateText := fs.String("date", "", "the day to reconcile, yyyy-mm-dd (Vietnam time)")
	gatewayName := fs.String("gateway", "vnpay", "the gateway: vnpay or paygov")
	xlsxPath := fs.String("xlsx", "", "also write the report to this workbook")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	day, err := time.ParseInLocation("2006-01-02", *dateText, motcua.VN)
	if err != nil {
		return fmt.Errorf("--date %q: want yyyy-mm-dd\n%s", *dateText, paymentsUsage)
	}
	gw, err := gatewayFromEnv(*gatewayName)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	// The run is stored as serve's daily job stores it: the page
	// /payments/reconciliation shows the latest run of each day.
	by := "cli"
	if o := motcua.OriginOf(ctx); o != nil {
		by = o.Actor
	}
	rec, err := db.RunReconciliation(ctx, gw, day, by)
	if err != nil {
		return err // names the gateway and the order, never a key
	}
	printReconciliation(rec)
	if *xlsxPath != "" {
		if err := writeReconciliationFile(*xlsxPath, rec); err != nil {
			return err
		}
	}
	if len(rec.Rows) > 0 {
		return errDiffers
	}
	return nil
}

// gatewayFromEnv builds the adapter named from the environment, as serve
// reads it (server.VNPAYFromEnv, server.PayGovFromEnv), for queries.
func gatewayFromEnv(name string) (payment.Gateway, error) {
	switch name {
	case "vnpay":
		return server.VNPAYFromEnv().Adapter(false, true)
	case "paygov":
		return server.PayGovFromEnv().Adapter(false, true)
	}
	return nil, fmt.Errorf("--gateway %q: vnpay or paygov", name)
}

// writeReconciliationFile writes the report as a workbook for the unit's
// accountant (forms.ReconciliationXLSX, as the page downloads it).
func writeReconciliationFile(path string, rec *store.Reconciliation) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := forms.ReconciliationXLSX(out, rec, len(rec.Rows)); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// printReconciliation writes the report as a table.
func printReconciliation(rec *store.Reconciliation) {
	fmt.Printf("Đối soát %s ngày %s: %d giao dịch, %d khớp, %d chênh lệch\n", rec.Gateway, motcua.FormatDate(rec.Day),
		rec.Checked, rec.Matched, len(rec.Rows))
	if len(rec.Rows) == 0 {
		return
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "Mã đơn\tMã hồ sơ\tHệ thống\tSố tiền\tCổng\tSố tiền\tMã GD cổng\tChênh lệch\t")
	for _, r := range rec.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.OrderID, dash(r.DossierCode), dash(string(r.LedgerState)),
			amountOrDash(r.LedgerAmount, r.LedgerState != ""), dash(string(r.GatewayState)), amountOrDash(r.GatewayAmount, r.GatewayState != ""),
			dash(r.TransactionNo), r.Kind.Label())
	}
	tw.Flush()
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func amountOrDash(n int64, known bool) string {
	if !known {
		return "—"
	}
	return motcua.FormatInt(n)
}
