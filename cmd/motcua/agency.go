package main

import (
	"flag"
	"os"

	"github.com/motcua/motcua/web"
)

// agencyFlags are who runs the site, named in every page's footer. With
// --demo and no --agency, the demo district's one-stop section is named.
func agencyFlags(fs *flag.FlagSet) func(demo bool) web.Agency {
	name := fs.String("agency", os.Getenv("MOTCUA_AGENCY"), "agency named in the pages' footer (default: the top unit in force; or $MOTCUA_AGENCY)")
	address := fs.String("agency-address", os.Getenv("MOTCUA_AGENCY_ADDRESS"), "its address, for the footer (or $MOTCUA_AGENCY_ADDRESS)")
	hotline := fs.String("agency-hotline", os.Getenv("MOTCUA_AGENCY_HOTLINE"), "its hotline, for the footer (or $MOTCUA_AGENCY_HOTLINE)")
	email := fs.String("agency-email", os.Getenv("MOTCUA_AGENCY_EMAIL"), "its e-mail address, for the footer (or $MOTCUA_AGENCY_EMAIL)")
	return func(demo bool) web.Agency {
		if demo && *name == "" {
			return demoAgency
		}
		return web.Agency{Name: *name, Address: *address, Hotline: *hotline, Email: *email}
	}
}

// demoAgency is the footer of the demo: its district's one-stop section
// and where it sits. No hotline: a made-up number would be dialled.
var demoAgency = web.Agency{
	Name:    "Bộ phận Một cửa huyện Đắk Mil (dữ liệu mẫu)",
	Address: "Thị trấn Đắk Mil, huyện Đắk Mil, tỉnh Đắk Nông",
}
