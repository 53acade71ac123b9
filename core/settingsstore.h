#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

namespace bytewave {

class Database;

// Key/value settings kept in the database, so the app and the CLI share them
// (adventurousness, library folders, playback state, ...).
class SettingsStore
{
public:
    explicit SettingsStore(Database &db) : m_db(db) {}

    QString value(const QString &key, const QString &fallback = {});
    double number(const QString &key, double fallback);
    bool setValue(const QString &key, const QString &value);
    bool setNumber(const QString &key, double value);

    // The library folders the scanner walks.
    QStringList libraryFolders();
    bool addLibraryFolder(const QString &path);
    bool removeLibraryFolder(const QString &path);

private:
    Database &m_db;
};

} // namespace bytewave
