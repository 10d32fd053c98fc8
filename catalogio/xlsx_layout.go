package catalogio

import "strings"

// Sheet names of the workbook.
const (
	sheetGuide      = "Hướng dẫn"
	sheetDecisions  = "Quyết định"
	sheetVersions   = "Thủ tục"
	sheetDocuments  = "Thành phần hồ sơ"
	sheetSteps      = "Quy trình"
	sheetFees       = "Phí, lệ phí"
	dateLayout      = "02/01/2006"
	guideDateFormat = "dd/mm/yyyy"
)

// column is one column of a data sheet. The reader finds it by its key
// (ma_tthc) or its title ("Mã TTHC"), folded, so any order and either
// spelling works.
type column struct {
	key    string
	title  string
	need   string // whether a value is required: yes, "" or when
	help   string // what it holds
	values string // allowed values or format
	width  float64
	text   bool // formatted as text, so that Excel keeps 1.001190 and 01/07/2025 as typed
	// optional columns may be left out of the header: workbooks filled in
	// before the column was added still import, the column read as blank.
	optional bool
	choices  []string
}

type sheetLayout struct {
	name    string
	help    string
	columns []column
}

// yes marks a column every row must fill.
const yes = "có"

// Column keys, shared by writer and reader.
const (
	colNumber           = "so_quyet_dinh"
	colIssuer           = "co_quan_ban_hanh"
	colSignedOn         = "ngay_ky"
	colEffective        = "hieu_luc_tu"
	colSummary          = "trich_yeu"
	colStatus           = "trang_thai"
	colCode             = "ma_tthc"
	colLevel            = "cap"
	colVersion          = "phien_ban"
	colChange           = "loai_thay_doi"
	colName             = "ten"
	colField            = "linh_vuc"
	colAmount           = "thoi_han"
	colUnit             = "don_vi_thoi_han"
	colOnline           = "truc_tuyen"
	colOnlineFrom       = "truc_tuyen_tu"
	colOffice           = "co_quan_giai_quyet"
	colFees             = "phi_le_phi"
	colFeesFree         = "mien_phi_le_phi"
	colFeeKind          = "loai_khoan_thu"
	colFeeName          = "ten_khoan_thu"
	colFeeAmount        = "so_tien"
	colFeeBasis         = "cach_tinh"
	colFeeOver          = "bieu_muc_tinh_theo"
	colFeeBands         = "bieu_muc"
	colFeeMax           = "muc_toi_da"
	colFeeExemptions    = "truong_hop_mien"
	colFeePayAt         = "thoi_diem_nop"
	feesFreeCode        = "co"
	colLegalBasis       = "can_cu_phap_ly"
	colResult           = "ket_qua"
	colApplicants       = "doi_tuong_thuc_hien"
	colSequence         = "trinh_tu_thuc_hien"
	colChannels         = "cach_thuc_thuc_hien"
	colAgency           = "co_quan_thuc_hien"
	colCompetence       = "xac_dinh_co_quan"
	colPosition         = "thu_tu"
	colKind             = "loai"
	colCount            = "so_luong"
	colTemplate         = "mau_don"
	colStepName         = "ten_buoc"
	colRole             = "vai_tro"
	colStepUnit         = "don_vi"
	colMinutes          = "so_phut"
	instantHelp         = "dd/mm/yyyy hoặc dd/mm/yyyy HH:MM, giờ Việt Nam"
	versionKeyHelp      = "như ở trang “Thủ tục”; bốn cột Mã TTHC, Cấp, Phiên bản, Trạng thái chỉ ra phiên bản mà dòng này thuộc về"
	draftsMayLeaveBlank = "có, trừ bản dự thảo"
)

// versionKeyColumns say which version a document or step row belongs to.
func versionKeyColumns() []column {
	return []column{
		{key: colCode, title: "Mã TTHC", need: yes, help: "Mã thủ tục " + versionKeyHelp, values: "ví dụ 1.001193", width: 12, text: true},
		{key: colLevel, title: "Cấp", need: yes, help: "Cấp " + versionKeyHelp, values: strings.Join(levels.codes(false), ", "), width: 8, choices: levels.codes(false)},
		{key: colVersion, title: "Phiên bản", need: draftsMayLeaveBlank, help: "Số phiên bản " + versionKeyHelp, values: "số nguyên; để trống = 0", width: 10},
		{key: colStatus, title: "Trạng thái", need: yes, help: "Trạng thái " + versionKeyHelp, values: strings.Join(versionStatuses.codes(false), ", "), width: 11, choices: versionStatuses.codes(false)},
	}
}

var (
	decisionsLayout = sheetLayout{sheetDecisions,
		"Mỗi dòng là một quyết định công bố thủ tục hành chính; các phiên bản ở trang “Thủ tục” chỉ đến quyết định bằng số và cơ quan ban hành.",
		[]column{
			{key: colNumber, title: "Số quyết định", need: yes, help: "Số, ký hiệu của quyết định", values: "ví dụ 3677/QĐ-UBND", width: 18, text: true},
			{key: colIssuer, title: "Cơ quan ban hành", need: yes, help: "Người, cơ quan ký ban hành", values: "ví dụ Chủ tịch UBND tỉnh Lâm Đồng", width: 32},
			{key: colSignedOn, title: "Ngày ký", need: yes, help: "Ngày ký quyết định", values: guideDateFormat, width: 12, text: true},
			{key: colEffective, title: "Hiệu lực từ", need: yes, help: "Thời điểm quyết định có hiệu lực", values: instantHelp, width: 17, text: true},
			{key: colSummary, title: "Trích yếu", help: "Trích yếu nội dung", values: "văn bản, có thể để trống", width: 50},
			{key: colStatus, title: "Trạng thái", need: yes, help: "Quyết định đã công bố hay còn là dự thảo",
				values: strings.Join(decisionStatuses.codes(true), "; "), width: 11, choices: decisionStatuses.codes(false)},
		}}
	versionsLayout = sheetLayout{sheetVersions,
		"Mỗi dòng là một phiên bản của một thủ tục, xác định bởi Mã TTHC, Cấp, Phiên bản và Trạng thái.",
		[]column{
			{key: colCode, title: "Mã TTHC", need: yes, help: "Mã thủ tục trên Cơ sở dữ liệu quốc gia về TTHC", values: "ví dụ 1.001193", width: 12, text: true},
			{key: colLevel, title: "Cấp", need: yes, help: "Cấp thực hiện", values: strings.Join(levels.codes(true), "; "), width: 8, choices: levels.codes(false)},
			{key: colVersion, title: "Phiên bản", need: draftsMayLeaveBlank, help: "Số phiên bản; bản dự thảo được đánh số khi công bố",
				values: "số nguyên từ 1 với phiên bản đã công bố; với bản dự thảo số tùy ý (để trống = 0) nhưng không trùng nhau", width: 10},
			{key: colStatus, title: "Trạng thái", need: yes, help: "Phiên bản đã công bố hay còn là dự thảo",
				values: strings.Join(versionStatuses.codes(true), "; "), width: 11, choices: versionStatuses.codes(false)},
			{key: colChange, title: "Loại thay đổi", need: yes, help: "Quyết định làm gì với thủ tục",
				values: strings.Join(changes.codes(true), "; "), width: 14, choices: changes.codes(false)},
			{key: colNumber, title: "Số quyết định", help: "Quyết định công bố phiên bản này (phải có ở trang “Quyết định”)",
				values: "để trống cùng cột Cơ quan ban hành nếu phiên bản không theo quyết định nào", width: 18, text: true},
			{key: colIssuer, title: "Cơ quan ban hành", help: "Cơ quan ban hành quyết định đó", values: "như ở trang “Quyết định”", width: 28},
			{key: colEffective, title: "Hiệu lực từ", need: "có, trừ khi lấy theo quyết định", help: "Thời điểm phiên bản có hiệu lực",
				values: instantHelp + "; để trống = ngày hiệu lực của quyết định", width: 17, text: true},
			{key: colName, title: "Tên thủ tục", need: yes, help: "Tên thủ tục hành chính", values: "văn bản", width: 40},
			{key: colField, title: "Lĩnh vực", need: yes, help: "Lĩnh vực", values: "ví dụ Hộ tịch, Chứng thực, Đất đai", width: 16},
			{key: colAmount, title: "Thời hạn giải quyết", need: "có, trừ “trong_ngay”", help: "Số ngày hoặc số giờ làm việc",
				values: "số dương, thập phân viết 0,5 hoặc 0.5; với “trong_ngay” để trống hoặc 0", width: 10},
			{key: colUnit, title: "Đơn vị thời hạn", need: yes, help: "Đơn vị của thời hạn",
				values: strings.Join(timeUnits.codes(true), "; "), width: 12, choices: timeUnits.codes(false)},
			{key: colOnline, title: "Mức trực tuyến", need: yes, help: "Dịch vụ công trực tuyến (Nghị định 42/2022/NĐ-CP, Điều 11)",
				values: strings.Join(onlineLevels.codes(true), "; "), width: 12, choices: onlineLevels.codes(false)},
			{key: colOnlineFrom, title: "Trực tuyến từ", help: "Từ khi nào áp dụng mức trực tuyến", values: instantHelp + "; có thể để trống", width: 17, text: true},
			{key: colOffice, title: "Cơ quan giải quyết", help: "Mã phòng chuyên môn giải quyết (ví dụ tu_phap) ở cấp huyện",
				values: "để trống nếu chính UBND xã giải quyết", width: 16},
			{key: colFees, title: "Ghi chú phí, lệ phí", help: "Phí, lệ phí bằng lời: điều các khoản ở trang “" + sheetFees + "” không nói được (ví dụ mức do HĐND tỉnh quy định), hoặc toàn bộ nếu chưa ghi theo khoản. Mẫu cũ gọi cột này là “Phí, lệ phí”",
				values: "văn bản, có thể để trống", width: 30},
			{key: colFeesFree, title: "Miễn phí, lệ phí", help: "Ghi “co” nếu thủ tục không thu phí, lệ phí nào (khi đó trang “" + sheetFees + "” không có dòng nào của phiên bản này)",
				values: "co; để trống nếu có khoản thu ở trang “" + sheetFees + "” hoặc chưa ghi theo khoản; cột có thể bỏ", width: 10, optional: true,
				choices: []string{feesFreeCode}},
			{key: colLegalBasis, title: "Căn cứ pháp lý", help: "Căn cứ pháp lý", values: "văn bản, có thể để trống", width: 40},
			{key: colResult, title: "Kết quả", help: "Kết quả thực hiện thủ tục", values: "văn bản, có thể để trống", width: 30},
			{key: colApplicants, title: "Đối tượng thực hiện", help: "Ai được thực hiện thủ tục, như Cổng Dịch vụ công quốc gia công bố",
				values: "văn bản, có thể để trống; cột có thể bỏ", width: 30, optional: true},
			{key: colSequence, title: "Trình tự thực hiện", help: "Trình tự thực hiện đã công bố, mỗi bước một dòng (Alt+Enter trong Excel)",
				values: "văn bản nhiều dòng, có thể để trống; cột có thể bỏ", width: 50, optional: true},
			{key: colChannels, title: "Cách thức thực hiện", help: "Hình thức nộp (trực tiếp, trực tuyến, bưu chính) với thời hạn, phí, lệ phí của từng hình thức, mỗi hình thức một dòng",
				values: "văn bản nhiều dòng, có thể để trống; cột có thể bỏ", width: 40, optional: true},
			{key: colAgency, title: "Cơ quan thực hiện", help: "Cơ quan thực hiện, cơ quan có thẩm quyền, bằng lời (khác cột Cơ quan giải quyết, là mã phòng chuyên môn)",
				values: "văn bản, có thể để trống; cột có thể bỏ", width: 30, optional: true},
			{key: colCompetence, title: "Cơ quan giải quyết xác định theo", help: "Với hồ sơ tiếp nhận không phụ thuộc địa giới hành chính (Nghị định 118/2025/NĐ-CP): cơ quan giải quyết xác định theo nơi cư trú, nơi có đất, cơ sở kinh doanh hay lựa chọn của người nộp",
				values: strings.Join(competences.codes(true), "; ") + "; để trống = cơ quan của nơi tiếp nhận; cột có thể bỏ", width: 16, optional: true,
				choices: competences.codes(false)},
		}}
	documentsLayout = sheetLayout{sheetDocuments,
		"Mỗi dòng là một giấy tờ trong thành phần hồ sơ của một phiên bản.",
		append(versionKeyColumns(),
			column{key: colPosition, title: "Thứ tự", need: yes, help: "Thứ tự của giấy tờ trong thành phần hồ sơ", values: "số nguyên, không trùng trong cùng phiên bản", width: 8},
			column{key: colName, title: "Tên giấy tờ", need: yes, help: "Tên giấy tờ", values: "văn bản", width: 50},
			column{key: colKind, title: "Loại giấy tờ", need: yes, help: "Bản chính, bản sao hay xuất trình",
				values: strings.Join(documentKinds.codes(true), "; "), width: 22, choices: documentKinds.codes(false)},
			column{key: colCount, title: "Số lượng", help: "Số bản", values: "số nguyên từ 1; để trống = 1", width: 9},
			column{key: colTemplate, title: "Mẫu đơn", help: "Mẫu đơn, tờ khai cần điền (tên tệp hoặc địa chỉ)", values: "có thể để trống", width: 30},
		)}
	stepsLayout = sheetLayout{sheetSteps,
		"Mỗi dòng là một bước của quy trình nội bộ của một phiên bản; tổng số phút các bước phải bằng thời hạn giải quyết (1 ngày làm việc = 450 phút).",
		append(versionKeyColumns(),
			column{key: colPosition, title: "Thứ tự", need: yes, help: "Thứ tự của bước", values: "số nguyên, không trùng trong cùng phiên bản", width: 8},
			column{key: colStepName, title: "Tên bước", need: yes, help: "Việc phải làm ở bước này", values: "văn bản", width: 50},
			column{key: colRole, title: "Vai trò", need: yes, help: "Ai làm bước này",
				values: strings.Join(roles.codes(true), "; "), width: 13, choices: roles.codes(false)},
			column{key: colStepUnit, title: "Đơn vị thực hiện", need: yes, help: "Ở đơn vị nào",
				values: strings.Join(stepUnits.codes(true), "; "), width: 14, choices: stepUnits.codes(false)},
			column{key: colMinutes, title: "Số phút", need: yes, help: "Thời gian dành cho bước, tính bằng phút làm việc", values: "số nguyên từ 0", width: 9},
		)}
	feesLayout = sheetLayout{name: sheetFees,
		help: "Mỗi dòng là một khoản phí hoặc lệ phí của một phiên bản. Phiên bản có dòng ở trang này là đã ghi phí theo khoản; phiên bản không có dòng nào thì hoặc miễn phí (cột “Miễn phí, lệ phí” ở trang “Thủ tục” ghi co), hoặc chỉ có ghi chú. Trang có thể bỏ.",
		columns: append(versionKeyColumns(),
			column{key: colPosition, title: "Thứ tự", need: yes, help: "Thứ tự của khoản thu", values: "số nguyên, không trùng trong cùng phiên bản", width: 8},
			column{key: colFeeKind, title: "Loại khoản thu", need: yes, help: "Phí hay lệ phí (Luật Phí và lệ phí 97/2015/QH13)",
				values: strings.Join(feeKinds.codes(true), "; "), width: 10, choices: feeKinds.codes(false)},
			column{key: colFeeName, title: "Tên khoản thu", need: yes, help: "Tên khoản phí, lệ phí", values: "ví dụ Phí cấp bản sao trích lục", width: 36},
			column{key: colFeeAmount, title: "Số tiền (đồng)", need: "có, trừ “theo_bieu_muc”", help: "Số tiền cho mỗi đơn vị của cách tính",
				values: "số nguyên dương, ví dụ 8000 hoặc 8.000; để trống với “theo_bieu_muc”", width: 12},
			column{key: colFeeBasis, title: "Cách tính", need: yes, help: "Số tiền tính cho mỗi hồ sơ, mỗi bản, mỗi trang, mỗi bộ, hay theo biểu mức",
				values: strings.Join(feeBases.codes(true), "; "), width: 14, choices: feeBases.codes(false)},
			column{key: colFeeOver, title: "Biểu mức tính theo", need: "với “theo_bieu_muc”", help: "Biểu mức đếm số bản, số trang hay số bộ",
				values: strings.Join(feeCounts.codes(true), "; ") + "; để trống với cách tính khác", width: 12, choices: feeCounts.codes(false)},
			column{key: colFeeBands, title: "Biểu mức", need: "với “theo_bieu_muc”",
				help:   "Các bậc, cách nhau bằng dấu chấm phẩy: “từ-đến: số tiền mỗi đơn vị”; bậc cuối để trống “đến”. Bậc đầu từ 1, các bậc liền nhau. Ví dụ phí chứng thực bản sao (Thông tư 226/2016/TT-BTC): 1-2: 2.000; 3-: 1.000",
				values: "để trống với cách tính khác", width: 24},
			column{key: colFeeMax, title: "Mức thu tối đa (đồng)", help: "Số tiền tối đa của khoản thu cho một hồ sơ", values: "số nguyên dương; để trống nếu không có", width: 12},
			column{key: colFeeExemptions, title: "Trường hợp miễn", help: "Mỗi trường hợp một dòng (Alt+Enter): “đối tượng | căn cứ pháp lý”",
				values: "ví dụ Hộ nghèo | Luật Hộ tịch 60/2014/QH13, Điều 11; có thể để trống", width: 36},
			column{key: colLegalBasis, title: "Căn cứ pháp lý", help: "Văn bản quy định mức thu", values: "ví dụ Thông tư 281/2016/TT-BTC; có thể để trống", width: 28},
			column{key: colFeePayAt, title: "Thời điểm nộp", need: yes, help: "Nộp khi nộp hồ sơ hay khi nhận kết quả",
				values: strings.Join(feePayAts.codes(true), "; "), width: 14, choices: feePayAts.codes(false)},
		)}
	// feesLayout may be left out: workbooks made before the sheet was
	// added still import, as if it had no rows.
	optionalSheets = map[string]bool{sheetFees: true}
	dataLayouts    = []*sheetLayout{&decisionsLayout, &versionsLayout, &documentsLayout, &stepsLayout, &feesLayout}
)

// guideLines are the general instructions at the top of the guide sheet.
var guideLines = []string{
	"Tệp có năm trang dữ liệu: “Quyết định”, “Thủ tục”, “Thành phần hồ sơ”, “Quy trình” và “Phí, lệ phí” (trang cuối có thể bỏ). Trang “Hướng dẫn” này không được đọc khi nhập.",
	"Dòng 1 của mỗi trang dữ liệu là dòng tiêu đề: giữ đủ các cột (trừ cột ghi “cột có thể bỏ”), thứ tự tùy ý; tiêu đề viết như mẫu hoặc bằng mã cột (ví dụ ma_tthc). Cột không có tiêu đề được bỏ qua; cột có tiêu đề lạ bị báo lỗi.",
	"Mỗi dòng sau dòng tiêu đề là một bản ghi; dòng trống được bỏ qua.",
	"Một phiên bản thủ tục được xác định bởi Mã TTHC, Cấp, Phiên bản và Trạng thái. Các dòng ở “Thành phần hồ sơ”, “Quy trình” và “Phí, lệ phí” ghi lại bốn cột đó để chỉ phiên bản mà chúng thuộc về; cột Thứ tự xếp giấy tờ và các bước.",
	"Ngày viết dd/mm/yyyy; thời điểm viết dd/mm/yyyy HH:MM (24 giờ), theo giờ Việt Nam. Các cột ngày được định dạng văn bản để Excel không tự đổi.",
	"Giá trị liệt kê chọn trong danh sách thả xuống; gõ tay thì không phân biệt chữ hoa, chữ thường và dấu (“Một cửa” được hiểu là mot_cua).",
	"Số thập phân viết bằng dấu phẩy hoặc dấu chấm: 0,5 hoặc 0.5.",
	"Tổng số phút các bước của một phiên bản phải bằng thời hạn giải quyết: 1 ngày làm việc = 450 phút (7 giờ 30 phút), 1 giờ = 60 phút, “trong ngày” = 450 phút. Hệ thống kiểm tra khi nhập và khi công bố.",
	"Văn bản được chuẩn hóa Unicode NFC và bỏ khoảng trắng đầu, cuối.",
	"Số tiền tính bằng đồng, là số nguyên: 8000 hoặc 8.000. Phí, lệ phí của một phiên bản có ba cách ghi: các dòng ở trang “Phí, lệ phí”; “co” ở cột “Miễn phí, lệ phí” nếu không thu gì; hoặc chỉ cột “Ghi chú phí, lệ phí” nếu chưa ghi theo khoản.",
	"Khi nhập, mọi lỗi được báo cùng lúc kèm tên trang và số dòng; tệp có lỗi thì không phần nào được nhập.",
}

// exampleLine ends the guide of the template, which holds example rows.
const exampleLine = "Các dòng ví dụ trong mẫu (thủ tục 1.001193 Đăng ký khai sinh) chỉ để minh họa: xóa hoặc thay bằng dữ liệu thật trước khi nhập."
