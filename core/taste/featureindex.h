#pragma once

#include "core/taste/tasteparams.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace bytewave {

struct TasteLibrary;

// Track-to-track similarity and brute-force K nearest neighbours for the taste engine.
//
// Audio: the analysis' similarity vectors are raw, so each dimension is robustly scaled across
// the library: z = (x - median) / (1.4826 * MAD), the MAD scaled to match a standard deviation
// for Gaussian data (falling back to the standard deviation when the MAD is 0, and dropping a
// dimension that is constant), then clipped to +-featureClip so one odd track cannot stretch a
// dimension. The audio distance d2 is the mean squared difference of the z-scores over the
// used dimensions; audio similarity is exp(-d2 / audioBandwidth), in (0, 1].
//
// Metadata: genre similarity is the cosine of the two tracks' genre-term sets
// (|A n B| / sqrt(|A||B|)). A track's terms are its tags, case-insensitive, plus the words of
// multi-word tags ("Classic Rock" -> classic rock, classic, rock), so sub-genres overlap with
// their family; the 128 most frequent terms get their own bit, rarer ones share bits. Artist
// and album similarity are 1 when equal, else 0.
//
// Combined: sim = sum(w_k * s_k) / sum(w_k) over the parts both tracks have (audio only when
// both are analysed, genre only when both have tags, ...), so unanalysed tracks take part
// through their metadata. Weights are TasteParams::{audio,genre,artist,album}Weight.
//
// A query computes all N audio similarities vectorised (Eigen: one matrix-vector product for
// the dot products, then exp() over the array) and keeps the K best in a small heap. Not
// thread-safe (it reuses a scratch array): one engine, one thread.
class FeatureIndex
{
public:
    struct Neighbour
    {
        int index = -1;
        float similarity = 0;
    };

    FeatureIndex();
    ~FeatureIndex();
    FeatureIndex(FeatureIndex &&) noexcept;
    FeatureIndex &operator=(FeatureIndex &&) noexcept;

    void build(const TasteLibrary &library, const TasteParams &params);

    int size() const { return m_count; }
    int dimension() const { return m_dim; }
    int usedDimensions() const { return m_usedDims; }
    bool analysed(int i) const { return m_analysed[size_t(i)] != 0; }
    const std::uint8_t *analysedFlags() const { return m_analysed.data(); }
    int artistOf(int i) const { return m_artist[size_t(i)]; }
    int albumOf(int i) const { return m_album[size_t(i)]; }
    const QString &artistName(int artist) const { return m_artistNames[size_t(artist)]; }
    int artistCount() const { return int(m_artistNames.size()); }
    // The robust z-scores of track i (dimension() floats), for tests and diagnostics.
    const float *normalised(int i) const { return m_z.data() + size_t(i) * size_t(m_dim); }

    // Combined similarity in [0, 1]; 1 for a track with itself.
    float similarity(int a, int b) const;
    // The k most similar tracks to i (not i itself) with similarity >= minSimilarity, most
    // similar first (ties: lower index first). At most maxSameArtist of them share i's artist
    // (-1: no limit), so a list reaches beyond an artist's own catalogue: the artist's tracks
    // are nearly always the most similar, and a like should also teach about similar music by
    // others.
    std::vector<Neighbour> nearest(int i, int k, float minSimilarity, int maxSameArtist = -1) const;

    // A cold-start order: `count` tracks among the eligible ones spread across the library's
    // similarity space, most representative first. Greedy farthest-point sampling on
    // (1 - max similarity to the picked set), weighted by typicality (mean similarity to a fixed
    // probe set, relative to the most typical track) so the first picks are not the library's
    // oddest tracks. Candidates are a
    // deterministic stride sample of at most 2048 tracks, so the cost is bounded.
    std::vector<int> spreadOrder(int count, const std::vector<std::uint8_t> &eligible) const;

    std::size_t memoryBytes() const;

private:
    float metadataPart(int a, int b, float *weight) const;

    int m_count = 0;
    int m_dim = 0;
    int m_usedDims = 0;
    float m_audioScale = 0;   // -1 / (usedDims * bandwidth)
    float m_audioWeight = 0;
    float m_genreWeight = 0;
    float m_artistWeight = 0;
    float m_albumWeight = 0;
    std::vector<float> m_z;       // N x dim, row per track (zeros when not analysed)
    std::vector<float> m_sqNorm;  // |z|^2 per track
    std::vector<std::uint8_t> m_analysed;
    std::vector<std::int32_t> m_artist; // -1 unknown
    std::vector<std::int32_t> m_album;  // -1 unknown
    std::vector<std::uint64_t> m_genreBits; // two words per track
    std::vector<float> m_genreInvSqrt;      // 1/sqrt(|genres|), 0 when none
    std::vector<QString> m_artistNames;
    mutable std::vector<float> m_dots;      // scratch for queries
};

} // namespace bytewave
