#pragma once

#include "analysis/runningstats.h"

#include <span>
#include <vector>

namespace bytewave {

// RMS energy of a mono signal: its level over short frames (mean and spread, in dBFS) and over
// the whole programme (for the crest factor).
//
// Frames are frameLength samples long, taken every hopLength samples (ByteWave: 2048 and 512 at
// 22,050 Hz, i.e. 93 ms frames every 23 ms, the same grid as the STFT). Frame level is
// 20 log10(RMS), floored at kFloorDb so digital silence is a finite "very quiet". The spread is
// the standard deviation of the frame levels in dB: a compressed master has little, a piece with
// quiet verses and loud choruses much.
class EnergyMeter
{
public:
    static constexpr double kFloorDb = -90.0; // dBFS

    // hopLength >= 1 sample, frameLength a positive multiple of hopLength (samples).
    // Throws std::invalid_argument otherwise.
    EnergyMeter(int frameLength, int hopLength);

    void reset();
    void process(std::span<const float> mono);

    double frameLevelMeanDb() const { return m_frames.count() ? m_frames.mean() : kFloorDb; }
    double frameLevelStdDb() const { return m_frames.stddev(); }
    double overallRmsDb() const;         // 20 log10 of the whole programme's RMS, >= kFloorDb
    double overallMeanSquare() const { return m_samples ? m_sumSquares / double(m_samples) : 0.0; }

private:
    int m_hop;
    int m_hopsPerFrame;
    std::vector<double> m_hopEnergy; // ring buffer of the last hopsPerFrame hop energies
    double m_current = 0;            // sum of squares in the hop being filled
    int m_fill = 0;
    long long m_hops = 0;
    double m_sumSquares = 0;
    long long m_samples = 0;
    RunningStats m_frames;
};

} // namespace bytewave
