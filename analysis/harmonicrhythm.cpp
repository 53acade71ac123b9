#include "analysis/harmonicrhythm.h"

#include "analysis/dsputil.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace bytewave {

HarmonicRhythm::HarmonicRhythm(double frameRate)
    : m_frameRate(frameRate)
{
    if (!(frameRate >= 2 && frameRate <= 100))
        throw std::invalid_argument("HarmonicRhythm: invalid frame rate " + std::to_string(frameRate));
    m_half = std::max(1, int(std::lround(kHalfWindowS * frameRate)));
    m_maxLag = int(std::ceil(kMaxPeriodS * frameRate)) + 1;
    reset();
}

void HarmonicRhythm::reset()
{
    m_frames.assign(std::size_t(2 * m_half), Frame{});
    m_chromaFrames = 0;
    m_products.assign(std::size_t(m_maxLag + 1), 0.0);
    m_history.assign(std::size_t(m_maxLag + 1), 0.0);
    m_first.clear();
    m_first.reserve(std::size_t(m_maxLag));
    m_head = 0;
    m_count = 0;
    m_sum = 0;
}

void HarmonicRhythm::process(const std::array<float, 12> &chroma)
{
    const int window = 2 * m_half;
    m_frames[std::size_t(m_chromaFrames % window)] = chroma;
    ++m_chromaFrames;
    if (m_chromaFrames < window)
        return;
    // The ring now holds the last 2 * m_half frames; the oldest half is "before", the newest
    // half "after" the frame between them.
    std::array<double, 12> before{}, after{};
    for (int i = 0; i < window; ++i) {
        const Frame &f = m_frames[std::size_t((m_chromaFrames + i) % window)];
        std::array<double, 12> &side = i < m_half ? before : after;
        for (std::size_t k = 0; k < 12; ++k)
            side[k] += f[k];
    }
    double dot = 0, nb = 0, na = 0;
    for (std::size_t k = 0; k < 12; ++k) {
        dot += before[k] * after[k];
        nb += before[k] * before[k];
        na += after[k] * after[k];
    }
    accumulate(nb > 0 && na > 0 ? 1.0 - dot / std::sqrt(nb * na) : 0.0);
}

void HarmonicRhythm::accumulate(double novelty)
{
    const int size = m_maxLag + 1;
    m_head = (m_head + 1) % size;
    m_history[std::size_t(m_head)] = novelty;
    for (int l = 0; l <= m_maxLag && l <= m_count; ++l)
        m_products[std::size_t(l)] += novelty * m_history[std::size_t((m_head - l + size) % size)];
    if (m_count < m_maxLag)
        m_first.push_back(novelty);
    ++m_count;
    m_sum += novelty;
}

double HarmonicRhythm::periodSeconds() const
{
    const long long n = m_count;
    const int lagMax = int(std::min<long long>(m_maxLag, n / 2));
    const int lagMin = std::max(1, int(std::ceil(kMinPeriodS * m_frameRate)));
    if (lagMax <= lagMin + 1)
        return 0;
    // Mean-removed autocorrelation: sum over t of (x[t] - m)(x[t-l] - m), t = l..n-1.
    const int size = m_maxLag + 1;
    const double mean = m_sum / double(n);
    std::vector<double> r(std::size_t(lagMax + 1));
    double headSum = 0; // the first l values
    double tailSum = 0; // the last l values
    for (int l = 0; l <= lagMax; ++l) {
        if (l > 0) {
            headSum += m_first[std::size_t(l - 1)];
            tailSum += m_history[std::size_t((m_head - (l - 1) + size) % size)];
        }
        r[std::size_t(l)] = m_products[std::size_t(l)] - mean * ((m_sum - headSum) + (m_sum - tailSum))
            + double(n - l) * mean * mean;
    }
    if (!(r[0] > 0))
        return 0; // no change at all, or changes too even to tell apart
    const double energy = r[0];
    for (double &v : r)
        v /= energy;

    // The chance level: without periodicity R(l) / R(0) is about normal around 0 with variance
    // (1 + 2 sum_k rho_k^2) / n (Bartlett 1946), rho_k the novelty's own correlation at the lags
    // its window spans.
    const double chance = kSignificance * dsp::acfStandardError(r.data(), std::min(2 * m_half, lagMax), double(n));

    double highest = 0;
    for (int l = lagMin; l < lagMax; ++l) {
        if (r[std::size_t(l)] >= r[std::size_t(l - 1)] && r[std::size_t(l)] >= r[std::size_t(l + 1)])
            highest = std::max(highest, r[std::size_t(l)]);
    }
    if (!(highest > chance))
        return 0;
    for (int l = lagMin; l < lagMax; ++l) {
        const double a = r[std::size_t(l - 1)], b = r[std::size_t(l)], c = r[std::size_t(l + 1)];
        if (b >= a && b >= c && b > chance && b >= kFundamental * highest)
            return (l + dsp::parabolicPeak(a, b, c).offset) / m_frameRate;
    }
    return 0;
}

} // namespace bytewave
