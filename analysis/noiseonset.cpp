#include "analysis/noiseonset.h"

#include "analysis/dsputil.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bytewave {

NoiseOnset::NoiseOnset(double binHz, int bins)
    : m_first(binHz > 0 ? int(std::ceil(kLowHz / binHz)) : 0),
      m_end(binHz > 0 ? int(std::ceil(kHighHz / binHz)) : 0)
{
    if (!(binHz > 0) || m_end > bins || m_end <= m_first)
        throw std::invalid_argument("NoiseOnset: the 1-5 kHz band does not fit the spectrum");
    m_previous.assign(std::size_t(m_end - m_first), 0.0f);
    m_rise.assign(m_previous.size(), 0.0f);
}

void NoiseOnset::reset()
{
    std::fill(m_previous.begin(), m_previous.end(), 0.0f);
    m_started = false;
}

float NoiseOnset::process(std::span<const float> magnitude)
{
    if (magnitude.size() < std::size_t(m_end))
        return 0.0f;
    // Two passes, so that the compiler vectorises the first (no running sum in it).
    const float *band = magnitude.data() + m_first;
    const std::size_t n = m_previous.size();
    for (std::size_t k = 0; k < n; ++k) {
        m_rise[k] = std::max(0.0f, band[k] - m_previous[k]);
        m_previous[k] = band[k];
    }
    // The first frame has nothing to rise from (its "rise" would be the band's whole level),
    // as OnsetDetector's first frame.
    if (!m_started) {
        m_started = true;
        return 0.0f;
    }
    return dsp::sum(m_rise.data(), n) / float(n);
}

} // namespace bytewave
