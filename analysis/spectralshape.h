#pragma once

#include "analysis/runningstats.h"

#include <span>
#include <vector>

namespace bytewave {

// Spectral shape descriptors per STFT frame, with mean and spread (standard deviation) over the
// frames given. Definitions follow Peeters (2004, "A large set of audio features", CUIDADO) and
// Tzanetakis & Cook (2002):
// - centroid (Hz): magnitude-weighted mean frequency ("brightness"). A sine gives its frequency.
// - roll-off (Hz): the frequency below which rollOffFraction (0.85) of the power lies. White
//   noise gives 85 % of the Nyquist frequency.
// - flatness (0..1): geometric over arithmetic mean of the mel band powers (a band-wise
//   spectral flatness, like MPEG-7's ASF). Per-bin flatness of white noise is only e^-gamma =
//   0.56 because each bin's power is exponentially distributed; averaging within bands removes
//   that bias, so white noise reads close to 1 and a pure tone close to 0.
// - flux (0..sqrt 2): Euclidean distance between consecutive frames' L2-normalised magnitude
//   spectra: how fast the spectrum changes, independent of level.
//
// The caller passes only audible frames (silence has no shape); flux restarts after a gap.
class SpectralShape
{
public:
    // sampleRate: Hz (> 0); fftSize: samples (>= 16); rollOffFraction: (0, 1).
    // Throws std::invalid_argument otherwise.
    SpectralShape(double sampleRate, int fftSize, double rollOffFraction);

    void reset();
    // magnitude, power: fftSize/2 + 1 bins of the same frame; melBands: that frame's mel band
    // powers (see MelSpectrum). melBandsDb, if given: the same bands as 10 log10(max(power,
    // 1e-12)), which the caller has anyway (MFCC, onsets); it spares the flatness a logarithm
    // per band.
    void process(std::span<const float> magnitude, std::span<const float> power,
                 std::span<const float> melBands, std::span<const float> melBandsDb = {});
    // A frame left out of the statistics (see FeatureExtractor's summary stride) that still is
    // the next frame's predecessor for flux, so flux keeps meaning "change over one hop".
    // powerSum: the sum of power (= the squared L2 norm of magnitude).
    void remember(std::span<const float> magnitude, double powerSum);
    // Marks a gap (silent frames): the next frame has no predecessor for flux.
    void gap() { m_havePrevious = false; }
    // Room for the next frame's magnitude (fftSize/2 + 1 bins). A magnitude written here and
    // passed to process() or remember() is kept as the predecessor by swapping buffers instead
    // of copying 1025 values a frame; the caller's span stays readable until the next call.
    std::span<float> magnitudeBuffer() { return m_next; }

    const RunningStats &centroidHz() const { return m_centroid; }
    const RunningStats &rollOffHz() const { return m_rollOff; }
    const RunningStats &flatness() const { return m_flatness; }
    const RunningStats &flux() const { return m_flux; }

private:
    void keep(std::span<const float> magnitude);

    double m_binHz;
    double m_rollOffFraction;
    std::vector<float> m_previous;
    std::vector<float> m_next;     // see magnitudeBuffer()
    std::vector<float> m_binIndex; // 0, 1, 2, ... for the centroid's weighted sum
    double m_previousNorm = 0;
    bool m_havePrevious = false;
    RunningStats m_centroid;
    RunningStats m_rollOff;
    RunningStats m_flatness;
    RunningStats m_flux;
};

} // namespace bytewave
