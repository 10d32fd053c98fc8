package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Spec is the OpenAPI 3.1 description of the API, generated from the
// operations table and the Go types of their bodies and answers.
func Spec() ([]byte, error) {
	g := &specGen{schemas: map[string]any{}}
	paths := map[string]map[string]any{}
	for _, op := range (&Server{}).operations() {
		if paths[op.path] == nil {
			paths[op.path] = map[string]any{}
		}
		paths[op.path][strings.ToLower(op.method)] = g.operation(op)
	}
	errRef := map[string]any{"$ref": "#/components/schemas/Error"}
	g.schemas["Error"] = map[string]any{"type": "object", "required": []string{"error"}, "properties": map[string]any{
		"error": map[string]any{"type": "object", "required": []string{"code", "message"}, "properties": map[string]any{
			"code": map[string]any{"type": "string", "enum": []string{"invalid", "not_found", "conflict", "not_allowed", "forbidden",
				"unauthorized", "too_many", "internal"}},
			"message": map[string]any{"type": "string", "description": "in Vietnamese, for people"},
			"field":   map[string]any{"type": "string"},
		}}}}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "motcua API", "version": "1",
			"description": "The one-stop shop's API. Officers log in with POST /api/v1/sessions; external systems send their key " +
				"(motcua clients create) as Authorization: Bearer mc_…, within their scope. Errors are {\"error\": {\"code\", \"message\", \"field\"}}."},
		"paths": paths,
		"components": map[string]any{"schemas": g.schemas, "securitySchemes": map[string]any{
			"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
			"responses": map[string]any{"Error": map[string]any{"description": "an error",
				"content": map[string]any{"application/json": map[string]any{"schema": errRef}}}}},
	}
	return json.MarshalIndent(doc, "", "  ")
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	body, err := Spec()
	if err != nil {
		writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

type specGen struct {
	schemas map[string]any
}

func (g *specGen) operation(op operation) map[string]any {
	out := map[string]any{"summary": op.summary, "operationId": operationID(op)}
	switch {
	case op.access.public:
		out["security"] = []any{}
	default:
		out["security"] = []any{map[string]any{"bearer": []string{}}}
		if op.access.grant != "" {
			out["x-motcua-client-grant"] = string(op.access.grant)
		} else {
			out["x-motcua-client-grant"] = "none: officers only"
		}
	}
	var params []any
	for _, p := range op.params {
		params = append(params, map[string]any{"name": p.name, "in": p.in, "required": p.required, "description": p.doc,
			"schema": map[string]any{"type": "string"}})
	}
	if params != nil {
		out["parameters"] = params
	}
	if op.request != nil {
		out["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(op.request))}}}
	}
	ok := map[string]any{"description": http.StatusText(op.status)}
	if op.response != nil {
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(op.response))}}
	}
	out["responses"] = map[string]any{itoa(op.status): ok, "default": map[string]any{"$ref": "#/components/responses/Error"}}
	return out
}

func operationID(op operation) string {
	id := strings.ToLower(op.method)
	for _, part := range strings.Split(strings.TrimPrefix(op.path, "/api/v1/"), "/") {
		part = strings.Trim(part, "{}")
		if part != "" {
			id += strings.ToUpper(part[:1]) + part[1:]
		}
	}
	return id
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

var (
	timeType  = reflect.TypeOf(time.Time{})
	stateType = reflect.TypeOf(motcua.State(""))
)

// stateEnum lists the dossier states a client may meet, "payment" (waiting
// for fees due at intake, issue 19) included.
func stateEnum() map[string]any {
	names := make([]string, len(motcua.States))
	for i, s := range motcua.States {
		names[i] = string(s)
	}
	return map[string]any{"type": "string", "enum": names}
}

// schema describes t: named structs become components referenced by name.
func (g *specGen) schema(t reflect.Type) map[string]any {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == stateType:
		return stateEnum()
	case t.Kind() == reflect.Pointer:
		return g.schema(t.Elem())
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		return map[string]any{"type": "string", "contentEncoding": "base64"}
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case t.Kind() == reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case t.Kind() == reflect.Struct:
		name := t.Name()
		if name == "" {
			return g.object(t)
		}
		if _, done := g.schemas[name]; !done {
			g.schemas[name] = map[string]any{} // a placeholder against recursion
			g.schemas[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	case t.Kind() == reflect.String:
		return map[string]any{"type": "string"}
	case t.Kind() == reflect.Bool:
		return map[string]any{"type": "boolean"}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		if t.Name() == "Duration" {
			return map[string]any{"type": "integer", "description": "nanoseconds"}
		}
		return map[string]any{"type": "integer"}
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return map[string]any{"type": "number"}
	}
	return map[string]any{}
}

// object describes a struct by its JSON fields: those without omitempty
// (or omitzero) are required.
func (g *specGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		if f.Anonymous && tag == "" {
			continue
		}
		props[name] = g.schema(f.Type)
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") && f.Type.Kind() != reflect.Pointer {
			required = append(required, name)
		}
	}
	out := map[string]any{"type": "object", "properties": props}
	if required != nil {
		out["required"] = required
	}
	return out
}
