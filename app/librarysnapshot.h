#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <cmath>
#include <memory>

namespace bytewave {

class Database;

// What the GUI needs to show and play one track, as plain values.
struct TrackInfo
{
    // Below this key strength (the key profile's correlation) the music is too weakly tonal
    // (drums, noise, atonal) for a key name to mean anything; none is shown.
    static constexpr double kMinKeyStrength = 0.5;

    qint64 id = 0;
    QString path;      // absolute
    QString title;
    QString artist;
    QString album;
    QString albumKey;  // groups the album's tracks: album artist (or artist) + album
    QString artistKey; // the artist the library page files it under (album artist, else artist)
    QString cover;     // the scanner's cover cache key, empty when none
    QStringList genres;
    int trackNumber = 0;
    int discNumber = 0;
    int year = 0;
    double durationS = 0;
    double loudnessLufs = NAN; // integrated loudness from analysis, NaN when not analysed
    // What the analysis says to the listener (shown on Now Playing):
    double tempoBpm = 0;       // 0 when not analysed or without a steady pulse
    int key = -1;              // tonic pitch class; -1 when not analysed or too weak to name
    int mode = 0;              // KeyEstimator::Mode
    double energy = NAN;       // 0..1, NaN when not analysed
    double replayGainDb = NAN; // track gain from tags, NaN when absent
    int plays = 0;             // "start" signals so far, to tell a replay from a first play
    QString searchKey;         // folded title + artist + album for search
};

struct ArtistInfo
{
    QString name;
    int albumCount = 0;
    int trackCount = 0;
    QString cover; // the cover of one of the artist's albums
};

struct AlbumInfo
{
    QString key;
    QString title;
    QString artist;
    int year = 0;
    QString cover;
    QList<int> tracks; // indexes into LibrarySnapshot::tracks, in play order
};

// An immutable picture of the library, built on a worker thread and shared read-only with the
// GUI-thread models: browsing, searching and scrolling never touch the database.
struct LibrarySnapshot
{
    QList<TrackInfo> tracks;    // sorted by artist, album, disc, track number
    QList<ArtistInfo> artists;  // sorted by name
    QList<AlbumInfo> albums;    // sorted by artist, year, title
    QHash<qint64, int> trackIndex;
    QHash<QString, int> albumIndex;
    QHash<QString, QList<int>> albumsByArtist; // artist name -> indexes into albums

    const TrackInfo *track(qint64 id) const
    {
        const auto it = trackIndex.constFind(id);
        return it == trackIndex.constEnd() ? nullptr : &tracks.at(*it);
    }
    const AlbumInfo *album(const QString &key) const
    {
        const auto it = albumIndex.constFind(key);
        return it == albumIndex.constEnd() ? nullptr : &albums.at(*it);
    }

    // Reads every playable track (not missing, no scan or playback error). Runs on a worker.
    static std::shared_ptr<const LibrarySnapshot> load(Database &db, QString *error = nullptr);
    // Builds the indexes and artist/album lists from tracks (used by load() and by tests).
    static std::shared_ptr<const LibrarySnapshot> build(QList<TrackInfo> tracks);
    // Lower-case, accents removed: "Björk" matches "bjork".
    static QString fold(const QString &text);
};

using LibrarySnapshotPtr = std::shared_ptr<const LibrarySnapshot>;

} // namespace bytewave
