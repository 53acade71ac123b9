#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace bytewave {

// What the taste engine needs to know about one track, as plain values.
struct TasteTrack
{
    qint64 id = 0;
    QString title;
    QString artist;      // empty or "Unknown artist" = unknown (takes no part in similarity)
    QString albumArtist;
    QString album;
    QStringList genres;
    double durationS = 0; // 0 = unknown
    bool missing = false; // the file has vanished: never queued, history kept
};

// The library as the engine sees it: tracks plus one similarity vector per analysed track.
// Built by TasteStore from the database, or by tests, benchmarks and simulations directly.
struct TasteLibrary
{
    std::vector<TasteTrack> tracks;
    // Raw (not normalised) similarity vectors, one row of `dimension` floats per track, in the
    // order of `tracks`; rows of tracks without analysis are ignored (analysed[i] == 0).
    int dimension = 0;
    std::vector<float> features;
    std::vector<std::uint8_t> analysed;
    int extractorVersion = 0; // the analysis version the vectors come from (0 = none)

    int analysedCount() const
    {
        int n = 0;
        for (const auto a : analysed)
            n += a ? 1 : 0;
        return n;
    }
};

} // namespace bytewave
