#include "app/librarysnapshot.h"

#include "core/database.h"
#include "core/track.h"

#include <QCollator>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace bytewave {

namespace {

QString albumKeyFor(const QString &artist, const QString &album)
{
    return artist + QChar(0x1f) + album;
}

} // namespace

QString LibrarySnapshot::fold(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        out.append(c.toCaseFolded());
    }
    return out;
}

std::shared_ptr<const LibrarySnapshot> LibrarySnapshot::load(Database &db, QString *error)
{
    QHash<qint64, int> plays;
    {
        QSqlQuery &q = db.query(QStringLiteral(
            "SELECT track_id, count(*) FROM signals WHERE kind = 'start' GROUP BY track_id"));
        if (q.exec()) {
            while (q.next())
                plays.insert(q.value(0).toLongLong(), q.value(1).toInt());
        }
    }

    QList<TrackInfo> tracks;
    QSqlQuery &q = db.query(QStringLiteral(
        "SELECT t.id, t.path, t.title, t.artist, t.album_artist, t.album, t.genres, "
        "       t.track_number, t.disc_number, t.year, t.duration_ms, t.cover, t.replaygain_db, "
        "       a.loudness_lufs, a.tempo_bpm, a.key, a.mode, a.key_strength, a.energy "
        "FROM tracks t LEFT JOIN analysis a ON a.track_id = t.id AND a.error IS NULL "
        "WHERE t.missing = 0 AND t.scan_error IS NULL"));
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return build({});
    }
    while (q.next()) {
        TrackInfo t;
        t.id = q.value(0).toLongLong();
        t.path = q.value(1).toString();
        t.title = q.value(2).toString();
        t.artist = q.value(3).toString();
        const QString albumArtist = q.value(4).toString();
        t.album = q.value(5).toString();
        t.genres = Track::splitGenres(q.value(6).toString());
        t.trackNumber = q.value(7).toInt();
        t.discNumber = q.value(8).toInt();
        t.year = q.value(9).toInt();
        t.durationS = q.value(10).toLongLong() / 1000.0;
        t.cover = q.value(11).toString();
        if (!q.value(12).isNull())
            t.replayGainDb = q.value(12).toDouble();
        if (!q.value(13).isNull())
            t.loudnessLufs = q.value(13).toDouble();
        t.tempoBpm = q.value(14).toDouble(); // NULL (no pulse) reads 0
        if (!q.value(15).isNull() && q.value(17).toDouble() >= TrackInfo::kMinKeyStrength) {
            t.key = q.value(15).toInt();
            t.mode = q.value(16).toInt();
        }
        if (!q.value(18).isNull())
            t.energy = q.value(18).toDouble();
        t.artistKey = albumArtist.isEmpty() ? t.artist : albumArtist;
        t.plays = plays.value(t.id);
        tracks.append(std::move(t));
    }
    q.finish();
    return build(std::move(tracks));
}

std::shared_ptr<const LibrarySnapshot> LibrarySnapshot::build(QList<TrackInfo> tracks)
{
    auto snap = std::make_shared<LibrarySnapshot>();
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    collator.setNumericMode(true);

    for (TrackInfo &t : tracks) {
        if (t.artistKey.isEmpty())
            t.artistKey = t.artist;
        t.albumKey = albumKeyFor(t.artistKey, t.album);
        if (t.searchKey.isEmpty())
            t.searchKey = fold(t.title + u' ' + t.artist + u' ' + t.album);
    }
    // QCollator::compare, not sort keys: with Qt's POSIX collation backend sort keys ignore the
    // case-insensitive setting, and "abba" must file next to "ABBA".
    std::sort(tracks.begin(), tracks.end(), [&](const TrackInfo &a, const TrackInfo &b) {
        if (const int c = collator.compare(a.artistKey, b.artistKey))
            return c < 0;
        if (a.year != b.year)
            return a.year < b.year;
        if (const int c = collator.compare(a.album, b.album))
            return c < 0;
        if (a.discNumber != b.discNumber)
            return a.discNumber < b.discNumber;
        if (a.trackNumber != b.trackNumber)
            return a.trackNumber < b.trackNumber;
        if (const int c = collator.compare(a.title, b.title))
            return c < 0;
        return a.id < b.id;
    });
    snap->tracks = std::move(tracks);
    snap->trackIndex.reserve(snap->tracks.size());

    QHash<QString, int> artistIndex;
    for (int i = 0; i < snap->tracks.size(); ++i) {
        const TrackInfo &t = snap->tracks.at(i);
        snap->trackIndex.insert(t.id, i);
        auto albumIt = snap->albumIndex.constFind(t.albumKey);
        if (albumIt == snap->albumIndex.constEnd()) {
            AlbumInfo album;
            album.key = t.albumKey;
            album.title = t.album;
            album.artist = t.artistKey;
            album.year = t.year;
            albumIt = snap->albumIndex.insert(t.albumKey, int(snap->albums.size()));
            snap->albums.append(album);
            snap->albumsByArtist[t.artistKey].append(*albumIt);
            auto artistIt = artistIndex.constFind(t.artistKey);
            if (artistIt == artistIndex.constEnd()) {
                artistIt = artistIndex.insert(t.artistKey, int(snap->artists.size()));
                snap->artists.append({t.artistKey, 0, 0, {}});
            }
            ++snap->artists[*artistIt].albumCount;
        }
        AlbumInfo &album = snap->albums[*albumIt];
        album.tracks.append(i);
        if (album.cover.isEmpty())
            album.cover = t.cover;
        ArtistInfo &artist = snap->artists[artistIndex.value(t.artistKey)];
        ++artist.trackCount;
        if (artist.cover.isEmpty())
            artist.cover = t.cover;
    }
    return snap;
}

} // namespace bytewave
