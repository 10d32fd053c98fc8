package csdltthc

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Client reads procedures from the national database's service.
type Client struct {
	// Base is the service's address, without the trailing /tthc.
	Base string
	// HTTP is the client to use; nil means one with a 30 s timeout.
	HTTP *http.Client
}

// maxRecord bounds one answer: a procedure's record is tens of kilobytes.
const maxRecord = 2 << 20

// Fetch reads the records of the given codes, in that order. Codes the
// service does not know are refused together, and nothing is returned.
func (c *Client) Fetch(ctx context.Context, codes []string) ([]Record, error) {
	if len(codes) == 0 {
		return nil, motcua.FieldError("codes", "Hãy nhập ít nhất một mã thủ tục để lấy từ CSDL quốc gia về TTHC.")
	}
	var out []Record
	var unknown []string
	for _, code := range codes {
		r, found, err := c.one(ctx, code)
		switch {
		case err != nil:
			return nil, err
		case !found:
			unknown = append(unknown, code)
		default:
			out = append(out, r)
		}
	}
	if len(unknown) > 0 {
		return nil, unknownCodes(unknown)
	}
	return out, nil
}

func (c *Client) one(ctx context.Context, code string) (Record, bool, error) {
	var r Record
	u := strings.TrimRight(c.Base, "/") + "/tthc/" + url.PathEscape(code)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return r, false, fmt.Errorf("csdltthc: %s: %w", code, err)
	}
	req.Header.Set("Accept", "application/json")
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return r, false, motcua.Errorf(motcua.EINTERNAL, "Không kết nối được CSDL quốc gia về TTHC (%s): %v", c.Base, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return r, false, nil
	case resp.StatusCode != http.StatusOK:
		return r, false, motcua.Errorf(motcua.EINTERNAL, "CSDL quốc gia về TTHC trả lời %d cho mã %s.", resp.StatusCode, code)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxRecord+1))
	if err != nil || len(data) > maxRecord {
		return r, false, motcua.Errorf(motcua.EINTERNAL, "Câu trả lời của CSDL quốc gia về TTHC cho mã %s không đọc được hoặc quá lớn.", code)
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return r, false, motcua.Errorf(motcua.EINVALID, "Câu trả lời của CSDL quốc gia về TTHC cho mã %s không đúng định dạng: %s.", code, jsonWhere(data, err))
	}
	if strings.TrimSpace(r.MaTTHC) != code {
		return r, false, motcua.Errorf(motcua.EINVALID, "CSDL quốc gia về TTHC trả về thủ tục %q khi hỏi mã %s.", r.MaTTHC, code)
	}
	return r, true, nil
}
