#pragma once

#include <QString>

#include <array>

namespace bytewave {

// Musical key and mode from a 12-bin chroma profile.
//
// Method: Krumhansl-Schmuckler key finding (Krumhansl 1990, "Cognitive Foundations of Musical
// Pitch"): the correlation of the chroma with a key profile rotated to each of the 12 tonics,
// major and minor; the best of the 24 wins. Its correlation is the key strength (0..1, negative
// values clamped to 0): near 1 for clearly tonal music, near 0 for noise, percussion or atonal
// music, where key and mode mean little.
// The correlation is the mean of the Pearson correlations with two profiles of different origin:
// Krumhansl & Kessler's (1982) probe-tone ratings (what listeners hear as fitting a key) and
// Albrecht & Shanahan's (2013, "The use of large corpora to train a new type of key-finding
// algorithm", Music Perception 31(1)) pitch-class counts from a corpus, whose far larger gap
// between the scale's degrees and the rest tells a minor key's third and sixth from its relative
// major's. Alone, each has its bias, measured on make-demo-library sets (docs/benchmarks.md,
// "Key accuracy"): the probe-tone profiles read band music in minor keys as the relative major or
// the major key a tone below; the corpus profiles read two-chord vamps (i-VI, as electronic music
// loops them) as the key of the second chord. Their mean does a little better than either
// overall (68.4 % exact keys on 700 tracks, against 63.3 % and 68.1 %) and, unlike the corpus
// profiles alone, costs no style more than a few tracks.
class KeyEstimator
{
public:
    enum Mode { Major = 0, Minor = 1 };

    struct Result
    {
        int key = 0;        // tonic pitch class, 0 = C ... 11 = B
        Mode mode = Major;
        double strength = 0; // 0..1
    };

    static Result estimate(const std::array<float, 12> &chroma);
    // The correlation with one key (the mean over the two profiles; for tests and the CLI).
    static double correlation(const std::array<float, 12> &chroma, int key, Mode mode);

    static QString pitchClassName(int pitchClass); // "C", "C#", ... "B"
    static QString keyName(int key, Mode mode);     // "A minor"
};

} // namespace bytewave
