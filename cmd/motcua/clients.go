package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

const clientsUsage = `usage:
  motcua clients create NAME --units CODE[,CODE] [--actions read,events,webhooks,register,result] [--fields F,…] [--procedures CODE,…] [--rate N]
  motcua clients rotate NAME          a new key; the old one works for 24 hours more
  motcua clients disable NAME | enable NAME
  motcua webhooks add CLIENT URL [--types accepted,…] [--units CODE,…] [--fields F,…] [--procedures CODE,…]   prints the signing secret
  motcua webhooks replay ID           put a subscription's dead deliveries back in line`

// clientsCmd manages the external systems that call the API.
func clientsCmd(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", clientsUsage)
	}
	fs := flag.NewFlagSet("clients "+args[0], flag.ContinueOnError)
	dsn := dbFlag(fs)
	units := fs.String("units", "", "unit codes the client sees (with the units below them), comma-separated")
	actions := fs.String("actions", "read,events", "what the client may do: read, events, webhooks, register, result")
	fields := fs.String("fields", "", "narrow to the procedures of these fields")
	procedures := fs.String("procedures", "", "narrow to these procedure codes")
	rate := fs.Int("rate", 600, "calls a minute")
	name, err := parseWithArg(fs, args[1:])
	if err != nil {
		return err
	}
	if name == "" {
		return fmt.Errorf("%s", clientsUsage)
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "create":
		spec := store.ClientSpec{Name: name, UnitCodes: list(*units), Fields: list(*fields), Procedures: list(*procedures), RatePerMinute: *rate}
		for _, a := range list(*actions) {
			spec.Actions = append(spec.Actions, motcua.ClientAction(a))
		}
		key, c, err := db.CreateClient(ctx, spec)
		if err != nil {
			return err
		}
		fmt.Printf("Đã tạo hệ thống kết nối %q (số %d). Khóa API, chỉ hiện một lần — gửi trong tiêu đề Authorization: Bearer …\n%s\n", c.Name, c.ID, key)
		return nil
	case "rotate":
		key, err := db.RotateClientKey(ctx, name)
		if err != nil {
			return err
		}
		fmt.Printf("Khóa mới của %q (khóa cũ còn dùng được %s):\n%s\n", name, store.RotationGrace, key)
		return nil
	case "disable", "enable":
		return db.SetClientDisabled(ctx, name, args[0] == "disable")
	}
	return fmt.Errorf("%s", clientsUsage)
}

// webhooksCmd manages subscriptions.
func webhooksCmd(ctx context.Context, args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("%s", clientsUsage)
	}
	fs := flag.NewFlagSet("webhooks "+args[0], flag.ContinueOnError)
	dsn := dbFlag(fs)
	types := fs.String("types", "", "only these event types (default: all)")
	units := fs.String("units", "", "only these units (and those below them), within the client's scope")
	fields := fs.String("fields", "", "only the procedures of these fields")
	procedures := fs.String("procedures", "", "only these procedure codes")
	rest, err := parseWithArgs(fs, args[1:])
	if err != nil {
		return err
	}
	if len(rest) == 0 || len(rest) > 2 {
		return fmt.Errorf("%s", clientsUsage)
	}
	first, second := rest[0], "" // add CLIENT URL; replay ID
	if len(rest) == 2 {
		second = rest[1]
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "add":
		if second == "" {
			return fmt.Errorf("%s", clientsUsage)
		}
		filter := store.WebhookFilter{UnitCodes: list(*units), Fields: list(*fields), Procedures: list(*procedures)}
		for _, t := range list(*types) {
			filter.Types = append(filter.Types, motcua.EventType(t))
		}
		w, err := db.CreateWebhook(ctx, first, second, filter)
		if err != nil {
			return err
		}
		fmt.Printf("Đăng ký nhận sự kiện số %d tới %s. Khóa ký (HMAC-SHA256), chỉ hiện một lần:\n%s\n", w.ID, w.URL, w.Secret)
		return nil
	case "replay":
		if second != "" {
			return fmt.Errorf("%s", clientsUsage)
		}
		id, err := strconv.ParseInt(first, 10, 64)
		if err != nil {
			return fmt.Errorf("webhooks replay: %q is not a subscription number", first)
		}
		n, err := db.ReplayDead(ctx, id)
		if err != nil {
			return err
		}
		fmt.Printf("%d lần gửi hỏng được xếp gửi lại.\n", n)
		return nil
	}
	return fmt.Errorf("%s", clientsUsage)
}

// list splits a comma-separated flag value.
func list(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
