#pragma once

#include "analysis/chroma.h"
#include "analysis/energymeter.h"
#include "analysis/featurevector.h"
#include "analysis/harmonicrhythm.h"
#include "analysis/loudnessmeter.h"
#include "analysis/melspectrum.h"
#include "analysis/mfcc.h"
#include "analysis/noiseonset.h"
#include "analysis/onsetdetector.h"
#include "analysis/peakmeter.h"
#include "analysis/realfft.h"
#include "analysis/spectralshape.h"
#include "analysis/tempoestimator.h"
#include "analysis/zerocrossingrate.h"

#include <QString>

#include <span>
#include <vector>

namespace bytewave {

// Computes a FeatureVector from a stream of 22,050 Hz PCM in one pass.
//
// Time-domain meters (loudness, peak) see the interleaved mono or stereo signal; everything else
// sees its mono fold-down (channel mean). One STFT (Hann window, kFrameSize samples = 93 ms,
// hop kHopSize = 23 ms, 43.07 frames/s, one FFTW plan made at construction) feeds the mel
// spectrum, MFCCs, spectral shape, chroma and the onset envelope that tempo and onset rate come
// from. Frames quieter than -80 dBFS RMS count as silence and are left out of the spectral
// statistics (silence has no timbre), so gaps between movements do not drag the means. MFCC
// and spectral-shape statistics use every 2nd frame and chroma every 4th (see kSummaryStride,
// kChromaStride); the onset envelope uses every frame.
//
// Memory is fixed at construction and nothing is allocated in process(); one extractor per
// worker thread, reused for every track via reset().
//
// energy (0..1) is a display heuristic for "how intense it sounds", documented here because it
// is not a published measure: 0.5 x loudness score (-35 LUFS -> 0, -5 LUFS -> 1) + 0.25 x
// onset density score (0 -> 0, 8 onsets/s -> 1) + 0.25 x brightness score (log2 of the
// centroid from 250 Hz -> 0 to 4 kHz -> 1), each clamped to 0..1. The taste engine does not use
// it (it uses the similarity vector); the UI shows it.
class FeatureExtractor
{
public:
    static constexpr int kSampleRate = 22050;    // Hz
    static constexpr int kFrameSize = 2048;      // samples
    static constexpr int kHopSize = 512;         // samples
    static constexpr int kMelBands = 40;
    static constexpr double kMelMinHz = 30.0;
    static constexpr double kMelMaxHz = 10500.0; // below the resampler's transition band
    static constexpr double kMinDurationS = 1.0; // shorter programmes are reported as too short
    static constexpr double kFrameRate = double(kSampleRate) / kHopSize;

    struct Result
    {
        FeatureVector features;
        QString error; // empty when the features are valid
        bool ok() const { return error.isEmpty(); }
    };

    FeatureExtractor();
    FeatureExtractor(const FeatureExtractor &) = delete;
    FeatureExtractor &operator=(const FeatureExtractor &) = delete;

    // Starts a new programme of channels (1 or 2) interleaved channels.
    void reset(int channels);
    // Interleaved samples at kSampleRate, full scale = 1.0; any length.
    void process(std::span<const float> interleaved);
    // Completes the analysis. Call once per reset().
    Result finish();

    double seconds() const { return double(m_frames) / kSampleRate; }

private:
    static constexpr int kChunk = 4096; // frames processed at a time (bounds the mono buffer)
    // MFCC and spectral-shape statistics from every 2nd frame (21.5 frames/s, still ~5,000 for
    // a 4-minute track): they are per-track means and spreads, which the frames of a 46 ms grid
    // estimate as well as those of a 23 ms one (measured on demo tracks: changes in the third
    // significant digit at most), and they cost about a quarter of the per-frame work. Flux
    // stays the change over one hop: the skipped frame is remembered as its predecessor. The
    // onset envelope (tempo, onset rate) needs every frame and keeps it.
    static constexpr int kSummaryStride = 2;
    // Chroma from every 4th frame (10.8 frames/s, the rate of Essentia's key extractor): a key
    // summarises minutes, and the peak search is the costliest per-frame step.
    static constexpr int kChromaStride = 4;
    void processChunk(std::span<const float> interleaved);
    void analyseFrame();

    int m_channels = 1;
    long long m_frames = 0;
    double m_sumSquares = 0; // of every sample of every channel: the crest factor's RMS

    RealFft m_fft;
    std::vector<float> m_window;
    std::vector<float> m_ring;      // the last kFrameSize mono samples
    int m_ringPos = 0;              // next write position
    int m_sinceFrame = 0;           // samples since the last STFT frame
    long long m_monoSamples = 0;
    long long m_stftFrames = 0;
    std::vector<float> m_mono;      // one chunk's fold-down
    std::vector<float> m_power;     // normalised: a full-scale sine's peak bin is 1.0
    std::vector<float> m_melDb;

    LoudnessMeter m_loudness;
    PeakMeter m_peak;
    EnergyMeter m_energy;
    ZeroCrossingRate m_zcr;
    MelSpectrum m_mel;
    Mfcc m_mfcc;
    SpectralShape m_shape;
    Chroma m_chroma;
    HarmonicRhythm m_harmony; // fed the chroma frames, for the tempo's bar evidence
    OnsetDetector m_onset;
    NoiseOnset m_noiseOnset;  // the snare band's noise, for the tempo's backbeat evidence
    TempoEstimator m_tempo;
};

} // namespace bytewave
