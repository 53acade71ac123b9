#pragma once

#include <algorithm>
#include <array>
#include <span>
#include <vector>

namespace bytewave {

// A 12-bin chroma (pitch-class profile), averaged over a programme.
//
// Method: a Harmonic Pitch Class Profile after Gómez (2006, "Tonal description of music audio
// signals"), without the harmonic-summation step: per frame, the local maxima of the magnitude
// spectrum between minHz and maxHz that are within peakRangeDb of the frame's strongest peak
// are located to a fraction of a bin by parabolic interpolation; each adds its power to the
// pitch classes within 2/3 of a semitone of it with a cos^2 weight (Gómez's 4/3-semitone
// window). Pitch classes assume A = referenceHz (440 Hz) tuning. Each frame's profile is
// normalised to a maximum of 1 before averaging, so loud and quiet passages count alike.
//
// Output: 12 values, index 0 = C ... 11 = B, normalised so the largest is 1 (all 0 when no
// frame had a peak).
class Chroma
{
public:
    // sampleRate: Hz; fftSize: samples (>= 16); 0 < minHz < maxHz <= sampleRate/2;
    // referenceHz: tuning of A4, 400..480 Hz; peakRangeDb: > 0 dB.
    // Throws std::invalid_argument otherwise.
    Chroma(double sampleRate, int fftSize, double minHz, double maxHz, double referenceHz,
           double peakRangeDb);

    void reset();
    void process(std::span<const float> magnitude);

    std::array<float, 12> profile() const;
    // The last processed frame's profile, normalised to a maximum of 1 (all 0 without a peak).
    const std::array<float, 12> &frame() const { return m_frame; }
    long long frames() const { return m_frames; }

private:
    static constexpr float kHalfWindow = 2.0f / 3.0f; // semitones each side of a peak
    static constexpr int kWeightTable = 65;
    // 0 .. kHalfWindow semitones -> cos^2 weight. Inline: it runs twice per spectral peak.
    float weight(float distance) const
    {
        const float x = distance * (float(kWeightTable - 1) / kHalfWindow);
        const int i = std::min(int(x), kWeightTable - 2);
        const float t = x - float(i);
        return m_weights[std::size_t(i)] + t * (m_weights[std::size_t(i) + 1] - m_weights[std::size_t(i)]);
    }

    int m_firstBin;
    int m_lastBin;
    float m_peakRange;               // linear magnitude ratio
    std::vector<float> m_pitchClass; // per bin: pitch class position, 0..12
    std::vector<float> m_slope;      // per bin: semitones per bin
    std::vector<int> m_peaks;        // one frame's peak bins (scratch, sized once)
    std::array<float, kWeightTable> m_weights{};
    std::array<double, 12> m_sum{};
    std::array<float, 12> m_frame{};
    long long m_frames = 0;
};

} // namespace bytewave
