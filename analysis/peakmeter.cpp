#include "analysis/peakmeter.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace bytewave {

namespace {
// Interval (n, n+1) is interpolated from x[n-5] .. x[n+6]: tap j (0..11) sees x[n - 5 + j].
constexpr int kBehind = PeakMeter::kTapsPerPhase / 2 - 1;
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
    for (auto &b : m_buffer)
        b.assign(std::size_t(kHistory + kChunk), 0.0f);
    reset(1);
}

void PeakMeter::reset(int channels)
{
    if (channels < 1 || channels > 2)
        throw std::invalid_argument("PeakMeter: 1 or 2 channels, got " + std::to_string(channels));
    m_channels = channels;
    for (auto &b : m_buffer)
        std::fill(b.begin(), b.end(), 0.0f);
    m_filled = {kHistory, kHistory};
    m_samplePeak = 0;
    m_truePeak = 0;
}

void PeakMeter::process(std::span<const float> interleaved)
{
    const auto frames = interleaved.size() / std::size_t(m_channels);
    std::size_t done = 0;
    while (done < frames) {
        const int room = kHistory + kChunk - m_filled[0];
        const int n = int(std::min<std::size_t>(frames - done, std::size_t(room)));
        for (int c = 0; c < m_channels; ++c) {
            float *dst = m_buffer[std::size_t(c)].data() + m_filled[std::size_t(c)];
            const float *src = interleaved.data() + done * std::size_t(m_channels) + std::size_t(c);
            float peak = m_samplePeak;
            for (int i = 0; i < n; ++i) {
                const float v = src[std::size_t(i) * std::size_t(m_channels)];
                dst[i] = v;
                peak = std::max(peak, std::abs(v));
            }
            m_samplePeak = peak;
            m_filled[std::size_t(c)] += n;
        }
        done += std::size_t(n);
        if (m_filled[0] == kHistory + kChunk) {
            for (int c = 0; c < m_channels; ++c)
                scan(c, m_filled[std::size_t(c)]);
        }
    }
}

void PeakMeter::finish()
{
    // Scan what is complete, then pad with silence so the intervals after the last samples,
    // whose look-ahead runs past the end, are interpolated too.
    constexpr int pad = kTapsPerPhase - kBehind - 1;
    for (int c = 0; c < m_channels; ++c) {
        scan(c, m_filled[std::size_t(c)]);
        auto &buf = m_buffer[std::size_t(c)];
        std::fill_n(buf.begin() + kHistory, pad, 0.0f);
        scan(c, kHistory + pad);
    }
}

// Interpolates the intervals whose right-hand look-ahead is complete in buffer[0, count), then
// keeps the last kHistory samples as the next chunk's look-behind.
void PeakMeter::scan(int channel, int count)
{
    auto &buf = m_buffer[std::size_t(channel)];
    const float *x = buf.data();
    const float gate = 0.5f * truePeak(); // -6 dB
    // Interval starting at sample n needs x[n - kBehind .. n - kBehind + 11].
    const int firstN = kBehind;
    const int lastN = count - (kTapsPerPhase - kBehind); // inclusive
    float peak = m_truePeak;
    for (int n = firstN; n <= lastN; ++n) {
        if (std::max(std::abs(x[n]), std::abs(x[n + 1])) < std::max(gate, 0.5f * peak))
            continue;
        const float *w = x + n - kBehind;
        for (int p = 1; p < kOversampling; ++p) {
            const auto &t = m_taps[std::size_t(p)];
            float y = 0;
            for (int j = 0; j < kTapsPerPhase; ++j)
                y += t[std::size_t(j)] * w[j];
            peak = std::max(peak, std::abs(y));
        }
    }
    m_truePeak = peak;
    // The look-behind for the next chunk: the last kHistory samples, which start at interval
    // lastN + 1 - kBehind (every interval up to lastN has been scanned).
    const int keep = kHistory;
    std::copy(buf.begin() + (count - keep), buf.begin() + count, buf.begin());
    m_filled[std::size_t(channel)] = keep;
}

} // namespace bytewave
