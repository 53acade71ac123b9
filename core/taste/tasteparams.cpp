#include "core/taste/tasteparams.h"

#include <algorithm>
#include <cmath>

namespace bytewave {

double explorationConstant(double adventurousness, const TasteParams &params)
{
    if (!std::isfinite(adventurousness))
        adventurousness = kDefaultAdventurousness;
    const double a = std::clamp(adventurousness, 0.0, 1.0);
    // Linear by default (explorationExponent 1): every step of the slider changes how much
    // novelty the queue gets, which is what a listener moving it expects to hear.
    return params.maxExploration * std::pow(a, params.explorationExponent);
}

} // namespace bytewave
