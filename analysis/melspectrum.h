#pragma once

#include <span>
#include <vector>

namespace bytewave {

// A mel-spaced triangular filterbank applied to a power spectrum.
//
// Mel scale: Slaney's (Auditory Toolbox; librosa's default): linear below 1 kHz (3 bands per
// 200 Hz), logarithmic above. Bands overlap by half; each triangle's weights sum to 1, so a band
// value is the weighted mean power of its bins (white noise gives equal values in every band,
// which makes band flatness and MFCCs level- and bandwidth-neutral).
//
// Input: a power spectrum of fftSize/2 + 1 bins. Output: bands() values in the input's units.
class MelSpectrum
{
public:
    // sampleRate: Hz (> 0); fftSize: samples (>= 16); bands: >= 2;
    // 0 <= minHz < maxHz <= sampleRate / 2. Throws std::invalid_argument otherwise.
    MelSpectrum(double sampleRate, int fftSize, int bands, double minHz, double maxHz);

    // power: fftSize/2 + 1 bins. Returns the band values (valid until the next call).
    std::span<const float> compute(std::span<const float> power);

    int bands() const { return m_bands; }
    double centreHz(int band) const { return m_centres[std::size_t(band)]; }

    static double hzToMel(double hz);
    static double melToHz(double mel);

private:
    // Band b's weights apply to bins m_first[b] .. m_first[b] + m_length[b] - 1 and are stored
    // contiguously from m_offset[b]: a dense dot product per band, which vectorises.
    int m_bands;
    std::vector<int> m_first;
    std::vector<int> m_length;
    std::vector<int> m_offset;
    std::vector<float> m_weights;
    std::vector<double> m_centres;
    std::vector<float> m_out;
};

} // namespace bytewave
