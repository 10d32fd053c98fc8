package paygov

import "testing"

// TestChecksumVectors: expected values computed with sha256sum over the
// '|'-joined text, not with this code.
func TestChecksumVectors(t *testing.T) {
	const key = "TESTKEYFORMOTCUAPAYGOV0000000000"
	cases := []struct {
		name  string
		parts []string
		want  string
	}{
		{"confirm", []string{"CONFIRM", "00", "000.21.99.P01", "HS-1", "50000", "VND", "PG100001", "NAPAS", "20261207090200", "000.21.99.P01-261207-0002"},
			"9f07a54dbf75477d9572b163a804e2d34858b9c6768b849f36b0ce7682fb4923"},
		{"get bill", []string{"GETBILL", "1.0.0", "000.21.99.P01", "HS-1", "20261207090000"},
			"1711d0504da0d71f9b998ca16770682d0bdfacb0df24cbea15eb4de8f2696ece"},
	}
	for _, c := range cases {
		if got := checksum([]byte(key), c.parts...); got != c.want {
			t.Errorf("%s: %s", c.name, got)
		}
		if !validChecksum([]byte(key), "9F07A54DBF75477D9572B163A804E2D34858B9C6768B849F36B0CE7682FB4923", cases[0].parts...) {
			t.Error("upper-case hex refused")
		}
		for _, bad := range []string{"", "zz", c.want[:62], checksum([]byte("other"), c.parts...)} {
			if validChecksum([]byte(key), bad, c.parts...) {
				t.Errorf("%s: %q accepted", c.name, bad)
			}
		}
	}
}

func TestStateOf(t *testing.T) {
	for code, want := range map[string]string{"00": "paid", "02": "pending", "24": "failed", "99": "failed"} {
		if got := StateOf(code); string(got) != want {
			t.Errorf("StateOf(%s) = %s", code, got)
		}
	}
}
