#include "analysis/onsetdetector.h"

#include "analysis/dsputil.h"

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
    m_group.assign(std::size_t(bands), 1);
    m_groupBands.assign(kGroups, 0);
    m_groupBands[1] = bands;
    m_groupRise.assign(kGroups, 0.0f);
    m_groupStrength.assign(kGroups, 0.0f);
    m_kick.assign(std::size_t(bands), 0);
    m_ring.assign(kRing, 0.0f);
    reset();
}

void OnsetDetector::setBandCentres(std::span<const double> centresHz)
{
    if (centresHz.size() != std::size_t(m_bands))
        throw std::invalid_argument("OnsetDetector: " + std::to_string(centresHz.size()) + " band centres for "
                                    + std::to_string(m_bands) + " bands");
    std::fill(m_groupBands.begin(), m_groupBands.end(), 0);
    m_kickBands = 0;
    for (std::size_t b = 0; b < centresHz.size(); ++b) {
        const int g = centresHz[b] < kLowMaxHz ? 0 : centresHz[b] < kHighMinHz ? 1 : 2;
        m_group[b] = g;
        ++m_groupBands[std::size_t(g)];
        m_kick[b] = centresHz[b] < kKickMaxHz;
        m_kickBands += m_kick[b];
    }
}

void OnsetDetector::reset()
{
    std::fill(m_previous.begin(), m_previous.end(), 0.0f);
    std::fill(m_ring.begin(), m_ring.end(), 0.0f);
    std::fill(m_groupStrength.begin(), m_groupStrength.end(), 0.0f);
    m_kickStrength = 0;
    m_reference = 0;
    m_stats.reset();
    m_frames = 0;
    m_picked = 0;
    m_onsets = 0;
}

BYTEWAVE_HOT_LOOP float OnsetDetector::process(std::span<const float> bandLevelsDb)
{
    // P^0.3 = 10^(0.3 dB / 10).
    constexpr float toLoudness = kLoudnessExponent * 0.2302585093f; // ln(10) / 10
    float sum = 0;
    float kickRise = 0;
    std::fill(m_groupRise.begin(), m_groupRise.end(), 0.0f);
    for (int b = 0; b < m_bands; ++b) {
        const float loudness = std::exp(toLoudness * bandLevelsDb[std::size_t(b)]);
        const float bandRise = std::max(0.0f, loudness - m_previous[std::size_t(b)]);
        m_groupRise[std::size_t(m_group[std::size_t(b)])] += bandRise;
        if (m_kick[std::size_t(b)])
            kickRise += bandRise;
        sum += loudness;
        m_previous[std::size_t(b)] = loudness;
    }
    const float rise = m_groupRise[0] + m_groupRise[1] + m_groupRise[2];
    const double mean = sum / float(m_bands);
    m_reference = std::max(mean, m_reference * m_referenceDecay);
    float strength = 0;
    const bool live = m_frames > 0 && m_reference > kSilentLoudness;
    if (live)
        strength = float(rise / (m_bands * m_reference));
    for (int g = 0; g < kGroups; ++g) {
        const int n = m_groupBands[std::size_t(g)];
        m_groupStrength[std::size_t(g)] = live && n > 0 ? float(m_groupRise[std::size_t(g)] / (n * m_reference)) : 0.0f;
    }
    m_kickStrength = live && m_kickBands > 0 ? float(kickRise / (m_kickBands * m_reference)) : 0.0f;

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
