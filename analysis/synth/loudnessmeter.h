#pragma once

// Integrated loudness per ITU-R BS.1770-4 / EBU R128: K-weighting (a high-shelf "pre-filter"
// plus the RLB high-pass, coefficients re-derived for any sample rate as in libebur128), mean
// square over 400 ms blocks with 75 % overlap, an absolute gate at −70 LUFS and a relative gate
// 10 LU below the ungated mean. Channels are weighted 1.0 (left, right, mono).
//
// Input: interleaved float PCM, full scale ±1. Output in LUFS; −inf for silence or input shorter
// than one block is reported as kSilence (−200) so callers never see NaN or Inf.
// Used by the demo generator to scale each mix to its target; deterministic (det:: maths).

#include <span>
#include <vector>

namespace bytewave::synth {

class LoudnessMeter
{
public:
    static constexpr double kSilence = -200.0;

    static double integratedLufs(std::span<const float> interleaved, int channels, int sampleRate);

    // The two halves of integratedLufs, for callers that try many gains on one signal: the
    // K-weighted power per frame (summed over channels), and the gated loudness of that power
    // with an optional per-frame linear gain applied (gain[i]² scales power[i]). A slowly varying
    // gain (such as a limiter's) commutes with the K-filter to well under 0.1 LU.
    static std::vector<float> weightedPower(std::span<const float> interleaved, int channels,
                                            int sampleRate);
    static double integratedFromPower(std::span<const float> power, int sampleRate,
                                      std::span<const float> gain = {});
};

// A look-ahead brick-wall peak limiter, applied offline to a whole buffer: the gain needed at
// each sample is spread backwards over a 5 ms ramp (a sliding minimum followed by a moving
// average, which can only lower the gain further), then released exponentially. The output never
// exceeds the ceiling, and no gain change is faster than the ramp, so there is no clicking.
class PeakLimiter
{
public:
    // ceiling: linear peak (e.g. 0.891 = −1 dBFS). release in seconds.
    static void process(std::span<float> interleaved, int channels, int sampleRate, float ceiling,
                        double release = 0.12);

    // The gain curve process() would apply to a signal whose per-frame peak (max |sample| over
    // channels) is peaks[i]·scale.
    static std::vector<float> gainCurve(std::span<const float> peaks, float scale, int sampleRate,
                                        float ceiling, double release = 0.12);
    static std::vector<float> framePeaks(std::span<const float> interleaved, int channels);
};

} // namespace bytewave::synth
