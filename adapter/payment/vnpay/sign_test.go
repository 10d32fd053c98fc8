package vnpay

import "testing"

// docsExample is the payment URL the integration guide shows, up to its
// vnp_SecureHash: it is the canonical string VNPAY signs, so our encoding
// must rebuild it byte for byte from the parameters.
const docsExample = "vnp_Amount=1806000&vnp_Command=pay&vnp_CreateDate=20210801153333&vnp_CurrCode=VND&vnp_IpAddr=127.0.0.1" +
	"&vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+don+hang+%3A5&vnp_OrderType=other&vnp_ReturnUrl=https%3A%2F%2Fdomainmerchant.vn%2FReturnUrl" +
	"&vnp_TmnCode=DEMOV210&vnp_TxnRef=5&vnp_Version=2.1.0"

// vectorSecret is a test key; the expected signatures below were computed
// with an independent tool (openssl dgst -sha512 -hmac), not with this code.
const vectorSecret = "MOTCUATESTVECTORSECRET0123456789"

func TestCanonicalRebuildsTheGuidesExample(t *testing.T) {
	params := map[string]string{
		"vnp_Version": "2.1.0", "vnp_Command": "pay", "vnp_TmnCode": "DEMOV210", "vnp_Amount": "1806000",
		"vnp_CreateDate": "20210801153333", "vnp_CurrCode": "VND", "vnp_IpAddr": "127.0.0.1", "vnp_Locale": "vn",
		"vnp_OrderInfo": "Thanh toan don hang :5", "vnp_OrderType": "other", "vnp_ReturnUrl": "https://domainmerchant.vn/ReturnUrl",
		"vnp_TxnRef": "5", "vnp_BankCode": "", // empty values are left out
		"vnp_SecureHash": "ignored", "vnp_SecureHashType": "ignored",
	}
	if got := canonical(params); got != docsExample {
		t.Fatalf("canonical string\n got %s\nwant %s", got, docsExample)
	}
}

func TestSignKnownVectors(t *testing.T) {
	cases := []struct{ name, data, want string }{
		{"payment URL of the guide's example", docsExample,
			"62c67a9346966fbe19dde41647e5215aea9827b3c87e240616aefb5f3f512590cc5ab81773f453eb5d675adb583acf69abfc1b03b7ff1bab636df5ea1edf9cd0"},
		{"querydr request", pipeJoin("R1", "2.1.0", "querydr", "DEMOV210", "5", "20210801153333", "20210801160000", "10.0.0.1", "Truy van giao dich 5"),
			"4ed1978ef6dc5d61687d11b69fcda9ac38c2be647b645832f740ab34b53a74ed88b3a7807cd7cf5b841cfa61f6b2292aea1bafce033afe77ea6e56c7866497b6"},
	}
	for _, c := range cases {
		if got := sign([]byte(vectorSecret), c.data); got != c.want {
			t.Errorf("%s: %s", c.name, got)
		}
		if !validSignature([]byte(vectorSecret), c.data, c.want) {
			t.Errorf("%s: the vector does not verify", c.name)
		}
	}
}

// TestFormEncodeMatchesPHPUrlencode: the characters where encoders differ.
func TestFormEncodeMatchesPHPUrlencode(t *testing.T) {
	cases := map[string]string{
		"a b": "a+b", "~": "%7E", "*": "%2A", "-_.": "-_.", "é": "%C3%A9", "/:?=&": "%2F%3A%3F%3D%26", "+": "%2B", "'()!": "%27%28%29%21",
	}
	for in, want := range cases {
		if got := formEncode(in); got != want {
			t.Errorf("formEncode(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestValidSignatureRefuses(t *testing.T) {
	good := sign([]byte(vectorSecret), docsExample)
	cases := map[string]string{"empty": "", "not hex": "zz" + good[2:], "short": good[:64], "other key": sign([]byte("other"), docsExample),
		"one bit off": good[:127] + string("10"[good[127]&1])}
	for name, h := range cases {
		if validSignature([]byte(vectorSecret), docsExample, h) {
			t.Errorf("%s: accepted", name)
		}
	}
	if !validSignature([]byte(vectorSecret), docsExample, upper(good)) {
		t.Error("upper-case hex refused")
	}
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'f' {
			b[i] = c - 32
		}
	}
	return string(b)
}

// TestStateOf maps querydr's type and status to the ledger's states.
func TestStateOf(t *testing.T) {
	cases := []struct{ typ, status, want string }{
		{"01", "00", "paid"}, {"01", "01", "pending"}, {"01", "02", "failed"}, {"01", "04", "failed"},
		{"01", "05", "refunded"}, {"01", "06", "refunded"}, {"01", "07", "pending"}, {"01", "09", "paid"},
		{"02", "00", "refunded"}, {"03", "00", "refunded"}, {"01", "zz", "failed"},
	}
	for _, c := range cases {
		if got := StateOf(c.typ, c.status); string(got) != c.want {
			t.Errorf("StateOf(%s, %s) = %s; want %s", c.typ, c.status, got, c.want)
		}
	}
}
