#include "core/taste/tasteengine.h"

#include "core/logging.h"
#include "core/taste/rewardmodel.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

namespace bytewave {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
// A signal more than this many half-lives after the reference time moves the reference, so
// the scaled accumulators (which grow as 2^(age / half-life)) stay far from overflow.
constexpr double kRebaseHalfLives = 64.0;
// How many tracks of the library the cold-start spread orders.
constexpr int kSpreadCount = 64;
// Tracks away longer than this are "not heard for ..." in reasons.
constexpr qint64 kLongAbsenceMs = 28 * kDayMs;
// The tiredness curve's bins: the gap since a track was last heard, in days (upper edges; the
// last bin ends at fatigueHorizonDays). Finer where listeners differ (days), coarser beyond.
constexpr std::array<double, 7> kTirednessEdgesDays = {1, 2, 3, 4, 5, 7, 10};

int tirednessBin(qint64 gapMs)
{
    const double days = double(gapMs) / double(kDayMs);
    int b = 0;
    while (b < int(kTirednessEdgesDays.size()) && days >= kTirednessEdgesDays[size_t(b)])
        ++b;
    return b;
}

// SplitMix64: a fixed, well-mixed tie-break order that does not follow the scan order.
std::uint64_t mix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

bool isUndoable(SignalKind kind)
{
    switch (kind) {
    case SignalKind::Like:
    case SignalKind::Dislike:
    case SignalKind::Skip:
    case SignalKind::Complete:
    case SignalKind::Replay:
        return true;
    default:
        return false;
    }
}

// Which rows of the log are in force: not cancelled by an undo (an undo can itself be undone)
// and not before the last reset in force. Returns the index of the first row in force.
size_t activeRows(const std::vector<SignalRecord> &log, QSet<qint64> *cancelled)
{
    for (auto it = log.rbegin(); it != log.rend(); ++it) {
        if (it->kind == SignalKind::Undo && it->refId > 0 && !cancelled->contains(it->id))
            cancelled->insert(it->refId);
    }
    size_t start = 0;
    for (size_t r = log.size(); r-- > 0;) {
        if (log[r].kind == SignalKind::Reset && !cancelled->contains(log[r].id)) {
            start = r + 1;
            break;
        }
    }
    return start;
}

template<typename T>
std::size_t vectorBytes(const std::vector<T> &v)
{
    return v.capacity() * sizeof(T);
}

} // namespace

QString humanSpan(qint64 ms)
{
    const double days = double(ms) / double(kDayMs);
    if (days < 1.5)
        return QStringLiteral("a day");
    if (days < 14)
        return QStringLiteral("%1 days").arg(qRound(days));
    if (days < 60)
        return QStringLiteral("%1 weeks").arg(qRound(days / 7));
    if (days < 365 * 1.5)
        return QStringLiteral("%1 months").arg(qRound(days / 30.44));
    const int years = qRound(days / 365.25);
    return years == 1 ? QStringLiteral("a year") : QStringLiteral("%1 years").arg(years);
}

TasteEngine::TasteEngine(const TasteParams &params) : m_params(params) {}

TasteEngine::~TasteEngine() = default;

void TasteEngine::setLibrary(TasteLibrary library)
{
    // Sort by id so lookups are a binary search and the order never depends on how the caller
    // listed the tracks.
    const size_t n = library.tracks.size();
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return library.tracks[a].id < library.tracks[b].id;
    });
    const bool hasFeatures = library.dimension > 0
                             && library.features.size() >= n * size_t(library.dimension)
                             && library.analysed.size() >= n;
    if (!std::is_sorted(order.begin(), order.end())) {
        TasteLibrary sorted;
        sorted.dimension = hasFeatures ? library.dimension : 0;
        sorted.extractorVersion = library.extractorVersion;
        sorted.tracks.reserve(n);
        if (hasFeatures) {
            sorted.features.resize(n * size_t(library.dimension));
            sorted.analysed.resize(n);
        }
        for (size_t r = 0; r < n; ++r) {
            sorted.tracks.push_back(std::move(library.tracks[order[r]]));
            if (hasFeatures) {
                std::memcpy(sorted.features.data() + r * size_t(library.dimension),
                            library.features.data() + order[r] * size_t(library.dimension),
                            sizeof(float) * size_t(library.dimension));
                sorted.analysed[r] = library.analysed[order[r]];
            }
        }
        library = std::move(sorted);
    }

    m_index.build(library, m_params);
    m_ids.resize(n);
    m_titles.resize(n);
    m_durationS.resize(n);
    m_missing.resize(n);
    for (size_t i = 0; i < n; ++i) {
        TasteTrack &t = library.tracks[i];
        m_ids[i] = t.id;
        m_titles[i] = std::move(t.title);
        m_durationS[i] = float(std::max(0.0, t.durationS));
        m_missing[i] = t.missing ? 1 : 0;
    }
    library = TasteLibrary(); // the raw features are no longer needed; free them now

    m_neighbours.assign(n, {});
    m_hasNeighbours.assign(n, 0);

    std::vector<std::uint8_t> eligible(n);
    for (size_t i = 0; i < n; ++i)
        eligible[i] = m_missing[i] ? 0 : 1;
    m_tieKey.resize(n);
    for (size_t i = 0; i < n; ++i)
        m_tieKey[i] = (std::uint64_t(1) << 32) + (mix(std::uint64_t(m_ids[i])) >> 32);
    const std::vector<int> spread = m_index.spreadOrder(kSpreadCount, eligible);
    for (size_t r = 0; r < spread.size(); ++r)
        m_tieKey[size_t(spread[r])] = r;

    m_pinned.erase(std::remove_if(m_pinned.begin(), m_pinned.end(),
                                  [this](qint64 id) { return indexOf(id) < 0; }),
                   m_pinned.end());
    m_seed = -1;
    m_seedStartsLeft = 0;
    m_seedNeighbours.clear();
    replayLog();
}

void TasteEngine::setParams(const TasteParams &params)
{
    const bool neighboursChanged = params.neighbourCount != m_params.neighbourCount
                                   || params.minSimilarity != m_params.minSimilarity
                                   || params.sameArtistShare != m_params.sameArtistShare;
    m_params = params;
    if (neighboursChanged) {
        std::fill(m_hasNeighbours.begin(), m_hasNeighbours.end(), 0);
        for (auto &list : m_neighbours)
            list.clear();
    }
    replayLog();
}

void TasteEngine::resetState()
{
    const size_t n = m_ids.size();
    m_refMs = 0;
    m_hasRef = false;
    m_ownR.assign(n, 0.0);
    m_ownW.assign(n, 0.0);
    m_srcR.assign(n, 0.0);
    m_srcW.assign(n, 0.0);
    m_plays.assign(n, 0.0);
    m_ban.assign(n, 0.0);
    m_lastHeardMs.assign(n, 0);
    m_heardBeforeMs.assign(n, 0);
    m_flags.assign(n, 0);
    m_sources.clear();
    m_isSource.assign(n, 0);
    m_reverse.assign(n, {});
    m_totalPlays = 0;
    m_fatigueW = 0;
    m_tiredPlays.fill(0.0);
    m_tiredSkips.fill(0.0);
    m_profile.reset(m_index.dimension());
    m_stackA = m_stackB = m_stackW = 0;
    m_surprises = 0;
    m_lastStarted = -1;
    m_lastStartedMs = 0;
}

void TasteEngine::replayLog()
{
    resetState();
    QSet<qint64> cancelled;
    const size_t start = activeRows(m_log, &cancelled);
    for (size_t r = start; r < m_log.size(); ++r) {
        const SignalRecord &s = m_log[r];
        if (s.kind == SignalKind::Undo || s.kind == SignalKind::Reset || cancelled.contains(s.id))
            continue;
        applyOne(s, false);
    }
}

void TasteEngine::apply(const SignalRecord &signal)
{
    m_log.push_back(signal);
    if (signal.kind == SignalKind::Undo || signal.kind == SignalKind::Reset) {
        replayLog();
        if (signal.kind == SignalKind::Reset) {
            m_pinned.clear();
            startFrom(0);
        }
        return;
    }
    applyOne(signal, true);
}

void TasteEngine::applyAll(const QList<SignalRecord> &signalList)
{
    // One replay at the end instead of one per undo or reset.
    bool needsReplay = false;
    for (const SignalRecord &s : signalList) {
        m_log.push_back(s);
        if (s.kind == SignalKind::Undo || s.kind == SignalKind::Reset)
            needsReplay = true;
        else if (!needsReplay)
            applyOne(s, false);
    }
    if (needsReplay)
        replayLog();
}

void TasteEngine::clearSignals()
{
    m_log.clear();
    m_pinned.clear();
    startFrom(0);
    resetState();
}

void TasteEngine::rebuild()
{
    replayLog();
}

void TasteEngine::rebase(qint64 newRefMs)
{
    const double hMs = m_params.halfLifeDays * double(kDayMs);
    const double scale = std::exp2(-double(newRefMs - m_refMs) / hMs);
    for (auto *v : {&m_ownR, &m_ownW, &m_srcR, &m_srcW, &m_plays, &m_ban}) {
        for (double &x : *v)
            x *= scale;
    }
    m_totalPlays *= scale;
    m_fatigueW *= scale;
    for (auto *bins : {&m_tiredPlays, &m_tiredSkips}) {
        for (double &x : *bins)
            x *= scale;
    }
    m_profile.scale(scale);
    m_stackA *= scale;
    m_stackB *= scale;
    m_stackW *= scale;
    m_refMs = newRefMs;
}

int TasteEngine::sameArtistCap(int k) const
{
    return int(std::ceil(std::clamp(m_params.sameArtistShare, 0.0, 1.0) * k));
}

const std::vector<FeatureIndex::Neighbour> &TasteEngine::neighboursOf(int i)
{
    if (!m_hasNeighbours[size_t(i)]) {
        m_neighbours[size_t(i)] = m_index.nearest(i, m_params.neighbourCount,
                                                  float(m_params.minSimilarity), sameArtistCap(m_params.neighbourCount));
        m_neighbours[size_t(i)].shrink_to_fit();
        m_hasNeighbours[size_t(i)] = 1;
    }
    return m_neighbours[size_t(i)];
}

void TasteEngine::ensureSource(int i)
{
    if (m_isSource[size_t(i)])
        return;
    m_isSource[size_t(i)] = 1;
    m_sources.insert(std::lower_bound(m_sources.begin(), m_sources.end(), i), i);
    for (const FeatureIndex::Neighbour &nb : neighboursOf(i))
        m_reverse[size_t(nb.index)].push_back({i, nb.similarity});
}

double TasteEngine::predictedMean(int i, double g, double share) const
{
    // What rank() would have believed about track i at the signal's time (decay 1/g), with
    // the profile mixed in by `share` (the prediction is linear in it).
    const size_t u = size_t(i);
    const bool profiled = share > 0 && m_profile.solved() && m_index.analysed(i);
    const double lift = profiled ? m_profile.lift(m_index.normalised(i)) : 0.0;
    double r = 0;
    double w = 0;
    for (const FeatureIndex::Neighbour &src : m_reverse[u]) {
        const size_t t = size_t(src.index);
        const double sw = double(src.similarity) * m_srcW[t];
        r += double(src.similarity) * m_srcR[t];
        w += sw;
        if (profiled && m_index.analysed(src.index))
            r += share * sw * (lift - m_profile.lift(m_index.normalised(src.index)));
    }
    const double f = 1.0 / g;
    const double m0 = m_params.neighbourPriorWeight;
    const double n0 = m_params.rewardPriorWeight;
    const double prior = std::clamp((profileBase(lift, share) * m0 + f * r) / (m0 + f * w), 0.0, 1.0);
    return (f * m_ownR[u] + n0 * prior) / (f * m_ownW[u] + n0);
}

double TasteEngine::profileBase(double lift, double share)
{
    // Only a lift: the profile promotes the sound the owner rewards above neutral but does not
    // push unfamiliar sounds below it (KNN and the track's own evidence do that from actual
    // skips), so a listener whose taste moves is not kept from the new sound by the old profile.
    return 0.5 + share * std::clamp(lift, 0.0, 0.5);
}

double TasteEngine::profileShare(double f) const
{
    // Online stacking: the prediction with base 0.5 + k (profile - 0.5) is exactly
    // (1 - k) p0 + k p1, so the k that would have minimised the weighted squared error of every
    // prediction made so far is B / A; shrunk toward 0 while the evidence is thin.
    if (!(m_stackA > 0) || !(m_stackB > 0))
        return 0.0;
    const double w = f * m_stackW;
    return std::clamp(m_stackB / m_stackA, 0.0, 1.0) * w / (w + m_params.profileStackEvidence);
}

void TasteEngine::tirednessCurve(double f, double prior, std::array<double, 8> *curve) const
{
    curve->fill(0.0);
    if (prior <= 0 && f * m_fatigueW < 2.0)
        return; // one tired skip is not yet a pattern
    // Isotonic regression (pool adjacent violators) over the bins with evidence: tiredness does
    // not grow with the gap. Each starts as its skip share with tirednessPseudoPlays plays at
    // `prior`. A bin without evidence takes `prior` clamped between its observed neighbours
    // (at least the next longer gap's value, at most the next shorter gap's).
    struct Block
    {
        double value, weight;
        int bins;
    };
    std::vector<Block> blocks;
    std::vector<size_t> observed;
    const double pseudo = m_params.tirednessPseudoPlays;
    for (size_t b = 0; b < curve->size(); ++b) {
        if (!(f * m_tiredPlays[b] > 1e-9))
            continue;
        observed.push_back(b);
        const double w = f * m_tiredPlays[b] + pseudo;
        Block block{(f * m_tiredSkips[b] + prior * pseudo) / w, w, 1};
        while (!blocks.empty() && blocks.back().value < block.value) {
            const Block &last = blocks.back();
            const double weight = last.weight + block.weight;
            block = {(last.value * last.weight + block.value * block.weight) / weight, weight,
                     last.bins + block.bins};
            blocks.pop_back();
        }
        blocks.push_back(block);
    }
    std::vector<double> fitted;
    for (const Block &block : blocks)
        fitted.insert(fitted.end(), size_t(block.bins), std::clamp(block.value, 0.0, 1.0));
    size_t next = 0; // index into observed of the first observed bin at or after b
    for (size_t b = 0; b < curve->size(); ++b) {
        while (next < observed.size() && observed[next] < b)
            ++next;
        if (next < observed.size() && observed[next] == b) {
            (*curve)[b] = fitted[next];
            continue;
        }
        const double shorter = next > 0 ? fitted[next - 1] : 1.0;
        const double longer = next < observed.size() ? fitted[next] : 0.0;
        (*curve)[b] = std::clamp(prior, longer, shorter);
    }
}

void TasteEngine::applyOne(const SignalRecord &s, bool live)
{
    const int i = indexOf(s.trackId);
    if (i < 0)
        return;
    const size_t u = size_t(i);
    const double duration = s.durationS > 0 ? s.durationS : double(m_durationS[u]);
    SignalEffect e = signalEffect(s.kind, s.positionS, duration);

    const double hMs = m_params.halfLifeDays * double(kDayMs);
    if (!m_hasRef) {
        m_refMs = s.atMs;
        m_hasRef = true;
    }
    if (double(s.atMs - m_refMs) / hMs > kRebaseHalfLives)
        rebase(s.atMs);
    const double g = std::exp2(double(s.atMs - m_refMs) / hMs);
    std::uint8_t &flags = m_flags[u];

    // Read an early skip in context (see TasteParams): tired of a favourite, or a surprise.
    const bool favourite = m_ownW[u] >= 0.5 * g && m_ownR[u] >= 0.6 * m_ownW[u];
    const bool outcome = s.kind == SignalKind::Skip || s.kind == SignalKind::Complete
                         || s.kind == SignalKind::Like || s.kind == SignalKind::Replay;
    // What rank() would have predicted for this track just before the signal: with a neutral
    // base (p0) and with the taste profile as the base (p1), mixed by the learned share.
    const bool analysed = m_index.analysed(i);
    double p0 = 0.5;
    double p1 = 0.5;
    if (outcome) {
        p0 = predictedMean(i, g, 0.0);
        p1 = p0;
        if (analysed && m_profile.weight() > 0 && m_profile.solve(1.0 / g, m_params.profileRidge))
            p1 = predictedMean(i, g, 1.0);
    }
    const double share = profileShare(1.0 / g);
    const bool expected = outcome && (1.0 - share) * p0 + share * p1 >= m_params.surpriseLevel;
    // A favourite heard again within the horizon: its outcome is evidence for the tiredness
    // curve (finished or skipped); an early skip of it is read by that curve below.
    const qint64 previous = (flags & InPlay) ? m_heardBeforeMs[u] : m_lastHeardMs[u];
    const qint64 gap = s.atMs - previous;
    const bool heardAgain = favourite && previous > 0 && gap >= 0
                            && double(gap) < m_params.fatigueHorizonDays * double(kDayMs);
    // How likely a skip at this gap is tiredness, from the evidence before this signal. With
    // none, an early skip of a favourite heard again is ambiguous: half tired, half a judgement.
    double tiredShare = 0;
    if (heardAgain) {
        std::array<double, 8> curve;
        tirednessCurve(1.0 / g, 0.5, &curve);
        tiredShare = curve[size_t(tirednessBin(gap))];
    }
    if (heardAgain && (s.kind == SignalKind::Skip || s.kind == SignalKind::Complete))
        m_tiredPlays[size_t(tirednessBin(gap))] += g;
    if (s.kind == SignalKind::Skip && e.weight >= 1.5 * 0.5) {
        // An early skip of a favourite heard again is tiredness as far as this owner's
        // tiredness curve (learned before this skip) says a skip at that gap is; the rest of it
        // is a judgement like any other. So a listener who tires within days is not read as
        // turning against their favourites, and one whose taste moved (skipping favourites at
        // gaps they used to finish) is not read as tired.
        const double tired = tiredShare;
        if (heardAgain) {
            m_fatigueW += g;
            m_tiredSkips[size_t(tirednessBin(gap))] += g;
            e.weight *= 1.0 - tired * (1.0 - m_params.fatigueEvidenceShare);
            e.spread *= 1.0 - tired;
            if (live)
                qCDebug(lcTaste) << "early skip of a favourite after" << double(gap) / 3.6e6
                                 << "h; tired with probability" << tired;
        }
        if (expected && tired < 1.0) {
            // Once surprises outnumber confirmations by contradictionRun, every further one
            // ages the evidence again: a stale model forgets quickly and stops as soon as its
            // predictions fall below surpriseLevel or come true.
            const double surprise = 1.0 - tired;
            m_surprises += surprise;
            if (m_surprises >= m_params.contradictionRun) {
                forgetSome(m_params.forgetHalfLives * surprise);
                if (live)
                    qCDebug(lcTaste) << "taste moved: evidence aged by" << m_params.forgetHalfLives * surprise
                                     << "half-lives after" << m_surprises << "net surprises";
            }
        }
    } else if (expected && s.kind != SignalKind::Skip) {
        m_surprises = std::max(0.0, m_surprises - 1);
    }

    if (e.plays > 0) {
        m_plays[u] += e.plays * g;
        m_totalPlays += e.plays * g;
    }
    if (outcome && e.weight > 0 && e.spread > 0) {
        // What generalises beyond the track teaches the profile and scores the stacking.
        const double w = e.spread * e.weight * g;
        const double d = p1 - p0;
        m_stackA += w * d * d;
        m_stackB += w * (e.reward - p0) * d;
        m_stackW += w;
        if (analysed)
            m_profile.add(m_index.normalised(i), e.reward, w);
    }
    if (e.weight > 0) {
        m_ownR[u] += e.weight * e.reward * g;
        m_ownW[u] += e.weight * g;
        if (e.spread > 0) {
            m_srcR[u] += e.spread * e.weight * e.reward * g;
            m_srcW[u] += e.spread * e.weight * g;
            ensureSource(i);
        }
    }

    switch (s.kind) {
    case SignalKind::Start:
        if (m_ban[u] > 0)
            flags |= PlayedSinceDislike;
        flags |= InPlay;
        m_heardBeforeMs[u] = m_lastHeardMs[u];
        if (m_lastStarted < 0 || s.atMs >= m_lastStartedMs) {
            m_lastStarted = i;
            m_lastStartedMs = s.atMs;
        }
        break;
    case SignalKind::Like:
        flags |= Liked;
        break;
    case SignalKind::Dislike:
        flags &= std::uint8_t(~(Liked | PlayedSinceDislike));
        break;
    case SignalKind::Replay:
        flags |= Replayed;
        break;
    case SignalKind::Complete:
        flags |= Completed;
        flags &= std::uint8_t(~InPlay);
        break;
    case SignalKind::Skip:
        flags &= std::uint8_t(~InPlay);
        break;
    default:
        break;
    }
    if (e.bans) {
        m_ban[u] += g;
    } else if (e.forgives && m_ban[u] > 0) {
        // A like or a replay is a deliberate "I want this"; listening through only counts when
        // the listener started the track again after disliking it (not the rest of the play
        // during which they pressed Dislike).
        if (s.kind != SignalKind::Complete || (flags & PlayedSinceDislike))
            m_ban[u] = 0;
    }
    if (s.kind != SignalKind::Like && s.kind != SignalKind::Dislike)
        m_lastHeardMs[u] = std::max(m_lastHeardMs[u], s.atMs);

    if (live && s.kind == SignalKind::Start) {
        m_pinned.erase(std::remove(m_pinned.begin(), m_pinned.end(), s.trackId), m_pinned.end());
        if (m_seedStartsLeft > 0 && i != m_seed)
            --m_seedStartsLeft;
    }
}

void TasteEngine::forgetSome(double halfLives)
{
    // Everything learned so far ages at once. Dislike bans stay: they were explicit.
    const double keep = std::exp2(-halfLives);
    for (auto *v : {&m_ownR, &m_ownW, &m_srcR, &m_srcW, &m_plays}) {
        for (double &x : *v)
            x *= keep;
    }
    m_totalPlays *= keep;
    m_fatigueW *= keep;
    for (auto *bins : {&m_tiredPlays, &m_tiredSkips}) {
        for (double &x : *bins)
            x *= keep;
    }
    m_profile.scale(keep);
    m_stackA *= keep;
    m_stackB *= keep;
    m_stackW *= keep;
}

qint64 TasteEngine::noRepeatWindowMs() const
{
    return qint64(std::max(0.0, m_params.noRepeatHours) * 3600.0 * 1000.0);
}

double TasteEngine::decayFactor(qint64 nowMs) const
{
    if (!m_hasRef)
        return 1.0;
    const double hMs = m_params.halfLifeDays * double(kDayMs);
    // Clamped so a clock set decades back cannot overflow; the ranking is unaffected because
    // every term scales alike.
    return std::exp2(std::clamp(-double(nowMs - m_refMs) / hMs, -1000.0, 1000.0));
}

double TasteEngine::recency(int i, qint64 nowMs) const
{
    // Halves every fatigue horizon (14 days): the span over which this engine asks whether
    // hearing a track again is too soon. 0 for a track never heard.
    const qint64 last = m_lastHeardMs[size_t(i)];
    if (last <= 0 || nowMs < last)
        return last > 0 ? 1.0 : 0.0;
    const double horizonMs = std::max(1.0, m_params.fatigueHorizonDays * double(kDayMs));
    return std::exp2(-double(nowMs - last) / horizonMs);
}

double TasteEngine::explorationC() const
{
    return explorationConstant(m_adventurousness, m_params);
}

void TasteEngine::setAdventurousness(double value)
{
    m_adventurousness = std::isfinite(value) ? std::clamp(value, 0.0, 1.0) : kDefaultAdventurousness;
}

void TasteEngine::pinNext(qint64 trackId)
{
    if (indexOf(trackId) < 0)
        return;
    m_pinned.erase(std::remove(m_pinned.begin(), m_pinned.end(), trackId), m_pinned.end());
    m_pinned.push_back(trackId); // the latest pin is last here and first in the queue
}

void TasteEngine::startFrom(qint64 trackId)
{
    const int i = indexOf(trackId);
    m_seed = i;
    m_seedNeighbours.clear();
    m_seedStartsLeft = 0;
    if (i < 0)
        return;
    // A wider circle than a signal spreads to: "similar" should fill a whole queue.
    const int k = std::max(3 * m_params.neighbourCount, 60);
    m_seedNeighbours = m_index.nearest(i, k, float(m_params.minSimilarity), sameArtistCap(k));
    m_seedStartsLeft = m_params.seedPlays;
}

int TasteEngine::indexOf(qint64 trackId) const
{
    const auto it = std::lower_bound(m_ids.begin(), m_ids.end(), trackId);
    return it != m_ids.end() && *it == trackId ? int(it - m_ids.begin()) : -1;
}

int TasteEngine::analysedCount() const
{
    int n = 0;
    for (int i = 0; i < trackCount(); ++i)
        n += m_index.analysed(i) ? 1 : 0;
    return n;
}

QString TasteEngine::artist(int index) const
{
    const int a = m_index.artistOf(index);
    return a >= 0 ? m_index.artistName(a) : QString();
}

bool TasteEngine::banned(int i, double f) const
{
    return m_ban[size_t(i)] * f >= m_params.dislikeForgiveLevel;
}

void TasteEngine::computeScores(qint64 nowMs)
{
    const size_t n = m_ids.size();
    const double f = decayFactor(nowMs);
    m_nbR.assign(n, 0.0);
    m_nbW.assign(n, 0.0);
    m_best.assign(n, 0.0);
    m_bestSource.assign(n, -1);
    m_score.resize(n);
    // The linear taste profile moves each track's base from neutral by the learned share.
    // m_lift: what the sound adds (b . z); m_base: the neighbour prior's base.
    m_profileShareNow = profileShare(f);
    if (m_profileShareNow > 0 && m_profile.solve(f, m_params.profileRidge))
        m_profile.liftAll(m_index.normalised(0), int(n), m_index.analysedFlags(), &m_lift);
    else
        m_lift.assign(n, 0.0);
    m_base.resize(n);
    const double liftShare = m_profileShareNow;
    for (size_t i = 0; i < n; ++i) // profileBase(), inlined: this loop runs over the library
        m_base[i] = 0.5 + liftShare * std::min(0.5, std::max(0.0, m_lift[i]));
    tirednessCurve(f, 0.0, &m_tiredCurve);
    const bool tired = m_tiredCurve[0] > 0;
    const qint64 horizonMs = qint64(m_params.fatigueHorizonDays * double(kDayMs));

    // KNN propagation: every track that spreads evidence adds it to its neighbours, weighted by
    // similarity. Sources are visited in index order, so the sums never depend on history.
    // With the profile, each neighbour's reward is corrected by how much the sound differs
    // along the learned direction (KNN on the residuals of the linear model): a duller
    // neighbour of a liked bright track inherits less of the like.
    const double share = m_profileShareNow;
    for (const int t : m_sources) {
        const double r = m_srcR[size_t(t)];
        const double w = m_srcW[size_t(t)];
        const double positive = r - 0.5 * w;
        const bool profiled = share > 0 && m_index.analysed(t);
        for (const FeatureIndex::Neighbour &nb : m_neighbours[size_t(t)]) {
            const size_t j = size_t(nb.index);
            const double s = double(nb.similarity);
            m_nbR[j] += s * r;
            if (profiled && m_index.analysed(int(j)))
                m_nbR[j] += share * s * w * (m_lift[j] - m_lift[size_t(t)]);
            m_nbW[j] += s * w;
            const double c = s * positive;
            if (c > m_best[j]) {
                m_best[j] = c;
                m_bestSource[j] = t;
            }
        }
    }

    // Discounted UCB1.
    const double m0 = m_params.neighbourPriorWeight;
    const double n0 = m_params.rewardPriorWeight;
    const double np = std::max(1e-6, m_params.playPriorWeight);
    const double lambda = m_params.neighbourCertainty;
    const double c = explorationC();
    const double variety = varietyWeight(m_adventurousness, m_params);
    const double logTotal = std::log1p(f * m_totalPlays);
    for (size_t i = 0; i < n; ++i) {
        const double prior = std::clamp((m_base[i] * m0 + f * m_nbR[i]) / (m0 + f * m_nbW[i]), 0.0, 1.0);
        const double mu = (f * m_ownR[i] + n0 * prior) / (f * m_ownW[i] + n0);
        const double plays = np + f * m_plays[i] + lambda * f * m_nbW[i];
        // The slider asks for variety as well as for unknowns: C also weighs how lately the
        // track was heard (recency(), 1 just heard, 1/2 a fatigue horizon ago). So every step
        // up the slider trades some reward for tracks not heard lately, and at 0 proven
        // favourites come back as soon as the no-repeat window allows.
        double score = mu + c * std::sqrt(logTotal / plays) - variety * recency(int(i), nowMs);
        // Tiredness scales the whole upper bound, the bonus too: what this owner gets from a
        // track heard `gap` ago is (1 - T) of its value, and what playing it now would teach is
        // mostly their tiredness, not the track. Otherwise a rested-too-briefly favourite comes
        // back on its bonus alone as the slider rises.
        if (tired && m_lastHeardMs[i] > 0 && nowMs - m_lastHeardMs[i] < horizonMs
            && nowMs >= m_lastHeardMs[i])
            score *= 1.0 - m_tiredCurve[size_t(tirednessBin(nowMs - m_lastHeardMs[i]))];
        m_score[i] = score;
    }
    if (m_seed >= 0 && m_seedStartsLeft > 0) {
        for (const FeatureIndex::Neighbour &nb : m_seedNeighbours)
            m_score[size_t(nb.index)] += m_params.seedBoost * double(nb.similarity);
    }
}

RankedQueue TasteEngine::rank(qint64 nowMs, int n)
{
    RankedQueue queue;
    const int count = trackCount();
    if (n <= 0 || count == 0)
        return queue;
    computeScores(nowMs);
    const double f = decayFactor(nowMs);
    const qint64 windowMs = noRepeatWindowMs();
    queue.reserve(n);

    std::vector<std::uint8_t> taken(size_t(count), 0);
    for (auto it = m_pinned.rbegin(); it != m_pinned.rend(); ++it) {
        const qint64 id = *it;
        const int i = indexOf(id);
        if (i < 0 || m_missing[size_t(i)] || int(queue.size()) >= n)
            continue;
        taken[size_t(i)] = 1;
        queue.append({id, m_score[size_t(i)], QStringLiteral("You chose to play this next")});
    }
    if (m_lastStarted >= 0)
        taken[size_t(m_lastStarted)] = 1; // playing now (or just played)
    if (m_seed >= 0)
        taken[size_t(m_seed)] = 1;        // the caller plays the seed itself

    // Candidates: the best M eligible tracks by (score, tie key). A bounded heap keeps this
    // O(N) with a cheap comparison for almost every track.
    const int wanted = n - int(queue.size());
    const size_t m = size_t(std::min(count, 4 * std::max(wanted, 0) + 32));
    struct Candidate
    {
        double score;
        std::uint64_t tie;
        int index;
    };
    const auto better = [](const Candidate &a, const Candidate &b) {
        return a.score != b.score ? a.score > b.score : a.tie < b.tie;
    };
    std::vector<Candidate> heap;
    std::vector<int> cooling;
    heap.reserve(m + 1);
    for (int i = 0; i < count; ++i) {
        const size_t u = size_t(i);
        if (taken[u] || m_missing[u] || banned(i, f))
            continue;
        if (m_lastHeardMs[u] > 0 && nowMs - m_lastHeardMs[u] < windowMs) {
            cooling.push_back(i);
            continue;
        }
        const Candidate cand{m_score[u], m_tieKey[u], i};
        if (heap.size() < m) {
            heap.push_back(cand);
            std::push_heap(heap.begin(), heap.end(), better);
        } else if (better(cand, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), better);
            heap.back() = cand;
            std::push_heap(heap.begin(), heap.end(), better);
        }
    }
    std::sort_heap(heap.begin(), heap.end(), better);
    std::vector<int> ordered;
    ordered.reserve(heap.size() + cooling.size());
    for (const Candidate &cand : heap)
        ordered.push_back(cand.index);
    if (int(ordered.size()) < wanted) {
        // A small library: rather repeat than run dry, longest-unheard first.
        std::sort(cooling.begin(), cooling.end(), [this](int a, int b) {
            return m_lastHeardMs[size_t(a)] != m_lastHeardMs[size_t(b)]
                       ? m_lastHeardMs[size_t(a)] < m_lastHeardMs[size_t(b)]
                       : a < b;
        });
        ordered.insert(ordered.end(), cooling.begin(), cooling.end());
    }

    // The same artist twice in a row only when nothing else is left.
    int previousArtist = queue.isEmpty()
                             ? (m_lastStarted >= 0 ? m_index.artistOf(m_lastStarted) : -1)
                             : m_index.artistOf(indexOf(queue.constLast().trackId));
    std::vector<std::uint8_t> used(ordered.size(), 0);
    size_t firstUnused = 0;
    while (int(queue.size()) < n && firstUnused < ordered.size()) {
        size_t pick = ordered.size();
        for (size_t r = firstUnused; r < ordered.size(); ++r) {
            if (used[r])
                continue;
            const int a = m_index.artistOf(ordered[r]);
            if (a < 0 || a != previousArtist) {
                pick = r;
                break;
            }
        }
        if (pick == ordered.size())
            pick = firstUnused; // only this artist left
        used[pick] = 1;
        const int i = ordered[pick];
        queue.append({m_ids[size_t(i)], m_score[size_t(i)], reasonFor(i, nowMs, f)});
        previousArtist = m_index.artistOf(i);
        while (firstUnused < ordered.size() && used[firstUnused])
            ++firstUnused;
    }
    return queue;
}

QString TasteEngine::reasonFor(int i, qint64 nowMs, double f) const
{
    const size_t u = size_t(i);
    if (m_seed >= 0 && m_seedStartsLeft > 0) {
        for (const FeatureIndex::Neighbour &nb : m_seedNeighbours) {
            if (nb.index == i)
                return QStringLiteral("Similar to %1, your pick").arg(m_titles[size_t(m_seed)]);
        }
    }
    const qint64 heardAgo = m_lastHeardMs[u] > 0 ? nowMs - m_lastHeardMs[u] : -1;
    const bool longAway = heardAgo >= kLongAbsenceMs;
    const double ownEvidence = f * m_ownW[u];
    if (ownEvidence >= m_params.reasonEvidence) {
        const double own = m_ownR[u] / m_ownW[u];
        if (own >= 0.6) {
            if (longAway)
                return QStringLiteral("Not heard for %1").arg(humanSpan(heardAgo));
            if (m_flags[u] & Liked)
                return QStringLiteral("One of your favourites");
            if (m_flags[u] & Replayed)
                return QStringLiteral("You keep coming back to this");
            return QStringLiteral("You usually finish this");
        }
        if (longAway)
            return QStringLiteral("Not heard for %1: another chance").arg(humanSpan(heardAgo));
        return QStringLiteral("Giving it another chance");
    }
    // Lifted above neutral by what its neighbours taught: name the neighbour that lifted most.
    const double m0 = m_params.neighbourPriorWeight;
    const double prior = (0.5 * m0 + f * m_nbR[u]) / (m0 + f * m_nbW[u]);
    const int source = m_bestSource[u];
    if (source >= 0 && prior >= 0.52) {
        const size_t s = size_t(source);
        if (m_flags[s] & Liked)
            return QStringLiteral("Because you liked %1").arg(m_titles[s]);
        if (m_flags[s] & Replayed)
            return QStringLiteral("Because you replayed %1").arg(m_titles[s]);
        const int a = m_index.artistOf(source);
        return QStringLiteral("Similar to %1, which you finish")
            .arg(a >= 0 ? m_index.artistName(a) : m_titles[s]);
    }
    if (longAway)
        return QStringLiteral("Not heard for %1").arg(humanSpan(heardAgo));
    if (m_base.size() == m_ids.size() && m_base[u] >= 0.55)
        return QStringLiteral("Has the sound you tend to like");
    if (heardAgo < 0 && m_plays[u] == 0)
        return QStringLiteral("Exploring: new to you");
    return QStringLiteral("Exploring: rarely played");
}

TrackExplanation TasteEngine::explain(qint64 trackId, qint64 nowMs, int queueLength)
{
    TrackExplanation x;
    const int i = indexOf(trackId);
    if (i < 0)
        return x;
    const RankedQueue queue = rank(nowMs, queueLength); // also computes the scores
    const size_t u = size_t(i);
    const double f = decayFactor(nowMs);
    x.found = true;
    x.trackId = trackId;
    x.title = m_titles[u];
    x.artist = artist(i);
    x.missing = m_missing[u] != 0;
    x.analysed = m_index.analysed(i);
    x.banned = banned(i, f);
    const qint64 windowMs = noRepeatWindowMs();
    x.noRepeatHours = double(windowMs) / 3.6e6;
    x.cooling = m_lastHeardMs[u] > 0 && nowMs - m_lastHeardMs[u] < windowMs;
    x.score = m_score[u];
    x.profileBase = m_base[u];
    x.profileShare = m_profileShareNow;
    x.profileReward = m_index.analysed(i) && m_profile.solved() ? m_profile.predict(m_index.normalised(i)) : 0.5;
    x.neighbourPrior = std::clamp((m_base[u] * m_params.neighbourPriorWeight + f * m_nbR[u])
                                  / (m_params.neighbourPriorWeight + f * m_nbW[u]), 0.0, 1.0);
    x.meanReward = (f * m_ownR[u] + m_params.rewardPriorWeight * x.neighbourPrior)
                   / (f * m_ownW[u] + m_params.rewardPriorWeight);
    if (m_tiredCurve[0] > 0 && m_lastHeardMs[u] > 0 && nowMs >= m_lastHeardMs[u]
        && double(nowMs - m_lastHeardMs[u]) < m_params.fatigueHorizonDays * double(kDayMs)) {
        x.tiredness = m_tiredCurve[size_t(tirednessBin(nowMs - m_lastHeardMs[u]))];
        x.meanReward *= 1.0 - x.tiredness;
    }
    const double plays = std::max(1e-6, m_params.playPriorWeight) + f * m_plays[u]
                         + m_params.neighbourCertainty * f * m_nbW[u];
    x.exploration = (explorationC() * std::sqrt(std::log1p(f * m_totalPlays) / plays)
                     - varietyWeight(m_adventurousness, m_params) * recency(i, nowMs))
                    * (1.0 - x.tiredness);
    x.ownEvidence = f * m_ownW[u];
    x.ownReward = m_ownW[u] > 0 ? m_ownR[u] / m_ownW[u] : 0.5;
    x.plays = f * m_plays[u];
    x.neighbourEvidence = f * m_nbW[u];
    x.lastHeardMs = m_lastHeardMs[u];
    for (int r = 0; r < queue.size(); ++r) {
        if (queue[r].trackId == trackId) {
            x.queuePosition = r;
            x.reason = queue[r].reason;
        }
    }
    if (x.reason.isEmpty())
        x.reason = reasonFor(i, nowMs, f);
    for (const int t : m_sources) {
        for (const FeatureIndex::Neighbour &nb : m_neighbours[size_t(t)]) {
            if (nb.index != i)
                continue;
            const double w = m_srcW[size_t(t)];
            x.contributions.append({m_ids[size_t(t)], double(nb.similarity),
                                    f * w * double(nb.similarity),
                                    w > 0 ? m_srcR[size_t(t)] / w : 0.5});
        }
    }
    std::sort(x.contributions.begin(), x.contributions.end(),
              [](const auto &a, const auto &b) { return a.evidence > b.evidence; });
    for (const FeatureIndex::Neighbour &nb : m_index.nearest(i, 5, 0.0f))
        x.neighbours.append(nb);
    return x;
}

QList<TasteTopTrack> TasteEngine::topTracks(qint64 nowMs, int n)
{
    const double f = decayFactor(nowMs);
    QList<TasteTopTrack> out;
    for (int i = 0; i < trackCount(); ++i) {
        const double w = f * m_ownW[size_t(i)];
        if (w <= 0)
            continue;
        // Shrunk toward neutral so one lucky listen does not outrank a long-time favourite.
        const double mean = (f * m_ownR[size_t(i)] + 1.0) / (w + 2.0);
        if (mean > 0.5)
            out.append({m_ids[size_t(i)], mean, w});
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return a.meanReward != b.meanReward ? a.meanReward > b.meanReward : a.trackId < b.trackId;
    });
    if (out.size() > n)
        out.resize(std::max(0, n));
    return out;
}

QList<TasteTopArtist> TasteEngine::topArtists(qint64 nowMs, int n)
{
    const double f = decayFactor(nowMs);
    std::vector<double> r(size_t(m_index.artistCount()), 0.0);
    std::vector<double> w(r.size(), 0.0);
    for (int i = 0; i < trackCount(); ++i) {
        const int a = m_index.artistOf(i);
        if (a < 0)
            continue;
        r[size_t(a)] += f * m_ownR[size_t(i)];
        w[size_t(a)] += f * m_ownW[size_t(i)];
    }
    QList<TasteTopArtist> out;
    for (size_t a = 0; a < r.size(); ++a) {
        const double mean = (r[a] + 1.0) / (w[a] + 2.0);
        if (w[a] > 0 && mean > 0.5)
            out.append({m_index.artistName(int(a)), mean, w[a]});
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return a.meanReward != b.meanReward ? a.meanReward > b.meanReward : a.artist < b.artist;
    });
    if (out.size() > n)
        out.resize(std::max(0, n));
    return out;
}

std::optional<SignalRecord> TasteEngine::lastUndoable() const
{
    QSet<qint64> cancelled;
    const size_t start = activeRows(m_log, &cancelled);
    for (size_t r = m_log.size(); r-- > start;) {
        const SignalRecord &s = m_log[r];
        if (s.id > 0 && isUndoable(s.kind) && !cancelled.contains(s.id))
            return s;
    }
    return std::nullopt;
}

qint64 TasteEngine::lastUndoableSignal() const
{
    const auto s = lastUndoable();
    return s ? s->id : 0;
}

quint64 TasteEngine::stateChecksum() const
{
    // FNV-1a over the bytes of every accumulator: equal only when the state is bit-identical.
    quint64 h = 1469598103934665603ULL;
    const auto eat = [&h](const void *data, size_t bytes) {
        const auto *p = static_cast<const unsigned char *>(data);
        for (size_t b = 0; b < bytes; ++b) {
            h ^= p[b];
            h *= 1099511628211ULL;
        }
    };
    for (const auto *v : {&m_ownR, &m_ownW, &m_srcR, &m_srcW, &m_plays, &m_ban})
        eat(v->data(), v->size() * sizeof(double));
    eat(m_lastHeardMs.data(), m_lastHeardMs.size() * sizeof(qint64));
    eat(m_heardBeforeMs.data(), m_heardBeforeMs.size() * sizeof(qint64));
    eat(&m_fatigueW, sizeof(m_fatigueW));
    eat(m_tiredPlays.data(), sizeof(m_tiredPlays));
    eat(m_tiredSkips.data(), sizeof(m_tiredSkips));
    eat(m_profile.gram().data(), m_profile.gram().size() * sizeof(double));
    eat(m_profile.moment().data(), m_profile.moment().size() * sizeof(double));
    eat(&m_stackA, sizeof(m_stackA));
    eat(&m_stackB, sizeof(m_stackB));
    eat(&m_stackW, sizeof(m_stackW));
    eat(&m_surprises, sizeof(m_surprises));
    eat(m_flags.data(), m_flags.size());
    eat(m_sources.data(), m_sources.size() * sizeof(int));
    eat(&m_totalPlays, sizeof(m_totalPlays));
    eat(&m_refMs, sizeof(m_refMs));
    return h;
}

std::size_t TasteEngine::memoryBytes() const
{
    std::size_t bytes = sizeof(*this) + m_index.memoryBytes();
    bytes += vectorBytes(m_ids) + vectorBytes(m_titles) + vectorBytes(m_durationS)
             + vectorBytes(m_missing) + vectorBytes(m_tieKey) + vectorBytes(m_neighbours)
             + vectorBytes(m_hasNeighbours) + vectorBytes(m_log);
    for (const QString &t : m_titles)
        bytes += size_t(t.capacity()) * sizeof(QChar) + 16; // QArrayData header
    for (const auto &list : m_neighbours)
        bytes += vectorBytes(list);
    bytes += vectorBytes(m_reverse);
    for (const auto &list : m_reverse)
        bytes += vectorBytes(list);
    bytes += m_profile.memoryBytes();
    for (const auto *v : {&m_ownR, &m_ownW, &m_srcR, &m_srcW, &m_plays, &m_ban, &m_nbR, &m_nbW,
                          &m_best, &m_score, &m_base, &m_lift})
        bytes += vectorBytes(*v);
    bytes += vectorBytes(m_lastHeardMs) + vectorBytes(m_heardBeforeMs) + vectorBytes(m_flags) + vectorBytes(m_sources)
             + vectorBytes(m_isSource) + vectorBytes(m_bestSource) + vectorBytes(m_pinned)
             + vectorBytes(m_seedNeighbours);
    return bytes;
}

} // namespace bytewave
