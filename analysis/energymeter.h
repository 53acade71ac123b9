#pragma once

#include "analysis/runningstats.h"

#include <span>
#include <vector>

namespace bytewave {

// RMS energy of a mono signal: its level over short frames, mean and spread, in dBFS.
//
// Frames are frameLength samples long, taken every hopLength samples (ByteWave: 2048 and 512 at
// 22,050 Hz, i.e. 93 ms frames every 23 ms, the same grid as the STFT). Frame level is
// 20 log10(RMS). The spread is the standard deviation of the frame levels in dB: a compressed
// master has little, a piece with quiet verses and loud choruses much. Silent frames
// (dsp::kSilentMeanSquare, -80 dBFS RMS: digital silence, dither, the end of a fade) are left
// out, as the extractor leaves them out of the spectral statistics: a track's lead-in, run-out
// or gaps say nothing about its dynamics, and at a floor of -90 dB a few seconds of them would
// decide the spread.
class EnergyMeter
{
public:
    static constexpr double kFloorDb = -90.0; // dBFS, the level when no frame counts

    // hopLength >= 1 sample, frameLength a positive multiple of hopLength (samples).
    // Throws std::invalid_argument otherwise.
    EnergyMeter(int frameLength, int hopLength);

    void reset();
    void process(std::span<const float> mono);

    double frameLevelMeanDb() const { return m_frames.count() ? m_frames.mean() : kFloorDb; }
    double frameLevelStdDb() const { return m_frames.stddev(); }

private:
    int m_hop;
    int m_hopsPerFrame;
    std::vector<double> m_hopEnergy; // ring buffer of the last hopsPerFrame hop energies
    double m_current = 0;            // sum of squares in the hop being filled
    int m_fill = 0;
    long long m_hops = 0;
    RunningStats m_frames;
};

} // namespace bytewave
