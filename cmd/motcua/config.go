package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"
)

// parseFlags reads a command's settings from, in rising precedence: the
// file named by --config (or $MOTCUA_CONFIG), lines "name = value" with #
// comments; environment variables MOTCUA_<NAME> (db → MOTCUA_DB, base-url
// → MOTCUA_BASE_URL); the command line. docs/deploy.md lists them all.
func parseFlags(fs *flag.FlagSet, args []string) error {
	config := fs.String("config", os.Getenv("MOTCUA_CONFIG"), "file of settings, one \"name = value\" per line (flags and $MOTCUA_<NAME> override it)")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	fromFile, err := readConfig(*config)
	if err != nil {
		return err
	}
	var bad error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] || f.Name == "config" || bad != nil {
			return
		}
		value, ok := os.LookupEnv(envName(f.Name))
		if !ok {
			value, ok = fromFile[f.Name]
		}
		if ok {
			if err := fs.Set(f.Name, value); err != nil {
				bad = fmt.Errorf("setting %s: %w", f.Name, err)
			}
		}
	})
	if bad != nil {
		return bad
	}
	for name := range fromFile {
		if fs.Lookup(name) == nil {
			return fmt.Errorf("%s: unknown setting %q (motcua %s -h lists them)", *config, name, fs.Name())
		}
	}
	return nil
}

func envName(flagName string) string {
	return "MOTCUA_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

func readConfig(path string) (map[string]string, error) {
	out := map[string]string{}
	if path == "" {
		return out, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want name = value", path, n)
		}
		out[strings.TrimSpace(name)] = strings.Trim(strings.TrimSpace(value), `"`)
	}
	return out, sc.Err()
}
