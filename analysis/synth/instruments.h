#pragma once

// The synthesiser's voices. Each renders one hit or note into a mono buffer starting at its
// onset; the arranger places and pans it. Units: Hz, seconds, MIDI note numbers, velocity 0..1.
//
// Methods, briefly: drums are subtractive/analogue-style models (sine with exponential pitch
// sweep for kick and toms, tuned sines plus filtered noise for snare, six detuned squares plus
// noise through a high-pass for cymbals as in the TR-808); pitched voices are band-limited
// (PolyBLEP) saw and pulse through a TPT state-variable filter, two-operator FM (Chowning 1973),
// Karplus–Strong plucked string (Karplus & Strong 1983, with Jaffe & Smith's all-pass tuning),
// additive drawbar organ, and an additive piano with stretched (inharmonic) partials whose
// higher partials decay faster.

#include "analysis/synth/prng.h"
#include "analysis/synth/trackparams.h"

#include <vector>

namespace bytewave::synth {

enum class Drum {
    Kick,
    Snare,
    Rim,
    Clap,
    HatClosed,
    HatPedal,
    HatOpen,
    Ride,
    Crash,
    TomHigh,
    TomMid,
    TomLow,
    Shaker,
};

// The sound of a drum kit: drawn per track so two house tracks do not share one kick.
struct DrumKit
{
    double kickHz = 50.0;     // end pitch of the kick
    double kickSweep = 3.0;   // start pitch as a multiple of kickHz
    double kickDecay = 0.35;  // T60 of the kick body, s
    double kickClick = 0.5;   // 0..1 level of the beater click
    double snareHz = 190.0;   // shell tone
    double snareDecay = 0.18; // T60 of the snare wires, s
    double snareNoise = 0.7;  // 0..1 wires vs shell
    double hatHz = 8000.0;    // centre of the cymbal band
    double hatDecay = 0.06;   // closed hi-hat T60, s
    double tomHz = 110.0;     // low tom; mid and high are a fourth and an octave up
    double room = 0.2;        // 0..1 reverb send of the kit
};

enum class BassSound { Sub, Synth, Acid, Finger, Upright, Slap };

struct Note
{
    double midi = 60.0;
    float velocity = 0.8f;
    double seconds = 0.5; // held duration; the release rings on after it
};

class Instruments
{
public:
    // brightness 0..1 opens filters and adds upper partials.
    Instruments(int sampleRate, double brightness);

    void drum(Drum drum, const DrumKit &kit, float velocity, NoiseSource &noise,
              std::vector<float> &out) const;
    void tonal(Timbre timbre, const Note &note, NoiseSource &noise, std::vector<float> &out) const;
    void bass(BassSound sound, const Note &note, NoiseSource &noise, std::vector<float> &out) const;

private:
    void kick(const DrumKit &kit, float velocity, NoiseSource &noise, std::vector<float> &out) const;
    void snare(const DrumKit &kit, float velocity, NoiseSource &noise, std::vector<float> &out) const;
    void clap(float velocity, NoiseSource &noise, std::vector<float> &out) const;
    void rim(float velocity, NoiseSource &noise, std::vector<float> &out) const;
    void cymbal(double centreHz, double decay, double noiseMix, float velocity, NoiseSource &noise,
                std::vector<float> &out) const;
    void tom(double hz, float velocity, NoiseSource &noise, std::vector<float> &out) const;
    void shaker(float velocity, NoiseSource &noise, std::vector<float> &out) const;

    void subtractive(const Note &note, bool square, int unison, double attack, double release,
                     double cutoffMul, double q, std::vector<float> &out) const;
    void fm(const Note &note, double ratio, double index, double decay, std::vector<float> &out) const;
    void pluck(const Note &note, double damping, double drive, NoiseSource &noise,
               std::vector<float> &out) const;
    void organ(const Note &note, std::vector<float> &out) const;
    void piano(const Note &note, NoiseSource &noise, std::vector<float> &out) const;

    int m_rate;
    double m_brightness;
};

} // namespace bytewave::synth
