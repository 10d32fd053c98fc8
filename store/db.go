// Package store keeps motcua's data in SQL: embedded SQLite by default,
// PostgreSQL when the DSN is a postgres:// URL. The same SQL text serves both
// engines (placeholders are written "?" and rebound for PostgreSQL); only the
// migrations differ per dialect. Service methods run the rules of package
// ledger inside one transaction each.
package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers driver "pgx"
	_ "modernc.org/sqlite"             // registers driver "sqlite"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

//go:embed migrations
var migrations embed.FS

// Dialect names the SQL engine behind a DB.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// sqlitePragmas: WAL for concurrent readers, immediate transactions so that
// read-then-write transactions do not fail with "database is locked".
const sqlitePragmas = "_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)" +
	// Statement journals (each statement of a transaction that checks
	// foreign keys keeps one) and sorts stay in memory: on disk they were
	// a pwrite per page, a fifth of an import's time.
	"&_pragma=temp_store(MEMORY)&_txlock=immediate" +
	// Checkpoints run beside the writers (checkpoint.go); a commit does
	// one itself only past 10,000 pages of WAL (40 MB), if that falls behind.
	"&_pragma=wal_autocheckpoint(10000)" +
	// A WAL grown by a large import is cut back to 64 MB once it restarts.
	"&_pragma=journal_size_limit(67108864)"

// DB is the store. Its methods are the services the web and API layers use.
type DB struct {
	sql     *sql.DB
	dialect Dialect
	// Quiet queues no notices to citizens: for generated data (the demo).
	Quiet bool
	// PublicURL is the portal's address in links sent to citizens (tracking,
	// rating); serve sets it from --base-url.
	PublicURL string
	// Now is the clock; tests and the demo generator replace it.
	Now func() time.Time
	// Rules are the lifecycle limits (extensions, late-entry approval);
	// set them before serving.
	Rules ledger.Rules

	mu        sync.Mutex
	units     *unitTree                   // cached; reloaded after a unit change
	calDays   []calendarDay               // cached calendar data
	calLoaded time.Time                   // when calDays was read, for expiry
	versions  map[int64]*motcua.Procedure // immutable procedure versions
	procInfos map[int64]*procInfo         // versions in force and adoptions, per procedure

	// writeMu queues SQLite writers in Go. SQLite allows one writer; without
	// it concurrent writers wait in SQLite's busy handler, which sleeps 1, 2,
	// 5, 10… ms between retries: intake p99 20 ms and stalls of 0.5–1 s.
	writeMu sync.Mutex
	queueMu sync.Mutex
	queue   []*batchItem // SQLite transactions waiting for the next group commit
	// stmts caches prepared statements by SQL text: parsing the SQL was a
	// quarter to a third of the CPU of a lookup or an intake (modernc
	// prepares every statement afresh otherwise).
	stmts sync.Map // string → *sql.Stmt
	// loginsPruned is when spent failed-login counts were last deleted (ms).
	loginsPruned atomic.Int64
	// stopCheckpointer ends the WAL checkpoints (SQLite; checkpoint.go).
	stopCheckpointer func()
	// tracks keeps recent tracking answers (store/track.go).
	tracks        trackCache
	trackMu       sync.Mutex
	trackPrepared *sql.Stmt
	probePrepared *sql.Stmt
	// verifyPrepared reads a result for /xac-minh (store/results_verify.go).
	verifyPrepared *sql.Stmt
	verified       verifyCache
	nstmts         atomic.Int64
}

// Open opens (creating if needed) the database named by dsn — a file path
// or a postgres:// URL — and applies pending migrations.
func Open(ctx context.Context, dsn string) (_ *DB, err error) {
	defer motcua.Wrap(&err, "store.Open")
	db := &DB{Now: time.Now, Rules: ledger.DefaultRules(), versions: map[int64]*motcua.Procedure{}}
	switch {
	case strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://"):
		db.dialect = Postgres
		db.sql, err = sql.Open("pgx", dsn)
	default:
		db.dialect = SQLite
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		db.sql, err = sql.Open("sqlite", "file:"+dsn+sep+sqlitePragmas)
	}
	if err != nil {
		return nil, err
	}
	if db.dialect == SQLite {
		// database/sql keeps 2 idle connections by default: under concurrent
		// requests the others are closed and reopened, which re-reads the
		// schema and drops their page caches and prepared statements.
		db.sql.SetMaxIdleConns(sqliteIdleConns)
	}
	if err := db.sql.PingContext(ctx); err != nil {
		db.sql.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.sql.Close()
		return nil, err
	}
	if err := db.seedCalendar(ctx); err != nil {
		db.sql.Close()
		return nil, err
	}
	if err := db.sealAudit(ctx); err != nil {
		db.sql.Close()
		return nil, err
	}
	if db.dialect == SQLite {
		db.startCheckpointer()
	}
	return db, nil
}

// sqliteIdleConns is how many SQLite connections stay open between requests.
const sqliteIdleConns = 16

// Close closes the database.
func (db *DB) Close() error {
	if db.stopCheckpointer != nil {
		db.stopCheckpointer()
	}
	db.trackMu.Lock()
	if db.probePrepared != nil {
		db.probePrepared.Close()
	}
	if db.trackPrepared != nil {
		db.trackPrepared.Close()
	}
	if db.verifyPrepared != nil {
		db.verifyPrepared.Close()
	}
	db.trackMu.Unlock()
	db.stmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	return db.sql.Close()
}

// Ready reports whether the database answers and every embedded migration
// is applied (an instance older than the schema, or newer, is not ready).
func (db *DB) Ready(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/"+string(db.dialect)+"/*.sql")
	if err != nil {
		return err
	}
	var applied int
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&applied); err != nil {
		return fmt.Errorf("DB.Ready: %w", err)
	}
	if applied != len(names) {
		return fmt.Errorf("DB.Ready: %d migrations applied, this binary has %d", applied, len(names))
	}
	return nil
}

// Dialect reports the engine.
func (db *DB) Dialect() Dialect { return db.dialect }

// SQL exposes the handle to store/storetest, the tests' raw reads and
// writes; nothing outside store/ writes SQL (TestNoSQLOutsideStore).
func (db *DB) SQL() *sql.DB { return db.sql }

// migrate applies the embedded migrations of the dialect not yet applied.
// On PostgreSQL an advisory lock keeps replicas starting together from
// applying the same migration twice.
func (db *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/"+string(db.dialect)+"/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if db.dialect == Postgres {
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7071)"); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock(7071)")
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return err
	}
	for _, name := range names {
		if err := db.applyMigration(ctx, conn, name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	if err := db.refreshSearchKeys(ctx, conn); err != nil {
		return err
	}
	if err := db.fillReportCounts(ctx, conn); err != nil {
		return err
	}
	return db.fillDigitalCounts(ctx, conn)
}

func (db *DB) applyMigration(ctx context.Context, conn *sql.Conn, name string) error {
	base := name[strings.LastIndex(name, "/")+1:]
	version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
	if err != nil {
		return fmt.Errorf("migration file name must start with a number: %w", err)
	}
	var n int
	if err := conn.QueryRowContext(ctx, db.rebind("SELECT COUNT(*) FROM schema_migrations WHERE version = ?"), version).Scan(&n); err != nil || n > 0 {
		return err
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, stmt := range splitStatements(string(body)) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%.60s…: %w", stmt, err)
		}
	}
	if _, err := tx.ExecContext(ctx, db.rebind("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"), version, ms(time.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// splitStatements splits a migration on semicolons at line ends; our
// migrations keep no semicolons inside literals.
func splitStatements(body string) []string {
	var out []string
	for _, s := range strings.Split(body, ";\n") {
		var lines []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "--") {
				lines = append(lines, l)
			}
		}
		if stmt := strings.TrimSpace(strings.Join(lines, "\n")); stmt != "" {
			out = append(out, strings.TrimSuffix(stmt, ";"))
		}
	}
	return out
}

// Rebind turns "?" placeholders into "$1, $2, …" for PostgreSQL; store/storetest
// uses it to keep one SQL text for both engines.
func (db *DB) Rebind(q string) string { return db.rebind(q) }

// rebind turns "?" placeholders into "$1, $2, …" for PostgreSQL.
func (db *DB) rebind(q string) string {
	if db.dialect != Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Tx is a transaction that rebinds placeholders for its dialect.
type Tx struct {
	tx  *sql.Tx
	db  *DB
	ctx context.Context
	// book, when set, gathers changes to the report counters for the
	// writer of many dossiers to write once (see recount).
	book countBook
	// audits are the transaction's audit entries, chained at commit.
	audits []motcua.AuditEntry
	// wrote is set once a statement changed data.
	wrote bool
	// quiet: bookkeeping that writes no generic audit entry (audit.go).
	quiet bool
}

func (t *Tx) exec(q string, args ...any) (res sql.Result, err error) {
	if s := t.stmt(q); s != nil {
		res, err = s.ExecContext(t.ctx, args...)
	} else {
		res, err = t.tx.ExecContext(t.ctx, t.db.rebind(q), args...)
	}
	if err == nil && !t.wrote {
		n, _ := res.RowsAffected()
		t.wrote = n > 0
	}
	return res, err
}

// noteWrite marks the transaction as changing data when q does (INSERT …
// RETURNING goes through queryRow): only changes are audited.
func (t *Tx) noteWrite(q string) {
	if !t.wrote {
		q = strings.TrimSpace(q)
		t.wrote = len(q) > 6 && (strings.EqualFold(q[:6], "INSERT") || strings.EqualFold(q[:6], "UPDATE") || strings.EqualFold(q[:6], "DELETE"))
	}
}

func (t *Tx) query(q string, args ...any) (*sql.Rows, error) {
	t.noteWrite(q)
	if s := t.stmt(q); s != nil {
		return s.QueryContext(t.ctx, args...)
	}
	return t.tx.QueryContext(t.ctx, t.db.rebind(q), args...)
}

func (t *Tx) queryRow(q string, args ...any) *sql.Row {
	t.noteWrite(q)
	if s := t.stmt(q); s != nil {
		return s.QueryRowContext(t.ctx, args...)
	}
	return t.tx.QueryRowContext(t.ctx, t.db.rebind(q), args...)
}

// stmt returns the cached prepared statement for q bound to the
// transaction, or nil to run q unprepared (PostgreSQL: pgx caches its own;
// SQLite: a full cache, or a statement that fails to prepare, which then
// reports its error when run). database/sql reuses a statement already
// prepared on the transaction's connection.
func (t *Tx) stmt(q string) *sql.Stmt {
	if t.db.dialect != SQLite {
		return nil
	}
	v, ok := t.db.stmts.Load(q)
	if !ok {
		if t.db.nstmts.Load() >= maxCachedStmts {
			return nil
		}
		s, err := t.db.sql.PrepareContext(t.ctx, q)
		if err != nil {
			return nil
		}
		if v, ok = t.db.stmts.LoadOrStore(q, s); ok {
			s.Close()
		} else {
			t.db.nstmts.Add(1)
		}
	}
	return t.tx.StmtContext(t.ctx, v.(*sql.Stmt))
}

// maxCachedStmts bounds the statement cache: worklist queries vary with the
// size of the actor's scope and the filters, so their texts are many but
// finitely many.
const maxCachedStmts = 1000

// inTx runs fn in a transaction, committing if it returns nil.
func (db *DB) inTx(ctx context.Context, fn func(*Tx) error) error {
	if db.dialect == SQLite {
		return db.batched(ctx, fn) // store/batch.go
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	t := &Tx{tx: tx, db: db, ctx: ctx}
	if err := fn(t); err != nil {
		return err
	}
	if err := t.flushAudit(); err != nil {
		return err
	}
	return tx.Commit()
}

// readTx runs fn in a read-only transaction; on SQLite read-only begins are
// deferred, so readers do not queue behind writers.
func (db *DB) readTx(ctx context.Context, fn func(*Tx) error) error {
	return db.readTxOpts(ctx, &sql.TxOptions{ReadOnly: true}, fn)
}

// snapshotTx is readTx seeing one snapshot throughout (PostgreSQL reads
// each statement's own otherwise; a SQLite read transaction is one).
func (db *DB) snapshotTx(ctx context.Context, fn func(*Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.dialect == Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	return db.readTxOpts(ctx, opts, fn)
}

func (db *DB) readTxOpts(ctx context.Context, opts *sql.TxOptions, fn func(*Tx) error) error {
	tx, err := db.sql.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(&Tx{tx: tx, db: db, ctx: ctx})
}

// ms converts an instant to the stored form; the zero time stores as 0.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMS converts a stored instant back, in Vietnam's zone for display.
func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).In(motcua.VN)
}

// isUniqueViolation reports whether err is a unique-constraint failure on either engine.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

// column reads a one-column result into a slice: ids, codes, names.
func column[T any](tx *Tx, query string, args ...any) ([]T, error) {
	rows, err := tx.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// marks is n placeholders for an IN list: "?, ?, ?".
func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }
