package catalogio

import (
	"fmt"
	"strings"

	"github.com/motcua/motcua"
)

// MaxProblems is how many problems a reader lists before it stops adding:
// a file with hundreds of bad rows usually has one mistake repeated, and
// fifty lines are as many as anyone reads.
const MaxProblems = 50

// problems collects what is wrong with a file, each line naming the
// element or the sheet and row, so that all of them are fixed in one round.
type problems struct {
	list  []string
	total int
}

func (p *problems) add(format string, args ...any) {
	p.total++
	if len(p.list) < MaxProblems {
		p.list = append(p.list, fmt.Sprintf(format, args...))
	}
}

// at adds each reason found about the element named where.
func (p *problems) at(where string, reasons ...string) {
	for _, r := range reasons {
		if r != "" {
			p.add("%s: %s", where, r)
		}
	}
}

func (p *problems) any() bool { return p.total > 0 }

// err is one EINVALID error listing every problem, one a line; nil if none.
func (p *problems) err() error {
	switch {
	case p.total == 0:
		return nil
	case p.total == 1:
		return motcua.Errorf(motcua.EINVALID, "%s", p.list[0])
	}
	head := fmt.Sprintf("Tệp có %d lỗi:", p.total)
	if p.total > len(p.list) {
		head = fmt.Sprintf("Tệp có %d lỗi; %d lỗi đầu tiên:", p.total, len(p.list))
	}
	return motcua.Errorf(motcua.EINVALID, "%s\n%s", head, strings.Join(p.list, "\n"))
}

// reasons collects what is wrong with one element; "" means nothing.
type reasons []string

func (r *reasons) add(why string) {
	if why != "" {
		*r = append(*r, why)
	}
}
