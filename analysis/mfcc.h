#pragma once

#include "analysis/runningstats.h"

#include <span>
#include <vector>

namespace bytewave {

// Mel-frequency cepstral coefficients: the shape of the spectral envelope (timbre).
//
// Method (Davis & Mermelstein 1980; the common librosa/Slaney variant): mel band levels in dB
// (MelSpectrum's powers, converted and floored by the caller so silence stays finite), then an
// orthonormal DCT-II. Coefficient 0 is the mean band level (scaled by sqrt(bands)); 1..12
// describe the envelope's slope, curvature and finer ripples. Units: dB-scaled cepstral
// coefficients. Mean and spread (standard deviation) per coefficient over the frames given.
class Mfcc
{
public:
    // bands: mel bands in each input frame (>= 2); coefficients: 1..bands.
    // Throws std::invalid_argument otherwise.
    Mfcc(int bands, int coefficients);

    void reset();
    // bandLevelsDb: bands() values in dB. Adds one frame to the statistics.
    void process(std::span<const float> bandLevelsDb);

    int coefficients() const { return m_coefficients; }
    double mean(int i) const { return m_stats[std::size_t(i)].mean(); }
    double stddev(int i) const { return m_stats[std::size_t(i)].stddev(); }
    std::span<const float> lastFrame() const { return m_frame; }
    long long frames() const { return m_stats.empty() ? 0 : m_stats.front().count(); }

private:
    int m_bands;
    int m_coefficients;
    std::vector<float> m_dct;    // coefficients x bands, row-major
    std::vector<float> m_frame;
    std::vector<RunningStats> m_stats;
};

} // namespace bytewave
