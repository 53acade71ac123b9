#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace bytewave {

// Integrated loudness and loudness range of a whole programme, streamed.
//
// Method: ITU-R BS.1770-4 and EBU R128.
// - K-weighting: the two BS.1770 biquads (a +4 dB high shelf near 1.7 kHz modelling the head,
//   and the RLB high-pass near 38 Hz), with coefficients computed for the actual sample rate
//   from the analogue prototype's f0/gain/Q (the derivation libebur128 and pyloudnorm use; at
//   48 kHz it reproduces the table in BS.1770-4 to 1e-8).
// - Integrated loudness (LUFS): mean square per channel over 400 ms blocks with 75 % overlap
//   (100 ms steps), channel weights 1.0 for L and R, L_K = -0.691 + 10 log10(sum),
//   absolute gate -70 LUFS, relative gate -10 LU below the ungated mean of what passes the
//   absolute gate. A full-scale 997 Hz sine in one channel reads -3.01 LUFS.
// - Loudness range (LU): EBU Tech 3342: short-term loudness (3 s windows, every 100 ms),
//   absolute gate -70 LUFS, relative gate -20 LU, LRA = 95th minus 10th percentile.
//
// Memory is constant: block loudness values go into 0.01 LU histograms (count and energy per
// bin, like libebur128's histogram mode) instead of a list that would grow with the track, so
// gating decisions are exact to 0.01 LU.
//
// Channels: 1 or 2 (the decoder folds surround to stereo, see AudioDecoder). For a 5.1 file this
// is not BS.1770's surround measurement (which weights the rear channels by +1.5 dB and leaves
// out the LFE) but the loudness of a stereo down-mix, which is what a player with stereo outputs
// (the Pi's HDMI, jack or USB DAC) lets the listener hear, and so what volume normalisation
// should match.
class LoudnessMeter
{
public:
    static constexpr double kAbsoluteGateLufs = -70.0;
    // What integratedLufs() reports when no block passes the absolute gate (silence, or a
    // programme shorter than one 400 ms block): the gate itself, a finite "quieter than this".
    static constexpr double kFloorLufs = kAbsoluteGateLufs;

    struct Biquad
    {
        double b0, b1, b2, a1, a2; // a0 normalised to 1
    };

    // sampleRate: Hz, 8000 to 384000. Throws std::invalid_argument otherwise.
    explicit LoudnessMeter(double sampleRate);

    // Starts a new programme with channels interleaved channels (1 or 2; throws otherwise).
    void reset(int channels);
    // Interleaved samples, full scale = 1.0. Any length; need not be whole blocks.
    void process(std::span<const float> interleaved);

    double integratedLufs() const;   // LUFS, >= kFloorLufs
    double loudnessRangeLu() const;  // LU, >= 0; 0 when under 3 s or nothing passes the gates

    const Biquad &shelf() const { return m_shelf; }
    const Biquad &highPass() const { return m_highPass; }
    static Biquad shelfFor(double sampleRate);
    static Biquad highPassFor(double sampleRate);

    // Filter memory of one channel (direct form I): shelf input/output, high-pass input/output.
    struct ChannelState
    {
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        double z1 = 0, z2 = 0, w1 = 0, w2 = 0;
    };

private:
    class Histogram
    {
    public:
        static constexpr double kMin = kAbsoluteGateLufs; // lower edge of bin 0
        static constexpr double kStep = 0.01;             // LU per bin
        static constexpr int kBins = 8000;                // up to +10 LUFS
        Histogram();
        void clear();
        void add(double energy);
        // Power mean of the energies of blocks louder than gateLufs, as LUFS; NaN if none.
        double gatedLoudness(double gateLufs) const;
        // The p-quantile (0..1) of block loudness over blocks louder than gateLufs.
        double quantile(double gateLufs, double p) const;
        std::int64_t total() const { return m_total; }

    private:
        int binFor(double lufs) const;
        std::vector<std::uint32_t> m_count;
        std::vector<double> m_energy;
        std::int64_t m_total = 0;
    };

    void endSubBlock();

    double m_sampleRate;
    int m_subBlockLength;                  // samples per 100 ms step
    Biquad m_shelf;
    Biquad m_highPass;
    int m_channels = 1;
    std::array<ChannelState, 2> m_state{};
    double m_subBlockEnergy = 0;           // sum of squares in the current step, all channels
    int m_subBlockFill = 0;
    std::array<double, 30> m_recent{};     // the last 30 steps' mean squares (3 s), ring buffer
    std::int64_t m_steps = 0;
    Histogram m_momentary;                 // 400 ms blocks, for integrated loudness
    Histogram m_shortTerm;                 // 3 s blocks, for loudness range
};

} // namespace bytewave
