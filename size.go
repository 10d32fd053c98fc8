package motcua

import "strconv"

// FormatSize writes a file's size as people read it: "812 byte",
// "58,2 KB", "3,4 MB" (1 KB = 1,024 bytes; decimal comma).
func FormatSize(n int64) string {
	switch {
	case n < 1024:
		return strconv.FormatInt(n, 10) + " byte"
	case n < 1024*1024:
		return oneDecimal(float64(n)/1024) + " KB"
	}
	return oneDecimal(float64(n)/(1024*1024)) + " MB"
}

func oneDecimal(x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s[:len(s)-2] + "," + s[len(s)-1:]
}

// SizeText is the file's size as FormatSize writes it.
func (f SubmittedFile) SizeText() string { return FormatSize(f.Size) }
