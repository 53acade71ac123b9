#pragma once

#include <span>
#include <vector>

namespace bytewave {

// Global tempo (BPM) of a programme from its onset strength envelope, streamed.
//
// Method: Ellis (2007), "Beat tracking by dynamic programming", J. New Music Research 36(1),
// section 3.1 (the "tempo period strength" estimate, not the beat tracker):
// 1. The onset envelope (OnsetDetector; Ellis uses the flux of mel band levels in dB, ByteWave
//    the flux of band loudness, which keeps metrical accents) is high-pass filtered to remove its slowly varying
//    level (Ellis's [1 -1]/[1 -0.99] filter at 250 frames/s, i.e. a 0.4 s time constant,
//    converted to our frame rate).
// 2. Its autocorrelation R(l), l = 0..kMaxLag frames, is accumulated over the whole programme
//    in constant memory (one multiply-add per lag per frame).
// 3. A perceptual prior weights it: TPS(l) = W(l) R(l), W a Gaussian in log2 tempo centred on
//    120 BPM (0.5 s, the "preferred tempo" of van Noorden & Moelants 1999 that Ellis also uses)
//    with a standard deviation of kPriorOctaves. The prior only breaks near-ties between
//    metrical levels; the periodicity itself decides.
// 4. Octave resolution as Ellis: TPS2(l) = TPS(l) + 0.5 (0.5 TPS(2l-1) + TPS(2l) +
//    0.5 TPS(2l+1)) and TPS3(l) = TPS(l) + 0.33 (TPS(3l-1) + TPS(3l) + TPS(3l+1)) reward a
//    period whose duple or triple grouping is also periodic; the period with the largest
//    TPS2 or TPS3 within [minBpm, maxBpm] is the beat.
// 5. ByteWave addition, for precision at a coarse frame rate (43 frames/s = 23 ms): the period
//    is refined to a fraction of a frame by a least-squares fit through the parabolically
//    interpolated autocorrelation peaks at its multiples (k l, k = 1, 2, ...).
//
// Outputs: tempo in BPM (0 when there is no periodicity: silence, a steady tone, or a programme
// shorter than twice the slowest period), pulse clarity (0..1: R at the beat period over R(0),
// "MaxAutocor" of Lartillot et al. 2008, how clearly periodic the onsets are), and a
// confidence (0..1): sqrt(pulse clarity x decisiveness), where decisiveness = 1 - S2/S1 for the
// winning score S1 and the best competing period S2 more than 4 % away (octaves included), so
// it is low both for music without a clear pulse and for an even octave ambiguity.
class TempoEstimator
{
public:
    static constexpr int kMaxLag = 256;          // frames (6 s at 43 frames/s)
    static constexpr double kPriorBpm = 120.0;
    static constexpr double kPriorOctaves = 1.4;
    // Below this RMS of the filtered onset envelope (relative loudness change per frame, see
    // OnsetDetector) the sound is steady: there is no pulse at all.
    static constexpr double kMinOnsetRms = 1e-3;

    struct Result
    {
        double bpm = 0;
        double confidence = 0;
        double pulseClarity = 0;
    };

    // frameRate: onset frames per second, 10..1000; minBpm/maxBpm: the range the beat is
    // searched in, 20 <= minBpm < maxBpm <= 400, with 3 x the slowest period within kMaxLag.
    // Throws std::invalid_argument otherwise.
    TempoEstimator(double frameRate, double minBpm, double maxBpm);

    void reset();
    void process(float onsetStrength);
    Result finish() const;

    // The accumulated autocorrelation (for tests and plots).
    std::span<const double> autocorrelation() const { return m_acf; }

private:
    double m_frameRate;
    double m_minBpm;
    double m_maxBpm;
    double m_highPassPole;
    double m_previousInput = 0;
    double m_previousOutput = 0;
    std::vector<float> m_history; // the last kMaxLag+1 filtered values, written twice
    int m_head = 0;
    long long m_frames = 0;
    std::vector<double> m_acf;
};

} // namespace bytewave
