package server_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/server"
)

// TestPaymentGatewaysChecked: a gateway's payment page must be https (http
// on loopback only) and comes with its terminal and key; what is missing
// is named, the key never printed.
func TestPaymentGatewaysChecked(t *testing.T) {
	const secret = "A-KEY-THAT-MUST-NOT-PRINT"
	for _, c := range []struct {
		name string
		v    server.VNPAY
		want string // "" when valid
	}{
		{"none", server.VNPAY{}, ""},
		{"complete", server.VNPAY{PayURL: "https://pay.vnpay.vn/vpcpay.html", TmnCode: "T1", HashSecret: secret}, ""},
		{"http beyond loopback", server.VNPAY{PayURL: "http://pay.vnpay.vn/vpcpay.html", TmnCode: "T1", HashSecret: secret}, "--vnpay-url"},
		{"no key", server.VNPAY{PayURL: "https://pay.vnpay.vn/vpcpay.html", TmnCode: "T1"}, "MOTCUA_VNPAY_HASH_SECRET"},
		{"no terminal", server.VNPAY{PayURL: "https://pay.vnpay.vn/vpcpay.html", HashSecret: secret}, "MOTCUA_VNPAY_TMN_CODE"},
	} {
		cfg := server.DefaultConfig()
		cfg.VNPAY = c.v
		err := cfg.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want an error naming %s", c.name, err, c.want)
		}
		if strings.Contains(fmt.Sprintf("%v %+v %#v", err, cfg, cfg), secret) {
			t.Errorf("%s: the key prints", c.name)
		}
	}
}

// TestReconcileAndServeReadTheSameEnvironment: both read MOTCUA_VNPAY_*.
func TestReconcileAndServeReadTheSameEnvironment(t *testing.T) {
	t.Setenv("MOTCUA_VNPAY_TMN_CODE", "T9")
	t.Setenv("MOTCUA_VNPAY_HASH_SECRET", "")
	t.Setenv("MOTCUA_VNPAY_HASH_SECRET_FILE", writeTemp(t, "k3y\n"))
	t.Setenv("MOTCUA_VNPAY_API_URL", "https://api.example/merchant")
	t.Setenv("MOTCUA_VNPAY_SERVER_IP", "192.0.2.1")
	v := server.VNPAYFromEnv()
	a, err := v.Adapter(false, true)
	if err != nil || a.TmnCode != "T9" || string(a.HashSecret.Reveal()) != "k3y" || a.APIURL != "https://api.example/merchant" {
		t.Fatalf("from the environment: %+v, %v", a, err)
	}
	if _, err := v.Adapter(true, false); err == nil || !strings.Contains(err.Error(), "--vnpay-url") {
		t.Errorf("payments without a payment page: %v", err)
	}
}

func writeTemp(t *testing.T, content string) string {
	t.Helper()
	path := t.TempDir() + "/key"
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
