#include "analysis/onsetdetector.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace bytewave {

namespace {
// Below this band-mean loudness (about -90 dB) the programme is treated as silent: no onsets.
constexpr double kSilentLoudness = 2e-3;
} // namespace

OnsetDetector::OnsetDetector(int bands, double frameRate, double thresholdStd)
    : m_bands(bands), m_frameRate(frameRate), m_thresholdStd(float(thresholdStd))
{
    if (bands < 1 || !(frameRate > 0) || !(thresholdStd >= 0))
        throw std::invalid_argument("OnsetDetector: invalid parameters (bands " + std::to_string(bands)
                                    + ", frame rate " + std::to_string(frameRate) + ")");
    m_referenceDecay = float(std::exp(-1.0 / (kReferenceSeconds * frameRate)));
    m_previous.assign(std::size_t(bands), 0.0f);
    m_ring.assign(kRing, 0.0f);
    reset();
}

void OnsetDetector::reset()
{
    std::fill(m_previous.begin(), m_previous.end(), 0.0f);
    std::fill(m_ring.begin(), m_ring.end(), 0.0f);
    m_reference = 0;
    m_stats.reset();
    m_frames = 0;
    m_picked = 0;
    m_onsets = 0;
}

float OnsetDetector::process(std::span<const float> bandLevelsDb)
{
    // P^0.3 = 10^(0.3 dB / 10).
    constexpr float toLoudness = kLoudnessExponent * 0.2302585093f; // ln(10) / 10
    float rise = 0;
    float sum = 0;
    for (int b = 0; b < m_bands; ++b) {
        const float loudness = std::exp(toLoudness * bandLevelsDb[std::size_t(b)]);
        rise += std::max(0.0f, loudness - m_previous[std::size_t(b)]);
        sum += loudness;
        m_previous[std::size_t(b)] = loudness;
    }
    const double mean = sum / float(m_bands);
    m_reference = std::max(mean, m_reference * m_referenceDecay);
    float strength = 0;
    if (m_frames > 0 && m_reference > kSilentLoudness)
        strength = float(rise / (m_bands * m_reference));

    m_ring[std::size_t(m_frames % kRing)] = strength;
    m_stats.add(strength);
    ++m_frames;
    // A frame is judged once its kHalfWindow frames of look-ahead have arrived.
    while (m_picked + kHalfWindow < m_frames)
        pick(m_picked++);
    return strength;
}

void OnsetDetector::finish()
{
    while (m_picked < m_frames)
        pick(m_picked++);
}

void OnsetDetector::pick(long long index)
{
    const float v = at(index);
    if (!(v >= kMinimumRise))
        return;
    const long long last = std::min(index + kHalfWindow, m_frames - 1);
    for (long long j = std::max(0LL, index - kHalfWindow); j <= last; ++j) {
        if (j == index)
            continue;
        // Ties go to the earlier frame, so a flat top counts once.
        if (at(j) > v || (j < index && at(j) == v))
            return;
    }
    const long long from = std::max(0LL, index - kMeanBefore);
    float sum = 0;
    for (long long j = from; j <= last; ++j)
        sum += at(j);
    const float localMean = sum / float(last - from + 1);
    if (v >= localMean + m_thresholdStd * float(m_stats.stddev()))
        ++m_onsets;
}

} // namespace bytewave
