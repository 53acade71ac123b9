#pragma once

#include "core/database.h"

#include <QFile>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <sys/stat.h>

namespace bytewave::test {

// Inserts the tracks row for file as the scanner would (size and mtime from stat, placeholder
// tags). Returns the new id, 0 when the file is missing or the insert fails.
inline qint64 addTrackRow(Database &db, const QString &file, qint64 addedMs = 1, const QString &title = QStringLiteral("t"))
{
    struct stat st {};
    if (::stat(QFile::encodeName(file).constData(), &st) != 0)
        return 0;
    QSqlQuery &q = db.query(QStringLiteral(
        "INSERT INTO tracks (path, size, mtime_ms, title, artist, added_ms, updated_ms) VALUES (?, ?, ?, ?, 'a', ?, ?)"));
    q.addBindValue(file);
    q.addBindValue(qint64(st.st_size));
    q.addBindValue(qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000);
    q.addBindValue(title);
    q.addBindValue(addedMs);
    q.addBindValue(addedMs);
    return q.exec() ? q.lastInsertId().toLongLong() : 0;
}

} // namespace bytewave::test
