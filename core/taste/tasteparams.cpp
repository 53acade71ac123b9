#include "core/taste/tasteparams.h"

#include <algorithm>
#include <cmath>

namespace bytewave {

double explorationConstant(double adventurousness, const TasteParams &params)
{
    if (!std::isfinite(adventurousness))
        adventurousness = kDefaultAdventurousness;
    const double a = std::clamp(adventurousness, 0.0, 1.0);
    // Convex so the lower half of the slider stays close to favourites: most listeners want
    // "a good mix" to still sound like them, and the top end to really go exploring.
    return params.maxExploration * std::pow(a, params.explorationExponent);
}

} // namespace bytewave
