#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <array>
#include <optional>
#include <span>
#include <vector>

namespace bytewave {

// Everything ByteWave's analysis measures about one track, in one fixed, versioned layout.
//
// Storage (analysis.features): a little-endian blob: uint32 layout version, uint32 value count,
// then that many float32 values in Feature order. The layout is append-only within a version;
// changing it bumps kLayoutVersion and TrackAnalyzer::kExtractorVersion, and the analysis queue
// re-analyses the affected tracks (and only those).
//
// Every value is finite (set() replaces NaN/Inf with 0 and logs it). Units and meaning are in
// descriptors(), which the CLI prints and docs/analysis.md mirrors.
enum class Feature : int {
    DurationS,
    TempoBpm,
    TempoConfidence,
    PulseClarity,
    OnsetRate,
    LoudnessLufs,
    LoudnessRangeLu,
    TruePeakDbfs,
    RmsMeanDb,
    RmsStdDb,
    CrestFactorDb,
    Energy,
    CentroidMeanHz,
    CentroidStdHz,
    RollOffMeanHz,
    RollOffStdHz,
    FlatnessMean,
    FlatnessStd,
    FluxMean,
    FluxStd,
    ZcrMean,
    ZcrStd,
    MfccMean0,
    MfccStd0 = MfccMean0 + 13,
    Chroma0 = MfccStd0 + 13, // C; Chroma0 + 11 is B
    Key = Chroma0 + 12,
    Mode,
    KeyStrength,
    Count
};

class FeatureVector
{
public:
    static constexpr quint32 kLayoutVersion = 1;
    static constexpr int kCount = int(Feature::Count);
    static constexpr int kMfccCount = 13;

    struct Descriptor
    {
        const char *name;        // snake_case, stable: JSON keys and CLI lookups
        const char *unit;        // "BPM", "LUFS", "dB", "Hz", "" for unitless ...
        const char *description; // one line
    };
    static std::span<const Descriptor> descriptors(); // kCount entries, in Feature order
    static const Descriptor &descriptor(Feature f);
    static std::optional<Feature> featureByName(QStringView name);

    float value(Feature f) const { return m_values[std::size_t(f)]; }
    float value(Feature f, int offset) const { return m_values[std::size_t(int(f) + offset)]; }
    void set(Feature f, double v);
    void set(Feature f, int offset, double v);
    std::span<const float> values() const { return m_values; }

    QByteArray toBlob() const;
    // nullopt when the blob is not a layout this build understands.
    static std::optional<FeatureVector> fromBlob(const QByteArray &blob);

    bool operator==(const FeatureVector &other) const = default;

private:
    std::array<float, kCount> m_values{};
};

// ---------------------------------------------------------------------------------------------
// The similarity vector: THE descriptor the taste engine compares tracks by.
//
// Derived from a FeatureVector in exactly one place, similarityVector(). Its kSimilarityDims
// dimensions are perceptual quantities on roughly linear perceptual scales (log tempo, dB,
// log frequency); the taste engine z-scores each dimension across the library itself, so their
// raw scales do not matter, only that equal differences mean roughly equal perceived
// differences. similarityDimensions() names and explains each one; docs/analysis.md lists them.
// Stored in analysis.similarity as kSimilarityDims little-endian float32 values (no header; the
// extractor version in the same row says which definition made it).
inline constexpr int kSimilarityDims = 32;

struct SimilarityDimension
{
    const char *name;
    const char *description;
};
std::span<const SimilarityDimension> similarityDimensions();
std::array<float, kSimilarityDims> similarityVector(const FeatureVector &features);
QByteArray similarityBlob(const std::array<float, kSimilarityDims> &vector);
// Any length that is a whole number of floats; empty when the blob is malformed.
std::vector<float> floatsFromBlob(const QByteArray &blob);

} // namespace bytewave
