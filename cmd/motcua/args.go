package main

import (
	"flag"
	"fmt"
	"strings"
)

// parseWithArg parses flags around at most one positional argument (a code
// or a file), before, after or between them; "" when there is none.
func parseWithArg(fs *flag.FlagSet, args []string) (string, error) {
	positional, err := parseWithArgs(fs, args)
	switch {
	case err != nil || len(positional) == 0:
		return "", err
	case len(positional) > 1:
		return "", fmt.Errorf("%s: unexpected argument %q", fs.Name(), positional[1])
	}
	return positional[0], nil
}

// parseOnlyFlags parses a command that takes flags only: a stray word is
// refused, not left to hide the flags after it.
func parseOnlyFlags(fs *flag.FlagSet, args []string) error {
	positional, err := parseWithArgs(fs, args)
	if err == nil && len(positional) > 0 {
		err = fmt.Errorf("%s: unexpected argument %q", fs.Name(), positional[0])
	}
	return err
}

// parseWithArgs parses the flags wherever they stand among the positional
// arguments and returns those arguments in order. The flag package alone
// stops at the first positional argument and leaves the flags after it
// unread; here a flag is read or refused, never ignored. "--" ends the
// flags: everything after it is positional. "--x=v", "--x v", "-x v" and
// boolean "--x" (which never takes the next word) are understood.
func parseWithArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' { // "-" alone is a positional (standard input)
			positional = append(positional, a)
			continue
		}
		name, hasValue := flagName(a)
		f := fs.Lookup(name)
		if f == nil && name != "h" && name != "help" { // -h: fs.Parse prints the usage
			return nil, unknownFlag(fs, a)
		}
		flags = append(flags, a)
		if f != nil && !hasValue && !isBoolFlag(f) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if err := fs.Parse(flags); err != nil {
		return nil, err
	}
	return positional, nil
}

// flagName is the name in "-x", "--x" or "--x=v", and whether a value is
// attached.
func flagName(arg string) (name string, hasValue bool) {
	name = strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-")
	name, _, hasValue = strings.Cut(name, "=")
	return name, hasValue
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

func unknownFlag(fs *flag.FlagSet, arg string) error {
	var known []string
	fs.VisitAll(func(f *flag.Flag) { known = append(known, "--"+f.Name) })
	if len(known) == 0 {
		return fmt.Errorf("%s: unknown flag %s (it takes no flags; put -- before an argument that starts with -)", fs.Name(), arg)
	}
	return fmt.Errorf("%s: unknown flag %s (known: %s; put -- before an argument that starts with -)", fs.Name(), arg, strings.Join(known, ", "))
}
