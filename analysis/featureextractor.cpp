#include "analysis/featureextractor.h"

#include "analysis/dsputil.h"
#include "analysis/keyestimator.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace bytewave {

namespace {
// Sum of normalised one-sided power over a Hann frame is about 3 x the frame's mean square
// (Parseval with the window's energy 3N/8), so this is -80 dBFS RMS.
constexpr double kSilentFramePower = 3.0 * dsp::kSilentMeanSquare;
constexpr float kBandFloor = 1e-12f;          // -120 dB
constexpr double kPeakFloorDbfs = -120.0;
constexpr double kOnsetThresholdStd = 0.5;   // Dixon's delta, in standard deviations
constexpr double kMinTempoBpm = 40.0;
constexpr double kMaxTempoBpm = 250.0;

double clamp01(double v)
{
    return std::clamp(v, 0.0, 1.0);
}
} // namespace

FeatureExtractor::FeatureExtractor()
    : m_fft(kFrameSize),
      m_loudness(kSampleRate),
      m_energy(kFrameSize, kHopSize),
      m_zcr(kFrameSize),
      m_mel(kSampleRate, kFrameSize, kMelBands, kMelMinHz, kMelMaxHz),
      m_mfcc(kMelBands, FeatureVector::kMfccCount),
      m_shape(kSampleRate, kFrameSize, 0.85),
      m_chroma(kSampleRate, kFrameSize, 100.0, 5000.0, 440.0, 60.0),
      m_harmony(kFrameRate / kChromaStride),
      m_onset(kMelBands, kFrameRate, kOnsetThresholdStd),
      m_noiseOnset(double(kSampleRate) / kFrameSize, kFrameSize / 2 + 1),
      m_tempo(kFrameRate, kMinTempoBpm, kMaxTempoBpm)
{
    // Periodic Hann, the STFT convention (sums to a constant at 75 % overlap).
    m_window.resize(kFrameSize);
    for (int i = 0; i < kFrameSize; ++i)
        m_window[std::size_t(i)] = float(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * i / kFrameSize));
    m_ring.assign(kFrameSize, 0.0f);
    m_mono.assign(kChunk, 0.0f);
    m_power.assign(std::size_t(m_fft.bins()), 0.0f);
    m_melDb.assign(kMelBands, 0.0f);
    std::vector<double> centres(static_cast<std::size_t>(kMelBands));
    for (int b = 0; b < kMelBands; ++b)
        centres[std::size_t(b)] = m_mel.centreHz(b);
    m_onset.setBandCentres(centres);
    reset(1);
}

void FeatureExtractor::reset(int channels)
{
    m_loudness.reset(channels); // validates channels
    m_peak.reset(channels);
    m_channels = channels;
    m_frames = 0;
    m_sumSquares = 0;
    std::fill(m_ring.begin(), m_ring.end(), 0.0f);
    m_ringPos = 0;
    m_sinceFrame = 0;
    m_monoSamples = 0;
    m_stftFrames = 0;
    m_energy.reset();
    m_zcr.reset();
    m_mfcc.reset();
    m_shape.reset();
    m_chroma.reset();
    m_harmony.reset();
    m_onset.reset();
    m_noiseOnset.reset();
    m_tempo.reset();
}

void FeatureExtractor::process(std::span<const float> interleaved)
{
    const std::size_t step = std::size_t(kChunk) * std::size_t(m_channels);
    const std::size_t usable = interleaved.size() - interleaved.size() % std::size_t(m_channels);
    for (std::size_t i = 0; i < usable; i += step)
        processChunk(interleaved.subspan(i, std::min(step, usable - i)));
}

void FeatureExtractor::processChunk(std::span<const float> interleaved)
{
    m_loudness.process(interleaved);
    m_peak.process(interleaved);
    m_sumSquares += double(dsp::dot(interleaved.data(), interleaved.data(), interleaved.size()));

    const std::size_t frames = interleaved.size() / std::size_t(m_channels);
    m_frames += qint64(frames);
    if (m_channels == 1) {
        std::copy(interleaved.begin(), interleaved.end(), m_mono.begin());
    } else {
        for (std::size_t i = 0; i < frames; ++i)
            m_mono[i] = 0.5f * (interleaved[2 * i] + interleaved[2 * i + 1]);
    }
    const std::span<const float> mono(m_mono.data(), frames);
    m_energy.process(mono);
    m_zcr.process(mono);

    for (std::size_t i = 0; i < frames;) {
        // Copy up to the next hop boundary into the ring, then analyse a frame if one is due.
        const auto n = std::min<std::size_t>(frames - i, std::size_t(kHopSize - m_sinceFrame));
        // The hop divides the frame, so a hop's worth never wraps around the ring.
        std::copy_n(mono.begin() + long(i), n, m_ring.begin() + m_ringPos);
        m_ringPos = (m_ringPos + int(n)) % kFrameSize;
        i += n;
        m_sinceFrame += int(n);
        m_monoSamples += qint64(n);
        if (m_sinceFrame == kHopSize) {
            m_sinceFrame = 0;
            if (m_monoSamples >= kFrameSize)
                analyseFrame();
        }
    }
}

BYTEWAVE_HOT_LOOP void FeatureExtractor::analyseFrame()
{
    ++m_stftFrames;
    // Unroll the ring (oldest sample first) into the FFT input, windowed.
    const std::span<float> in = m_fft.input();
    const int head = kFrameSize - m_ringPos;
    for (int i = 0; i < head; ++i)
        in[std::size_t(i)] = m_ring[std::size_t(m_ringPos + i)] * m_window[std::size_t(i)];
    for (int i = head; i < kFrameSize; ++i)
        in[std::size_t(i)] = m_ring[std::size_t(i - head)] * m_window[std::size_t(i)];
    // |X| of a full-scale sine under a Hann window is N/4; scale so its peak bin reads 1.
    constexpr float scale = 16.0f / (float(kFrameSize) * float(kFrameSize));
    m_fft.executePower(m_power, scale);
    const std::size_t bins = m_power.size();
    const double total = dsp::sum(m_power.data(), bins);

    const std::span<const float> mel = m_mel.compute(m_power);
    for (int b = 0; b < kMelBands; ++b)
        m_melDb[std::size_t(b)] = 10.0f * std::log10(std::max(mel[std::size_t(b)], kBandFloor));

    // Written straight into the spectral shape's spare buffer, which keeps it for the next
    // frame's flux without a copy (the span stays valid after process()/remember()).
    const std::span<float> magnitude = m_shape.magnitudeBuffer();
    for (std::size_t k = 0; k < bins; ++k)
        magnitude[k] = std::sqrt(m_power[k]);

    const float onset = m_onset.process(m_melDb);
    m_tempo.process(onset, m_onset.groupStrengths(), {m_onset.kickStrength(), m_noiseOnset.process(magnitude)});

    if (total < kSilentFramePower) {
        m_shape.gap();
        if (m_stftFrames % kChromaStride == 0)
            m_harmony.process({}); // no harmony, but time goes on
        return;
    }
    if (m_stftFrames % kSummaryStride != 0) {
        // Left out of the summary statistics, but the next frame's flux is measured from it.
        m_shape.remember(magnitude, total);
        return;
    }
    m_mfcc.process(m_melDb);
    m_shape.process(magnitude, m_power, mel, m_melDb);
    if (m_stftFrames % kChromaStride == 0) {
        m_chroma.process(magnitude);
        m_harmony.process(m_chroma.frame());
    }
}

FeatureExtractor::Result FeatureExtractor::finish()
{
    Result result;
    const double duration = seconds();
    if (duration < kMinDurationS) {
        result.error = QStringLiteral("too short to analyse: %1 s of audio (at least %2 s is needed)")
                           .arg(duration, 0, 'f', 2)
                           .arg(kMinDurationS, 0, 'f', 0);
        return result;
    }
    m_peak.finish();
    m_onset.finish();
    const double onsetRate = double(m_onset.onsets()) / duration;
    // The density is the prior's speed cue, the harmonic rhythm the bar's evidence.
    const TempoEstimator::Result tempo = m_tempo.finish(onsetRate, m_harmony.periodSeconds());

    FeatureVector &f = result.features;
    f.set(Feature::DurationS, duration);
    f.set(Feature::TempoBpm, tempo.bpm);
    f.set(Feature::TempoConfidence, tempo.confidence);
    f.set(Feature::PulseClarity, tempo.pulseClarity);
    f.set(Feature::OnsetRate, onsetRate);

    const double lufs = m_loudness.integratedLufs();
    f.set(Feature::LoudnessLufs, lufs);
    f.set(Feature::LoudnessRangeLu, m_loudness.loudnessRangeLu());
    const double peak = m_peak.truePeak();
    const double peakDb = peak > 0 ? std::max(kPeakFloorDbfs, 20.0 * std::log10(peak)) : kPeakFloorDbfs;
    f.set(Feature::TruePeakDbfs, peakDb);
    f.set(Feature::RmsMeanDb, m_energy.frameLevelMeanDb());
    f.set(Feature::RmsStdDb, m_energy.frameLevelStdDb());
    // The crest factor: the true peak over the RMS of the same channels (not of the mono
    // fold-down, whose level drops with stereo width: wide mixes would read as dynamic).
    const double meanSquare = m_sumSquares / (double(m_frames) * m_channels);
    const double rmsDb = meanSquare > 0 ? 10.0 * std::log10(meanSquare) : EnergyMeter::kFloorDb;
    f.set(Feature::CrestFactorDb, rmsDb > EnergyMeter::kFloorDb ? std::max(0.0, peakDb - rmsDb) : 0.0);

    f.set(Feature::CentroidMeanHz, m_shape.centroidHz().mean());
    f.set(Feature::CentroidStdHz, m_shape.centroidHz().stddev());
    f.set(Feature::RollOffMeanHz, m_shape.rollOffHz().mean());
    f.set(Feature::RollOffStdHz, m_shape.rollOffHz().stddev());
    f.set(Feature::FlatnessMean, m_shape.flatness().mean());
    f.set(Feature::FlatnessStd, m_shape.flatness().stddev());
    f.set(Feature::FluxMean, m_shape.flux().mean());
    f.set(Feature::FluxStd, m_shape.flux().stddev());
    f.set(Feature::ZcrMean, m_zcr.mean());
    f.set(Feature::ZcrStd, m_zcr.stddev());
    for (int i = 0; i < FeatureVector::kMfccCount; ++i) {
        f.set(Feature::MfccMean0, i, m_mfcc.mean(i));
        f.set(Feature::MfccStd0, i, m_mfcc.stddev(i));
    }
    const std::array<float, 12> chroma = m_chroma.profile();
    for (int i = 0; i < 12; ++i)
        f.set(Feature::Chroma0, i, chroma[std::size_t(i)]);
    const KeyEstimator::Result key = KeyEstimator::estimate(chroma);
    f.set(Feature::Key, key.key);
    f.set(Feature::Mode, int(key.mode));
    f.set(Feature::KeyStrength, key.strength);

    const double centroid = m_shape.centroidHz().mean();
    const double loudnessScore = clamp01((lufs + 35.0) / 30.0);
    const double densityScore = clamp01(onsetRate / 8.0);
    const double brightnessScore = centroid > 0 ? clamp01(std::log2(centroid / 250.0) / 4.0) : 0.0;
    f.set(Feature::Energy, 0.5 * loudnessScore + 0.25 * densityScore + 0.25 * brightnessScore);
    return result;
}

} // namespace bytewave
