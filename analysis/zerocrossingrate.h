#pragma once

#include "analysis/runningstats.h"

#include <span>

namespace bytewave {

// Zero-crossing rate of a mono signal: the fraction of consecutive sample pairs whose signs
// differ, per frame of frameLength samples taken every frameLength samples (no overlap needed:
// the count is additive). Unitless, 0..1; a sine of frequency f at rate fs gives 2 f / fs, white
// noise about 0.5. A crossing is a change between negative and non-negative samples.
// Mean and spread (standard deviation) over frames. Silent frames (dsp::kSilentMeanSquare) are
// left out, as EnergyMeter leaves them out: dither in a track's silent tail crosses zero at every
// other sample (0.5, like noise) and would say more about the tail's length than the music.
// No frame loud enough: mean and spread 0.
class ZeroCrossingRate
{
public:
    // frameLength: samples per frame, >= 2. Throws std::invalid_argument otherwise.
    explicit ZeroCrossingRate(int frameLength);
    void reset();
    void process(std::span<const float> mono);
    double mean() const { return m_frames.mean(); }
    double stddev() const { return m_frames.stddev(); }

private:
    int m_frameLength;
    int m_fill = 0;
    int m_crossings = 0;
    double m_sumSquares = 0; // of the frame being filled
    bool m_previousNegative = false;
    bool m_havePrevious = false;
    RunningStats m_frames;
};

} // namespace bytewave
