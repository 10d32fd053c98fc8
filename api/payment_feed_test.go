package api_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// TestFeedCarriesPaymentFacts: the payment events in the feed carry the
// stage, the amount in đồng, the method, the state and the receipt's
// series and number; nothing else of the payment: no gateway transaction,
// bank, order reference or card field, and no name.
func TestFeedCarriesPaymentFacts(t *testing.T) {
	onEachEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		token := e.login(t, fx.CounterA)
		counter, err := e.db.Actor(ctx, fx.CounterA.ID)
		if err != nil {
			t.Fatal(err)
		}
		owing := func(name string, amount int64) int64 {
			d := e.accept(t, token, fx.UnitA.ID, name)
			row, err := storetest.DossierByCode(ctx, e.db, d.Code)
			if err != nil {
				t.Fatal(err)
			}
			if err := storetest.SetFeeDuesForTest(ctx, e.db, row.ID, amount, 0); err != nil {
				t.Fatal(err)
			}
			return row.ID
		}
		cash := owing("Phạm Văn Phí", 25_000)
		if _, err := e.db.RequestPayment(ctx, store.Requester{}, cash, motcua.FeePayAtIntake); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.db.RecordCash(ctx, counter, cash, motcua.FeePayAtIntake); err != nil {
			t.Fatal(err)
		}
		online := owing("Đỗ Thị Mạng", 40_000)
		p, err := e.db.RequestPayment(ctx, store.Requester{}, online, motcua.FeePayAtIntake)
		if err != nil {
			t.Fatal(err)
		}
		res := payment.Result{OrderID: p.OrderID, Amount: 40_000, TransactionNo: "14077001", BankCode: "NCBTESTBANK", Paid: true, ResponseCode: "00",
			PaidAt: e.db.Now()}
		if ack, err := e.db.ApplyGatewayResult(ctx, "vnpay", res); err != nil || ack != payment.AckAccepted {
			t.Fatalf("pay online: %v, %v", ack, err)
		}

		var raw []byte
		var feed api.Feed
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(100 * time.Millisecond) { // PostgreSQL: see TestClientSeesItsScope
			raw = e.do(t, token, "GET", "/api/v1/events?limit=100", nil).body
			feed = api.Feed{}
			if err := json.Unmarshal(raw, &feed); err != nil {
				t.Fatal(err)
			}
			if countPrefix(feed, "vn.motcua.payment.") >= 6 || time.Now().After(deadline) {
				break
			}
		}
		var facts []string
		for _, ev := range feed.Events {
			f := ev.Data.Payment
			if !strings.HasPrefix(ev.Type, "vn.motcua.payment.") {
				if f != nil {
					t.Errorf("%s carries a payment", ev.Type)
				}
				continue
			}
			if f == nil {
				t.Fatalf("%s without its payment fact", ev.Type)
			}
			facts = append(facts, strings.Join([]string{ev.Type, string(f.Stage), motcua.FormatInt(f.Amount), string(f.Method), string(f.State),
				f.ReceiptSeries, motcua.FormatInt(f.ReceiptNumber)}, " "))
		}
		want := []string{
			"vn.motcua.payment.requested intake 25.000  requested  0", // the citizen's online request
			"vn.motcua.payment.cancelled intake 25.000  cancelled  0", // replaced by the cash below
			"vn.motcua.payment.requested intake 25.000  requested  0", // cash: its own payment, requested and paid at once
			"vn.motcua.payment.paid intake 25.000 cash paid BL-2024 1",
			"vn.motcua.payment.requested intake 40.000  requested  0",
			"vn.motcua.payment.paid intake 40.000 vnpay paid BL-2024 2",
		}
		if !slices.Equal(facts, want) {
			t.Fatalf("the feed's payment facts:\n%s\nwant\n%s", strings.Join(facts, "\n"), strings.Join(want, "\n"))
		}
		allowed := []string{"stage", "amount", "method", "state", "receipt_kind", "receipt_series", "receipt_number"}
		var generic struct {
			Events []struct {
				Data struct {
					Payment map[string]any `json:"payment"`
				} `json:"data"`
			} `json:"events"`
		}
		if err := json.Unmarshal(raw, &generic); err != nil {
			t.Fatal(err)
		}
		for _, ev := range generic.Events {
			for k := range ev.Data.Payment {
				if !slices.Contains(allowed, k) {
					t.Errorf("a payment fact carries %q", k)
				}
			}
		}
		for _, secret := range []string{"14077001", "NCBTESTBANK", p.OrderID, "Phạm Văn Phí", "Đỗ Thị Mạng", "card", "secret", "hash"} {
			if strings.Contains(strings.ToLower(string(raw)), strings.ToLower(secret)) {
				t.Errorf("the feed carries %q", secret)
			}
		}
	})
}

func countPrefix(f api.Feed, prefix string) (n int) {
	for _, ev := range f.Events {
		if strings.HasPrefix(ev.Type, prefix) {
			n++
		}
	}
	return n
}
