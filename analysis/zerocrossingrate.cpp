#include "analysis/zerocrossingrate.h"

#include "analysis/dsputil.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace bytewave {

ZeroCrossingRate::ZeroCrossingRate(int frameLength) : m_frameLength(frameLength)
{
    if (frameLength < 2)
        throw std::invalid_argument("ZeroCrossingRate: frame length must be >= 2, got "
                                    + std::to_string(frameLength));
}

void ZeroCrossingRate::reset()
{
    m_fill = 0;
    m_crossings = 0;
    m_sumSquares = 0;
    m_previousNegative = false;
    m_havePrevious = false;
    m_frames.reset();
}

void ZeroCrossingRate::process(std::span<const float> mono)
{
    if (!m_havePrevious && !mono.empty()) {
        // The programme's first sample has no predecessor to cross from.
        m_previousNegative = mono[0] < 0.0f;
        m_havePrevious = true;
    }
    std::size_t i = 0;
    while (i < mono.size()) {
        const auto n = std::min<std::size_t>(mono.size() - i, std::size_t(m_frameLength - m_fill));
        // Sign as "negative or not": a zero continues the positive side, so 0, 0, 0 between two
        // positives is no crossing and +, 0, - counts once. Branch-free, so it vectorises.
        // Each sample is compared with its predecessor in the input, not a carried flag, so the
        // iterations are independent.
        int crossings = n > 0 ? int((mono[i] < 0.0f) != m_previousNegative) : 0;
        const float *x = mono.data() + i;
        for (std::size_t j = 1; j < n; ++j)
            crossings += int((x[j] < 0.0f) != (x[j - 1] < 0.0f));
        if (n > 0)
            m_previousNegative = x[n - 1] < 0.0f;
        m_crossings += crossings;
        m_sumSquares += double(dsp::dot(x, x, n));
        m_fill += int(n);
        i += n;
        if (m_fill == m_frameLength) {
            if (m_sumSquares >= dsp::kSilentMeanSquare * m_frameLength)
                m_frames.add(double(m_crossings) / double(m_frameLength));
            m_fill = 0;
            m_crossings = 0;
            m_sumSquares = 0;
        }
    }
}

} // namespace bytewave
