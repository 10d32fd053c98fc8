package mailtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// Message is one message as the server received it, and as a person would read it.
type Message struct {
	From string   // envelope sender (MAIL FROM)
	To   []string // envelope recipients (RCPT TO)
	Data []byte   // the message exactly as received

	Header  mail.Header // raw header fields; Header.Get("Subject") is still encoded
	Subject string      // decoded from RFC 2047
	Text    string      // the text/plain body, decoded, with "\n" line breaks
	HTML    string      // the text/html alternative, decoded, if any

	// Text and HTML lack the final line break that ends every body on the
	// wire, so that they compare equal to what the sender passed in.
}

// parse reads raw the way a mail client would: headers, then the body as a
// single part or as multipart/alternative.
func parse(raw []byte) (Message, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Message{}, err
	}
	m := Message{Data: raw, Header: msg.Header}
	if m.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return Message{}, fmt.Errorf("subject: %w", err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return Message{}, fmt.Errorf("content-type: %w", err)
	}
	if mediaType == "multipart/alternative" {
		return m, m.readAlternatives(multipart.NewReader(msg.Body, params["boundary"]))
	}
	body, err := decodeBody(msg.Body, msg.Header.Get("Content-Transfer-Encoding"))
	return m, m.setBody(mediaType, body, err)
}

// readAlternatives relies on multipart.Reader, which decodes
// quoted-printable parts by itself.
func (m *Message) readAlternatives(r *multipart.Reader) error {
	for {
		part, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		mediaType, _, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if err != nil {
			return fmt.Errorf("part content-type: %w", err)
		}
		body, err := io.ReadAll(part)
		if err := m.setBody(mediaType, body, err); err != nil {
			return err
		}
	}
}

func (m *Message) setBody(mediaType string, body []byte, err error) error {
	if err != nil {
		return fmt.Errorf("%s body: %w", mediaType, err)
	}
	text := strings.TrimSuffix(strings.ReplaceAll(string(body), "\r\n", "\n"), "\n")
	switch mediaType {
	case "text/plain":
		m.Text = text
	case "text/html":
		m.HTML = text
	default:
		return fmt.Errorf("unexpected media type %s", mediaType)
	}
	return nil
}

func decodeBody(r io.Reader, encoding string) ([]byte, error) {
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		return io.ReadAll(quotedprintable.NewReader(r))
	case "", "7bit", "8bit":
		return io.ReadAll(r)
	}
	return nil, fmt.Errorf("unsupported transfer encoding %q", encoding)
}
