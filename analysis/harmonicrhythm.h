#pragma once

#include <array>
#include <vector>

namespace bytewave {

// Harmonic rhythm: the period (seconds) at which a programme's harmony changes, from its chroma
// frames, streamed in constant memory. TempoEstimator uses it as evidence of the bar (its 4d).
//
// Method: chord changes are where the pitch-class content before a moment differs from the
// content after it (Foote 2000, "Automatic audio segmentation using a measure of audio
// novelty", with a checkerboard kernel reduced to its two halves; Harte, Sandler & Gasser 2006,
// "Detecting harmonic change in musical audio", likewise measure change between smoothed
// chroma frames):
// 1. Novelty at each frame: 1 - the cosine similarity of the mean chroma over the kHalfWindowS
//    before it and the mean over the kHalfWindowS from it. Averaging over half a second leaves
//    out single melody notes and drum hits, whose pitch classes come and go within it.
// 2. Its autocorrelation (mean removed, over R(0)) at lags up to kMaxPeriodS, accumulated as the
//    frames arrive.
// 3. The period is the shortest lag from kMinPeriodS whose autocorrelation peak stands
//    kSignificance standard errors above the chance level of a novelty without periodicity
//    (Bartlett's formula, as TempoEstimator's step 6; a regular-looking period over a few chord
//    changes is not enough) and reaches kFundamental of the highest peak (a period also repeats at its
//    multiples, so the highest peak can be two bars or the whole progression; as a pitch
//    detector takes the first strong peak, not the highest), located to a fraction of a frame
//    by a parabola. At most half the programme is searched, so the period recurs at least twice.
//
// Output: the period in seconds, 0 when there is none: steady harmony (a drone, one chord
// throughout), no pitched content, harmony that changes without a regular period, or too short
// a programme.
class HarmonicRhythm
{
public:
    static constexpr double kHalfWindowS = 0.5;
    static constexpr double kMinPeriodS = 0.8;
    static constexpr double kMaxPeriodS = 8.0;
    static constexpr double kSignificance = 3.0; // standard errors, as TempoEstimator's
    static constexpr double kFundamental = 0.8;

    // frameRate: chroma frames per second, 2..100. Throws std::invalid_argument otherwise.
    explicit HarmonicRhythm(double frameRate);

    void reset();
    // One chroma frame (any scale; all zeros: no pitched content, e.g. silence).
    void process(const std::array<float, 12> &chroma);
    double periodSeconds() const;

private:
    using Frame = std::array<float, 12>;
    void accumulate(double novelty);

    double m_frameRate;
    int m_half;   // frames per half window
    int m_maxLag; // frames
    std::vector<Frame> m_frames; // the last 2 * m_half chroma frames (ring)
    long long m_chromaFrames = 0;

    // Novelty autocorrelation: sum of x[t] x[t-l], and what the mean removal needs (the sums of
    // the first and last m_maxLag values).
    std::vector<double> m_products;
    std::vector<double> m_history; // the last m_maxLag + 1 novelty values (ring, newest at m_head)
    std::vector<double> m_first;   // the first m_maxLag novelty values (reserved in reset())
    int m_head = 0;
    long long m_count = 0;
    double m_sum = 0;
};

} // namespace bytewave
