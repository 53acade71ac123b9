#include "analysis/chroma.h"

#include "analysis/dsputil.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace bytewave {

Chroma::Chroma(double sampleRate, int fftSize, double minHz, double maxHz, double referenceHz,
               double peakRangeDb)
{
    if (!(sampleRate > 0) || fftSize < 16 || !(minHz > 0) || !(maxHz > minHz) || maxHz > sampleRate / 2
        || !(referenceHz >= 400 && referenceHz <= 480) || !(peakRangeDb > 0))
        throw std::invalid_argument("Chroma: invalid parameters (rate " + std::to_string(sampleRate)
                                    + " Hz, fft " + std::to_string(fftSize) + ", range "
                                    + std::to_string(minHz) + "-" + std::to_string(maxHz) + " Hz)");
    const double binHz = sampleRate / fftSize;
    m_firstBin = std::max(2, int(std::ceil(minHz / binHz)));
    m_lastBin = std::min(fftSize / 2 - 2, int(std::floor(maxHz / binHz)));
    m_peakRange = float(std::pow(10.0, -peakRangeDb / 20.0));
    m_pitchClass.assign(std::size_t(fftSize / 2 + 1), 0.0f);
    m_slope.assign(std::size_t(fftSize / 2 + 1), 0.0f);
    m_peaks.assign(std::size_t(fftSize / 2 + 1), 0);
    for (int k = 1; k <= fftSize / 2; ++k) {
        // Semitones above C: A4 is 9 semitones above C4.
        const double semis = 12.0 * std::log2(k * binHz / referenceHz) + 9.0;
        m_pitchClass[std::size_t(k)] = float(semis - 12.0 * std::floor(semis / 12.0));
        m_slope[std::size_t(k)] = float(12.0 / (std::numbers::ln2 * k));
    }
    // cos^2 of the distance from a semitone's centre, tabulated over 0 .. 2/3 semitone.
    for (int i = 0; i < kWeightTable; ++i) {
        const double d = double(i) / (kWeightTable - 1) * kHalfWindow;
        const double c = std::cos(0.5 * std::numbers::pi * d / kHalfWindow);
        m_weights[std::size_t(i)] = float(c * c);
    }
}

void Chroma::reset()
{
    m_sum = {};
    m_frame = {};
    m_frames = 0;
}

void Chroma::process(std::span<const float> magnitude)
{
    m_frame = {};
    const float strongest = dsp::maxOf(magnitude.data() + m_firstBin, std::size_t(m_lastBin - m_firstBin + 1));
    if (!(strongest > 0))
        return;
    const float threshold = strongest * m_peakRange;

    // Find the peaks first, without branches: whether a bin is a peak is a coin toss in real
    // spectra, and a mispredicted branch per bin cost more than all the work on the peaks.
    const float *mag = magnitude.data();
    int *peaks = m_peaks.data();
    int count = 0;
    for (int k = m_firstBin; k <= m_lastBin; ++k) {
        const float m = mag[k];
        peaks[count] = k;
        count += int(m >= threshold) & int(m > mag[k - 1]) & int(m >= mag[k + 1]);
    }

    std::array<float, 12> frame{};
    for (int p = 0; p < count; ++p) {
        const int k = peaks[p];
        const float m = mag[k];
        const float left = mag[k - 1];
        const float right = mag[k + 1];
        const float denominator = left - 2.0f * m + right;
        const float offset = denominator < 0 ? std::clamp(0.5f * (left - right) / denominator, -0.5f, 0.5f) : 0.0f;
        const float amplitude = m - 0.25f * (left - right) * offset;
        const float power = amplitude * amplitude;
        float position = m_pitchClass[std::size_t(k)] + offset * m_slope[std::size_t(k)];
        if (position < 0.0f)
            position += 12.0f;
        else if (position >= 12.0f)
            position -= 12.0f;
        const int nearest = int(position + 0.5f);           // 0..12
        const float distance = position - float(nearest);   // -0.5 .. 0.5
        // Conditional wrap-arounds instead of % 12: an integer division per peak is measurable.
        const int cls = nearest == 12 ? 0 : nearest;
        frame[std::size_t(cls)] += weight(std::abs(distance)) * power;
        const float other = 1.0f - std::abs(distance);
        if (other < kHalfWindow) {
            const int neighbour = distance > 0 ? (cls == 11 ? 0 : cls + 1) : (cls == 0 ? 11 : cls - 1);
            frame[std::size_t(neighbour)] += weight(other) * power;
        }
    }
    const float peak = *std::max_element(frame.begin(), frame.end());
    if (!(peak > 0))
        return;
    for (std::size_t i = 0; i < 12; ++i) {
        m_frame[i] = frame[i] / peak;
        m_sum[i] += m_frame[i];
    }
    ++m_frames;
}

std::array<float, 12> Chroma::profile() const
{
    std::array<float, 12> out{};
    const double peak = *std::max_element(m_sum.begin(), m_sum.end());
    if (!(peak > 0))
        return out;
    for (std::size_t i = 0; i < 12; ++i)
        out[i] = float(m_sum[i] / peak);
    return out;
}

} // namespace bytewave
