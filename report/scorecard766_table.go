package report

// The indicators of Decision 766/QĐ-TTg in one table: name, what is
// counted, the rate that earns full points and the national maximum
// points at province level. Thresholds are the national description's
// ("Mô tả công thức tính chỉ số 766": 3.1, 3.5, 4.2, 4.3 80 %; 3.3 50 %;
// 5.4 90 %); where it states none, full points need 100 %. Maximum points
// are those of the national METRICS sheet ("Công thức 766.xlsx") as
// re-published in public code; a maximum it leaves blank is unknown here
// too (known false), and such an indicator shows its rate without points.
// docs/scorecard-766.md cites the sources and lists what is unknown.

type spec766 struct {
	code, name, of string
	threshold      float64
	max            float64
	known          bool
}

const (
	ofDossiers   = "hồ sơ"
	ofProcedures = "thủ tục"
	ofServices   = "dịch vụ công"
)

// specs766 are the indicators in the national index's order.
var specs766 = []spec766{
	{"1.1", "Tỉ lệ thủ tục hành chính công bố đúng hạn", ofProcedures, 100, 6, true},
	{"1.2", "Tỉ lệ thủ tục hành chính được cập nhật, công khai đúng hạn", ofProcedures, 100, 4, true},
	{"1.3", "Tỉ lệ thủ tục hành chính công khai đầy đủ các bộ phận tạo thành", ofProcedures, 100, 2, true},
	{"1.4", "Tỉ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia", ofDossiers, 100, 6, true},
	{"2.1", "Tỉ lệ hồ sơ xử lý trước hạn, đúng hạn", ofDossiers, 100, 20, true},
	{"2.2", "Thời gian giải quyết trung bình theo từng thủ tục", ofDossiers, 100, 0, false},
	{"3.1", "Tỉ lệ thủ tục cung cấp dịch vụ công trực tuyến", ofProcedures, 80, 0, false},
	{"3.2", "Tỉ lệ dịch vụ công trực tuyến có phát sinh hồ sơ", ofServices, 100, 0, false},
	{"3.3", "Tỉ lệ hồ sơ nộp trực tuyến", ofDossiers, 50, 0, false},
	{"3.5", "Tỉ lệ thủ tục có nghĩa vụ tài chính có dữ liệu phí, lệ phí", ofProcedures, 80, 2, true},
	{"3.6", "Tỉ lệ hồ sơ thanh toán trực tuyến", ofDossiers, 100, 6, true},
	{"4.1", "Tỉ lệ hồ sơ có kết quả giải quyết điện tử", ofDossiers, 100, 6, true},
	{"4.2", "Tỉ lệ hồ sơ thực hiện số hóa hồ sơ, kết quả", ofDossiers, 80, 4, true},
	{"4.3", "Tỉ lệ hồ sơ khai thác, sử dụng lại dữ liệu số hóa", ofDossiers, 80, 2, true},
	{"4.4", "Tỉ lệ hồ sơ số hóa kết nối, chia sẻ với kho dữ liệu cá nhân", ofDossiers, 100, 4, true},
	{"4.5a", "Tỉ lệ thủ tục kết nối, chia sẻ dữ liệu dân cư", ofProcedures, 100, 2, true},
	{"4.5b", "Tỉ lệ hồ sơ sử dụng dữ liệu dân cư (VNeID, CSDL dân cư)", ofDossiers, 100, 2, true},
	{"5.1", "Tỉ lệ phản ánh, kiến nghị theo phân loại", "phản ánh", 100, 0, true},
	{"5.2", "Tỉ lệ phản ánh, kiến nghị xử lý đúng hạn", "phản ánh", 100, 6, true},
	{"5.3", "Tỉ lệ hài lòng trong xử lý phản ánh, kiến nghị", "phản ánh", 100, 6, true},
	{"5.4", "Tỉ lệ hài lòng trong tiếp nhận, giải quyết thủ tục", ofDossiers, 90, 6, true},
}

// Codes766 lists the indicators' codes in order.
func Codes766() []string {
	out := make([]string, len(specs766))
	for i, s := range specs766 {
		out[i] = s.code
	}
	return out
}

func spec(code string) spec766 {
	for _, s := range specs766 {
		if s.code == code {
			return s
		}
	}
	panic("report: no indicator " + code)
}

// newIndicator is indicator code with its name, threshold and maximum.
func newIndicator(code string) Indicator766 {
	s := spec(code)
	return Indicator766{Code: code, Name: s.name, Of: s.of, Threshold: s.threshold, MaxPoints: s.max, MaxKnown: s.known}
}

// noData is indicator code that motcua has no data for, and why.
func noData(code, reason string) Indicator766 {
	i := newIndicator(code)
	i.NoData, i.Reason = true, reason
	return i
}
