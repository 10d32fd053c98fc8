package store

import (
	"context"
	"time"
)

// procInfo is what intake needs to know of a procedure beyond its
// immutable versions: which published version is in force when, and which
// units adopted it. Cached per procedure for procInfoTTL, so that other
// instances' publications and adoptions reach this one within that time;
// this instance's own writes clear the cache at once.
type procInfo struct {
	loaded   time.Time
	versions []versionRef    // published, oldest effective first
	adopted  map[int64]int64 // unit → adopted from (ms); empty: applies everywhere
}

type versionRef struct {
	id            int64
	effectiveFrom int64
	repeal        bool
}

const procInfoTTL = 30 * time.Second

func (db *DB) procInfo(ctx context.Context, id int64) (*procInfo, error) {
	db.mu.Lock()
	info := db.procInfos[id]
	db.mu.Unlock()
	if info != nil && time.Since(info.loaded) < procInfoTTL {
		return info, nil
	}
	info = &procInfo{loaded: time.Now(), adopted: map[int64]int64{}}
	err := db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT id, effective_from, kind FROM procedure_versions WHERE procedure_id = ? AND status = 'published'
			ORDER BY effective_from, version`, id)
		if err != nil {
			return err
		}
		for rows.Next() {
			var v versionRef
			var kind string
			if err := rows.Scan(&v.id, &v.effectiveFrom, &kind); err != nil {
				rows.Close()
				return err
			}
			v.repeal = kind == "repeal"
			info.versions = append(info.versions, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		ads, err := tx.query(`SELECT unit_id, adopted_from FROM adoptions WHERE procedure_id = ?`, id)
		if err != nil {
			return err
		}
		defer ads.Close()
		for ads.Next() {
			var unit, from int64
			if err := ads.Scan(&unit, &from); err != nil {
				return err
			}
			info.adopted[unit] = from
		}
		return ads.Err()
	})
	if err != nil {
		return nil, err
	}
	db.mu.Lock()
	if db.procInfos == nil {
		db.procInfos = map[int64]*procInfo{}
	}
	db.procInfos[id] = info
	db.mu.Unlock()
	return info, nil
}

// forgetCatalog drops the cached catalogue facts after a write.
func (db *DB) forgetCatalog() {
	db.mu.Lock()
	db.procInfos = nil
	db.mu.Unlock()
}
