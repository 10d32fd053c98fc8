package motcua

// Criterion is what the rule looks at, as the public page and the
// version comparison write it after "Cơ quan giải quyết xác định theo".
func (c Competence) Criterion() string {
	switch c {
	case CompetenceResidence:
		return "nơi cư trú của người nộp"
	case CompetenceLocation:
		return "nơi có đất, cơ sở kinh doanh"
	case CompetenceChoice:
		return "lựa chọn của người nộp"
	}
	return "nơi tiếp nhận hồ sơ"
}
