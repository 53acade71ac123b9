#pragma once

#include <algorithm>
#include <array>
#include <span>
#include <vector>

namespace bytewave {

// Sample peak and "true-ish" peak (ITU-R BS.1770-4 Annex 2 style: 4x oversampling).
//
// The true peak is the largest absolute value of the signal interpolated at four points per
// sample period (phases 0, 1/4, 1/2, 3/4) with a 12-tap-per-phase windowed-sinc interpolator
// (Hann window, each phase normalised to unity DC gain). To stay cheap, an interval is
// interpolated only when one of its two samples is within kGate (-3.1 dB) of the running true
// peak: an interval can raise the peak only by overshooting its samples, and the classic worst
// case, a sine at fs/4 sampled at +-45 degrees, overshoots by 3 dB; larger overshoots need
// contrived signals. The quarter points are evaluated only where the midpoint comes close.
//
// Caveat: ByteWave measures the 22,050 Hz analysis stream, so content above 11 kHz, removed by
// the resampler, does not contribute; on bright, heavily limited masters the file's true peak can
// be up to about 1 dB higher. Values are linear, full scale = 1.0.
class PeakMeter
{
public:
    static constexpr int kOversampling = 4;
    static constexpr int kTapsPerPhase = 12;
    static constexpr float kGate = 0.7f;

    PeakMeter();
    void reset(int channels); // 1 or 2; throws std::invalid_argument otherwise
    void process(std::span<const float> interleaved);
    // Flushes the interpolator's look-ahead; call once at the end before reading truePeak().
    void finish();

    // Both are complete after finish(); before it they cover the chunks scanned so far.
    float samplePeak() const { return m_samplePeak; }
    float truePeak() const { return std::max(m_truePeak, m_samplePeak); }

private:
    static constexpr int kHistory = kTapsPerPhase - 1; // frames carried between chunks
    static constexpr int kChunk = 4096;
    static constexpr int kSkipBlock = 32; // intervals whose gate test scan() makes at once
    void scan(int count);

    std::array<std::array<float, kTapsPerPhase>, kOversampling> m_taps{};
    int m_channels = 1;
    // Interleaved: kHistory frames of look-behind followed by the current chunk.
    std::vector<float> m_buffer;
    int m_filled = kHistory; // valid frames in m_buffer, including the history
    std::vector<float> m_blockMax; // scan(): loudest |sample| of each run of kSkipBlock intervals
    float m_samplePeak = 0;
    float m_truePeak = 0;
};

} // namespace bytewave
