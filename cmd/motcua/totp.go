package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/motcua/motcua/internal/totp"
)

// totpCmd prints the code an authenticator app shows now for a key: for an
// officer without a phone at hand (the demo), or to check a clock.
func totpCmd(args []string) error {
	args, err := parseWithArgs(flag.NewFlagSet("totp", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return fmt.Errorf("usage: motcua totp KEY   (the key shown when setting up the app)")
	}
	code, err := totp.Code(args[0], time.Now())
	if err != nil {
		return err
	}
	fmt.Println(code)
	return nil
}
