#pragma once

#include <QString>

namespace bytewave {

// Every tunable of the taste engine, with its unit. docs/taste.md explains each choice; the
// defaults are what the app uses. Changing halfLifeDays, the similarity weights or
// neighbourCount changes derived state, so the engine rebuilds from the log when they change.
struct TasteParams
{
    // --- Decay -----------------------------------------------------------------------------
    // Evidence (rewards, play counts, neighbour boosts, dislikes) loses half its weight per
    // half-life. Days.
    double halfLifeDays = 90.0;

    // --- KNN over tracks (see FeatureIndex) ------------------------------------------------
    int neighbourCount = 20;        // K: how many nearest tracks a signal spreads to
    double minSimilarity = 0.2;     // a "neighbour" less similar than this is not one (0..1)
    // At most this share of a track's K neighbours are by its own artist, so what a signal
    // teaches reaches similar music by other artists too (an artist's own tracks would
    // otherwise fill the list).
    double sameArtistShare = 0.5;
    // Weights of the combined similarity; normalised over the parts both tracks have, so a
    // track without analysis is compared by metadata alone.
    double audioWeight = 0.55;      // analysed similarity vectors (robust z-scores)
    double genreWeight = 0.25;      // cosine of the genre-tag sets
    double artistWeight = 0.15;     // same artist
    double albumWeight = 0.05;      // same album (album artist + album title)
    // Audio similarity is exp(-d2 / audioBandwidth) where d2 is the mean squared difference of
    // the robust z-scores per dimension (two unrelated tracks: d2 ~ 2, similarity ~ 0.14).
    double audioBandwidth = 1.0;
    double featureClip = 4.0;       // robust z-scores are clipped to +-featureClip (outliers)

    // --- Rewards and UCB1 ------------------------------------------------------------------
    // The mean reward is a Bayesian mean: own evidence plus rewardPriorWeight pseudo-observations
    // at the neighbour prior. The neighbour prior is a kernel-weighted mean of the neighbours'
    // rewards plus neighbourPriorWeight pseudo-observations at neutral (0.5).
    double rewardPriorWeight = 1.0;
    double neighbourPriorWeight = 2.0;
    // UCB1's play count gets playPriorWeight pseudo-plays, so a never-played track has a finite
    // bonus, and neighbourCertainty * (neighbour evidence) more: what is known about a track's
    // neighbours makes its own reward less uncertain.
    double playPriorWeight = 1.0;
    double neighbourCertainty = 0.25;
    // The linear taste profile (TasteProfile): ridge regression of the rewards on the audio
    // z-scores. profileRidge is the ridge per coefficient in decayed observations (a direction
    // of the sound needs about that much consistent evidence before it counts). How much the
    // profile moves the neighbour prior's base away from neutral is not a constant: it is
    // learned per owner by online stacking (how much mixing the profile in would have improved
    // each prediction made before the signal arrived), shrunk toward 0 by
    // profileStackEvidence decayed observations.
    double profileRidge = 8.0;
    double profileStackEvidence = 20.0;
    // C = maxExploration * adventurousness^explorationExponent.
    double maxExploration = 0.5;
    double explorationExponent = 1.5;

    // --- Reading skips in context ----------------------------------------------------------
    // An early skip (severity >= 0.5) of a track the listener likes (own mean reward >= 0.6 over
    // half a decayed observation or more), heard again within fatigueHorizonDays, says "tired of
    // it", not "not this": only fatigueEvidenceShare of the skip counts against the track and
    // none spreads to its neighbours. The engine learns this owner's tiredness curve: for every
    // outcome of such a favourite heard again within the horizon, the gap since it was last
    // heard goes into a bin (kTirednessBins), and the share of early skips per bin, made
    // non-increasing in the gap (isotonic regression), is the probability that a track heard
    // that long ago is skipped out of tiredness. A candidate's mean reward is scaled by
    // (1 - that probability) once tired skips are a pattern (at least two, decayed). The curve
    // decays with the half-life like all evidence.
    // Any other early skip of a track the engine expected to please (predicted mean reward
    // >= surpriseLevel) is a surprise; an expected track finished or liked is a confirmation.
    // Once surprises outnumber confirmations by contradictionRun, the listener's taste has
    // moved: each further surprise ages all evidence by forgetHalfLives at once, so new signals
    // outweigh the old and exploration rises; it stops when predictions come true again or
    // nothing is confidently expected any more.
    double fatigueHorizonDays = 14.0;
    double fatigueEvidenceShare = 0.25;
    double tirednessPseudoPlays = 0.5; // per bin, at "not tired", so one skip is not a curve
    double surpriseLevel = 0.65;
    double forgetHalfLives = 2.0;   // how far each further surprise ages the evidence
    double contradictionRun = 3;

    // --- Queue -----------------------------------------------------------------------------
    double noRepeatHours = 48.0;      // a track that played is not queued again for this long
    // A dislike bans a track until its decayed weight falls below this (0.25 = two half-lives,
    // about six months), or until the listener plays it through, replays it or likes it.
    double dislikeForgiveLevel = 0.25;
    // "Play similar": the seed's neighbours get this much extra score for the next seedPlays
    // tracks that start.
    double seedBoost = 1.0;
    int seedPlays = 50;
    // Evidence below this (decayed weight) is too little to name as a reason.
    double reasonEvidence = 0.3;
};

// Settings keys (SettingsStore) the session reads the tunables a user may change from.
inline QString adventurousnessKey() { return QStringLiteral("adventurousness"); }
inline QString halfLifeDaysKey() { return QStringLiteral("taste.half_life_days"); }
inline QString noRepeatHoursKey() { return QStringLiteral("taste.no_repeat_hours"); }
constexpr double kDefaultAdventurousness = 0.35;

// The slider (0 = proven favourites .. 1 = mostly discovery) as UCB1's exploration constant C.
double explorationConstant(double adventurousness, const TasteParams &params);
// The slider as the weight of variety: how much score a track heard just now gives up
// (V * 2^(-gap / fatigueHorizonDays)). V = a^2 * C: 0 at 0, 0.013 at the default, C at 1.
double varietyWeight(double adventurousness, const TasteParams &params);

} // namespace bytewave
