#include "analysis/melspectrum.h"

#include "analysis/dsputil.h"

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
    const double lowMel = hzToMel(minHz);
    const double highMel = hzToMel(maxHz);
    for (std::size_t i = 0; i < edges.size(); ++i)
        edges[i] = melToHz(lowMel + (highMel - lowMel) * double(i) / double(bands + 1));
    m_centres.assign(edges.begin() + 1, edges.end() - 1);

    const int bins = fftSize / 2 + 1;
    const double binHz = sampleRate / fftSize;
    // Raw triangle weights per band, then each band normalised to sum to 1.
    m_first.assign(std::size_t(bands), 0);
    m_length.assign(std::size_t(bands), 0);
    m_offset.assign(std::size_t(bands), 0);
    m_weights.clear();
    for (int b = 0; b < bands; ++b) {
        const double lo = edges[std::size_t(b)];
        const double centre = edges[std::size_t(b) + 1];
        const double hi = edges[std::size_t(b) + 2];
        std::vector<float> row;
        int first = -1;
        double sum = 0;
        for (int k = 0; k < bins; ++k) {
            const double f = k * binHz;
            if (f <= lo || f >= hi)
                continue;
            const double w = f <= centre ? (f - lo) / (centre - lo) : (hi - f) / (hi - centre);
            if (first < 0)
                first = k;
            row.push_back(float(w));
            sum += w;
        }
        if (first < 0 || !(sum > 0))
            throw std::invalid_argument("MelSpectrum: a band holds no FFT bin; use fewer bands or a larger FFT");
        for (float &w : row)
            w = float(w / sum);
        m_first[std::size_t(b)] = first;
        m_length[std::size_t(b)] = int(row.size());
        m_offset[std::size_t(b)] = int(m_weights.size());
        m_weights.insert(m_weights.end(), row.begin(), row.end());
    }
    m_out.assign(std::size_t(bands), 0.0f);
}

BYTEWAVE_HOT_LOOP std::span<const float> MelSpectrum::compute(std::span<const float> power)
{
    for (int b = 0; b < m_bands; ++b) {
        const float *p = power.data() + m_first[std::size_t(b)];
        const float *w = m_weights.data() + m_offset[std::size_t(b)];
        m_out[std::size_t(b)] = dsp::dot(w, p, std::size_t(m_length[std::size_t(b)]));
    }
    return m_out;
}

} // namespace bytewave
