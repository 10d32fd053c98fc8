package motcua

import "strings"

// PublicSteps turns the events that counted into what a citizen reads:
// no officer's name, where a part went, what is missing, the apology's
// new date. Late entries still awaiting approval, and those rejected, are
// left out. unitName names a unit by id ("" when it cannot).
func PublicSteps(events []Event, unitName func(id int64) string) []TrackStep {
	approved := map[int]bool{}
	for _, e := range events {
		if e.Type == EventLateApproved {
			approved[e.Data.RefSeq] = true
		}
	}
	kinds := HandOverKinds(events)
	var out []TrackStep
	for _, e := range events {
		// Bookkeeping is not the citizen's, but a new deciding unit is.
		if e.Type.System() && e.Type != EventTransferred || (e.Data.Pending && !approved[e.Seq]) {
			continue
		}
		out = append(out, TrackStep{At: e.At, What: EventName(e, kinds), Detail: publicDetail(e, unitName)})
	}
	return out
}

// HandOverKinds are the hand-overs among a dossier's parts, by the seq of
// the event that sent each.
func HandOverKinds(events []Event) map[int]PartKind {
	kinds := map[int]PartKind{}
	for _, e := range events {
		if e.Type == EventPartSent && e.Data.PartKind.HandOver() {
			kinds[e.Seq] = e.Data.PartKind
		}
	}
	return kinds
}

// EventName names an event as people read it; a hand-over between the
// receiving centre and the deciding unit reads as what it is, not as
// linked handling (handOvers: HandOverKinds).
func EventName(e Event, handOvers map[int]PartKind) string {
	switch {
	case e.Type == EventPartSent && e.Data.PartKind.HandOver():
		return e.Data.PartKind.Label()
	case e.Type == EventPartReturned && handOvers[e.Data.PartSeq] == PartForward:
		return "Cơ quan giải quyết đã nhận hồ sơ"
	case e.Type == EventPartReturned && handOvers[e.Data.PartSeq] == PartResult:
		return "Nơi trả kết quả đã nhận kết quả"
	}
	return e.Type.Label()
}

// publicDetail is the one line a citizen reads under a step.
func publicDetail(e Event, unitName func(id int64) string) string {
	switch e.Type {
	case EventAccepted:
		return unitName(e.UnitID)
	case EventPartSent:
		return unitName(e.Data.PartUnitID)
	case EventTransferred:
		if e.Data.DecidingUnitID == 0 {
			return "Nơi trả kết quả: " + unitName(e.Data.ReturnUnitID) + " (" + e.Reason + ")"
		}
		return "Cơ quan giải quyết: " + unitName(e.Data.DecidingUnitID) + " (" + e.Reason + ")"
	case EventSupplementRequested:
		return "Cần bổ sung: " + strings.Join(e.Data.Missing, "; ")
	case EventExtended:
		return e.Reason + " — hẹn lại: " + FormatDateTime(e.Data.NewDueAt)
	case EventStopped, EventWithdrawn:
		return e.Reason
	}
	return ""
}
