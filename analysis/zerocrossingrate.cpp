#include "analysis/zerocrossingrate.h"

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
    m_previous = 0;
    m_havePrevious = false;
    m_frames.reset();
}

void ZeroCrossingRate::process(std::span<const float> mono)
{
    for (const float v : mono) {
        if (m_havePrevious && ((v > 0 && m_previous < 0) || (v < 0 && m_previous > 0)))
            ++m_crossings;
        // A zero sample keeps the last non-zero sign, so 0, 0, 0 between two positives is not a
        // crossing and +, 0, - counts once.
        if (v != 0) {
            m_previous = v;
            m_havePrevious = true;
        }
        if (++m_fill == m_frameLength) {
            m_frames.add(double(m_crossings) / double(m_frameLength));
            m_fill = 0;
            m_crossings = 0;
        }
    }
}

} // namespace bytewave
