#pragma once

#include "core/signallog.h"
#include "core/taste/featureindex.h"
#include "core/taste/queueentry.h"
#include "core/taste/tastelibrary.h"
#include "core/taste/tasteparams.h"
#include "core/taste/tasteprofile.h"

#include <QList>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace bytewave {

// Why one track scores what it scores (bytewave-cli why, the GUI's "why this track").
struct TrackExplanation
{
    struct Contribution
    {
        qint64 sourceTrackId = 0; // the track whose signals spread here
        double similarity = 0;
        double evidence = 0;      // decayed neighbour weight it gives
        double reward = 0;        // its mean spread reward
    };

    bool found = false;
    qint64 trackId = 0;
    QString title;
    QString artist;
    bool missing = false;
    bool analysed = false;
    bool banned = false;       // disliked and not yet forgiven
    bool cooling = false;      // played within the no-repeat window
    double noRepeatHours = 0;  // the window in force (the setting, or longer if learned)
    double score = 0;          // meanReward + exploration (+ "play similar" boost)
    double meanReward = 0;     // Bayesian mean of own evidence over the neighbour prior
    double neighbourPrior = 0; // kernel-weighted neighbour reward over the profile's base
    double profileBase = 0.5;  // the neighbour prior's base: neutral moved toward the profile
    double profileReward = 0.5; // what the linear taste profile predicts from the sound alone
    double profileShare = 0;   // how far the base follows the profile (learned, 0..1)
    double tiredness = 0;      // learned probability of a tired skip at this track's gap
    // What the slider adds: C * (sqrt(ln(total plays) / plays) - recency) * (1 - tiredness);
    // negative for a track heard lately.
    double exploration = 0;
    double ownEvidence = 0;    // decayed observation weight of the track's own signals
    double ownReward = 0.5;    // mean reward of those (0.5 when none)
    double plays = 0;          // decayed plays
    double neighbourEvidence = 0;
    qint64 lastHeardMs = 0;    // 0 = never
    int queuePosition = -1;    // 0-based position in a queue of the asked length, -1 = not in it
    QString reason;
    QList<Contribution> contributions;            // strongest first
    QList<FeatureIndex::Neighbour> neighbours;    // this track's own nearest tracks
};

struct TasteTopTrack
{
    qint64 trackId = 0;
    double meanReward = 0; // own evidence, shrunk toward neutral
    double evidence = 0;
};

struct TasteTopArtist
{
    QString artist;
    double meanReward = 0;
    double evidence = 0;
};

// The taste engine: pure maths over a library snapshot and the signal log. No SQL, no threads,
// no clock of its own ("now" is an argument), so the app's worker, the CLI, the simulation and
// the benchmark all drive exactly this code.
//
// Model (docs/taste.md has the full story and the numbers):
// - Each signal is evidence (reward in [0, 1], weight; see rewardmodel.h) about its track, and
//   a share of it spreads to the track's K nearest neighbours weighted by similarity.
// - Decay: evidence of age a counts 2^(-a / half-life). With one half-life decay is a global
//   factor, so every accumulator is stored scaled to a reference time t_ref (a signal at t adds
//   w * 2^((t - t_ref) / h)) and a pass multiplies by f = 2^(-(now - t_ref) / h): a new signal
//   or a later "now" never touches every track.
// - Neighbour prior p = (base m0 + f R_nb) / (m0 + f W_nb): kernel regression of neighbours'
//   rewards, shrunk toward the base (neutral, 0.5, lifted by the taste profile below). Mean reward mu = (f R_own + n0 p) / (f W_own + n0): decays
//   toward the prior, and the prior toward 0.5, as evidence ages.
// - Discounted UCB1 with variety: score = (mu + C (sqrt(ln(1 + f N) / n) - rho)) (1 - T(gap)),
//   n = n_p + f n_i + lambda f W_nb, with decayed play counts n_i, N = sum n_i; the
//   pseudo-plays n_p keep a never-played track's bonus finite, so it competes on its
//   neighbour prior rather than at infinity. rho = 2^(-gap / fatigue horizon) (0 if never
//   heard): the slider asks for variety too, so a track heard lately gives up C rho.
// - Taste profile (TasteProfile): ridge regression of the generalising rewards on the audio
//   z-scores; lift = b . z. The prior's base becomes 0.5 + k clamp(lift, 0, 0.5) and each
//   neighbour's spread reward is corrected by k W (lift_i - lift_t) (KNN on the residuals).
//   k is learned by online stacking: before each signal, the prediction with (p1) and without
//   (p0) the profile; k = sum w (y - p0)(p1 - p0) / sum w (p1 - p0)^2, clamped to [0, 1] and
//   shrunk while the evidence is thin (profileShare()).
// - Tiredness: outcomes of favourites heard again within fatigueHorizonDays, binned by the gap,
//   give a non-increasing curve T(gap) (isotonic regression); the score (the mean and the
//   bonus: playing a tired track teaches tiredness, not the track) is scaled by 1 - T(gap). An
//   early skip of a favourite is read as tired with the curve's probability (1/2 without
//   evidence), the rest as a judgement (and a possible surprise: the taste-change rule).
// - C comes from the adventurousness slider (explorationConstant()).
// - Queue hygiene, reasons, "play next" and "play similar" are applied in rank().
//
// Derived state is a pure function of (library, parameters, the signals applied in order):
// rebuild() from the same signals gives bit-identical state and so the same ranking.
class TasteEngine
{
public:
    explicit TasteEngine(const TasteParams &params = {});
    ~TasteEngine();
    TasteEngine(const TasteEngine &) = delete;
    TasteEngine &operator=(const TasteEngine &) = delete;

    // Replaces the library and re-derives everything from the signals applied so far (signals
    // for tracks the library does not have are kept and count once the track appears).
    void setLibrary(TasteLibrary library);
    // Changes the tunables and re-derives the state. The similarity weights, bandwidth and clip
    // shape the feature index and take effect at the next setLibrary().
    void setParams(const TasteParams &params);
    const TasteParams &params() const { return m_params; }

    // Signals in log order. Undo and Reset re-derive from the kept log; others are incremental.
    void apply(const SignalRecord &signal);
    void applyAll(const QList<SignalRecord> &signalList);
    // Forgets every signal (state back to a fresh install, the library stays).
    void clearSignals();
    // Re-derives all state from the kept signals from scratch (what rebuild-taste does).
    void rebuild();

    void setAdventurousness(double value); // 0..1
    double adventurousness() const { return m_adventurousness; }
    double explorationC() const;

    // "Play next": the track leads the queue until it starts (latest pin first).
    void pinNext(qint64 trackId);
    // "Play similar": the caller plays the track; the queue favours its neighbours for the next
    // seedPlays starts. 0 clears.
    void startFrom(qint64 trackId);

    // The queue at nowMs: pinned tracks, then the best-scoring eligible tracks with the queue's
    // hygiene rules, each with a reason. Cost: O(N + sources * K).
    RankedQueue rank(qint64 nowMs, int n);
    TrackExplanation explain(qint64 trackId, qint64 nowMs, int queueLength = 50);
    // What the owner has shown they like, best first: tracks (artists) whose own signals,
    // shrunk toward neutral, are above neutral. A disliked or skipped track is not a favourite.
    QList<TasteTopTrack> topTracks(qint64 nowMs, int n);
    QList<TasteTopArtist> topArtists(qint64 nowMs, int n);

    // The id of the last signal an undo would cancel (like, dislike, skip, complete, replay that
    // is not already cancelled and not before a reset); 0 when there is none.
    qint64 lastUndoableSignal() const;
    std::optional<SignalRecord> lastUndoable() const;
    int signalCount() const { return int(m_log.size()); }

    int indexOf(qint64 trackId) const;
    int trackCount() const { return int(m_ids.size()); }
    int analysedCount() const;
    qint64 trackId(int index) const { return m_ids[size_t(index)]; }
    QString title(int index) const { return m_titles[size_t(index)]; }
    QString artist(int index) const;
    double durationS(int index) const { return double(m_durationS[size_t(index)]); }
    bool missing(int index) const { return m_missing[size_t(index)] != 0; }
    const FeatureIndex &features() const { return m_index; }

    // A hash of all derived state (for checking that a rebuild equals the incremental result).
    quint64 stateChecksum() const;
    // Heap bytes the engine holds (library, features, state, caches).
    std::size_t memoryBytes() const;

private:
    enum Flag : std::uint8_t {
        Liked = 1,
        Replayed = 2,
        Completed = 4,
        PlayedSinceDislike = 8,
        InPlay = 16, // started, no skip or complete yet
    };

    void resetState();
    void replayLog();
    void applyOne(const SignalRecord &signal, bool live);
    void rebase(qint64 newRefMs);
    void ensureSource(int i);
    const std::vector<FeatureIndex::Neighbour> &neighboursOf(int i);
    int sameArtistCap(int k) const;
    double decayFactor(qint64 nowMs) const;
    void forgetSome(double halfLives);
    double predictedMean(int i, double g, double share) const;
    double profileShare(double f) const;
    static double profileBase(double lift, double share);
    void tirednessCurve(double f, double prior, std::array<double, 8> *curve) const;
    qint64 noRepeatWindowMs() const;
    double recency(int i, qint64 nowMs) const;
    void computeScores(qint64 nowMs);
    bool banned(int i, double f) const;
    QString reasonFor(int i, qint64 nowMs, double f) const;

    TasteParams m_params;
    double m_adventurousness = kDefaultAdventurousness;

    // Library (sorted by id).
    std::vector<qint64> m_ids;
    std::vector<QString> m_titles;
    std::vector<float> m_durationS;
    std::vector<std::uint8_t> m_missing;
    FeatureIndex m_index;
    std::vector<std::uint64_t> m_tieKey;    // equal scores: cold-start spread order, then a hash
    std::vector<std::vector<FeatureIndex::Neighbour>> m_neighbours; // cache, filled on demand
    std::vector<std::uint8_t> m_hasNeighbours;

    // The signals applied, in order (kept to replay undo/reset and library changes).
    std::vector<SignalRecord> m_log;

    // State, scaled to m_refMs (see the class comment).
    qint64 m_refMs = 0;
    bool m_hasRef = false;
    std::vector<double> m_ownR, m_ownW;   // own evidence: sum w r g, sum w g
    std::vector<double> m_srcR, m_srcW;   // what this track spreads to its neighbours
    std::vector<double> m_plays;          // sum g over starts
    std::vector<double> m_ban;            // sum g over dislikes since the last forgiveness
    std::vector<qint64> m_lastHeardMs;
    std::vector<qint64> m_heardBeforeMs;  // the hearing before the current play
    std::vector<std::uint8_t> m_flags;
    std::vector<int> m_sources;           // tracks with m_srcW > 0, ascending
    // For each track, the sources that list it as a neighbour, in the order they became
    // sources (so sums over it are the same in every replay).
    std::vector<std::vector<FeatureIndex::Neighbour>> m_reverse;
    std::vector<std::uint8_t> m_isSource;
    double m_totalPlays = 0;
    double m_fatigueW = 0;                // fatigue skips (decayed count)
    // The tiredness curve's evidence: outcomes and tired early skips of favourites heard again,
    // by the gap since they were last heard (bins: kTirednessEdgesDays in the .cpp).
    std::array<double, 8> m_tiredPlays{};
    std::array<double, 8> m_tiredSkips{};
    // The linear taste profile and its online stacking weight: sums over generalising signals
    // of g w (p1 - p0)^2, g w (y - p0)(p1 - p0) and g w, where p0 is the prediction with a
    // neutral base and p1 with the profile as the base (see profileShare()).
    TasteProfile m_profile;
    double m_stackA = 0, m_stackB = 0, m_stackW = 0;
    double m_surprises = 0;               // surprising early skips minus confirmations (>= 0)
    int m_lastStarted = -1;
    qint64 m_lastStartedMs = 0;

    // Session state (not derived from the log).
    std::vector<qint64> m_pinned;         // latest last
    int m_seed = -1;
    int m_seedStartsLeft = 0;
    std::vector<FeatureIndex::Neighbour> m_seedNeighbours;

    // Scratch of the last pass.
    std::vector<double> m_nbR, m_nbW, m_best, m_score, m_base, m_lift;
    std::array<double, 8> m_tiredCurve{};
    double m_profileShareNow = 0;
    std::vector<int> m_bestSource;
};

// "4 months", "3 weeks", "5 days": how long ago, for reasons.
QString humanSpan(qint64 ms);

} // namespace bytewave
