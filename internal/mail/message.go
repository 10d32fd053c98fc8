package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Message is one e-mail. Text is required: it is what plain-text clients,
// screen readers and notification previews show. HTML, if given, is sent as
// a richer alternative of the same content.
type Message struct {
	To      []string // "a@b.vn" or "Nguyễn Văn A <a@b.vn>"
	Subject string
	Text    string
	HTML    string
}

// maxLine is the longest line written: RFC 2047 limits lines holding
// encoded-words to 76 characters, and quoted-printable keeps to it too.
const maxLine = 76

// compose validates m and renders it as CRLF-terminated 7-bit MIME. It
// returns the bare recipient addresses for the SMTP envelope.
func compose(from *mail.Address, m Message, now time.Time) (raw []byte, rcpt []string, err error) {
	to, err := parseRecipients(m.To)
	if err != nil {
		return nil, nil, err
	}
	subject, err := cleanSubject(m.Subject)
	if err != nil {
		return nil, nil, err
	}
	text, html := motcua.NFC(m.Text), motcua.NFC(m.HTML)
	if text == "" {
		return nil, nil, motcua.FieldError("text", "Thư phải có nội dung dạng văn bản.")
	}
	var b bytes.Buffer
	writeHeader(&b, "From", formatAddress(from))
	writeHeader(&b, "To", formatAddresses(to))
	writeHeader(&b, "Subject", mime.QEncoding.Encode("utf-8", subject))
	writeHeader(&b, "Date", now.In(motcua.VN).Format(time.RFC1123Z))
	writeHeader(&b, "Message-ID", messageID(from.Address))
	// Notifications are machine-sent: this keeps vacation responders from answering them (RFC 3834).
	writeHeader(&b, "Auto-Submitted", "auto-generated")
	writeHeader(&b, "MIME-Version", "1.0")
	if html == "" {
		writeHeader(&b, "Content-Type", "text/plain; charset=utf-8")
		writeHeader(&b, "Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		err = writeQP(&b, text)
	} else {
		err = writeAlternative(&b, text, html)
	}
	for _, a := range to {
		rcpt = append(rcpt, a.Address)
	}
	return b.Bytes(), rcpt, err
}

// parseRecipients refuses line breaks before parsing: they are how a
// recipient field smuggles in extra headers such as Bcc.
func parseRecipients(list []string) ([]*mail.Address, error) {
	if len(list) == 0 {
		return nil, motcua.FieldError("to", "Thư chưa có người nhận.")
	}
	var out []*mail.Address
	for _, s := range list {
		a, err := mail.ParseAddress(s)
		switch {
		case strings.ContainsAny(s, "\r\n") || err != nil:
			return nil, motcua.FieldError("to", "Địa chỉ thư điện tử %q không hợp lệ.", s)
		case !isASCII(a.Address):
			// Telex and VNI keyboards easily put diacritics into an address;
			// say so rather than send it to a server that cannot route it.
			return nil, motcua.FieldError("to", "Địa chỉ thư điện tử %q phải viết không dấu.", s)
		}
		out = append(out, a)
	}
	return out, nil
}

// cleanSubject refuses line breaks (header injection), normalises to NFC and
// keeps single spaces, since folding and unfolding would not keep runs of them.
func cleanSubject(s string) (string, error) {
	if strings.ContainsAny(s, "\r\n") {
		return "", motcua.FieldError("subject", "Tiêu đề thư không được xuống dòng.")
	}
	s = strings.Join(strings.Fields(motcua.NFC(s)), " ")
	if s == "" {
		return "", motcua.FieldError("subject", "Thư phải có tiêu đề.")
	}
	return s, nil
}

func formatAddress(a *mail.Address) string {
	return (&mail.Address{Name: motcua.NFC(a.Name), Address: a.Address}).String()
}

func formatAddresses(list []*mail.Address) string {
	parts := make([]string, len(list))
	for i, a := range list {
		parts[i] = formatAddress(a)
	}
	return strings.Join(parts, ", ")
}

// writeHeader writes one header field folded at spaces. Values here are
// ASCII already: encoded-words, or addresses mail.Address has encoded.
func writeHeader(b *bytes.Buffer, name, value string) {
	n := 0 // length of the current line
	for i, word := range strings.Fields(name + ": " + value) {
		if i > 0 {
			if n+1+len(word) > maxLine {
				b.WriteString("\r\n")
				n = 0
			}
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += len(word)
	}
	b.WriteString("\r\n")
}

// messageID is unique without coordination: 128 random bits at the sender's domain.
func messageID(address string) string {
	id := make([]byte, 16)
	rand.Read(id) // never fails, per crypto/rand
	domain := address[strings.LastIndex(address, "@")+1:]
	return "<" + hex.EncodeToString(id) + "@" + domain + ">"
}

// writeQP writes s quoted-printable, which turns "\n" into CRLF and keeps
// Vietnamese readable in raw form while staying 7-bit.
func writeQP(w io.Writer, s string) error {
	qp := quotedprintable.NewWriter(w)
	if _, err := io.WriteString(qp, s+"\n"); err != nil {
		return err
	}
	return qp.Close()
}

func writeAlternative(b *bytes.Buffer, text, html string) error {
	mw := multipart.NewWriter(b)
	writeHeader(b, "Content-Type", "multipart/alternative; boundary="+mw.Boundary())
	b.WriteString("\r\n")
	// Plain text first: clients show the last alternative they understand.
	for _, part := range []struct{ mediaType, body string }{{"text/plain", text}, {"text/html", html}} {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.mediaType + "; charset=utf-8"},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return err
		}
		if err := writeQP(w, part.body); err != nil {
			return err
		}
	}
	return mw.Close()
}
