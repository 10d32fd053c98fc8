package main

import (
	"flag"
	"os"

	"github.com/motcua/motcua/web"
)

// agencyFlags are who runs the site, named in every page's footer. With
// --demo and no --agency, the server names the demo district's one-stop
// section.
func agencyFlags(fs *flag.FlagSet, a *web.Agency) {
	fs.StringVar(&a.Name, "agency", os.Getenv("MOTCUA_AGENCY"), "agency named in the pages' footer (default: the top unit in force; or $MOTCUA_AGENCY)")
	fs.StringVar(&a.Address, "agency-address", os.Getenv("MOTCUA_AGENCY_ADDRESS"), "its address, for the footer (or $MOTCUA_AGENCY_ADDRESS)")
	fs.StringVar(&a.Hotline, "agency-hotline", os.Getenv("MOTCUA_AGENCY_HOTLINE"), "its hotline, for the footer (or $MOTCUA_AGENCY_HOTLINE)")
	fs.StringVar(&a.Email, "agency-email", os.Getenv("MOTCUA_AGENCY_EMAIL"), "its e-mail address, for the footer (or $MOTCUA_AGENCY_EMAIL)")
}
