#include "analysis/melspectrum.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace bytewave {

namespace {
constexpr double kLinearHzPerMel = 200.0 / 3.0;
constexpr double kBreakHz = 1000.0;
constexpr double kBreakMel = kBreakHz / kLinearHzPerMel; // 15
const double kLogStep = std::log(6.4) / 27.0;
} // namespace

double MelSpectrum::hzToMel(double hz)
{
    return hz < kBreakHz ? hz / kLinearHzPerMel : kBreakMel + std::log(hz / kBreakHz) / kLogStep;
}

double MelSpectrum::melToHz(double mel)
{
    return mel < kBreakMel ? mel * kLinearHzPerMel : kBreakHz * std::exp(kLogStep * (mel - kBreakMel));
}

MelSpectrum::MelSpectrum(double sampleRate, int fftSize, int bands, double minHz, double maxHz)
    : m_bands(bands)
{
    if (!(sampleRate > 0) || fftSize < 16 || bands < 2 || !(minHz >= 0) || !(maxHz > minHz)
        || maxHz > sampleRate / 2)
        throw std::invalid_argument("MelSpectrum: invalid parameters (rate " + std::to_string(sampleRate)
                                    + " Hz, fft " + std::to_string(fftSize) + ", bands "
                                    + std::to_string(bands) + ", range " + std::to_string(minHz)
                                    + "-" + std::to_string(maxHz) + " Hz)");
    // bands + 2 edge frequencies, evenly spaced in mel.
    std::vector<double> edges(std::size_t(bands) + 2);
    const double lo = hzToMel(minHz);
    const double hi = hzToMel(maxHz);
    for (std::size_t i = 0; i < edges.size(); ++i)
        edges[i] = melToHz(lo + (hi - lo) * double(i) / double(bands + 1));
    m_centres.assign(edges.begin() + 1, edges.end() - 1);

    const int bins = fftSize / 2 + 1;
    const double binHz = sampleRate / fftSize;
    m_lowerBand.assign(std::size_t(bins), -2);
    m_lowerWeight.assign(std::size_t(bins), 0.0f);
    m_upperWeight.assign(std::size_t(bins), 0.0f);
    // Raw triangle weights first, then normalise each band's weights to sum to 1.
    std::vector<double> sums(std::size_t(bands), 0.0);
    m_firstBin = bins;
    m_lastBin = -1;
    for (int k = 0; k < bins; ++k) {
        const double f = k * binHz;
        if (f <= edges.front() || f >= edges.back())
            continue;
        // Segment i lies between edges[i] and edges[i+1]: the falling edge of band i-1 and the
        // rising edge of band i.
        const auto it = std::upper_bound(edges.begin(), edges.end(), f);
        const int i = int(it - edges.begin()) - 1;
        const double t = (f - edges[std::size_t(i)]) / (edges[std::size_t(i) + 1] - edges[std::size_t(i)]);
        m_lowerBand[std::size_t(k)] = i - 1;
        m_lowerWeight[std::size_t(k)] = float(1.0 - t);
        m_upperWeight[std::size_t(k)] = float(t);
        if (i - 1 >= 0)
            sums[std::size_t(i - 1)] += 1.0 - t;
        if (i < bands)
            sums[std::size_t(i)] += t;
        m_firstBin = std::min(m_firstBin, k);
        m_lastBin = std::max(m_lastBin, k);
    }
    for (double s : sums) {
        if (!(s > 0))
            throw std::invalid_argument("MelSpectrum: a band holds no FFT bin; use fewer bands or a larger FFT");
    }
    for (int k = m_firstBin; k <= m_lastBin; ++k) {
        const int b = m_lowerBand[std::size_t(k)];
        if (b == -2)
            continue;
        m_lowerWeight[std::size_t(k)] = b >= 0 ? float(m_lowerWeight[std::size_t(k)] / sums[std::size_t(b)]) : 0.0f;
        m_upperWeight[std::size_t(k)] = b + 1 < bands ? float(m_upperWeight[std::size_t(k)] / sums[std::size_t(b + 1)]) : 0.0f;
    }
    m_out.assign(std::size_t(bands) + 2, 0.0f); // one guard slot on each side
}

std::span<const float> MelSpectrum::compute(std::span<const float> power)
{
    std::fill(m_out.begin(), m_out.end(), 0.0f);
    // m_out[b + 1] is band b; the guards absorb the -1 and bands indices at the edges.
    float *out = m_out.data() + 1;
    for (int k = m_firstBin; k <= m_lastBin; ++k) {
        const int b = m_lowerBand[std::size_t(k)];
        if (b == -2)
            continue;
        const float p = power[std::size_t(k)];
        out[b] += m_lowerWeight[std::size_t(k)] * p;
        out[b + 1] += m_upperWeight[std::size_t(k)] * p;
    }
    return {out, std::size_t(m_bands)};
}

} // namespace bytewave
