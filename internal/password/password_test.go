package password

import "testing"

func TestHashVerifiesOnlyTheSamePassword(t *testing.T) {
	h, err := Hash("Mật khẩu đúng 1")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := Verify("Mật khẩu đúng 1", h); !ok || err != nil {
		t.Fatalf("Verify(right) = %v, %v", ok, err)
	}
	if ok, _ := Verify("Mật khẩu sai", h); ok {
		t.Fatal("Verify(wrong) = true")
	}
	h2, _ := Hash("Mật khẩu đúng 1")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: salt not random")
	}
	if _, err := Verify("x", "$md5$abc"); err == nil {
		t.Fatal("Verify accepted a foreign hash format")
	}
}
