#include "core/database.h"

#include "core/logging.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QStandardPaths>
#include <QThread>

namespace bytewave {

namespace {

QAtomicInteger<quint64> s_connectionCounter;

// The migration ladder. Step N (1-based) takes a file from user_version N-1 to N, in one
// transaction together with the version bump. Never edit a step that has shipped: append one.
const QList<QStringList> &migrationSteps()
{
    static const QList<QStringList> steps = {
        // 1: the initial schema.
        {
            QStringLiteral(R"(CREATE TABLE library_folders (
                path      TEXT PRIMARY KEY NOT NULL,
                added_ms  INTEGER NOT NULL
            ))"),
            // Tracks are never deleted: a vanished file is flagged missing and keeps its history.
            QStringLiteral(R"(CREATE TABLE tracks (
                id              INTEGER PRIMARY KEY,
                path            TEXT NOT NULL UNIQUE,
                size            INTEGER NOT NULL,
                mtime_ms        INTEGER NOT NULL,
                title           TEXT NOT NULL,
                artist          TEXT NOT NULL,
                album_artist    TEXT NOT NULL DEFAULT '',
                album           TEXT NOT NULL DEFAULT '',
                genres          TEXT NOT NULL DEFAULT '',
                track_number    INTEGER,
                disc_number     INTEGER,
                year            INTEGER,
                duration_ms     INTEGER,
                codec           TEXT NOT NULL DEFAULT '',
                sample_rate     INTEGER,
                channels        INTEGER,
                bitrate_kbps    INTEGER,
                cover           TEXT NOT NULL DEFAULT '',
                replaygain_db   REAL,
                replaygain_peak REAL,
                content_key     TEXT NOT NULL DEFAULT '',
                scan_error      TEXT,
                missing         INTEGER NOT NULL DEFAULT 0,
                added_ms        INTEGER NOT NULL,
                updated_ms      INTEGER NOT NULL
            ))"),
            QStringLiteral("CREATE INDEX tracks_artist ON tracks(artist COLLATE NOCASE)"),
            QStringLiteral("CREATE INDEX tracks_album ON tracks(album_artist, album)"),
            QStringLiteral("CREATE INDEX tracks_content_key ON tracks(content_key)"),
            // One row per analysed (or failed) track. features is a little-endian float32 array
            // whose layout is defined by extractor_version (analysis/featurevector.h);
            // similarity is the float32 descriptor the taste engine compares tracks by, derived
            // from features in one documented place (analysis/featurevector.h) so the engine
            // needs no knowledge of the extractor. The engine normalises it across the library.
            QStringLiteral(R"(CREATE TABLE analysis (
                track_id          INTEGER PRIMARY KEY REFERENCES tracks(id) ON DELETE CASCADE,
                extractor_version INTEGER NOT NULL,
                source_size       INTEGER NOT NULL,
                source_mtime_ms   INTEGER NOT NULL,
                analysed_ms       INTEGER NOT NULL,
                features          BLOB,
                similarity        BLOB,
                duration_s        REAL,
                tempo_bpm         REAL,
                tempo_confidence  REAL,
                loudness_lufs     REAL,
                loudness_range_lu REAL,
                peak_dbfs         REAL,
                energy            REAL,
                key               INTEGER,
                mode              INTEGER,
                key_strength      REAL,
                error             TEXT,
                corrupt_frames    INTEGER NOT NULL DEFAULT 0
            ))"),
            // The append-only log every taste decision is derived from. Rows are never updated
            // or deleted (the triggers below enforce it); "undo" and "reset" are rows too.
            QStringLiteral(R"(CREATE TABLE signals (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                track_id    INTEGER REFERENCES tracks(id),
                kind        TEXT NOT NULL CHECK (kind IN
                              ('start','like','dislike','skip','complete','replay','undo','reset')),
                position_s  REAL,
                duration_s  REAL,
                at_ms       INTEGER NOT NULL,
                ref_id      INTEGER REFERENCES signals(id)
            ))"),
            QStringLiteral("CREATE INDEX signals_track ON signals(track_id)"),
            QStringLiteral(R"(CREATE TRIGGER signals_append_only_update BEFORE UPDATE ON signals
                BEGIN SELECT RAISE(ABORT, 'signals are append-only'); END)"),
            QStringLiteral(R"(CREATE TRIGGER signals_append_only_delete BEFORE DELETE ON signals
                BEGIN SELECT RAISE(ABORT, 'signals are append-only'); END)"),
            QStringLiteral(R"(CREATE TABLE settings (
                key   TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            ))"),
        },
    };
    return steps;
}

} // namespace

Database::Database() = default;

Database::~Database()
{
    close();
}

QString Database::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return dir + QStringLiteral("/ByteWave/bytewave.db");
}

bool Database::open(const QString &path, Mode mode)
{
    close();
    m_path = path;
    m_error.clear();

    if (path != QStringLiteral(":memory:")) {
        const QFileInfo info(path);
        if (mode == Mode::ReadOnly && !info.exists()) {
            m_error = QStringLiteral("database %1 does not exist").arg(path);
            return false;
        }
        if (!QDir().mkpath(info.absolutePath())) {
            m_error = QStringLiteral("cannot create the folder %1").arg(info.absolutePath());
            return false;
        }
    }

    m_connectionName = QStringLiteral("bytewave-%1-%2")
                           .arg(quintptr(QThread::currentThreadId()))
                           .arg(s_connectionCounter.fetchAndAddRelaxed(1));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000");
    if (mode == Mode::ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    m_db.setConnectOptions(options);
    if (!m_db.open()) {
        m_error = QStringLiteral("cannot open database %1: %2").arg(path, m_db.lastError().text());
        close();
        return false;
    }

    // Check the version before anything writes to the file.
    QSqlQuery probe(m_db);
    if (!probe.exec(QStringLiteral("PRAGMA user_version")) || !probe.next()) {
        m_error = QStringLiteral("%1 is not a readable ByteWave database: %2")
                      .arg(path, probe.lastError().text());
        close();
        return false;
    }
    const int version = probe.value(0).toInt();
    probe.finish();
    if (version > kSchemaVersion) {
        m_error = QStringLiteral("%1 was written by a newer ByteWave (schema %2; this build reads up "
                                 "to %3). It was not modified; update ByteWave to use it.")
                      .arg(path)
                      .arg(version)
                      .arg(kSchemaVersion);
        close();
        return false;
    }

    if (!applyPragmas(mode)) {
        close();
        return false;
    }
    if (version < kSchemaVersion) {
        if (mode == Mode::ReadOnly) {
            m_error = QStringLiteral("%1 needs an upgrade (schema %2 to %3), which a read-only "
                                     "open cannot do")
                          .arg(path)
                          .arg(version)
                          .arg(kSchemaVersion);
            close();
            return false;
        }
        if (!migrate()) {
            close();
            return false;
        }
    }
    return true;
}

void Database::close()
{
    m_queries.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool Database::applyPragmas(Mode mode)
{
    QStringList pragmas = {QStringLiteral("PRAGMA foreign_keys = ON"),
                           QStringLiteral("PRAGMA busy_timeout = 10000")};
    if (mode == Mode::ReadWrite) {
        // WAL: readers and the writer never block each other. synchronous=FULL: the WAL is
        // fsynced at every commit, so a committed signal survives pulling the plug.
        pragmas << QStringLiteral("PRAGMA journal_mode = WAL")
                << QStringLiteral("PRAGMA synchronous = FULL");
    }
    for (const QString &p : std::as_const(pragmas)) {
        if (!exec(p))
            return false;
    }
    return true;
}

bool Database::migrate()
{
    const auto &steps = migrationSteps();
    Q_ASSERT(steps.size() == kSchemaVersion);
    for (int version = fileSchemaVersion(); version < kSchemaVersion; ++version) {
        const QStringList &step = steps.at(version);
        const bool ok = transaction([&] {
            // Another connection (a worker opening the same new file at the same moment) may
            // have applied this step while we waited for the write lock.
            if (fileSchemaVersion() > version)
                return true;
            for (const QString &sql : step) {
                if (!exec(sql))
                    return false;
            }
            return exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1));
        });
        if (!ok) {
            m_error = QStringLiteral("upgrading %1 to schema %2 failed: %3")
                          .arg(m_path)
                          .arg(version + 1)
                          .arg(m_error);
            return false;
        }
        qCInfo(lcDb) << "migrated" << m_path << "to schema" << version + 1;
    }
    return true;
}

int Database::fileSchemaVersion()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

QSqlQuery &Database::query(const QString &sql)
{
    auto it = m_queries.find(sql);
    if (it == m_queries.end()) {
        QSqlQuery q(m_db);
        if (!q.prepare(sql))
            qCWarning(lcDb) << "cannot prepare" << sql << q.lastError().text();
        it = m_queries.insert(sql, q);
    }
    it->finish();
    return *it;
}

bool Database::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return fail(sql, q);
    return true;
}

bool Database::fail(const QString &context, const QSqlQuery &q)
{
    m_error = QStringLiteral("%1: %2").arg(context, q.lastError().text());
    qCWarning(lcDb).noquote() << m_error;
    return false;
}

bool Database::transaction(const std::function<bool()> &fn)
{
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    if (!fn()) {
        exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    if (!exec(QStringLiteral("COMMIT"))) {
        exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    return true;
}

} // namespace bytewave
