#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace bytewave {

// One row of the Up Next queue as the taste engine ranks it.
struct QueueEntry
{
    qint64 trackId = 0;
    double score = 0;  // the engine's ranking score (higher first); only the order is meaningful
    QString reason;    // one short line for the listener, e.g. "Because you liked Night Drive"

    friend bool operator==(const QueueEntry &a, const QueueEntry &b)
    {
        return a.trackId == b.trackId && a.score == b.score && a.reason == b.reason;
    }
    friend bool operator!=(const QueueEntry &a, const QueueEntry &b) { return !(a == b); }
};

// Immutable once emitted: QList is implicitly shared, so handing it to another thread copies a
// pointer, and nobody writes to an emitted list.
using RankedQueue = QList<QueueEntry>;

// What the engine has learned, named for display (the Taste page): its top artists and tracks,
// as TasteEngine::topArtists() and topTracks() rank them.
struct TasteHighlights
{
    struct Track
    {
        QString title;
        QString artist;
    };
    QStringList artists;
    QList<Track> tracks;
};

} // namespace bytewave

Q_DECLARE_METATYPE(bytewave::QueueEntry)
Q_DECLARE_METATYPE(bytewave::RankedQueue)
Q_DECLARE_METATYPE(bytewave::TasteHighlights)
