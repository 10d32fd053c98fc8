package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua/store"
)

// TestStaffListNamesUnitsAndTheTrailNamesTheAccount: the accounts page
// shows each grant's unit by name, not by id, and creating an account
// leaves an audit entry that names it.
func TestStaffListNamesUnitsAndTheTrailNamesTheAccount(t *testing.T) {
	e := newEnv(t)
	admin := e.login(t, fx.admin)
	form := url.Values{"username": {"motcua.a3"}, "full_name": {"Đỗ Thị Ba"}, "role": {"counter"},
		"unit": {strconv.FormatInt(fx.unitA.ID, 10)}, "password": {"mat-khau-du-dai-roi"}}
	wantStatus(t, admin.post(t, "/staff", form), http.StatusSeeOther)
	list := admin.get(t, "/staff")
	wantContains(t, list, "Cán bộ một cửa, "+fx.unitA.Name)
	wantLacks(t, list, "("+strconv.FormatInt(fx.unitA.ID, 10)+")")
	entries, err := e.db.AuditLog(t.Context(), store.AuditFilter{Actor: "user:" + strconv.FormatInt(fx.admin.ID, 10) + " "})
	if err != nil {
		t.Fatal(err)
	}
	named := false
	for _, en := range entries {
		named = named || strings.Contains(en.Object+" "+en.Detail, "motcua.a3")
	}
	if !named {
		t.Errorf("no audit entry of the administrator names the account created: %+v", entries)
	}
}
