#include "core/taste/featureindex.h"

#include "core/taste/tastelibrary.h"

#include <QHash>
#include <QRegularExpression>

#include <Eigen/Core>

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

namespace bytewave {

namespace {

constexpr int kGenreBits = 128;

QString artistKey(const QString &artist)
{
    const QString key = artist.trimmed().toCaseFolded();
    // The scanner's fallback for an untagged file says nothing about the music.
    if (key.isEmpty() || key == QStringLiteral("unknown artist") || key == QStringLiteral("various artists"))
        return {};
    return key;
}

// The terms a track's genre tags stand for: each tag, and for a tag of several words each
// word too, so "Classic Rock" and "Rock", or "Drum & Bass" and "Bass", overlap as listeners
// hear them. Connecting words say nothing.
QStringList genreTerms(const QStringList &genres)
{
    static const QStringList kStopWords = {QStringLiteral("and"), QStringLiteral("the"),
                                           QStringLiteral("music"), QStringLiteral("n"),
                                           QStringLiteral("of")};
    QStringList terms;
    for (const QString &g : genres) {
        const QString tag = g.trimmed().toCaseFolded();
        if (tag.isEmpty())
            continue;
        if (!terms.contains(tag))
            terms << tag;
        const QStringList words = tag.split(QRegularExpression(QStringLiteral("[\\s/&+,'-]+")),
                                            Qt::SkipEmptyParts);
        if (words.size() < 2)
            continue;
        for (const QString &w : words) {
            if (!kStopWords.contains(w) && !terms.contains(w))
                terms << w;
        }
    }
    return terms;
}

// Robust location and scale of one dimension. values is reordered.
void robustScale(std::vector<float> &values, float *median, float *scale)
{
    const size_t n = values.size();
    const size_t mid = n / 2;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(mid), values.end());
    const float med = values[mid];
    double mean = 0;
    for (const float v : values)
        mean += v;
    mean /= double(n);
    double var = 0;
    for (const float v : values)
        var += (v - mean) * (v - mean);
    const double sd = std::sqrt(var / double(n));
    for (float &v : values)
        v = std::fabs(v - med);
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(mid), values.end());
    const double mad = 1.4826 * double(values[mid]);
    const double tiny = 1e-6 * (1.0 + std::fabs(double(med)));
    double s = mad > tiny ? mad : sd;
    if (!(s > tiny))
        s = 0; // constant dimension: carries no information
    *median = med;
    *scale = float(s);
}

} // namespace

FeatureIndex::FeatureIndex() = default;
FeatureIndex::~FeatureIndex() = default;
FeatureIndex::FeatureIndex(FeatureIndex &&) noexcept = default;
FeatureIndex &FeatureIndex::operator=(FeatureIndex &&) noexcept = default;

void FeatureIndex::build(const TasteLibrary &library, const TasteParams &params)
{
    m_count = int(library.tracks.size());
    const size_t n = size_t(m_count);
    m_dim = library.dimension > 0
                    && library.features.size() >= n * size_t(library.dimension)
                    && library.analysed.size() >= n
                ? library.dimension
                : 0;
    m_audioWeight = float(std::max(0.0, params.audioWeight));
    m_genreWeight = float(std::max(0.0, params.genreWeight));
    m_artistWeight = float(std::max(0.0, params.artistWeight));
    m_albumWeight = float(std::max(0.0, params.albumWeight));

    // --- audio: robust z-scores per dimension across the analysed tracks ---
    m_analysed.assign(n, 0);
    std::vector<size_t> analysedRows;
    if (m_dim > 0) {
        for (size_t i = 0; i < n; ++i) {
            if (!library.analysed[i])
                continue;
            const float *row = library.features.data() + i * size_t(m_dim);
            if (std::all_of(row, row + m_dim, [](float v) { return std::isfinite(v); })) {
                m_analysed[i] = 1;
                analysedRows.push_back(i);
            }
        }
    }
    m_z.assign(n * size_t(m_dim), 0.0f);
    m_sqNorm.assign(n, 0.0f);
    m_usedDims = 0;
    if (!analysedRows.empty()) {
        std::vector<float> column(analysedRows.size());
        const float clip = float(std::max(0.5, params.featureClip));
        for (int d = 0; d < m_dim; ++d) {
            for (size_t r = 0; r < analysedRows.size(); ++r)
                column[r] = library.features[analysedRows[r] * size_t(m_dim) + size_t(d)];
            float median = 0;
            float scale = 0;
            robustScale(column, &median, &scale);
            if (scale <= 0)
                continue;
            ++m_usedDims;
            for (const size_t i : analysedRows) {
                const float x = library.features[i * size_t(m_dim) + size_t(d)];
                m_z[i * size_t(m_dim) + size_t(d)] = std::clamp((x - median) / scale, -clip, clip);
            }
        }
        for (const size_t i : analysedRows) {
            const float *z = m_z.data() + i * size_t(m_dim);
            float s = 0;
            for (int d = 0; d < m_dim; ++d)
                s += z[d] * z[d];
            m_sqNorm[i] = s;
        }
    }
    if (m_usedDims == 0) {
        // Nothing distinguishes the analysed tracks: compare by metadata alone.
        std::fill(m_analysed.begin(), m_analysed.end(), 0);
    }
    m_audioScale = m_usedDims > 0
                       ? float(-1.0 / (double(m_usedDims) * std::max(1e-3, params.audioBandwidth)))
                       : 0.0f;

    // --- metadata: artist, album and genre keys ---
    m_artist.assign(n, -1);
    m_album.assign(n, -1);
    m_artistNames.clear();
    QHash<QString, int> artists;
    QHash<QString, int> albums;
    QHash<QString, int> genreFrequency;
    for (size_t i = 0; i < n; ++i) {
        const TasteTrack &t = library.tracks[i];
        const QString a = artistKey(t.artist);
        if (!a.isEmpty()) {
            auto it = artists.find(a);
            if (it == artists.end()) {
                it = artists.insert(a, int(m_artistNames.size()));
                m_artistNames.push_back(t.artist.trimmed());
            }
            m_artist[i] = *it;
        }
        const QString album = t.album.trimmed().toCaseFolded();
        if (!album.isEmpty()) {
            const QString owner = artistKey(t.albumArtist.isEmpty() ? t.artist : t.albumArtist);
            const QString key = owner + QChar(0x1f) + album;
            auto it = albums.find(key);
            if (it == albums.end())
                it = albums.insert(key, int(albums.size()));
            m_album[i] = *it;
        }
        for (const QString &term : genreTerms(t.genres))
            ++genreFrequency[term];
    }
    // The most frequent tags get their own bits; the order is fixed by (frequency, name) so the
    // same library always gets the same index.
    std::vector<std::pair<QString, int>> vocabulary;
    vocabulary.reserve(size_t(genreFrequency.size()));
    for (auto it = genreFrequency.cbegin(); it != genreFrequency.cend(); ++it)
        vocabulary.emplace_back(it.key(), it.value());
    std::sort(vocabulary.begin(), vocabulary.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    QHash<QString, int> genreBit;
    for (size_t r = 0; r < vocabulary.size(); ++r)
        genreBit.insert(vocabulary[r].first, int(r % size_t(kGenreBits)));
    m_genreBits.assign(n * 2, 0);
    m_genreInvSqrt.assign(n, 0.0f);
    for (size_t i = 0; i < n; ++i) {
        for (const QString &term : genreTerms(library.tracks[i].genres)) {
            const int bit = genreBit.value(term);
            m_genreBits[i * 2 + size_t(bit / 64)] |= std::uint64_t(1) << (bit % 64);
        }
        const int count = std::popcount(m_genreBits[i * 2]) + std::popcount(m_genreBits[i * 2 + 1]);
        m_genreInvSqrt[i] = count > 0 ? 1.0f / std::sqrt(float(count)) : 0.0f;
    }
    m_dots.assign(n, 0.0f);
}

float FeatureIndex::metadataPart(int a, int b, float *weight) const
{
    float s = 0;
    float w = 0;
    const size_t ia = size_t(a);
    const size_t ib = size_t(b);
    if (m_genreInvSqrt[ia] > 0 && m_genreInvSqrt[ib] > 0) {
        const int common = std::popcount(m_genreBits[ia * 2] & m_genreBits[ib * 2])
                           + std::popcount(m_genreBits[ia * 2 + 1] & m_genreBits[ib * 2 + 1]);
        s += m_genreWeight * std::min(1.0f, float(common) * m_genreInvSqrt[ia] * m_genreInvSqrt[ib]);
        w += m_genreWeight;
    }
    if (m_artist[ia] >= 0 && m_artist[ib] >= 0) {
        s += m_artist[ia] == m_artist[ib] ? m_artistWeight : 0.0f;
        w += m_artistWeight;
    }
    if (m_album[ia] >= 0 && m_album[ib] >= 0) {
        s += m_album[ia] == m_album[ib] ? m_albumWeight : 0.0f;
        w += m_albumWeight;
    }
    *weight = w;
    return s;
}

float FeatureIndex::similarity(int a, int b) const
{
    if (a == b)
        return 1.0f;
    float w = 0;
    float s = metadataPart(a, b, &w);
    if (m_analysed[size_t(a)] && m_analysed[size_t(b)] && m_audioWeight > 0) {
        const float *za = normalised(a);
        const float *zb = normalised(b);
        float d2 = 0;
        for (int d = 0; d < m_dim; ++d) {
            const float diff = za[d] - zb[d];
            d2 += diff * diff;
        }
        s += m_audioWeight * std::exp(d2 * m_audioScale);
        w += m_audioWeight;
    }
    return w > 0 ? s / w : 0.0f;
}

std::vector<FeatureIndex::Neighbour> FeatureIndex::nearest(int i, int k, float minSimilarity,
                                                           int maxSameArtist) const
{
    if (i < 0 || i >= m_count || k <= 0)
        return {};
    const auto weaker = [](const Neighbour &x, const Neighbour &y) {
        // "x ranks after y": lower similarity, or equal similarity and higher index.
        return x.similarity != y.similarity ? x.similarity > y.similarity : x.index < y.index;
    };
    // Two bounded min-heaps (heap.front() is the weakest kept): the artist's own tracks, capped,
    // and everything else; merged at the end.
    struct Bounded
    {
        std::vector<Neighbour> heap;
        int capacity = 0;
        float floor = 0;
        bool full() const { return int(heap.size()) >= capacity; }
        float threshold() const { return full() ? std::max(floor, heap.front().similarity) : floor; }
    };
    const int artist = m_artist[size_t(i)];
    const bool capped = maxSameArtist >= 0 && artist >= 0;
    Bounded same{{}, capped ? std::min(k, maxSameArtist) : 0, minSimilarity};
    Bounded other{{}, k, minSimilarity};
    same.heap.reserve(size_t(same.capacity) + 1);
    other.heap.reserve(size_t(k) + 1);

    // All N audio similarities at once, vectorised: one matrix-vector product for the dot
    // products, then d2 = |z_i|^2 + |z_j|^2 - 2 z_i.z_j and exp() over the whole array.
    const bool audio = m_analysed[size_t(i)] && m_audioWeight > 0;
    if (audio) {
        using Matrix = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>>;
        const Matrix z(m_z.data(), m_dim, m_count);
        Eigen::Map<Eigen::VectorXf> dots(m_dots.data(), m_count);
        dots.noalias() = z.transpose() * z.col(i);
        const Eigen::Map<const Eigen::ArrayXf> sq(m_sqNorm.data(), m_count);
        Eigen::Map<Eigen::ArrayXf> sims(m_dots.data(), m_count);
        sims = ((sq + m_sqNorm[size_t(i)] - 2.0f * dots.array()).max(0.0f) * m_audioScale).exp()
               * m_audioWeight;
    }
    for (int j = 0; j < m_count; ++j) {
        if (j == i)
            continue;
        Bounded &target = capped && m_artist[size_t(j)] == artist ? same : other;
        if (target.capacity == 0)
            continue;
        float w = 0;
        float sim = metadataPart(i, j, &w);
        if (audio && m_analysed[size_t(j)]) {
            sim += m_dots[size_t(j)];
            w += m_audioWeight;
        }
        if (w <= 0)
            continue;
        sim /= w;
        if (target.full() ? sim <= target.threshold() : sim < target.threshold())
            continue;
        target.heap.push_back({j, sim});
        std::push_heap(target.heap.begin(), target.heap.end(), weaker);
        if (int(target.heap.size()) > target.capacity) {
            std::pop_heap(target.heap.begin(), target.heap.end(), weaker);
            target.heap.pop_back();
        }
    }
    std::vector<Neighbour> out = std::move(same.heap);
    out.insert(out.end(), other.heap.begin(), other.heap.end());
    std::sort(out.begin(), out.end(), weaker);
    if (int(out.size()) > k)
        out.resize(size_t(k));
    return out;
}

std::vector<int> FeatureIndex::spreadOrder(int count, const std::vector<std::uint8_t> &eligible) const
{
    std::vector<int> candidates;
    for (int i = 0; i < m_count; ++i) {
        if (size_t(i) < eligible.size() && eligible[size_t(i)])
            candidates.push_back(i);
    }
    constexpr size_t kMaxCandidates = 2048;
    if (candidates.size() > kMaxCandidates) {
        std::vector<int> sample;
        sample.reserve(kMaxCandidates);
        const double stride = double(candidates.size()) / double(kMaxCandidates);
        for (size_t s = 0; s < kMaxCandidates; ++s)
            sample.push_back(candidates[size_t(double(s) * stride)]);
        candidates.swap(sample);
    }
    const size_t m = candidates.size();
    std::vector<int> order;
    if (m == 0 || count <= 0)
        return order;

    // Typicality: mean similarity to a fixed probe set spread through the candidates.
    const size_t probes = std::min<size_t>(64, m);
    std::vector<float> typical(m, 0.0f);
    for (size_t c = 0; c < m; ++c) {
        float s = 0;
        for (size_t p = 0; p < probes; ++p)
            s += similarity(candidates[c], candidates[p * m / probes]);
        typical[c] = s / float(probes);
    }
    // Relative to the most typical track, so small differences between ordinary tracks do not
    // outweigh the spread, while a real outlier (a fraction of the typical similarity) waits.
    const float top = *std::max_element(typical.begin(), typical.end());
    for (float &t : typical)
        t = top > 0 ? 0.25f + 0.75f * t / top : 1.0f;

    std::vector<float> maxSim(m, 0.0f);
    std::vector<std::uint8_t> picked(m, 0);
    size_t next = size_t(std::max_element(typical.begin(), typical.end()) - typical.begin());
    const size_t wanted = std::min(m, size_t(count));
    while (order.size() < wanted) {
        picked[next] = 1;
        order.push_back(candidates[next]);
        float bestValue = -1;
        size_t best = 0;
        for (size_t c = 0; c < m; ++c) {
            if (picked[c])
                continue;
            maxSim[c] = std::max(maxSim[c], similarity(candidates[c], candidates[next]));
            const float value = (1.0f - maxSim[c]) * typical[c];
            if (value > bestValue) {
                bestValue = value;
                best = c;
            }
        }
        if (bestValue < 0)
            break;
        next = best;
    }
    return order;
}

std::size_t FeatureIndex::memoryBytes() const
{
    std::size_t bytes = sizeof(*this);
    bytes += m_z.capacity() * sizeof(float) + m_sqNorm.capacity() * sizeof(float);
    bytes += m_analysed.capacity() + m_artist.capacity() * 4 + m_album.capacity() * 4;
    bytes += m_genreBits.capacity() * 8 + m_genreInvSqrt.capacity() * 4 + m_dots.capacity() * 4;
    for (const QString &a : m_artistNames)
        bytes += sizeof(QString) + size_t(a.capacity()) * 2;
    return bytes;
}

} // namespace bytewave
