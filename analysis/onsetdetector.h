#pragma once

#include "analysis/runningstats.h"

#include <span>
#include <vector>

namespace bytewave {

// Onset strength and onset rate from a stream of mel spectra.
//
// Onset strength: band-wise spectral flux of perceived loudness. Each mel band's power is
// compressed to a loudness with Stevens' power law (L = P^0.3; Stevens 1957, the exponent
// behind the sone scale), the half-wave rectified frame-to-frame increase is averaged over the
// bands (the flux of Ellis 2007 / Klapuri et al. 2006, who likewise compress band energies before
// differencing), and divided by a reference loudness: the loudest band-mean loudness of recent
// frames (instant attack, released with a kReferenceSeconds time constant). Units: loudness rise
// per frame relative to the recent peak (0.5 = the bands rose by half the loudest recent level).
//
// Why loudness rather than dB: in dB, any sound that follows silence rises by the whole dynamic
// range, so a soft off-beat after a gap looks as strong as the downbeat and metrical accents
// vanish. Loudness keeps a soft note soft; dividing by the recent peak level keeps a quiet intro
// and a loud chorus on the same scale without undoing accents within a few bars.
//
// Onsets (for the onset rate) are peaks picked as in Dixon (2006, "Onset detection revisited"):
// the maximum within +-3 frames (+-70 ms at 43 frames/s), at least thresholdStd standard
// deviations (of the strength so far) above the mean of the surrounding [-9, +3] frames, and at
// least kMinimumRise. Onset rate = onsets per second.
class OnsetDetector
{
public:
    static constexpr float kLoudnessExponent = 0.3f;
    static constexpr double kReferenceSeconds = 10.0;
    static constexpr float kMinimumRise = 0.02f;
    // Band groups for the band-split envelopes (the tempo's metrical-level evidence): low
    // (kick drum, bass: centres below kLowMaxHz), mid (snare body, voices, chords) and high
    // (hi-hats, cymbals, shakers: above kHighMinHz).
    static constexpr int kGroups = 3;
    static constexpr double kLowMaxHz = 200.0;
    static constexpr double kHighMinHz = 4000.0;
    // The kick drum's bands (centres below this), for the tempo's backbeat evidence: below a
    // snare's shell (150-250 Hz), which the low group's upper band also hears.
    static constexpr double kKickMaxHz = 150.0;

    // bands: mel bands per frame (>= 1); frameRate: frames per second (> 0);
    // thresholdStd: >= 0. Throws std::invalid_argument otherwise.
    OnsetDetector(int bands, double frameRate, double thresholdStd);

    // Assigns each band to a group by its centre frequency (Hz); without it every band is
    // "mid". centresHz.size() must equal bands.
    void setBandCentres(std::span<const double> centresHz);

    void reset();
    // bandLevelsDb: this frame's mel band levels in dB (power, 0 dB = full-scale sine bin).
    // Returns its onset strength (0 for the first frame and in silence).
    float process(std::span<const float> bandLevelsDb);
    // Evaluates the last frames still waiting for their look-ahead.
    void finish();

    // The last frame's onset strength per group: the same measure as process() returns, over
    // the group's bands only (0 for an empty group).
    std::span<const float> groupStrengths() const { return m_groupStrength; }
    // The same over the kick drum's bands (below kKickMaxHz; 0 without setBandCentres()).
    float kickStrength() const { return m_kickStrength; }

    long long frames() const { return m_frames; }
    long long onsets() const { return m_onsets; }

private:
    static constexpr int kHalfWindow = 3;   // frames each side of a peak
    static constexpr int kMeanBefore = 9;   // frames before a peak in the local mean
    static constexpr int kRing = 32;        // > kMeanBefore + 2 * kHalfWindow + 1
    void pick(long long index);
    float at(long long index) const { return m_ring[std::size_t(index % kRing)]; }

    int m_bands;
    double m_frameRate;
    float m_thresholdStd;
    float m_referenceDecay;    // per-frame release of the reference loudness
    std::vector<float> m_previous;
    std::vector<int> m_group;             // group of each band
    std::vector<int> m_groupBands;        // bands per group
    std::vector<float> m_groupRise;       // scratch
    std::vector<float> m_groupStrength;
    std::vector<char> m_kick;             // whether each band is a kick band
    int m_kickBands = 0;
    float m_kickStrength = 0;
    double m_reference = 0;
    std::vector<float> m_ring; // the last kRing onset strengths
    RunningStats m_stats;
    long long m_frames = 0;
    long long m_picked = 0;
    long long m_onsets = 0;
};

} // namespace bytewave
