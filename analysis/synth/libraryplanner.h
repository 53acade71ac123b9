#pragma once

// Plans a demo library from a seed: artists (each with one style, a tempo range, a timbre
// family and a sound), their albums of 4–12 tracks, titles, genres, years, and every track's
// TrackParams. Planning is cheap and renders nothing; the same arguments always give the same
// plan on every platform (Prng only, no <random>, no libm in any decision).

#include "analysis/synth/trackparams.h"

#include <QList>

#include <cstdint>
#include <vector>

namespace bytewave::synth {

struct AlbumPlan
{
    QString title;
    QString artist;
    int year = 0;
    Style style = Style::Pop;
    std::uint64_t coverSeed = 0;
    QString relativeDir; // "Artist/Album"
};

struct LibraryPlan
{
    std::vector<DemoTrack> tracks; // ordered by artist, album, track number
    std::vector<AlbumPlan> albums;
    int artistCount = 0;
};

class LibraryPlanner
{
public:
    // trackCount >= 1, durationSeconds > 0, formats non-empty (rotated track by track so even a
    // small library has every format).
    static LibraryPlan plan(std::uint64_t seed, int trackCount, double durationSeconds,
                            const QList<AudioFormat> &formats);

    // A file or folder name that is safe on ext4, FAT/exFAT USB sticks and SMB shares.
    static QString safeFileName(const QString &name);
};

} // namespace bytewave::synth
