#pragma once

#include "core/taste/tastelibrary.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace bytewave {

class Database;

// The taste engine's view of the database: reads tracks and analysis into plain values, so
// the engine never sees SQL. Called on the thread that owns the Database.
class TasteStore
{
public:
    struct TrackRow
    {
        qint64 id = 0;
        QString path;
        QString title;
        QString artist;
        QString album;
        double durationS = 0;
        bool missing = false;
    };

    explicit TasteStore(Database &db) : m_db(db) {}

    // Every track (missing ones included: their history still teaches) and the similarity
    // vectors of one extractor version: the one most tracks have (ties: the newer), because
    // vectors of different versions are not comparable. Tracks analysed with another version,
    // failed analyses, NULL or malformed blobs take part through their metadata alone.
    bool loadLibrary(TasteLibrary *library);
    std::optional<TrackRow> track(qint64 id);
    QString errorString() const { return m_error; }

    // A little-endian float32 blob as floats; empty when the size is not a multiple of 4 or a
    // value is not finite.
    static std::vector<float> decodeVector(const QByteArray &blob);

private:
    Database &m_db;
    QString m_error;
};

} // namespace bytewave
