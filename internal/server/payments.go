package server

import (
	"fmt"
	"net/url"
	"os"

	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/adapter/payment/paygov"
	"github.com/motcua/motcua/adapter/payment/vnpay"
)

// Online payment gateways (docs/payments.md, docs/payment-gateways.md).
// serve and `motcua payments reconcile` read the same environment through
// VNPAYFromEnv and PayGovFromEnv, so a key is named in one place. Keys are
// payment.Secret: they print as "[redacted]" wherever a Config is logged.

// VNPAY is a VNPAY merchant terminal; no PayURL: not offered to citizens.
type VNPAY struct {
	PayURL, APIURL string // the payment page and the merchant API (querydr)
	TmnCode        string // vnp_TmnCode
	HashSecret     payment.Secret
	ServerIP       string // this server's address, sent with each query
}

// PayGov is the national payment platform; no InitURL: not offered.
type PayGov struct {
	InitURL, QueryURL string
	PartnerCode       string // MaDoiTac
	HashKey           payment.Secret
}

// VNPAYFromEnv reads MOTCUA_VNPAY_*: the secret from
// MOTCUA_VNPAY_HASH_SECRET or the file MOTCUA_VNPAY_HASH_SECRET_FILE names.
// A missing secret is left empty; Adapter says what is missing.
func VNPAYFromEnv() VNPAY {
	secret, _ := payment.SecretFromEnv("MOTCUA_VNPAY_HASH_SECRET")
	return VNPAY{PayURL: os.Getenv("MOTCUA_VNPAY_PAY_URL"), APIURL: os.Getenv("MOTCUA_VNPAY_API_URL"),
		TmnCode: os.Getenv("MOTCUA_VNPAY_TMN_CODE"), HashSecret: secret, ServerIP: os.Getenv("MOTCUA_VNPAY_SERVER_IP")}
}

// PayGovFromEnv reads MOTCUA_PAYGOV_* (the key from MOTCUA_PAYGOV_HASH_KEY
// or its _FILE).
func PayGovFromEnv() PayGov {
	key, _ := payment.SecretFromEnv("MOTCUA_PAYGOV_HASH_KEY")
	return PayGov{InitURL: os.Getenv("MOTCUA_PAYGOV_INIT_URL"), QueryURL: os.Getenv("MOTCUA_PAYGOV_QUERY_URL"),
		PartnerCode: os.Getenv("MOTCUA_PAYGOV_PARTNER_CODE"), HashKey: key}
}

// Adapter builds the VNPAY adapter; forPayments also needs the payment
// page, forQueries the API and the server's address.
func (v VNPAY) Adapter(forPayments, forQueries bool) (*vnpay.Adapter, error) {
	switch {
	case v.TmnCode == "" || v.HashSecret == "":
		return nil, fmt.Errorf("vnpay: set MOTCUA_VNPAY_TMN_CODE and MOTCUA_VNPAY_HASH_SECRET (or _FILE)")
	case forPayments && v.PayURL == "":
		return nil, fmt.Errorf("vnpay: set --vnpay-url (or MOTCUA_VNPAY_PAY_URL)")
	case forQueries && (v.APIURL == "" || v.ServerIP == ""):
		return nil, fmt.Errorf("vnpay: set MOTCUA_VNPAY_API_URL and MOTCUA_VNPAY_SERVER_IP")
	}
	return &vnpay.Adapter{PayURLBase: v.PayURL, APIURL: v.APIURL, TmnCode: v.TmnCode, HashSecret: v.HashSecret, ServerIP: v.ServerIP}, nil
}

// Adapter builds the national platform's adapter; forPayments also needs
// the init URL, forQueries the query URL.
func (p PayGov) Adapter(forPayments, forQueries bool) (*paygov.Adapter, error) {
	switch {
	case p.PartnerCode == "" || p.HashKey == "":
		return nil, fmt.Errorf("paygov: set MOTCUA_PAYGOV_PARTNER_CODE and MOTCUA_PAYGOV_HASH_KEY (or _FILE)")
	case forPayments && p.InitURL == "":
		return nil, fmt.Errorf("paygov: set --paygov-url (or MOTCUA_PAYGOV_INIT_URL)")
	case forQueries && p.QueryURL == "":
		return nil, fmt.Errorf("paygov: set MOTCUA_PAYGOV_QUERY_URL")
	}
	return &paygov.Adapter{InitURL: p.InitURL, QueryURL: p.QueryURL, PartnerCode: p.PartnerCode, HashKey: p.HashKey}, nil
}

// paymentOrigins are the origins of the gateways' payment pages, which
// the pages with a payment form let their form lead to. The national
// platform answers its payment page's address at run time: its init
// address's origin is assumed to serve it (to confirm before going live).
func (c Config) paymentOrigins() []string {
	var out []string
	for _, u := range []string{c.VNPAY.PayURL, c.PayGov.InitURL} {
		if p, err := url.Parse(u); err == nil && p.Host != "" {
			out = append(out, p.Scheme+"://"+p.Host)
		}
	}
	return out
}

// gateways are the gateways offered to citizens: those with a payment
// address. nil when none: the pages offer no online payment.
func (c Config) gateways() (map[string]payment.Gateway, error) {
	out := map[string]payment.Gateway{}
	if c.VNPAY.PayURL != "" {
		a, err := c.VNPAY.Adapter(true, false)
		if err != nil {
			return nil, err
		}
		out[a.Name()] = a
	}
	if c.PayGov.InitURL != "" {
		a, err := c.PayGov.Adapter(true, false)
		if err != nil {
			return nil, err
		}
		out[a.Name()] = a
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// queryGateways are the gateways offered to citizens, each able to answer
// status queries, for the jobs that ask them (expired orders, the daily
// reconciliation); missing names an offered gateway without its query
// settings, which makes the expired orders' job unable to conclude.
func (c Config) queryGateways() (gws []payment.Gateway, missing []string) {
	if c.VNPAY.PayURL != "" {
		if a, err := c.VNPAY.Adapter(true, true); err == nil {
			gws = append(gws, a)
		} else {
			missing = append(missing, "vnpay")
		}
	}
	if c.PayGov.InitURL != "" {
		if a, err := c.PayGov.Adapter(true, true); err == nil {
			gws = append(gws, a)
		} else {
			missing = append(missing, "paygov")
		}
	}
	return gws, missing
}
