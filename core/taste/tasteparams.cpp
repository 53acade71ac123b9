#include "core/taste/tasteparams.h"

#include <algorithm>
#include <cmath>

namespace bytewave {

double explorationConstant(double adventurousness, const TasteParams &params)
{
    if (!std::isfinite(adventurousness))
        adventurousness = kDefaultAdventurousness;
    const double a = std::clamp(adventurousness, 0.0, 1.0);
    // Convex (explorationExponent 1.5): the lower half of the slider stays close to proven
    // favourites, because "a good mix" should still sound like the listener, and the top end
    // really goes exploring. In the simulation, a linear mapping at the default setting cost
    // the tempo and artist listeners a tenth of their satisfaction for discoveries they skipped.
    return params.maxExploration * std::pow(a, params.explorationExponent);
}

} // namespace bytewave
