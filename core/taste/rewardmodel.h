#pragma once

#include "core/signallog.h"

namespace bytewave {

// How each listening signal counts as evidence about a track. Rewards are in [0, 1]
// (0 = the listener does not want it, 0.5 = neutral, 1 = the listener loves it).
//
// A signal on a track is one observation (reward r, weight w) in the track's Bayesian mean
// reward; spread * w of it also goes to the track's K nearest neighbours, weighted by
// similarity (KNN propagation). Everything is then decayed with the engine's half-life.
//
//   kind      reward      weight            spread  notes
//   like      1.0         3.0               1.0     strong positive; lifts a dislike ban
//   dislike   0.0         4.0               0.25    strong negative, neighbours "a little";
//                                                   bans the track (see TasteParams)
//   skip      0.0         1.5 * severity    0.6     severity from the position (skipSeverity)
//   complete  0.85        1.0               0.6     listen-through: mild positive
//   replay    1.0         1.5               0.8     played again on purpose
//   start     -           -                 -       counts a play for UCB1 and the no-repeat window
//   undo, reset: not evidence; the engine replays the log without the cancelled rows.
struct SignalEffect
{
    double reward = 0.5; // [0, 1]
    double weight = 0;   // observations this signal is worth (before decay)
    double spread = 0;   // share of the weight passed on to the neighbours
    double plays = 0;    // plays this signal counts for UCB1
    bool bans = false;   // a dislike
    bool forgives = false; // lifts an earlier dislike's ban (the listener wants it after all)
};

// How much a skip says "not this", from 0 (meaningless) to 1 (a flat rejection).
//
//   severity(t, d) = (1 - t/d)^1.5 * (0.35 + 0.65 * L(t)),   L(t) = 1 / (1 + exp((t - 30) / 8))
//
// t is the playback position in seconds, d the track's duration in seconds (240 s assumed when
// unknown); t is clamped to [0, d]. L is a logistic step that holds near 1 for the first
// ~20 s and falls to 1/2 at 30 s: a listener who skips in the first seconds has judged the
// track; (1 - t/d)^1.5 makes a skip near the end nearly meaningless (they heard most of it).
// Values: 0 s -> 0.98, 10 s -> 0.89, 30 s of 240 -> 0.55, 50 % -> 0.12, 80 % -> 0.03, end -> 0.
// Plotted in docs/taste-skip-curve.svg (benchmarks/taste/plot_skip_curve.cpp).
double skipSeverity(double positionS, double durationS);

// The duration assumed for a skip on a track whose length is unknown.
constexpr double kAssumedDurationS = 240.0;

SignalEffect signalEffect(SignalKind kind, double positionS, double durationS);

} // namespace bytewave
