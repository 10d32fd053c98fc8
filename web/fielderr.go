package web

import "html/template"

// invalidAttrs ties an error to its field (accessibility): when the page's
// error names field, the input says it is invalid, points to the message
// (the layout's #error) and takes the focus; CSP forbids inline script, so
// the focus comes from autofocus. Use: <input name="date" {{invalid $.Field "date"}}>.
func invalidAttrs(errorField, field string) template.HTMLAttr {
	if errorField == "" || errorField != field {
		return ""
	}
	return `aria-invalid="true" aria-describedby="error" autofocus`
}
