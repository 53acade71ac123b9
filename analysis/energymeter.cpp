#include "analysis/energymeter.h"

#include "analysis/dsputil.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace bytewave {

EnergyMeter::EnergyMeter(int frameLength, int hopLength)
{
    if (hopLength < 1 || frameLength < hopLength || frameLength % hopLength != 0)
        throw std::invalid_argument("EnergyMeter: frame length must be a positive multiple of the hop, got "
                                    + std::to_string(frameLength) + "/" + std::to_string(hopLength));
    m_hop = hopLength;
    m_hopsPerFrame = frameLength / hopLength;
    m_hopEnergy.assign(std::size_t(m_hopsPerFrame), 0.0);
}

void EnergyMeter::reset()
{
    std::fill(m_hopEnergy.begin(), m_hopEnergy.end(), 0.0);
    m_current = 0;
    m_fill = 0;
    m_hops = 0;
    m_frames.reset();
}

void EnergyMeter::process(std::span<const float> mono)
{
    std::size_t i = 0;
    while (i < mono.size()) {
        const auto n = std::min<std::size_t>(mono.size() - i, std::size_t(m_hop - m_fill));
        const double sum = dsp::dot(mono.data() + i, mono.data() + i, n);
        m_current += sum;
        m_fill += int(n);
        i += n;
        if (m_fill < m_hop)
            continue;
        m_hopEnergy[std::size_t(m_hops % m_hopsPerFrame)] = m_current;
        ++m_hops;
        m_current = 0;
        m_fill = 0;
        if (m_hops >= m_hopsPerFrame) {
            double frame = 0;
            for (double e : m_hopEnergy)
                frame += e;
            const double meanSquare = frame / double(m_hop * m_hopsPerFrame);
            if (meanSquare >= dsp::kSilentMeanSquare)
                m_frames.add(10.0 * std::log10(meanSquare));
        }
    }
}

} // namespace bytewave
