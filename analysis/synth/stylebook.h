#pragma once

// The generator's styles: for each, the ranges the library planner draws parameters from and
// the genre tags it writes. The rhythmic and harmonic patterns themselves live in arranger.cpp.
//
// Tempo ranges are in the unit a listener taps for that style (quarter notes of a 4/4 bar, the
// kick/snare pulse); see docs/demo-library.md for how each style's label is defined.

#include "analysis/synth/trackparams.h"

#include <vector>

namespace bytewave::synth {

struct StyleSpec
{
    Style style;
    double tempoMin;
    double tempoMax;
    double swingProbability; // share of tracks that swing at all
    double swingMin;
    double swingMax;
    int swingUnitSteps; // 2 = swung eighths, 1 = swung sixteenths
    double minorProbability;
    std::vector<Timbre> timbres; // the families an artist of this style draws from
    std::vector<const char *> genres; // tag values; "A; B" is multi-valued
    double energyMin, energyMax;
    double brightnessMin, brightnessMax;
    double loudnessMin, loudnessMax; // LUFS
    double noiseMax; // the hiss an artist of this style may have (0..1)
    bool humanize;   // played by "people": timing and velocity jitter
    int barsPerChord;
};

const StyleSpec &styleSpec(Style style);

// Chord roots as scale degrees (0 = tonic) for a style and mode; one is picked per track.
std::vector<std::vector<int>> progressionsFor(Style style, Mode mode);

} // namespace bytewave::synth
