// Package partnerhttp is the one way the national partners' adapters
// (population database, citizens' data store…) send a JSON request: a POST
// with a bearer token whose failure never names the URL, since a query or
// path may hold an identity number.
package partnerhttp

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
)

// Post sends body as JSON to url with the bearer token (none when empty)
// through client (http.DefaultClient when nil: ctx bounds the call). A
// transport failure is returned without the *url.Error around it, so
// callers' errors carry the cause but not the address.
func Post(ctx context.Context, client *http.Client, address, token string, body []byte) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, address, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if client == nil {
		client = http.DefaultClient
	}
	res, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, err
	}
	return res, nil
}
