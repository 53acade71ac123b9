#include "analysis/spectralshape.h"

#include "analysis/dsputil.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace bytewave {

namespace {
constexpr double kBandFloor = 1e-12; // band power floor for the flatness logarithm (-120 dB)
} // namespace

SpectralShape::SpectralShape(double sampleRate, int fftSize, double rollOffFraction)
    : m_rollOffFraction(rollOffFraction)
{
    if (!(sampleRate > 0) || fftSize < 16 || !(rollOffFraction > 0 && rollOffFraction < 1))
        throw std::invalid_argument("SpectralShape: invalid parameters (rate " + std::to_string(sampleRate)
                                    + " Hz, fft " + std::to_string(fftSize) + ", roll-off "
                                    + std::to_string(rollOffFraction) + ")");
    m_binHz = sampleRate / fftSize;
    m_previous.assign(std::size_t(fftSize / 2 + 1), 0.0f);
    m_next.assign(std::size_t(fftSize / 2 + 1), 0.0f);
    m_binIndex.resize(std::size_t(fftSize / 2 + 1));
    for (std::size_t k = 0; k < m_binIndex.size(); ++k)
        m_binIndex[k] = float(k);
}

void SpectralShape::reset()
{
    m_havePrevious = false;
    m_previousNorm = 0;
    m_centroid.reset();
    m_rollOff.reset();
    m_flatness.reset();
    m_flux.reset();
}

void SpectralShape::process(std::span<const float> magnitude, std::span<const float> power,
                            std::span<const float> melBands, std::span<const float> melBandsDb)
{
    const std::size_t bins = magnitude.size();
    const float *m = magnitude.data();
    const double magSum = dsp::sum(m, bins);
    const double weighted = dsp::dot(m, m_binIndex.data(), bins);
    const double powerSum = dsp::sum(power.data(), bins);
    const double dot = dsp::dot(m, m_previous.data(), bins);
    // |magnitude|^2 is the power sum: no second pass over the bins.
    const double norm2 = powerSum;
    if (!(magSum > 0) || !(powerSum > 0)) {
        gap();
        return;
    }
    m_centroid.add(weighted / magSum * m_binHz);

    const double target = m_rollOffFraction * powerSum;
    double cumulative = 0;
    std::size_t k = 0;
    for (; k < bins; ++k) {
        cumulative += power[k];
        if (cumulative >= target)
            break;
    }
    m_rollOff.add(double(std::min(k, bins - 1)) * m_binHz);

    double logSum = 0, sum = 0;
    for (const float b : melBands)
        sum += std::max(double(b), kBandFloor);
    if (melBandsDb.size() == melBands.size()) {
        // ln v = dB x ln(10) / 10: the caller's levels save a logarithm per band.
        for (const float db : melBandsDb)
            logSum += double(db);
        logSum *= std::numbers::ln10 / 10.0;
    } else {
        for (const float b : melBands)
            logSum += std::log(std::max(double(b), kBandFloor));
    }
    const double n = double(melBands.size());
    if (n > 0)
        m_flatness.add(std::clamp(std::exp(logSum / n) / (sum / n), 0.0, 1.0));

    const double norm = std::sqrt(norm2);
    if (m_havePrevious && norm > 0 && m_previousNorm > 0) {
        const double cosine = dot / (norm * m_previousNorm);
        m_flux.add(std::sqrt(std::max(0.0, 2.0 - 2.0 * cosine)));
    }
    keep(magnitude);
    m_previousNorm = norm;
    m_havePrevious = true;
}

void SpectralShape::remember(std::span<const float> magnitude, double powerSum)
{
    keep(magnitude);
    m_previousNorm = std::sqrt(std::max(0.0, powerSum));
    m_havePrevious = true;
}

void SpectralShape::keep(std::span<const float> magnitude)
{
    if (magnitude.data() == m_next.data())
        m_previous.swap(m_next); // swaps the heap buffers: the caller's span stays valid
    else
        std::copy(magnitude.begin(), magnitude.end(), m_previous.begin());
}

} // namespace bytewave
