#include "analysis/featurevector.h"

#include "core/logging.h"

#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace bytewave {

namespace {

using D = FeatureVector::Descriptor;

// Names of the MFCC and chroma entries are built once; the table keeps pointers into these.
struct Names
{
    std::array<QByteArray, 13> mfccMean, mfccStd;
    std::array<QByteArray, 13> mfccMeanDesc, mfccStdDesc;
    std::array<QByteArray, 12> chroma, chromaDesc;
    Names()
    {
        static const char *const pitch[] = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
        for (int i = 0; i < 13; ++i) {
            mfccMean[std::size_t(i)] = "mfcc_mean_" + QByteArray::number(i);
            mfccStd[std::size_t(i)] = "mfcc_std_" + QByteArray::number(i);
            mfccMeanDesc[std::size_t(i)] = i == 0 ? QByteArray("MFCC 0 mean: overall mel band level")
                                                  : "MFCC " + QByteArray::number(i) + " mean: spectral envelope shape (timbre)";
            mfccStdDesc[std::size_t(i)] = "MFCC " + QByteArray::number(i) + " spread over frames (timbre variation)";
        }
        for (int i = 0; i < 12; ++i) {
            chroma[std::size_t(i)] = "chroma_" + QByteArray::number(i);
            chromaDesc[std::size_t(i)] = QByteArray("Chroma: relative strength of pitch class ") + pitch[i]
                                         + " (strongest = 1)";
        }
    }
};

const Names &names()
{
    static const Names n;
    return n;
}

std::array<D, FeatureVector::kCount> buildTable()
{
    std::array<D, FeatureVector::kCount> t{};
    auto put = [&t](Feature f, const char *name, const char *unit, const char *description) {
        t[std::size_t(f)] = {name, unit, description};
    };
    put(Feature::DurationS, "duration_s", "s", "Decoded length");
    put(Feature::TempoBpm, "tempo_bpm", "BPM", "Tempo (beats per minute), 0 when no steady pulse");
    put(Feature::TempoConfidence, "tempo_confidence", "", "Confidence in the tempo, 0..1");
    put(Feature::PulseClarity, "pulse_clarity", "", "How clearly periodic the onsets are, 0..1");
    put(Feature::OnsetRate, "onset_rate", "1/s", "Note and drum onsets per second");
    put(Feature::LoudnessLufs, "loudness_lufs", "LUFS", "Integrated loudness (EBU R128 / BS.1770-4)");
    put(Feature::LoudnessRangeLu, "loudness_range_lu", "LU", "Loudness range (EBU Tech 3342)");
    put(Feature::TruePeakDbfs, "true_peak_dbfs", "dBFS", "Peak level, 4x oversampled");
    put(Feature::RmsMeanDb, "rms_mean_db", "dBFS", "Mean short-term (93 ms) RMS level");
    put(Feature::RmsStdDb, "rms_std_db", "dB", "Spread of the short-term RMS level");
    put(Feature::CrestFactorDb, "crest_factor_db", "dB", "Peak over overall RMS (dynamics)");
    put(Feature::Energy, "energy", "", "Perceived intensity, 0..1 (loudness, density, brightness)");
    put(Feature::CentroidMeanHz, "centroid_mean_hz", "Hz", "Spectral centroid mean (brightness)");
    put(Feature::CentroidStdHz, "centroid_std_hz", "Hz", "Spectral centroid spread");
    put(Feature::RollOffMeanHz, "rolloff_mean_hz", "Hz", "Frequency below which 85 % of the power lies, mean");
    put(Feature::RollOffStdHz, "rolloff_std_hz", "Hz", "Spectral roll-off spread");
    put(Feature::FlatnessMean, "flatness_mean", "", "Spectral flatness mean, 0 (tonal) .. 1 (noise)");
    put(Feature::FlatnessStd, "flatness_std", "", "Spectral flatness spread");
    put(Feature::FluxMean, "flux_mean", "", "Spectral flux mean, 0..1.41 (rate of timbral change)");
    put(Feature::FluxStd, "flux_std", "", "Spectral flux spread");
    put(Feature::ZcrMean, "zcr_mean", "", "Zero-crossing rate mean (fraction of samples)");
    put(Feature::ZcrStd, "zcr_std", "", "Zero-crossing rate spread");
    const Names &n = names();
    for (int i = 0; i < 13; ++i) {
        t[std::size_t(int(Feature::MfccMean0) + i)] = {n.mfccMean[std::size_t(i)].constData(), "dB",
                                                       n.mfccMeanDesc[std::size_t(i)].constData()};
        t[std::size_t(int(Feature::MfccStd0) + i)] = {n.mfccStd[std::size_t(i)].constData(), "dB",
                                                      n.mfccStdDesc[std::size_t(i)].constData()};
    }
    for (int i = 0; i < 12; ++i)
        t[std::size_t(int(Feature::Chroma0) + i)] = {n.chroma[std::size_t(i)].constData(), "",
                                                     n.chromaDesc[std::size_t(i)].constData()};
    put(Feature::Key, "key", "pitch class", "Estimated key's tonic, 0 = C .. 11 = B");
    put(Feature::Mode, "mode", "", "0 = major, 1 = minor");
    put(Feature::KeyStrength, "key_strength", "", "Key correlation, 0 (atonal) .. 1 (clearly tonal)");
    return t;
}

const std::array<D, FeatureVector::kCount> &table()
{
    static const auto t = buildTable();
    return t;
}

float sanitised(Feature f, int offset, double v)
{
    if (std::isfinite(v))
        return float(v);
    qCWarning(lcAnalysis) << "non-finite value for" << FeatureVector::descriptors()[std::size_t(int(f) + offset)].name
                          << "replaced by 0";
    return 0.0f;
}

} // namespace

std::span<const FeatureVector::Descriptor> FeatureVector::descriptors()
{
    return table();
}

const FeatureVector::Descriptor &FeatureVector::descriptor(Feature f)
{
    return table()[std::size_t(f)];
}

std::optional<Feature> FeatureVector::featureByName(QStringView name)
{
    const auto &t = table();
    for (int i = 0; i < kCount; ++i) {
        if (name == QLatin1String(t[std::size_t(i)].name))
            return Feature(i);
    }
    return std::nullopt;
}

void FeatureVector::set(Feature f, double v)
{
    m_values[std::size_t(f)] = sanitised(f, 0, v);
}

void FeatureVector::set(Feature f, int offset, double v)
{
    m_values[std::size_t(int(f) + offset)] = sanitised(f, offset, v);
}

QByteArray FeatureVector::toBlob() const
{
    QByteArray blob(int(8 + 4 * kCount), Qt::Uninitialized);
    auto *p = reinterpret_cast<uchar *>(blob.data());
    qToLittleEndian<quint32>(kLayoutVersion, p);
    qToLittleEndian<quint32>(quint32(kCount), p + 4);
    for (int i = 0; i < kCount; ++i) {
        quint32 bits = 0;
        std::memcpy(&bits, &m_values[std::size_t(i)], 4);
        qToLittleEndian<quint32>(bits, p + 8 + 4 * i);
    }
    return blob;
}

std::optional<FeatureVector> FeatureVector::fromBlob(const QByteArray &blob)
{
    if (blob.size() < 8)
        return std::nullopt;
    const auto *p = reinterpret_cast<const uchar *>(blob.constData());
    const quint32 version = qFromLittleEndian<quint32>(p);
    const quint32 count = qFromLittleEndian<quint32>(p + 4);
    if (version != kLayoutVersion || count != quint32(kCount) || blob.size() != qsizetype(8 + 4 * kCount))
        return std::nullopt;
    FeatureVector v;
    for (int i = 0; i < kCount; ++i) {
        const quint32 bits = qFromLittleEndian<quint32>(p + 8 + 4 * i);
        float f = 0;
        std::memcpy(&f, &bits, 4);
        if (!std::isfinite(f))
            return std::nullopt;
        v.m_values[std::size_t(i)] = f;
    }
    return v;
}

// ---------------------------------------------------------------------------------------------

namespace {

constexpr std::array<SimilarityDimension, kSimilarityDims> kDimensions = {{
    {"tempo", "log2(tempo / 120 BPM): tempo on the octave scale listeners hear; 0 without a pulse"},
    {"pulse_clarity", "how clearly periodic the rhythm is, 0..1"},
    {"onset_density", "log2(1 + onsets per second): sparse ballad .. busy drum-and-bass"},
    {"loudness", "integrated loudness, LUFS"},
    {"loudness_range", "loudness range, LU: even .. quiet verses and loud choruses"},
    {"crest_factor", "peak over RMS, dB: compressed/limited .. punchy and dynamic"},
    {"level_variation", "spread of the short-term RMS level, dB"},
    {"brightness", "log2(spectral centroid / 1 kHz): dark .. bright"},
    {"brightness_variation", "spectral centroid spread / mean"},
    {"bandwidth", "log2(85 % roll-off / 1 kHz): how far up the spectrum reaches"},
    {"noisiness", "spectral flatness mean, 0 (tonal) .. 1 (noise-like: distortion, hiss, cymbals)"},
    {"spectral_change", "spectral flux mean: static pads .. rapidly changing texture"},
    {"zero_crossings", "zero-crossing rate mean: percussive/noisy high end"},
    {"timbre_1", "MFCC 1 mean: overall spectral tilt"},
    {"timbre_2", "MFCC 2 mean"},
    {"timbre_3", "MFCC 3 mean"},
    {"timbre_4", "MFCC 4 mean"},
    {"timbre_5", "MFCC 5 mean"},
    {"timbre_6", "MFCC 6 mean"},
    {"timbre_7", "MFCC 7 mean"},
    {"timbre_8", "MFCC 8 mean"},
    {"timbre_9", "MFCC 9 mean"},
    {"timbre_10", "MFCC 10 mean"},
    {"timbre_11", "MFCC 11 mean"},
    {"timbre_12", "MFCC 12 mean"},
    {"timbre_variation_1", "MFCC 1 spread: how much the tilt changes over the track"},
    {"timbre_variation_2", "MFCC 2 spread"},
    {"timbre_variation_3", "MFCC 3 spread"},
    {"timbre_variation_4", "MFCC 4 spread"},
    {"tonality", "key strength, 0 (atonal, percussive, noise) .. 1 (clearly in a key)"},
    {"mode", "+key strength for major, -key strength for minor: bright vs dark harmony"},
    {"harmonic_spread", "chroma entropy, 0 (one pitch class) .. 1 (all twelve equally)"},
}};

double log2Ratio(double value, double reference)
{
    return value > 0 ? std::log2(value / reference) : 0.0;
}

} // namespace

std::span<const SimilarityDimension> similarityDimensions()
{
    return kDimensions;
}

// The one definition of the similarity descriptor. Absolute key is left out on purpose: the same
// song transposed sounds the same to most listeners, so "both in E flat" says little about
// taste; mode and tonality (how major/minor, how tonal) do.
std::array<float, kSimilarityDims> similarityVector(const FeatureVector &f)
{
    std::array<double, kSimilarityDims> v{};
    const double tempo = f.value(Feature::TempoBpm);
    v[0] = log2Ratio(tempo, 120.0);
    v[1] = f.value(Feature::PulseClarity);
    v[2] = std::log2(1.0 + std::max(0.0f, f.value(Feature::OnsetRate)));
    v[3] = f.value(Feature::LoudnessLufs);
    v[4] = f.value(Feature::LoudnessRangeLu);
    v[5] = f.value(Feature::CrestFactorDb);
    v[6] = f.value(Feature::RmsStdDb);
    const double centroid = f.value(Feature::CentroidMeanHz);
    v[7] = log2Ratio(centroid, 1000.0);
    v[8] = centroid > 0 ? f.value(Feature::CentroidStdHz) / centroid : 0.0;
    v[9] = log2Ratio(f.value(Feature::RollOffMeanHz), 1000.0);
    v[10] = f.value(Feature::FlatnessMean);
    v[11] = f.value(Feature::FluxMean);
    v[12] = f.value(Feature::ZcrMean);
    for (int i = 1; i <= 12; ++i)
        v[std::size_t(12 + i)] = f.value(Feature::MfccMean0, i);
    for (int i = 1; i <= 4; ++i)
        v[std::size_t(24 + i)] = f.value(Feature::MfccStd0, i);
    const double strength = f.value(Feature::KeyStrength);
    v[29] = strength;
    v[30] = f.value(Feature::Mode) < 0.5f ? strength : -strength;
    double sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += std::max(0.0f, f.value(Feature::Chroma0, i));
    double entropy = 0;
    if (sum > 0) {
        for (int i = 0; i < 12; ++i) {
            const double p = std::max(0.0f, f.value(Feature::Chroma0, i)) / sum;
            if (p > 0)
                entropy -= p * std::log(p);
        }
        entropy /= std::log(12.0);
    }
    v[31] = entropy;

    std::array<float, kSimilarityDims> out{};
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = std::isfinite(v[i]) ? float(v[i]) : 0.0f;
    return out;
}

QByteArray similarityBlob(const std::array<float, kSimilarityDims> &vector)
{
    QByteArray blob(int(4 * vector.size()), Qt::Uninitialized);
    auto *p = reinterpret_cast<uchar *>(blob.data());
    for (std::size_t i = 0; i < vector.size(); ++i) {
        quint32 bits = 0;
        std::memcpy(&bits, &vector[i], 4);
        qToLittleEndian<quint32>(bits, p + 4 * i);
    }
    return blob;
}

std::vector<float> floatsFromBlob(const QByteArray &blob)
{
    if (blob.size() % 4 != 0)
        return {};
    std::vector<float> out(std::size_t(blob.size() / 4));
    const auto *p = reinterpret_cast<const uchar *>(blob.constData());
    for (std::size_t i = 0; i < out.size(); ++i) {
        const quint32 bits = qFromLittleEndian<quint32>(p + 4 * i);
        std::memcpy(&out[i], &bits, 4);
    }
    return out;
}

} // namespace bytewave
