package ledger

import "testing"

func TestJoinBasesSaysEachTextOnce(t *testing.T) {
	law := "Luật số 72/2025/QH15"
	for _, c := range []struct {
		in   []string
		want string
	}{
		{[]string{"NQ 1671 khoản 80", " ", "NQ 1671 khoản 80"}, "NQ 1671 khoản 80"},
		{[]string{law + "; phân định theo lĩnh vực", law}, law + "; phân định theo lĩnh vực"},
		{[]string{law, law + "; phân định theo lĩnh vực", "QĐ 10/QĐ-UBND"}, law + "; phân định theo lĩnh vực; QĐ 10/QĐ-UBND"},
	} {
		if got := joinBases(c.in); got != c.want {
			t.Errorf("joinBases(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
