package motcua

import "slices"

// Client is an external system calling the API with a key (issue 7):
// specialised software, the national portal, a province's data hub. It
// sees only what its scope allows — units (and those below them),
// procedures — and does only the actions granted.
type Client struct {
	ID            int64
	Name          string
	KeyPrefix     string  // the key's first characters, to recognise it in lists and logs
	UnitIDs       []int64 // as granted; the actor's Units hold them with the units below
	ProcedureIDs  []int64 // nil: every procedure of those units
	Actions       []ClientAction
	RatePerMinute int
	Disabled      bool
}

// ClientAction is something a client may be granted.
type ClientAction string

const (
	ClientRead     ClientAction = "read"     // dossiers, their events, the catalogue, reports
	ClientEvents   ClientAction = "events"   // the event feed
	ClientWebhooks ClientAction = "webhooks" // receive events by webhook
	ClientRegister ClientAction = "register" // register dossiers it received itself, at units in scope
	ClientResult   ClientAction = "result"   // record the result of dossiers in scope, decided in its own software
)

// Valid reports whether a is a known action.
func (a ClientAction) Valid() bool {
	return a == ClientRead || a == ClientEvents || a == ClientWebhooks || a == ClientRegister || a == ClientResult
}

// RoleClient is the role a client holds in the units of its scope: it
// sees their dossiers like their officers, and acts on none.
const RoleClient Role = "client"

// covers reports whether the client's procedure filter admits p.
func (c *Client) covers(procedureID int64) bool {
	return c.ProcedureIDs == nil || slices.Contains(c.ProcedureIDs, procedureID)
}

// Allows reports whether the actor may use an API action: officers may
// use every one their roles reach; a client only those granted.
func (a *Actor) Allows(action ClientAction) bool {
	return a.Client == nil || (!a.Client.Disabled && slices.Contains(a.Client.Actions, action))
}
