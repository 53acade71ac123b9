#include "analysis/onsetdetector.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace bytewave {

OnsetDetector::OnsetDetector(int bands, double frameRate, double dynamicRangeDb, double thresholdDb)
    : m_bands(bands), m_frameRate(frameRate), m_dynamicRange(float(dynamicRangeDb)),
      m_threshold(float(thresholdDb))
{
    if (bands < 1 || !(frameRate > 0) || !(dynamicRangeDb > 0) || !(thresholdDb >= 0))
        throw std::invalid_argument("OnsetDetector: invalid parameters (bands " + std::to_string(bands)
                                    + ", frame rate " + std::to_string(frameRate) + ")");
    m_previous.assign(std::size_t(bands), 0.0f);
    m_ring.assign(kRing, 0.0f);
    reset();
}

void OnsetDetector::reset()
{
    std::fill(m_previous.begin(), m_previous.end(), 0.0f);
    std::fill(m_ring.begin(), m_ring.end(), 0.0f);
    m_loudest = -std::numeric_limits<float>::infinity();
    m_frames = 0;
    m_picked = 0;
    m_onsets = 0;
}

float OnsetDetector::process(std::span<const float> bandLevelsDb)
{
    float loudest = m_loudest;
    for (const float v : bandLevelsDb)
        loudest = std::max(loudest, v);
    m_loudest = loudest;
    const float floor = loudest - m_dynamicRange;

    float rise = 0;
    for (int b = 0; b < m_bands; ++b) {
        const float level = std::max(bandLevelsDb[std::size_t(b)], floor);
        const float previous = std::max(m_previous[std::size_t(b)], floor);
        rise += std::max(0.0f, level - previous);
        m_previous[std::size_t(b)] = level;
    }
    const float strength = m_frames == 0 ? 0.0f : rise / float(m_bands);
    m_ring[std::size_t(m_frames % kRing)] = strength;
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
    if (!(v > 0))
        return;
    const long long last = std::min(index + kHalfWindow, m_frames - 1);
    for (long long j = std::max(0LL, index - kHalfWindow); j <= last; ++j) {
        if (j == index)
            continue;
        // Ties go to the earlier frame, so a flat top counts once.
        if (at(j) > v || (j < index && at(j) == v))
            return;
    }
    const long long from = std::max(0LL, index - kMeanWindow);
    float sum = 0;
    for (long long j = from; j < index; ++j)
        sum += at(j);
    const float localMean = index > from ? sum / float(index - from) : 0.0f;
    if (v >= localMean + m_threshold)
        ++m_onsets;
}

double OnsetDetector::onsetRate() const
{
    return m_frames > 0 ? double(m_onsets) * m_frameRate / double(m_frames) : 0.0;
}

} // namespace bytewave
