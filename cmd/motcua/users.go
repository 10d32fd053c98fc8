package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/motcua/motcua"
)

const usersUsage = `usage (the password is read from the first line of standard input):
  motcua users create USERNAME --name "Họ và tên" --role counter|specialist|leader|admin --unit CODE [--email ADDR]
  motcua users passwd USERNAME        set a new password; every session of the user ends
  motcua users revoke USERNAME        end every session of the user, on every device
  motcua users reset-2fa USERNAME     remove a lost authenticator; the next login sets up a new one`

// usersCmd manages staff accounts from the command line.
func usersCmd(ctx context.Context, args []string, stdin io.Reader) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", usersUsage)
	}
	fs := flag.NewFlagSet("users "+args[0], flag.ContinueOnError)
	dsn := dbFlag(fs)
	name := fs.String("name", "", "full name")
	role := fs.String("role", "", "counter, specialist, leader or admin")
	unit := fs.String("unit", "", "the unit code the role is held in")
	email := fs.String("email", "", "e-mail address for digests")
	username, err := parseWithArg(fs, args[1:])
	if err != nil {
		return err
	}
	if username == "" {
		return fmt.Errorf("%s", usersUsage)
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "create":
		u, err := db.UnitByCode(ctx, *unit)
		if err != nil {
			return fmt.Errorf("--unit %q: %w", *unit, err)
		}
		pw, err := readPassword(stdin)
		if err != nil {
			return err
		}
		user := &motcua.User{Username: username, FullName: *name, Email: *email, Grants: []motcua.Grant{{Role: motcua.Role(*role), UnitID: u.ID}}}
		if err := db.CreateUser(ctx, user, pw); err != nil {
			return err
		}
		fmt.Printf("Đã tạo tài khoản %s (%s tại %s).\n", username, *role, u.Name)
	case "passwd":
		pw, err := readPassword(stdin)
		if err != nil {
			return err
		}
		if err := db.SetPassword(ctx, username, pw); err != nil {
			return err
		}
		fmt.Printf("Đã đặt mật khẩu mới cho %s; các phiên cũ đã kết thúc.\n", username)
	case "revoke":
		n, err := db.RevokeSessions(ctx, username)
		if err != nil {
			return err
		}
		fmt.Printf("Đã kết thúc %d phiên của %s.\n", n, username)
	case "reset-2fa":
		if err := db.ResetSecondFactor(ctx, username); err != nil {
			return err
		}
		fmt.Printf("Đã gỡ ứng dụng xác thực của %s; lần đăng nhập tới sẽ cài lại.\n", username)
	default:
		return fmt.Errorf("%s", usersUsage)
	}
	return nil
}

// readPassword takes the first line of standard input: typed at a prompt,
// or piped from a password manager; never a flag (flags reach ps and
// shell histories).
func readPassword(stdin io.Reader) (string, error) {
	if f, ok := stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprint(os.Stderr, "Mật khẩu: ")
		}
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("no password on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
