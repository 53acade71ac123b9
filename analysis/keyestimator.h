#pragma once

#include <QString>

#include <array>

namespace bytewave {

// Musical key and mode from a 12-bin chroma profile.
//
// Method: Krumhansl-Schmuckler key finding (Krumhansl 1990, "Cognitive Foundations of Musical
// Pitch"): the Pearson correlation of the chroma with the Krumhansl-Kessler probe-tone profiles
// rotated to each of the 12 tonics, major and minor; the best of the 24 wins. Its correlation
// is the key strength (0..1, negative values clamped to 0): near 1 for clearly tonal music,
// near 0 for noise, percussion or atonal music, where key and mode mean little.
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
    // The correlation with one key (for tests and the CLI).
    static double correlation(const std::array<float, 12> &chroma, int key, Mode mode);

    static QString pitchClassName(int pitchClass); // "C", "C#", ... "B"
    static QString keyName(int key, Mode mode);     // "A minor"
};

} // namespace bytewave
