#include "analysis/keyestimator.h"

#include <algorithm>
#include <cmath>

namespace bytewave {

namespace {
using Profile = std::array<double, 12>;
// Krumhansl & Kessler (1982) probe-tone ratings, tonic first.
constexpr Profile kKrumhanslMajor = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
constexpr Profile kKrumhanslMinor = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};
// Albrecht & Shanahan (2013) pitch-class distributions counted in a corpus, tonic first.
constexpr Profile kCorpusMajor = {0.238, 0.006, 0.111, 0.006, 0.137, 0.094, 0.016, 0.214, 0.009, 0.080, 0.008, 0.081};
constexpr Profile kCorpusMinor = {0.220, 0.006, 0.104, 0.123, 0.019, 0.103, 0.012, 0.214, 0.062, 0.022, 0.061, 0.052};

// Pearson correlation of the chroma with the profile rotated to tonic key.
double pearson(const std::array<float, 12> &chroma, const Profile &profile, int key)
{
    double meanX = 0, meanY = 0;
    for (int i = 0; i < 12; ++i) {
        meanX += chroma[std::size_t(i)];
        meanY += profile[std::size_t(i)];
    }
    meanX /= 12;
    meanY /= 12;
    double sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < 12; ++i) {
        // Pitch class i is (i - key) semitones above the tonic.
        const double x = chroma[std::size_t(i)] - meanX;
        const double y = profile[std::size_t((i - key + 12) % 12)] - meanY;
        sxy += x * y;
        sxx += x * x;
        syy += y * y;
    }
    if (!(sxx > 0) || !(syy > 0))
        return 0;
    return sxy / std::sqrt(sxx * syy);
}
} // namespace

double KeyEstimator::correlation(const std::array<float, 12> &chroma, int key, Mode mode)
{
    return 0.5 * (pearson(chroma, mode == Major ? kKrumhanslMajor : kKrumhanslMinor, key)
                  + pearson(chroma, mode == Major ? kCorpusMajor : kCorpusMinor, key));
}

KeyEstimator::Result KeyEstimator::estimate(const std::array<float, 12> &chroma)
{
    Result best;
    double bestR = -2;
    for (Mode mode : {Major, Minor}) {
        for (int key = 0; key < 12; ++key) {
            const double r = correlation(chroma, key, mode);
            if (r > bestR) {
                bestR = r;
                best.key = key;
                best.mode = mode;
            }
        }
    }
    best.strength = std::clamp(bestR, 0.0, 1.0);
    if (best.strength == 0) {
        best.key = 0;
        best.mode = Major;
    }
    return best;
}

QString KeyEstimator::pitchClassName(int pitchClass)
{
    static const char *const names[] = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    return QString::fromLatin1(names[((pitchClass % 12) + 12) % 12]);
}

QString KeyEstimator::keyName(int key, Mode mode)
{
    return pitchClassName(key) + (mode == Major ? QStringLiteral(" major") : QStringLiteral(" minor"));
}

} // namespace bytewave
