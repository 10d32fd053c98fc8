package store

import (
	"context"
	"time"

	"github.com/motcua/motcua"
)

// unitTree is the whole organisation in memory: it is small (thousands of
// units for a country) and read on every request to compute scopes.
type unitTree struct {
	byID     map[int64]*motcua.Unit
	children map[int64][]int64
	all      []*motcua.Unit
}

func (t *unitTree) subtree(id int64, visit func(int64)) {
	visit(id)
	for _, c := range t.children[id] {
		t.subtree(c, visit)
	}
}

// governed visits id and the units below it that it governs: its offices
// and sections, not the communes or districts below it, which answer for
// their own dossiers (domain.md §15: access follows need).
func (t *unitTree) governed(id int64, visit func(int64)) {
	visit(id)
	for _, c := range t.children[id] {
		switch t.byID[c].Kind {
		case motcua.UnitCommune, motcua.UnitDistrict, motcua.UnitProvince:
			continue
		}
		t.governed(c, visit)
	}
}

// ancestorOfKind returns the nearest unit of kind at or above id.
func (t *unitTree) ancestorOfKind(id int64, kind motcua.UnitKind) *motcua.Unit {
	for u := t.byID[id]; u != nil; u = t.byID[u.ParentID] {
		if u.Kind == kind {
			return u
		}
	}
	return nil
}

// parentKind is the kind of the unit above u, "" at the top.
func (t *unitTree) parentKind(u *motcua.Unit) motcua.UnitKind {
	if p := t.byID[u.ParentID]; p != nil {
		return p.Kind
	}
	return ""
}

// CreateUnit adds a unit to the tree.
func (db *DB) CreateUnit(ctx context.Context, u *motcua.Unit) (err error) {
	defer motcua.Wrap(&err, "DB.CreateUnit(%q)", u.Code)
	u.Code, u.Name = motcua.NFC(u.Code), motcua.NFC(u.Name)
	if u.Code == "" || u.Name == "" {
		return motcua.FieldError("code", "Mã và tên đơn vị là bắt buộc.")
	}
	var parent any
	if u.ParentID != 0 {
		parent = u.ParentID
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`INSERT INTO units (code, name, kind, parent_id, office, office_hours, valid_from, valid_to, successor_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			u.Code, u.Name, string(u.Kind), parent, u.Office, u.OfficeHours, ms(u.ValidFrom), ms(u.ValidTo), u.SuccessorID).Scan(&u.ID)
	})
	if isUniqueViolation(err) {
		return motcua.FieldError("code", "Mã đơn vị %s đã tồn tại.", u.Code)
	}
	db.mu.Lock()
	db.units = nil
	db.mu.Unlock()
	return err
}

// Units returns every unit, parents before children.
func (db *DB) Units(ctx context.Context) ([]*motcua.Unit, error) {
	t, err := db.tree(ctx)
	if err != nil {
		return nil, err
	}
	return t.all, nil
}

// Unit returns one unit by id.
func (db *DB) Unit(ctx context.Context, id int64) (*motcua.Unit, error) {
	t, err := db.tree(ctx)
	if err != nil {
		return nil, err
	}
	if u := t.byID[id]; u != nil {
		return u, nil
	}
	return nil, motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy đơn vị.")
}

// UnitByCode returns one unit by its QCVN 102 code.
func (db *DB) UnitByCode(ctx context.Context, code string) (*motcua.Unit, error) {
	t, err := db.tree(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range t.all {
		if u.Code == code {
			return u, nil
		}
	}
	return nil, motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy đơn vị có mã %s.", code)
}

func (db *DB) tree(ctx context.Context) (*unitTree, error) {
	db.mu.Lock()
	t := db.units
	db.mu.Unlock()
	if t != nil {
		return t, nil
	}
	t = &unitTree{byID: map[int64]*motcua.Unit{}, children: map[int64][]int64{}}
	err := db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT id, code, name, kind, COALESCE(parent_id, 0), office, office_hours, valid_from, valid_to, successor_id
			FROM units ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			u := &motcua.Unit{}
			var from, to int64
			if err := rows.Scan(&u.ID, &u.Code, &u.Name, &u.Kind, &u.ParentID, &u.Office, &u.OfficeHours, &from, &to, &u.SuccessorID); err != nil {
				return err
			}
			u.ValidFrom, u.ValidTo = fromMS(from), fromMS(to)
			t.byID[u.ID] = u
			t.children[u.ParentID] = append(t.children[u.ParentID], u.ID)
			t.all = append(t.all, u)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	db.mu.Lock()
	db.units = t
	db.mu.Unlock()
	return t, nil
}

// Dissolve records that a unit ceased at an instant and which unit took over
// its work (administrators, e.g. after the two-level reform of 07/2025).
// Its dossiers keep it; reports can roll them up to the successor.
func (db *DB) Dissolve(ctx context.Context, a *motcua.Actor, unitID, successorID int64, at time.Time) (err error) {
	defer motcua.Wrap(&err, "DB.Dissolve(%d)", unitID)
	if !a.Has(unitID, motcua.RoleAdmin) {
		return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ quản trị hệ thống của đơn vị được ghi nhận việc giải thể, sáp nhập.")
	}
	t, err := db.tree(ctx)
	if err != nil {
		return err
	}
	for id := successorID; id != 0; id = t.byID[id].SuccessorID {
		if t.byID[id] == nil || id == unitID {
			return motcua.FieldError("successor", "Đơn vị kế thừa không hợp lệ (không tồn tại hoặc tạo vòng kế thừa).")
		}
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE units SET valid_to = ?, successor_id = ? WHERE id = ?`, ms(at), successorID, unitID)
		return err
	})
	db.mu.Lock()
	db.units = nil
	db.mu.Unlock()
	return err
}
