#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <functional>

namespace bytewave {

// One SQLite connection, owned by the thread that opened it.
//
// Qt Sql connections must only be used on the thread that created them, so every worker opens
// its own Database on the same file. The file runs in WAL mode (readers never block the one
// writer) with synchronous=FULL: a transaction that has returned from commit survives a power
// cut, which is what "an acknowledged signal is never lost" needs (see docs/database.md).
class Database
{
public:
    // The schema version this code writes. A file with a larger PRAGMA user_version was written
    // by a newer ByteWave and is refused untouched.
    static constexpr int kSchemaVersion = 1;

    enum class Mode { ReadWrite, ReadOnly };

    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // The default database file: <XDG data home>/ByteWave/bytewave.db.
    static QString defaultPath();

    // Opens path (creating its folder and the file as needed), checks the schema version and
    // migrates an older file step by step. On failure returns false and sets errorString();
    // the file is left as it was.
    bool open(const QString &path, Mode mode = Mode::ReadWrite);
    void close();
    bool isOpen() const { return m_db.isOpen(); }

    QString path() const { return m_path; }
    QString errorString() const { return m_error; }
    QSqlDatabase &connection() { return m_db; }

    // A prepared statement for sql, prepared once per connection and reused. The returned query
    // is finished (reset) before it is handed out, so bind values and exec it.
    QSqlQuery &query(const QString &sql);

    // Runs fn inside BEGIN IMMEDIATE ... COMMIT. fn returns false to roll back. Returns true when
    // the transaction committed. Taking the write lock up front avoids the SQLITE_BUSY dead end
    // of upgrading a read transaction while another connection writes.
    bool transaction(const std::function<bool()> &fn);

    // Runs one statement that takes no parameters; logs and records the error on failure.
    bool exec(const QString &sql);

    // The PRAGMA user_version stored in the open file.
    int fileSchemaVersion();

    // Records err as the last error (with context) and returns false, for one-line error paths.
    bool fail(const QString &context, const QSqlQuery &q);

private:
    bool migrate();
    bool applyPragmas(Mode mode);

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_path;
    QString m_error;
    QHash<QString, QSqlQuery> m_queries;
};

} // namespace bytewave
