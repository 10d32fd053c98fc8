package motcua

import (
	"reflect"
	"testing"
	"time"
)

// TestPublicSteps: what a citizen reads of a ledger — units by name, what
// is missing, the apology's new date, the reason of a stop; no system
// event; a late entry only once approved.
func TestPublicSteps(t *testing.T) {
	at := time.Date(2025, 3, 3, 8, 0, 0, 0, VN)
	due := time.Date(2025, 3, 20, 16, 0, 0, 0, VN)
	names := map[int64]string{1: "UBND xã A", 2: "Phòng Tư pháp"}
	name := func(id int64) string { return names[id] }
	events := []Event{
		{Seq: 1, Type: EventAccepted, At: at, UnitID: 1},
		{Seq: 2, Type: EventHandedOver, At: at.Add(time.Hour), UnitID: 1},
		{Seq: 3, Type: EventPartSent, At: at.Add(2 * time.Hour), UnitID: 1, Data: EventData{PartUnitID: 2}},
		{Seq: 4, Type: EventSupplementRequested, At: at.Add(3 * time.Hour), Data: EventData{Missing: []string{"Tờ khai", "Giấy chứng sinh"}}},
		{Seq: 5, Type: EventDueRecomputed, At: at.Add(4 * time.Hour)},
		{Seq: 6, Type: EventExtended, At: at.Add(5 * time.Hour), Reason: "Chờ xác minh", Data: EventData{NewDueAt: due}},
		{Seq: 7, Type: EventResultReady, At: at.Add(6 * time.Hour), Data: EventData{Pending: true}},
		{Seq: 8, Type: EventResultReady, At: at.Add(7 * time.Hour), Data: EventData{Pending: true}},
		{Seq: 9, Type: EventLateApproved, At: at.Add(8 * time.Hour), Data: EventData{RefSeq: 8}},
		{Seq: 10, Type: EventStopped, At: at.Add(9 * time.Hour), Reason: "Người nộp đề nghị dừng"},
		{Seq: 11, Type: EventPartSent, At: at.Add(10 * time.Hour), Data: EventData{PartUnitID: 99}},
	}
	want := []TrackStep{
		{At: at, What: EventAccepted.Label(), Detail: "UBND xã A"},
		{At: at.Add(time.Hour), What: EventHandedOver.Label()},
		{At: at.Add(2 * time.Hour), What: EventPartSent.Label(), Detail: "Phòng Tư pháp"},
		{At: at.Add(3 * time.Hour), What: EventSupplementRequested.Label(), Detail: "Cần bổ sung: Tờ khai; Giấy chứng sinh"},
		{At: at.Add(5 * time.Hour), What: EventExtended.Label(), Detail: "Chờ xác minh — hẹn lại: 16:00 20/03/2025"},
		{At: at.Add(7 * time.Hour), What: EventResultReady.Label()},
		{At: at.Add(9 * time.Hour), What: EventStopped.Label(), Detail: "Người nộp đề nghị dừng"},
		{At: at.Add(10 * time.Hour), What: EventPartSent.Label()},
	}
	if got := PublicSteps(events, name); !reflect.DeepEqual(got, want) {
		t.Errorf("steps:\n got %+v\nwant %+v", got, want)
	}
}
