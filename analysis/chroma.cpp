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
    if (m_lastBin < m_firstBin)
        throw std::invalid_argument("Chroma: no bins between " + std::to_string(minHz) + " and "
                                    + std::to_string(maxHz) + " Hz with fft " + std::to_string(fftSize));
    m_peakRange = float(std::pow(10.0, -peakRangeDb / 20.0));
    const int bins = m_lastBin - m_firstBin + 1;
    m_pitchClass.assign(std::size_t(bins), 0.0f);
    m_slope.assign(std::size_t(bins), 0.0f);
    for (int i = 0; i < bins; ++i) {
        const int k = m_firstBin + i;
        // Semitones above C: A4 is 9 semitones above C4.
        const double semis = 12.0 * std::log2(k * binHz / referenceHz) + 9.0;
        m_pitchClass[std::size_t(i)] = float(semis - 12.0 * std::floor(semis / 12.0));
        m_slope[std::size_t(i)] = float(12.0 / (std::numbers::ln2 * k));
    }
    // Room for a peak in every bin, rounded up to whole vectors of four.
    const auto room = std::size_t((bins + 3) / 4 * 4);
    m_peaks.assign(room, 0);
    for (std::vector<float> *v : {&m_left, &m_centre, &m_right, &m_position, &m_step, &m_classWeight, &m_neighbourWeight})
        v->assign(room, 0.0f);
    m_class.assign(room, 0);
    m_neighbour.assign(room, 0);
}

void Chroma::reset()
{
    m_sum = {};
    m_frame = {};
    m_frames = 0;
}

namespace {
using dsp::Float4;
using dsp::Int4;

// cos^2(pi/2 x) for x in [0, 1], as 1/2 - sin(pi (x - 1/2)) / 2 with the sine's Taylor series
// to the ninth power (error below 4e-6).
inline Float4 raisedCosine(Float4 x)
{
    const Float4 y = float(std::numbers::pi) * (x - 0.5f);
    const Float4 y2 = y * y;
    const Float4 sine = y * (1.0f + y2 * (-1.0f / 6 + y2 * (1.0f / 120 + y2 * (-1.0f / 5040 + y2 * (1.0f / 362880)))));
    return 0.5f - 0.5f * sine;
}
} // namespace

void Chroma::process(std::span<const float> magnitude)
{
    m_frame = {};
    const int bins = m_lastBin - m_firstBin + 1;
    const float strongest = dsp::maxOf(magnitude.data() + m_firstBin, std::size_t(bins));
    if (!(strongest > 0))
        return;
    const float threshold = strongest * m_peakRange;

    // Find the peaks first, without branches: whether a bin is a peak is a coin toss in real
    // spectra, and a mispredicted branch per bin cost more than all the work on the peaks.
    // mag[i] is bin m_firstBin + i (m_firstBin >= 2, so mag[-1] is a bin too).
    const float *mag = magnitude.data() + m_firstBin;
    int *peaks = m_peaks.data();
    int count = 0;
    for (int i = 0; i < bins; ++i) {
        const float m = mag[i];
        peaks[count] = i;
        count += int(m >= threshold) & int(m > mag[i - 1]) & int(m >= mag[i + 1]);
    }

    // Each peak's neighbours and tables side by side (zeros after the last), then the arithmetic
    // four peaks at a time: its power, located to a fraction of a bin by the parabola through
    // it and its neighbours, weighted for the pitch class nearest its position and for the
    // neighbouring class when that is within kHalfWindow too.
    const int groups = (count + 3) / 4;
    for (int p = 0; p < count; ++p) {
        const int i = peaks[p];
        m_left[std::size_t(p)] = mag[i - 1];
        m_centre[std::size_t(p)] = mag[i];
        m_right[std::size_t(p)] = mag[i + 1];
        m_position[std::size_t(p)] = m_pitchClass[std::size_t(i)];
        m_step[std::size_t(p)] = m_slope[std::size_t(i)];
    }
    for (std::vector<float> *v : {&m_left, &m_centre, &m_right, &m_position, &m_step})
        std::fill(v->begin() + count, v->begin() + groups * 4, 0.0f);
    for (int p = 0; p < groups * 4; p += 4) {
        const Float4 left = dsp::load4(m_left.data() + p);
        const Float4 m = dsp::load4(m_centre.data() + p);
        const Float4 right = dsp::load4(m_right.data() + p);
        const Float4 denominator = left - 2.0f * m + right;
        Float4 offset = 0.5f * (left - right) / denominator;
        offset = offset < -0.5f ? -0.5f : offset;
        offset = offset > 0.5f ? 0.5f : offset;
        offset = denominator < 0.0f ? offset : 0.0f; // also clears the 0/0 of the padding
        const Float4 amplitude = m - 0.25f * (left - right) * offset;
        const Float4 power = amplitude * amplitude;
        Float4 position = dsp::load4(m_position.data() + p) + offset * dsp::load4(m_step.data() + p);
        position = position < 0.0f ? position + 12.0f : position;
        position = position >= 12.0f ? position - 12.0f : position;
        const Int4 nearest = __builtin_convertvector(position + 0.5f, Int4); // 0..12
        const Float4 distance = position - __builtin_convertvector(nearest, Float4); // -0.5 .. 0.5
        const Int4 cls = nearest == 12 ? 0 : nearest;
        const Float4 away = distance < 0.0f ? -distance : distance;
        const Float4 other = 1.0f - away;
        const Int4 up = cls == 11 ? 0 : cls + 1;
        const Int4 down = cls == 0 ? 11 : cls - 1;
        dsp::store4(m_class.data() + p, cls);
        dsp::store4(m_neighbour.data() + p, distance > 0.0f ? up : down);
        dsp::store4(m_classWeight.data() + p, raisedCosine(away / kHalfWindow) * power);
        dsp::store4(m_neighbourWeight.data() + p, other < kHalfWindow ? raisedCosine(other / kHalfWindow) * power : 0.0f);
    }

    std::array<float, 12> frame{};
    for (int p = 0; p < count; ++p) {
        frame[std::size_t(m_class[std::size_t(p)])] += m_classWeight[std::size_t(p)];
        frame[std::size_t(m_neighbour[std::size_t(p)])] += m_neighbourWeight[std::size_t(p)];
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
