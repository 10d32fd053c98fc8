package reform

import (
	"github.com/motcua/motcua"
	"sort"
	"strings"
)

// The PAR Index self-assessment (Chỉ số cải cách hành chính): each province
// sets, per year, a tree of criteria with their maximum points; a unit
// scores the leaves with evidence; areas and the whole add up.

// ParCriterion is one criterion of a year's tree. Its code places it:
// "1", "1.2", "1.2.3"; a criterion with sub-criteria gets its maximum and
// score from them.
type ParCriterion struct {
	Code      string
	Title     string
	MaxPoints float64 // for leaves; parents add up their children
}

// ParScore is a unit's score on a leaf criterion, with its evidence.
type ParScore struct {
	Code     string
	Points   float64
	Evidence string // documents, links, remarks
}

// ParNode is a criterion with its maximum and score added up.
type ParNode struct {
	Code, Title string
	Max, Score  float64
	Evidence    string
	Children    []*ParNode
}

// parentCode is "1.2" for "1.2.3", "" for "1".
func parentCode(code string) string {
	i := strings.LastIndex(code, ".")
	if i < 0 {
		return ""
	}
	return code[:i]
}

// BuildParTree arranges criteria by their codes, puts the scores on the
// leaves and adds them up; it returns the top-level areas and the totals.
// It refuses a tree whose codes do not nest, and scores above a maximum.
func BuildParTree(criteria []ParCriterion, scores []ParScore) (areas []*ParNode, total ParNode, err error) {
	nodes := map[string]*ParNode{}
	sorted := append([]ParCriterion(nil), criteria...)
	sort.Slice(sorted, func(i, j int) bool { return codeLess(sorted[i].Code, sorted[j].Code) })
	for _, c := range sorted {
		if c.Code == "" || nodes[c.Code] != nil {
			return nil, total, motcua.FieldError("code", "Mã tiêu chí %q trống hoặc trùng.", c.Code)
		}
		n := &ParNode{Code: c.Code, Title: c.Title, Max: c.MaxPoints}
		nodes[c.Code] = n
		if p := parentCode(c.Code); p == "" {
			areas = append(areas, n)
		} else if parent := nodes[p]; parent != nil {
			parent.Children = append(parent.Children, n)
		} else {
			return nil, total, motcua.FieldError("code", "Tiêu chí %s không có tiêu chí cha %s.", c.Code, p)
		}
	}
	for _, s := range scores {
		n := nodes[s.Code]
		switch {
		case n == nil:
			return nil, total, motcua.FieldError("code", "Không có tiêu chí %s.", s.Code)
		case len(n.Children) > 0:
			return nil, total, motcua.FieldError("code", "Tiêu chí %s có tiêu chí con: chấm điểm ở tiêu chí con.", s.Code)
		case s.Points < 0 || s.Points > n.Max:
			return nil, total, motcua.FieldError("points", "Điểm %s của tiêu chí %s vượt khung 0–%s.", motcua.FormatDecimal(s.Points), s.Code, motcua.FormatDecimal(n.Max))
		}
		n.Score, n.Evidence = s.Points, s.Evidence
	}
	total = ParNode{Title: "Tổng cộng"}
	for _, a := range areas {
		addUp(a)
		total.Max += a.Max
		total.Score += a.Score
	}
	return areas, total, nil
}

func addUp(n *ParNode) {
	if len(n.Children) == 0 {
		return
	}
	n.Max, n.Score = 0, 0
	for _, c := range n.Children {
		addUp(c)
		n.Max += c.Max
		n.Score += c.Score
	}
}

// codeLess orders "1.2" before "1.10" and parents before children.
func codeLess(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		if as[i] != bs[i] {
			if len(as[i]) != len(bs[i]) {
				return len(as[i]) < len(bs[i])
			}
			return as[i] < bs[i]
		}
	}
	return len(as) < len(bs)
}
