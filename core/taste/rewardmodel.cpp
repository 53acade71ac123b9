#include "core/taste/rewardmodel.h"

#include <algorithm>
#include <cmath>

namespace bytewave {

double skipSeverity(double positionS, double durationS)
{
    const double d = (std::isfinite(durationS) && durationS > 0) ? durationS : kAssumedDurationS;
    const double t = std::isfinite(positionS) ? std::clamp(positionS, 0.0, d) : 0.0;
    const double early = 1.0 / (1.0 + std::exp((t - 30.0) / 8.0));
    const double remaining = 1.0 - t / d;
    return std::pow(remaining, 1.5) * (0.35 + 0.65 * early);
}

SignalEffect signalEffect(SignalKind kind, double positionS, double durationS)
{
    SignalEffect e;
    switch (kind) {
    case SignalKind::Start:
        e.plays = 1;
        break;
    case SignalKind::Like:
        e.reward = 1.0;
        e.weight = 3.0;
        e.spread = 1.0;
        e.forgives = true;
        break;
    case SignalKind::Dislike:
        e.reward = 0.0;
        e.weight = 4.0;
        e.spread = 0.25;
        e.bans = true;
        break;
    case SignalKind::Skip:
        e.reward = 0.0;
        e.weight = 1.5 * skipSeverity(positionS, durationS);
        e.spread = 0.6;
        break;
    case SignalKind::Complete:
        e.reward = 0.85;
        e.weight = 1.0;
        e.spread = 0.6;
        e.forgives = true;
        break;
    case SignalKind::Replay:
        e.reward = 1.0;
        e.weight = 1.5;
        e.spread = 0.8;
        e.forgives = true;
        break;
    case SignalKind::Undo:
    case SignalKind::Reset:
        break;
    }
    return e;
}

} // namespace bytewave
