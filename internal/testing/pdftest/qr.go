package pdftest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"regexp"
	"strconv"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// QR decodes the QR code of the first image in the PDF, as a phone would,
// and returns its text.
func QR(tb testing.TB, data []byte) string {
	tb.Helper()
	return DecodeQR(tb, firstImage(tb, data))
}

// DecodeQR decodes the QR code in an image (a PNG served, a screenshot) and
// returns its text.
func DecodeQR(tb testing.TB, img image.Image) string {
	tb.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		tb.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		tb.Fatalf("decode QR code: %v", err)
	}
	return res.GetText()
}

var imageDict = regexp.MustCompile(`(?s)/Subtype\s*/Image(.*?)>>\s*stream\r?\n`)

// firstImage returns the first image in the PDF. gopdf embeds a PNG's
// compressed data unchanged (FlateDecode with PNG predictors), which
// ledongthuc/pdf cannot unfilter, so the stream is wrapped back into a PNG
// file and decoded with image/png. Only 8-bit grey images are handled: that
// is what forms prints its QR codes as.
func firstImage(tb testing.TB, data []byte) image.Image {
	tb.Helper()
	m := imageDict.FindSubmatchIndex(data)
	if m == nil {
		tb.Fatal("the PDF has no image XObject")
	}
	dict := data[m[2]:m[3]]
	if !bytes.Contains(dict, []byte("/DeviceGray")) || !bytes.Contains(dict, []byte("/BitsPerComponent 8")) {
		tb.Fatalf("image is not 8-bit grey: %s", dict)
	}
	num := func(key string) int {
		sub := regexp.MustCompile(`/` + key + `\s+(\d+)`).FindSubmatch(dict)
		if sub == nil {
			tb.Fatalf("image dictionary lacks /%s: %s", key, dict)
		}
		n, _ := strconv.Atoi(string(sub[1]))
		return n
	}
	start, length := m[1], num("Length")
	if start+length > len(data) {
		tb.Fatalf("image stream of %d bytes runs past the end of the file", length)
	}
	img, err := png.Decode(bytes.NewReader(greyPNG(num("Width"), num("Height"), data[start:start+length])))
	if err != nil {
		tb.Fatalf("decode embedded image: %v", err)
	}
	return img
}

// greyPNG builds a PNG file around zlib data filtered the PNG way.
func greyPNG(w, h int, idat []byte) []byte {
	var buf bytes.Buffer
	buf.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8] = 8 // bit depth; colour type 0 (grey), no interlace
	for _, c := range []struct {
		typ  string
		data []byte
	}{{"IHDR", ihdr}, {"IDAT", idat}, {"IEND", nil}} {
		_ = binary.Write(&buf, binary.BigEndian, uint32(len(c.data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(c.typ))
		crc.Write(c.data)
		buf.WriteString(c.typ)
		buf.Write(c.data)
		_ = binary.Write(&buf, binary.BigEndian, crc.Sum32())
	}
	return buf.Bytes()
}
