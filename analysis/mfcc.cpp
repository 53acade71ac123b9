#include "analysis/mfcc.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace bytewave {

Mfcc::Mfcc(int bands, int coefficients)
    : m_bands(bands), m_coefficients(coefficients)
{
    if (bands < 2 || coefficients < 1 || coefficients > bands)
        throw std::invalid_argument("Mfcc: need 2+ bands and 1..bands coefficients, got "
                                    + std::to_string(bands) + "/" + std::to_string(coefficients));
    m_dct.resize(std::size_t(coefficients) * std::size_t(bands));
    for (int i = 0; i < coefficients; ++i) {
        const double scale = std::sqrt((i == 0 ? 1.0 : 2.0) / bands);
        for (int b = 0; b < bands; ++b)
            m_dct[std::size_t(i * bands + b)] =
                float(scale * std::cos(std::numbers::pi * i * (b + 0.5) / bands));
    }
    m_frame.assign(std::size_t(coefficients), 0.0f);
    m_stats.assign(std::size_t(coefficients), RunningStats());
}

void Mfcc::reset()
{
    for (RunningStats &s : m_stats)
        s.reset();
    std::fill(m_frame.begin(), m_frame.end(), 0.0f);
}

void Mfcc::process(std::span<const float> bandLevelsDb)
{
    for (int i = 0; i < m_coefficients; ++i) {
        const float *row = m_dct.data() + std::size_t(i * m_bands);
        float c = 0;
        for (int b = 0; b < m_bands; ++b)
            c += row[b] * bandLevelsDb[std::size_t(b)];
        m_frame[std::size_t(i)] = c;
        m_stats[std::size_t(i)].add(c);
    }
}

} // namespace bytewave
