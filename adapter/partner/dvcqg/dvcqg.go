// Package dvcqg publishes the dossiers' status changes to the National
// Public Service Portal (Cổng Dịch vụ công quốc gia) in its field names,
// so that citizens see there, too, where their dossiers are. It reads the
// event feed as an API client whose scope is what the province reports.
//
// The shape this adapter sends — verify against the portal's current
// integration specification before going live; a thin proxy adapts it if
// it differs:
//
//	POST {base}   Content-Type: application/json   Authorization: Bearer {token}
//	[{"MaHoSo", "MaTTHC", "TenTTHC", "MaCoQuan", "KenhThucHien", "ChuHoSo",
//	  "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "TrangThaiHoSo"}, …]
//	→ 2xx when taken
//
// Dates are yyyyMMddHHmmss in Vietnam's time; KenhThucHien 1 counter,
// 2 online, 3 post; TrangThaiHoSo as Status maps the ledger's states.
package dvcqg

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// Record is one status change in the portal's field names.
type Record struct {
	MaHoSo          string `json:"MaHoSo"`
	MaTTHC          string `json:"MaTTHC"`
	TenTTHC         string `json:"TenTTHC"`
	MaCoQuan        string `json:"MaCoQuan"`
	KenhThucHien    int    `json:"KenhThucHien"`
	ChuHoSo         string `json:"ChuHoSo"`
	NgayTiepNhan    string `json:"NgayTiepNhan"`
	NgayHenTra      string `json:"NgayHenTra"`
	NgayKetThucXuLy string `json:"NgayKetThucXuLy,omitempty"`
	NgayTra         string `json:"NgayTra,omitempty"`
	TrangThaiHoSo   int    `json:"TrangThaiHoSo"`
}

// Status is the portal's code of a ledger state.
func Status(s motcua.State) int {
	switch s {
	case motcua.StateProcessing:
		return 4 // Đang xử lý
	case motcua.StateSupplement:
		return 5 // Yêu cầu bổ sung giấy tờ
	case motcua.StatePayment:
		// Waiting for fees due at intake: the portal's list as we know it
		// has no such code, so it reads as in progress. Verify against the
		// portal's current status list before going live.
		return 4
	case motcua.StateWithdrawn:
		return 7 // Công dân yêu cầu rút hồ sơ
	case motcua.StateStopped:
		return 8 // Dừng xử lý
	case motcua.StateResultReady:
		return 9 // Đã xử lý xong
	case motcua.StateReturned:
		return 10 // Đã trả kết quả
	}
	return 2 // Được tiếp nhận
}

// Channel is the portal's code of a channel.
func Channel(c motcua.Channel) int {
	switch c {
	case motcua.ChannelOnline:
		return 2
	case motcua.ChannelPost:
		return 3
	}
	return 1
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(motcua.VN).Format("20060102150405")
}

// Publisher sends the status changes of the client's scope to the portal.
type Publisher struct {
	DB     *store.DB
	Client string // the API client it reads as
	URL    string
	Token  string
	HTTP   *http.Client
}

// Publish sends what changed since the last call, one batch per page of
// the feed; a failure leaves the cursor where it was, to send again.
func (p *Publisher) Publish(ctx context.Context) (sent int, err error) {
	a, err := p.DB.ClientActorNamed(ctx, p.Client)
	if err != nil {
		return 0, fmt.Errorf("dvcqg: %w", err)
	}
	cur, err := p.DB.PartnerCursor(ctx, a.Client.ID)
	if err != nil {
		return 0, err
	}
	for {
		events, next, err := p.DB.Feed(ctx, a, cur, 200)
		if err != nil {
			return sent, err
		}
		var batch []Record
		for _, e := range events {
			if e.Data.Pending {
				continue // nothing changed yet
			}
			d, err := p.DB.DossierByCode(ctx, a, e.Subject)
			if err != nil {
				return sent, err
			}
			unit, err := p.DB.Unit(ctx, d.ReceivingUnitID)
			if err != nil {
				return sent, err
			}
			status := Status(e.Data.State)
			if e.Data.Event == motcua.EventAccepted {
				status = 2 // Được tiếp nhận
			}
			rec := Record{MaHoSo: d.Code, MaTTHC: d.ProcedureCode, TenTTHC: d.ProcedureName, MaCoQuan: unit.Code,
				KenhThucHien: Channel(d.Channel), ChuHoSo: d.Applicant.Name, NgayTiepNhan: stamp(d.AcceptedAt), NgayHenTra: stamp(d.DueAt),
				TrangThaiHoSo: status}
			if status >= 9 { // the dossier is read now: dates of later steps belong to later records
				rec.NgayKetThucXuLy = stamp(d.ResultAt)
			}
			if status == 10 {
				rec.NgayTra = stamp(d.ReturnedAt)
			}
			batch = append(batch, rec)
		}
		if len(batch) > 0 {
			if err := p.post(ctx, batch); err != nil {
				return sent, err
			}
			sent += len(batch)
		}
		if err := p.DB.SetPartnerCursor(ctx, a.Client.ID, next); err != nil {
			return sent, err
		}
		if len(events) < 200 {
			return sent, nil
		}
		cur = next
	}
}

func (p *Publisher) post(ctx context.Context, batch []Record) error {
	body, _ := json.Marshal(batch)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if p.Token != "" {
		req.Header.Set("Authorization", "Bearer "+p.Token)
	}
	client := p.HTTP
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("dvcqg: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode/100 != 2 {
		detail, _ := io.ReadAll(io.LimitReader(res.Body, 300))
		return fmt.Errorf("dvcqg: the portal answered %s %s", res.Status, bytes.TrimSpace(detail))
	}
	return nil
}

// Run publishes every interval until ctx ends.
func (p *Publisher) Run(ctx context.Context, interval time.Duration, log func(error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := p.Publish(ctx); err != nil && ctx.Err() == nil && log != nil {
			log(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
