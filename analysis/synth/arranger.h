#pragma once

// Turns TrackParams into music: drum patterns per style on a (possibly swung) 16th grid, a bass
// line and diatonic chords with voice leading in the track's key and mode, an optional lead
// melody, pads, reverb; then a master stage (brightness tilt, hiss, loudness normalisation to
// the target with a peak limiter). Rendering is a pure function of the parameters: the same
// TrackParams give bit-identical PCM on every IEEE-754 platform (see detmath.h).
//
// Output: interleaved float PCM, full scale ±1, peaks at most −1 dBFS, exactly
// round(durationSeconds · sampleRate) frames. Cost: roughly 0.1 s of one core per 30 s track.

#include "analysis/synth/trackparams.h"

#include <vector>

namespace bytewave::synth {

struct RenderedAudio
{
    int sampleRate = 44100;
    int channels = 2;
    std::vector<float> samples; // interleaved
    double loudnessLufs = 0.0;  // measured after normalisation (BS.1770 integrated)
    float peak = 0.0f;          // largest |sample|

    std::size_t frames() const { return channels > 0 ? samples.size() / std::size_t(channels) : 0; }
};

class Arranger
{
public:
    // sampleRate 8000..192000, channels 1 or 2; other values are clamped into range.
    static RenderedAudio render(const TrackParams &params, int sampleRate = 44100, int channels = 2);
};

// The same, as a free function for callers that only want PCM (tests, benchmarks).
inline RenderedAudio renderTrack(const TrackParams &params, int sampleRate = 44100, int channels = 2)
{
    return Arranger::render(params, sampleRate, channels);
}

} // namespace bytewave::synth
