package forms

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/signintech/gopdf"
)

// The fonts are Noto Serif from Debian's fonts-noto-core (SIL OFL 1.1, see
// fonts/LICENSE): a serif face like the Times New Roman that Decree
// 30/2020/NĐ-CP asks of administrative documents, with every Vietnamese letter.
var (
	//go:embed fonts/NotoSerif-Regular.ttf
	notoSerifRegular []byte
	//go:embed fonts/NotoSerif-Bold.ttf
	notoSerifBold []byte
	//go:embed fonts/NotoSerif-Italic.ttf
	notoSerifItalic []byte
)

// style selects one of the embedded faces; each is its own gopdf family,
// because a font container keys parsed fonts by family alone.
type style string

const (
	regular style = "NotoSerif"
	bold    style = "NotoSerif-Bold"
	italic  style = "NotoSerif-Italic"
)

var parsedFonts struct {
	once      sync.Once
	container *gopdf.FontContainer
	err       error
}

// fontContainer parses the embedded fonts on first use. Parsing a 600 kB font
// costs milliseconds; every document copies the parsed tables instead, and
// gopdf only reads them afterwards, so concurrent renders may share them.
func fontContainer() (*gopdf.FontContainer, error) {
	parsedFonts.once.Do(func() {
		c := new(gopdf.FontContainer)
		for _, f := range []struct {
			family style
			data   []byte
		}{{regular, notoSerifRegular}, {bold, notoSerifBold}, {italic, notoSerifItalic}} {
			if err := c.AddTTFFontData(string(f.family), f.data); err != nil {
				parsedFonts.err = fmt.Errorf("parse font %s: %w", f.family, err)
				return
			}
		}
		parsedFonts.container = c
	})
	return parsedFonts.container, parsedFonts.err
}

// addFonts registers the three faces with a new document.
func addFonts(pdf *gopdf.GoPdf) error {
	c, err := fontContainer()
	if err != nil {
		return err
	}
	for _, s := range []style{regular, bold, italic} {
		if err := pdf.AddTTFFontFromFontContainer(string(s), c); err != nil {
			return fmt.Errorf("add font %s: %w", s, err)
		}
	}
	return nil
}
