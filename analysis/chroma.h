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

    int m_firstBin;
    int m_lastBin;
    float m_peakRange;               // linear magnitude ratio
    // Per bin from m_firstBin: the pitch class position (0..12), semitones per bin.
    std::vector<float> m_pitchClass;
    std::vector<float> m_slope;
    // One frame's scratch, sized once (a peak in every bin, rounded up to vectors of four): the
    // peaks' bins; each peak's magnitude and its neighbours', its table entries; its nearest and
    // neighbouring pitch class and its weighted power for each.
    std::vector<int> m_peaks;
    std::vector<float> m_left, m_centre, m_right, m_position, m_step;
    std::vector<int> m_class;
    std::vector<int> m_neighbour;
    std::vector<float> m_classWeight;
    std::vector<float> m_neighbourWeight;
    std::array<double, 12> m_sum{};
    std::array<float, 12> m_frame{};
    long long m_frames = 0;
};

} // namespace bytewave
