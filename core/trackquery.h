#pragma once

#include "core/track.h"

#include <QList>
#include <QString>

class QSqlQuery;

namespace bytewave {

class Database;

// Which tracks to list. Text filters match case-insensitively (ASCII letters; SQLite's LIKE)
// and as substrings, except genre, which matches one whole genre of the track.
struct TrackFilter
{
    QString artist;  // artist or album artist contains this
    QString album;   // album contains this
    QString genre;   // one of the track's genres is this
    QString search;  // title, artist, album artist, album or genres contain this
    bool missing = false; // only tracks whose file is missing (otherwise only present ones)
    bool failed = false;  // only tracks that could not be read
    int limit = 0;        // 0 = all
};

// Reads tracks from the database, ordered by album artist, album, disc, track number, path.
class TrackQuery
{
public:
    explicit TrackQuery(Database &db) : m_db(db) {}

    // Returns false (see errorString()) when the query failed.
    bool find(const TrackFilter &filter, QList<Track> *out);
    // The column list that trackFromQuery expects, for other queries over the tracks table.
    static QString columns();
    static Track trackFromQuery(const QSqlQuery &q);
    QString errorString() const { return m_error; }

private:
    Database &m_db;
    QString m_error;
};

} // namespace bytewave
