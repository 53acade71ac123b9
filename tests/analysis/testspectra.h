#pragma once

// STFT frames of a test signal, computed the way FeatureExtractor does (periodic Hann window,
// 2048 samples, hop 512, power normalised so a full-scale sine's peak bin is 1), for testing
// the spectral classes on their own.

#include "analysis/chroma.h"
#include "analysis/realfft.h"
#include "testsignals.h"

#include <array>

#include <cmath>
#include <functional>
#include <numbers>
#include <span>
#include <vector>

namespace bytewave::test {

class Stft
{
public:
    static constexpr int kSize = 2048;
    static constexpr int kHop = 512;

    Stft() : m_fft(kSize), m_window(kSize), m_power(kSize / 2 + 1), m_magnitude(kSize / 2 + 1)
    {
        for (int i = 0; i < kSize; ++i)
            m_window[std::size_t(i)] = float(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * i / kSize));
    }

    // Calls fn(magnitude, power) for every full frame of signal.
    void forEachFrame(const std::vector<float> &signal,
                      const std::function<void(std::span<const float>, std::span<const float>)> &fn)
    {
        for (std::size_t start = 0; start + kSize <= signal.size(); start += kHop) {
            auto in = m_fft.input();
            for (int i = 0; i < kSize; ++i)
                in[std::size_t(i)] = signal[start + std::size_t(i)] * m_window[std::size_t(i)];
            m_fft.execute();
            const auto out = m_fft.output();
            const float scale = 16.0f / (float(kSize) * kSize);
            for (std::size_t k = 0; k < m_power.size(); ++k) {
                m_power[k] = (out[2 * k] * out[2 * k] + out[2 * k + 1] * out[2 * k + 1]) * scale;
                m_magnitude[k] = std::sqrt(m_power[k]);
            }
            fn(m_magnitude, m_power);
        }
    }

private:
    RealFft m_fft;
    std::vector<float> m_window;
    std::vector<float> m_power;
    std::vector<float> m_magnitude;
};

// The 12-bin chroma profile of a whole signal at kRate (100 Hz - 5 kHz, A4 = 440 Hz).
inline std::array<float, 12> chromaOf(const std::vector<float> &signal)
{
    Chroma chroma(kRate, Stft::kSize, 100, 5000, 440, 60);
    Stft stft;
    stft.forEachFrame(signal, [&](std::span<const float> magnitude, std::span<const float>) {
        chroma.process(magnitude);
    });
    return chroma.profile();
}

} // namespace bytewave::test
