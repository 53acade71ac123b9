#include "analysis/peakmeter.h"

#include "analysis/dsputil.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <stdexcept>
#include <string>

namespace bytewave {

namespace {
// Interval (n, n+1) is interpolated from x[n-5] .. x[n+6]: tap j (0..11) sees x[n - 5 + j].
constexpr int kBehind = PeakMeter::kTapsPerPhase / 2 - 1;
constexpr int kAhead = PeakMeter::kTapsPerPhase - kBehind - 1; // 6 samples after n
} // namespace

PeakMeter::PeakMeter()
{
    const double halfWidth = kTapsPerPhase / 2.0 + 0.5;
    for (int p = 0; p < kOversampling; ++p) {
        const double frac = double(p) / kOversampling;
        double sum = 0;
        for (int j = 0; j < kTapsPerPhase; ++j) {
            const double u = double(j - kBehind) - frac; // distance from the interpolated point
            const double sinc = std::abs(u) < 1e-12 ? 1.0 : std::sin(std::numbers::pi * u) / (std::numbers::pi * u);
            const double window = 0.5 * (1.0 + std::cos(std::numbers::pi * u / halfWidth));
            m_taps[std::size_t(p)][std::size_t(j)] = float(sinc * window);
            sum += sinc * window;
        }
        for (float &t : m_taps[std::size_t(p)])
            t = float(t / sum);
    }
    m_buffer.assign(std::size_t(2 * (kHistory + kChunk)), 0.0f);
    m_blockMax.assign(std::size_t((kHistory + kChunk) / kSkipBlock + 1), 0.0f);
    reset(1);
}

void PeakMeter::reset(int channels)
{
    if (channels < 1 || channels > 2)
        throw std::invalid_argument("PeakMeter: 1 or 2 channels, got " + std::to_string(channels));
    m_channels = channels;
    std::fill(m_buffer.begin(), m_buffer.end(), 0.0f);
    m_filled = kHistory;
    m_samplePeak = 0;
    m_truePeak = 0;
}

void PeakMeter::process(std::span<const float> interleaved)
{
    const auto channels = std::size_t(m_channels);
    const auto frames = interleaved.size() / channels;
    std::size_t done = 0;
    while (done < frames) {
        const auto n = std::min<std::size_t>(frames - done, std::size_t(kHistory + kChunk - m_filled));
        const float *src = interleaved.data() + done * channels;
        std::memcpy(m_buffer.data() + std::size_t(m_filled) * channels, src, n * channels * sizeof(float));
        m_filled += int(n);
        done += n;
        if (m_filled == kHistory + kChunk)
            scan(m_filled);
    }
}

void PeakMeter::finish()
{
    // Scan what is complete, then pad with silence so the intervals after the last samples,
    // whose look-ahead runs past the end, are interpolated too.
    scan(m_filled);
    const auto channels = std::size_t(m_channels);
    std::fill_n(m_buffer.begin() + long(std::size_t(kHistory) * channels), std::size_t(kAhead) * channels, 0.0f);
    scan(kHistory + kAhead);
}

// Interpolates the intervals whose look-ahead is complete in frames [0, count) of the buffer,
// then keeps the last kHistory frames as the next chunk's look-behind.
void PeakMeter::scan(int count)
{
    const auto channels = std::size_t(m_channels);
    const float *x = m_buffer.data();
    // One pass of vectorised maxima over runs of kSkipBlock intervals (kSkipBlock + 1 frames,
    // every channel) gives both the sample peak and the runs the interpolation may skip.
    // Intervals start at kBehind; the look-behind before it was measured with the last chunk.
    const int blocks = std::max(0, (count - kBehind - kAhead - 1) / kSkipBlock);
    float loudest = 0;
    for (int b = 0; b < blocks; ++b) {
        const float *run = x + std::size_t(kBehind + b * kSkipBlock) * channels;
        m_blockMax[std::size_t(b)] = dsp::absMax(run, std::size_t(kSkipBlock + 1) * channels);
        loudest = std::max(loudest, m_blockMax[std::size_t(b)]);
    }
    const int start = kBehind + blocks * kSkipBlock;
    loudest = std::max(loudest, dsp::absMax(x + std::size_t(start) * channels, std::size_t(count - start) * channels));
    m_samplePeak = std::max(m_samplePeak, loudest);

    float peak = m_truePeak;
    // Intervals can raise the peak only if a neighbouring sample is within kGate of it; a chunk
    // whose loudest sample is below that (quiet passages) needs no interpolation at all.
    if (loudest >= kGate * std::max(peak, m_samplePeak)) {
        // Runs of kSkipBlock intervals whose samples all stay below the gate are skipped at
        // once: the per-sample test below would reject each of them, and the peak cannot change
        // in between. The intervals that are interpolated, and so the peak, are the same.
        for (std::size_t c = 0; c < channels; ++c) {
            for (int n = kBehind; n + kAhead < count; ++n) {
                const int block = (n - kBehind) / kSkipBlock;
                if ((n - kBehind) % kSkipBlock == 0 && block < blocks
                    && m_blockMax[std::size_t(block)] < kGate * std::max(peak, m_samplePeak)) {
                    n += kSkipBlock - 1;
                    continue;
                }
                const float left = std::abs(x[std::size_t(n) * channels + c]);
                const float right = std::abs(x[std::size_t(n + 1) * channels + c]);
                if (std::max(left, right) < kGate * std::max(peak, m_samplePeak))
                    continue;
                const float *w = x + std::size_t(n - kBehind) * channels + c;
                const auto interpolate = [&](int p) {
                    const auto &t = m_taps[std::size_t(p)];
                    float y = 0;
                    for (int j = 0; j < kTapsPerPhase; ++j)
                        y += t[std::size_t(j)] * w[std::size_t(j) * channels];
                    return std::abs(y);
                };
                // The midpoint first: the quarter points can exceed the running peak only if the
                // midpoint comes within 1 dB of it (the waveform is smooth at 4x oversampling).
                const float middle = interpolate(2);
                peak = std::max(peak, middle);
                if (middle >= 0.89f * peak)
                    peak = std::max({peak, interpolate(1), interpolate(3)});
            }
        }
    }
    m_truePeak = peak;
    std::memmove(m_buffer.data(), m_buffer.data() + std::size_t(count - kHistory) * channels,
                 std::size_t(kHistory) * channels * sizeof(float));
    m_filled = kHistory;
}

} // namespace bytewave
