#include "core/trackquery.h"

#include "core/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace bytewave {

namespace {

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

double realOrNaN(const QVariant &v)
{
    return v.isNull() ? qQNaN() : v.toDouble();
}

} // namespace

QString TrackQuery::columns()
{
    return QStringLiteral(
        "id, path, size, mtime_ms, title, artist, album_artist, album, genres, track_number, "
        "disc_number, year, duration_ms, codec, sample_rate, channels, bitrate_kbps, cover, "
        "replaygain_db, replaygain_peak, content_key, scan_error, missing, added_ms");
}

Track TrackQuery::trackFromQuery(const QSqlQuery &q)
{
    Track t;
    t.id = q.value(0).toLongLong();
    t.path = q.value(1).toString();
    t.size = q.value(2).toLongLong();
    t.mtimeMs = q.value(3).toLongLong();
    t.title = q.value(4).toString();
    t.artist = q.value(5).toString();
    t.albumArtist = q.value(6).toString();
    t.album = q.value(7).toString();
    t.genres = Track::splitGenres(q.value(8).toString());
    t.trackNumber = q.value(9).toInt();
    t.discNumber = q.value(10).toInt();
    t.year = q.value(11).toInt();
    t.durationMs = q.value(12).toLongLong();
    t.codec = q.value(13).toString();
    t.sampleRate = q.value(14).toInt();
    t.channels = q.value(15).toInt();
    t.bitrateKbps = q.value(16).toInt();
    t.cover = q.value(17).toString();
    t.replayGainDb = realOrNaN(q.value(18));
    t.replayGainPeak = realOrNaN(q.value(19));
    t.contentKey = q.value(20).toString();
    t.scanError = q.value(21).toString();
    t.missing = q.value(22).toBool();
    t.addedMs = q.value(23).toLongLong();
    return t;
}

bool TrackQuery::find(const TrackFilter &filter, QList<Track> *out)
{
    QStringList where;
    QVariantList binds;
    where << (filter.missing ? QStringLiteral("missing = 1") : QStringLiteral("missing = 0"));
    if (filter.failed)
        where << QStringLiteral("scan_error IS NOT NULL");
    if (!filter.artist.isEmpty()) {
        where << QStringLiteral("(artist LIKE ? ESCAPE '\\' OR album_artist LIKE ? ESCAPE '\\')");
        binds << likePattern(filter.artist) << likePattern(filter.artist);
    }
    if (!filter.album.isEmpty()) {
        where << QStringLiteral("album LIKE ? ESCAPE '\\'");
        binds << likePattern(filter.album);
    }
    if (!filter.genre.isEmpty()) {
        // genres holds "Rock; Pop": match one whole genre.
        where << QStringLiteral("('; ' || genres || '; ') LIKE ? ESCAPE '\\'");
        QString g = filter.genre;
        g.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        g.replace(QLatin1Char('%'), QStringLiteral("\\%"));
        g.replace(QLatin1Char('_'), QStringLiteral("\\_"));
        binds << QString(QStringLiteral("%; ") + g + QStringLiteral("; %"));
    }
    if (!filter.search.isEmpty()) {
        where << QStringLiteral(
            "(title LIKE ? ESCAPE '\\' OR artist LIKE ? ESCAPE '\\' OR album_artist LIKE ? "
            "ESCAPE '\\' OR album LIKE ? ESCAPE '\\' OR genres LIKE ? ESCAPE '\\')");
        for (int i = 0; i < 5; ++i)
            binds << likePattern(filter.search);
    }
    QString sql = QStringLiteral("SELECT ") + columns() + QStringLiteral(" FROM tracks WHERE ")
                  + where.join(QStringLiteral(" AND "))
                  + QStringLiteral(" ORDER BY lower(CASE WHEN album_artist <> '' THEN album_artist "
                                   "ELSE artist END), lower(album), disc_number, track_number, path");
    if (filter.limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(filter.limit);

    QSqlQuery &q = m_db.query(sql);
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }
    out->clear();
    while (q.next())
        out->append(trackFromQuery(q));
    q.finish();
    return true;
}

} // namespace bytewave
