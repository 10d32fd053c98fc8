package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"mime/multipart"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/motcua/motcua"
)

// The online form's documents, one slot per document of the catalogue and
// one for others. Every chosen file is checked at once and each problem is
// reported next to its document; the files that passed are stored (by
// their SHA-256, as files.Store keeps every upload) and the form sent back
// carries a signed token for each, so that the citizen does not choose
// them again. A document the catalogue does not mark as conditional is
// required.

// docSlot is one document of the form and what the citizen sent for it.
type docSlot struct {
	Index    int
	Doc      motcua.RequiredDocument
	Required bool
	Kept     *keptFile // the file taken for it, if any
	Error    string    // what is wrong with what was sent, or that it is missing
	// Reuse is a held document chosen for it instead of a file (a Ref of
	// store.HeldOnline); Held what may be chosen, once the citizen asked
	// (citizen_store_online.go).
	Reuse string
	Held  []heldRow
}

// keptFile is a checked and stored upload the form carries back.
type keptFile struct {
	motcua.SubmittedFile
	Token string // signed: only this contact's form may name it
}

// extraSlot is the form's field for other documents.
const extraSlot = "extra"

// slotsOf are the empty slots of a procedure's documents.
func slotsOf(p *motcua.Procedure) []docSlot {
	out := make([]docSlot, len(p.Documents))
	for i, d := range p.Documents {
		out[i] = docSlot{Index: i, Doc: d, Required: !d.Conditional()}
	}
	return out
}

// gatherUploads reads the documents of a filing form: new files in
// "file_<i>" (replacing what was kept for i) and "file_extra", kept ones
// in "kept_<i>" and "kept_extra". It reports how many problems it found;
// each is in its slot's Error (the extra files' in extraErr).
func (s *Server) gatherUploads(form *multipart.Form, c motcua.Contact, formKey string, slots []docSlot) (extra []keptFile, extraErr string, problems int) {
	for i := range slots {
		sl := &slots[i]
		field := strconv.Itoa(i)
		if hs := form.File["file_"+field]; len(hs) > 0 {
			sl.Kept, sl.Error = s.keepUpload(hs[0], sl.Doc.Name, c, formKey, field)
		} else if tokens := form.Value["kept_"+field]; len(tokens) > 0 {
			sl.Kept = openKept(tokens[0], sl.Doc.Name, c, formKey, field)
		}
		if refs := form.Value[reusePrefix+field]; sl.Kept == nil && sl.Error == "" && len(refs) > 0 { // a file sent wins over a choice
			sl.Reuse = strings.TrimSpace(refs[0])
		}
		if sl.Error != "" {
			problems++
		}
	}
	for _, tok := range form.Value["kept_"+extraSlot] {
		if k := openKept(tok, "Giấy tờ khác", c, formKey, extraSlot); k != nil {
			extra = append(extra, *k)
		}
	}
	var errs []string
	for _, h := range form.File["file_"+extraSlot] {
		k, msg := s.keepUpload(h, "Giấy tờ khác", c, formKey, extraSlot)
		if msg != "" {
			errs = append(errs, msg)
			problems++
			continue
		}
		extra = append(extra, *k)
	}
	return extra, strings.Join(errs, " "), problems
}

// keepUpload checks one file and stores it; the message says what is
// wrong with it.
func (s *Server) keepUpload(h *multipart.FileHeader, document string, c motcua.Contact, formKey, slot string) (*keptFile, string) {
	u, err := s.checkUpload(h, document)
	if err == nil {
		defer u.blob.Discard() // nothing once saved
		err = s.Files.Save(u.blob)
	}
	if err != nil {
		return nil, motcua.ErrorMessage(err)
	}
	return &keptFile{SubmittedFile: u.file, Token: signKept(u.file, c, formKey, slot)}, ""
}

// formFiles gathers a filing's documents into data: every file checked,
// the fine ones kept, each problem next to its document, and the required
// documents left empty listed; the submission gets the files when all is
// well.
func (s *Server) formFiles(form *multipart.Form, c motcua.Contact, data *onlineFormData) error {
	var problems int
	data.Extra, data.ExtraErr, problems = s.gatherUploads(form, c, data.Key, data.Slots)
	missing := missingRequired(data.Slots)
	switch {
	case problems > 0 && len(missing) > 0:
		return motcua.FieldError("files", "Có %d tệp không hợp lệ và còn thiếu giấy tờ bắt buộc: %s. Xem ghi chú bên cạnh từng giấy tờ; các tệp hợp lệ đã được giữ lại.",
			problems, strings.Join(missing, "; "))
	case problems > 0:
		return motcua.FieldError("files", "Có %d tệp không hợp lệ; xem ghi chú bên cạnh từng giấy tờ. Các tệp hợp lệ đã được giữ lại, không cần chọn lại.", problems)
	case len(missing) > 0:
		return motcua.FieldError("files", "Còn thiếu giấy tờ bắt buộc: %s.", strings.Join(missing, "; "))
	}
	for _, sl := range data.Slots {
		if sl.Kept != nil {
			data.S.Files = append(data.S.Files, sl.Kept.SubmittedFile)
		}
	}
	for _, k := range data.Extra {
		data.S.Files = append(data.S.Files, k.SubmittedFile)
	}
	return nil
}

// missingRequired marks the required slots left empty and lists them.
func missingRequired(slots []docSlot) []string {
	var names []string
	for i := range slots {
		if sl := &slots[i]; sl.Required && sl.Kept == nil && sl.Reuse == "" && sl.Error == "" {
			sl.Error = "Giấy tờ bắt buộc: hãy tải lên."
			names = append(names, sl.Doc.Name)
		}
	}
	return names
}

// keptKey signs kept files' tokens. It lives as long as the process: a
// form sent back by another instance, or after a restart, asks for its
// files again rather than trusting them.
var keptKey = sync.OnceValue(func() []byte {
	key := make([]byte, 32)
	rand.Read(key)
	return key
})

func keptMAC(payload string, c motcua.Contact, formKey, slot string) string {
	m := hmac.New(sha256.New, keptKey())
	m.Write([]byte(c.String() + "\x00" + formKey + "\x00" + slot + "\x00" + payload))
	return hex.EncodeToString(m.Sum(nil))
}

// signKept is the token of a stored file for one contact's form and slot.
func signKept(f motcua.SubmittedFile, c motcua.Contact, formKey, slot string) string {
	payload := base64.RawURLEncoding.EncodeToString([]byte(url.Values{"s": {f.SHA256}, "n": {f.FileName}, "t": {f.ContentType},
		"z": {strconv.FormatInt(f.Size, 10)}}.Encode()))
	return payload + "." + keptMAC(payload, c, formKey, slot)
}

// openKept reads a token this process signed for the contact's form and
// slot; anything else is ignored (nil).
func openKept(token, document string, c motcua.Contact, formKey, slot string) *keptFile {
	payload, mac, ok := strings.Cut(token, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(keptMAC(payload, c, formKey, slot))) {
		return nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return nil
	}
	v, err := url.ParseQuery(string(raw))
	if err != nil {
		return nil
	}
	size, _ := strconv.ParseInt(v.Get("z"), 10, 64)
	return &keptFile{Token: token, SubmittedFile: motcua.SubmittedFile{Document: document, FileName: v.Get("n"),
		ContentType: v.Get("t"), Size: size, SHA256: v.Get("s")}}
}
