#pragma once

#include <span>
#include <vector>

namespace bytewave {

// Onset strength and onset rate from a stream of mel spectra.
//
// Onset strength (Ellis 2007, "Beat tracking by dynamic programming", JNMR 36(1)): the mean over
// mel bands of the half-wave rectified first difference of the band levels in dB, with each band
// clamped from below at (loudest level seen so far - dynamicRangeDb) so that changes deep in
// the noise floor do not count. Units: dB (mean positive level change per frame).
//
// Onsets (for the onset rate) are peaks of that function picked as in Dixon (2006, "Onset
// detection revisited"): a frame is an onset when it is the maximum within +-3 frames
// (+-70 ms at ByteWave's 43 frames/s) and exceeds the mean of the preceding ~0.4 s by
// thresholdDb. Onset rate = onsets per second of programme.
class OnsetDetector
{
public:
    // bands: mel bands per frame (>= 1); frameRate: frames per second (> 0);
    // dynamicRangeDb: > 0; thresholdDb: >= 0. Throws std::invalid_argument otherwise.
    OnsetDetector(int bands, double frameRate, double dynamicRangeDb, double thresholdDb);

    void reset();
    // bandLevelsDb: this frame's mel band levels in dB. Returns its onset strength (0 for the
    // first frame).
    float process(std::span<const float> bandLevelsDb);
    // Evaluates the last frames still waiting for their look-ahead.
    void finish();

    long long frames() const { return m_frames; }
    long long onsets() const { return m_onsets; }
    double onsetRate() const; // per second

private:
    static constexpr int kHalfWindow = 3;   // frames each side of a peak
    static constexpr int kMeanWindow = 16;  // frames before a peak for the local mean
    static constexpr int kRing = 32;        // > kMeanWindow + 2 * kHalfWindow + 1
    void pick(long long index);
    float at(long long index) const { return m_ring[std::size_t(index % kRing)]; }

    int m_bands;
    double m_frameRate;
    float m_dynamicRange;
    float m_threshold;
    std::vector<float> m_previous;
    float m_loudest;
    std::vector<float> m_ring; // the last kRing onset strengths
    long long m_frames = 0;
    long long m_picked = 0;    // frames evaluated by the peak picker
    long long m_onsets = 0;
};

} // namespace bytewave
