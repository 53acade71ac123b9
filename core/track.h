#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace bytewave {

// One row of the tracks table as plain values: what the scanner writes and models display.
struct Track
{
    qint64 id = 0;
    QString path;          // absolute path
    qint64 size = 0;       // bytes
    qint64 mtimeMs = 0;    // modification time, ms since the Unix epoch
    QString title;         // falls back to the file name
    QString artist;        // falls back to "Unknown artist"
    QString albumArtist;
    QString album;
    QStringList genres;    // split: "Rock; Pop", "Rock/Pop" and multi-valued tags are several
    int trackNumber = 0;   // 0 = unknown
    int discNumber = 0;    // 0 = unknown
    int year = 0;          // 0 = unknown
    qint64 durationMs = 0;
    QString codec;         // "mp3", "vorbis", "opus", "flac", "aac", "alac", "pcm", ...
    int sampleRate = 0;    // Hz
    int channels = 0;
    int bitrateKbps = 0;
    QString cover;         // key of the cached cover thumbnail, empty when none
    double replayGainDb = qQNaN(); // track gain from tags, NaN when absent
    double replayGainPeak = qQNaN();
    QString contentKey;    // cheap identity for detecting moved files
    QString scanError;     // why the file could not be read, empty when it was
    bool missing = false;  // the file has vanished; history is kept
    qint64 addedMs = 0;

    // Genres are stored in one column, joined with this separator (never part of a split genre).
    static QString joinGenres(const QStringList &genres) { return genres.join(QStringLiteral("; ")); }
    static QStringList splitGenres(const QString &stored)
    {
        return stored.isEmpty() ? QStringList() : stored.split(QStringLiteral("; "));
    }
};

} // namespace bytewave

Q_DECLARE_METATYPE(bytewave::Track)
