#include "core/settingsstore.h"

#include "core/database.h"

#include <QDateTime>
#include <QSqlQuery>

namespace bytewave {

QString SettingsStore::value(const QString &key, const QString &fallback)
{
    QSqlQuery &q = m_db.query(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(key);
    QString result = fallback;
    if (q.exec() && q.next())
        result = q.value(0).toString();
    // A statement left on a row keeps a read transaction open, and in WAL mode a later
    // BEGIN IMMEDIATE on this connection then fails at once with SQLITE_BUSY.
    q.finish();
    return result;
}

double SettingsStore::number(const QString &key, double fallback)
{
    bool ok = false;
    const double v = value(key).toDouble(&ok);
    return ok ? v : fallback;
}

bool SettingsStore::setValue(const QString &key, const QString &value)
{
    QSqlQuery &q = m_db.query(QStringLiteral(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    return q.exec() || m_db.fail(QStringLiteral("saving setting ") + key, q);
}

bool SettingsStore::setNumber(const QString &key, double value)
{
    return setValue(key, QString::number(value, 'g', 17));
}

QStringList SettingsStore::libraryFolders()
{
    QStringList out;
    QSqlQuery &q = m_db.query(QStringLiteral("SELECT path FROM library_folders ORDER BY path"));
    if (q.exec()) {
        while (q.next())
            out << q.value(0).toString();
    }
    return out;
}

bool SettingsStore::addLibraryFolder(const QString &path)
{
    QSqlQuery &q = m_db.query(
        QStringLiteral("INSERT OR IGNORE INTO library_folders (path, added_ms) VALUES (?, ?)"));
    q.addBindValue(path);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return q.exec() || m_db.fail(QStringLiteral("adding library folder"), q);
}

bool SettingsStore::removeLibraryFolder(const QString &path)
{
    QSqlQuery &q = m_db.query(QStringLiteral("DELETE FROM library_folders WHERE path = ?"));
    q.addBindValue(path);
    return q.exec() || m_db.fail(QStringLiteral("removing library folder"), q);
}

} // namespace bytewave
