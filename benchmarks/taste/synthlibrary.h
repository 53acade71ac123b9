#pragma once

// SYNTHETIC test data for the taste benchmark and simulation, clearly not real analysis.
//
// A library laid out the way make-demo-library lays one out (see /work/notes/manifest.md: each
// artist has one style, a tempo range and a timbre family; albums group an artist's tracks),
// with the manifest's generation parameters per track, plus a SYNTHETIC similarity vector per
// track standing in for what the analysis would measure: noisy functions of the generation
// parameters (log tempo with occasional octave errors, brightness-driven spectral shape,
// energy-driven loudness and flux, a timbre-family MFCC prototype, a chroma profile of the key,
// swing, noise), plus dimensions of pure noise. The simulation's listeners are defined over the
// generation parameters only, never over these vectors.

#include "core/taste/tastelibrary.h"

#include <QString>

#include <cstdint>
#include <random>
#include <vector>

namespace bytewave::synth {

struct GeneratedTrack
{
    qint64 id = 0;
    QString file; // relative path, as in a manifest
    QString title;
    QString artist;
    QString album;
    QString genre;
    QString style;
    double tempoBpm = 120;
    double swing = 0;
    int keyIndex = 0;
    bool minor = false;
    QString timbre;
    double brightness = 0.5;
    double energy = 0.5;
    double noise = 0;
    double durationS = 200;
};

struct GeneratedLibrary
{
    std::vector<GeneratedTrack> tracks;
    int dimension = 0;
    std::vector<float> vectors; // tracks.size() x dimension, SYNTHETIC
};

// Deterministic for (trackCount, dimension, seed). dimension >= 24.
GeneratedLibrary generateLibrary(int trackCount, int dimension, std::uint64_t seed);

// The engine's input for a generated library; analysedShare of the tracks get their vector
// (the rest are "not analysed yet" and take part through metadata).
TasteLibrary toTasteLibrary(const GeneratedLibrary &library, double analysedShare = 1.0);

} // namespace bytewave::synth
