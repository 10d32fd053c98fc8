package csdltthc

import (
	"context"
	"io"

	"github.com/motcua/motcua"
)

// FromFile reads an export file, keeps the given codes (none: all) and
// converts them.
func FromFile(r io.Reader, codes []string) ([]*motcua.NationalProcedure, error) {
	records, err := ReadFile(r)
	if err == nil {
		records, err = Select(records, codes)
	}
	if err != nil {
		return nil, err
	}
	return Convert(records)
}

// Procedures fetches the given codes from the service and converts them.
func (c *Client) Procedures(ctx context.Context, codes []string) ([]*motcua.NationalProcedure, error) {
	records, err := c.Fetch(ctx, codes)
	if err != nil {
		return nil, err
	}
	return Convert(records)
}
