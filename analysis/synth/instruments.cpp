#include "analysis/synth/instruments.h"

#include "analysis/synth/detmath.h"
#include "analysis/synth/effects.h"

#include <algorithm>
#include <array>

namespace bytewave::synth {

namespace {

long framesFor(double seconds, int rate)
{
    return std::max(1L, long(seconds * rate));
}

// Per-sample multiplier of an exponential decay with the given T60 (seconds).
float decayMul(double t60, int rate)
{
    return float(det::decayCoefficient(t60, rate));
}

} // namespace

Instruments::Instruments(int sampleRate, double brightness)
    : m_rate(sampleRate), m_brightness(std::clamp(brightness, 0.0, 1.0))
{
}

void Instruments::drum(Drum drum, const DrumKit &kit, float velocity, NoiseSource &noise,
                       std::vector<float> &out) const
{
    switch (drum) {
    case Drum::Kick:
        kick(kit, velocity, noise, out);
        break;
    case Drum::Snare:
        snare(kit, velocity, noise, out);
        break;
    case Drum::Rim:
        rim(velocity, noise, out);
        break;
    case Drum::Clap:
        clap(velocity, noise, out);
        break;
    case Drum::HatClosed:
        cymbal(kit.hatHz, kit.hatDecay, 0.5, velocity, noise, out);
        break;
    case Drum::HatPedal:
        cymbal(kit.hatHz * 0.9, kit.hatDecay * 0.6, 0.3, velocity * 0.7f, noise, out);
        break;
    case Drum::HatOpen:
        cymbal(kit.hatHz, std::max(0.25, kit.hatDecay * 6.0), 0.5, velocity, noise, out);
        break;
    case Drum::Ride:
        cymbal(kit.hatHz * 0.6, 1.3, 0.2, velocity, noise, out);
        break;
    case Drum::Crash:
        cymbal(kit.hatHz * 0.75, 2.0, 0.7, velocity, noise, out);
        break;
    case Drum::TomHigh:
        tom(kit.tomHz * 2.0, velocity, noise, out);
        break;
    case Drum::TomMid:
        tom(kit.tomHz * 1.335, velocity, noise, out);
        break;
    case Drum::TomLow:
        tom(kit.tomHz, velocity, noise, out);
        break;
    case Drum::Shaker:
        shaker(velocity, noise, out);
        break;
    }
}

void Instruments::kick(const DrumKit &kit, float velocity, NoiseSource &noise,
                       std::vector<float> &out) const
{
    const long n = framesFor(kit.kickDecay * 1.1 + 0.02, m_rate);
    out.assign(std::size_t(n), 0.0f);
    const float ampMul = decayMul(kit.kickDecay, m_rate);
    const float pitchMul = decayMul(0.12, m_rate); // the sweep settles within ~40 ms
    const float clickMul = decayMul(0.012, m_rate);
    OnePole clickFilter;
    clickFilter.set(1500.0 + 6000.0 * m_brightness, m_rate);
    const float clickLevel = float(kit.kickClick * (0.3 + 0.5 * m_brightness));
    const float dt = 1.0f / float(m_rate);
    float phase = 0.0f, amp = 1.0f, sweep = 1.0f, click = 1.0f;
    for (long i = 0; i < n; ++i) {
        const float hz = float(kit.kickHz) * (1.0f + float(kit.kickSweep - 1.0) * sweep);
        phase += hz * dt;
        if (phase >= 1.0f)
            phase -= 1.0f;
        const float body = det::softClip(1.6f * det::sinTurnsF(phase) * amp) * 0.95f;
        const float c = clickFilter.process(noise.next()) * click * clickLevel;
        out[std::size_t(i)] = velocity * (body + c);
        amp *= ampMul;
        sweep *= pitchMul;
        click *= clickMul;
    }
}

void Instruments::snare(const DrumKit &kit, float velocity, NoiseSource &noise,
                        std::vector<float> &out) const
{
    const long n = framesFor(kit.snareDecay * 1.1 + 0.02, m_rate);
    out.assign(std::size_t(n), 0.0f);
    Phasor shell1(kit.snareHz, m_rate);
    Phasor shell2(kit.snareHz * 1.62, m_rate);
    Svf wires;
    wires.set(2500.0 + 4500.0 * m_brightness, 0.6, m_rate);
    Svf wiresHp;
    wiresHp.set(900.0, 0.7, m_rate);
    const float shellMul = decayMul(0.09, m_rate);
    const float wireMul = decayMul(kit.snareDecay, m_rate);
    const float noiseLevel = float(kit.snareNoise);
    const float shellLevel = 1.0f - 0.6f * noiseLevel;
    float shellAmp = 1.0f, wireAmp = 1.0f;
    for (long i = 0; i < n; ++i) {
        const float s = (0.6f * shell1.next() + 0.4f * shell2.next()) * shellAmp * shellLevel;
        const float w = wiresHp.highpass(wires.lowpass(noise.next())) * wireAmp * noiseLevel * 1.6f;
        out[std::size_t(i)] = velocity * (s + w);
        shellAmp *= shellMul;
        wireAmp *= wireMul;
    }
}

void Instruments::clap(float velocity, NoiseSource &noise, std::vector<float> &out) const
{
    const long n = framesFor(0.28, m_rate);
    out.assign(std::size_t(n), 0.0f);
    Svf band;
    band.set(1100.0 + 600.0 * m_brightness, 1.6, m_rate);
    const long gap = long(0.009 * m_rate);
    const float burstMul = decayMul(0.03, m_rate);
    const float tailMul = decayMul(0.2, m_rate);
    float env = 0.0f;
    for (long i = 0; i < n; ++i) {
        if (i == 0 || i == gap || i == 2 * gap || i == 3 * gap)
            env = 1.0f;
        env *= i < 3 * gap ? burstMul : tailMul;
        out[std::size_t(i)] = velocity * 2.2f * band.bandpass(noise.next()) * env;
    }
}

void Instruments::rim(float velocity, NoiseSource &noise, std::vector<float> &out) const
{
    const long n = framesFor(0.08, m_rate);
    out.assign(std::size_t(n), 0.0f);
    Phasor high(1700.0, m_rate);
    Phasor low(480.0, m_rate);
    Svf band;
    band.set(3000.0, 1.2, m_rate);
    const float fast = decayMul(0.025, m_rate);
    const float slow = decayMul(0.05, m_rate);
    float a = 1.0f, b = 1.0f;
    for (long i = 0; i < n; ++i) {
        out[std::size_t(i)] = velocity
            * (0.5f * high.next() * a + 0.5f * low.next() * b + 0.6f * band.bandpass(noise.next()) * a);
        a *= fast;
        b *= slow;
    }
}

void Instruments::cymbal(double centreHz, double decay, double noiseMix, float velocity,
                         NoiseSource &noise, std::vector<float> &out) const
{
    const long n = framesFor(decay * 1.05 + 0.01, m_rate);
    out.assign(std::size_t(n), 0.0f);
    // The TR-808's six square oscillators, scaled together so their comb sits in the band.
    static constexpr std::array<double, 6> kRatios {205.3, 304.4, 369.6, 522.7, 540.0, 800.0};
    std::array<float, 6> phase {};
    std::array<float, 6> inc {};
    const double scale = 1.0 + centreHz / 8000.0;
    for (std::size_t k = 0; k < kRatios.size(); ++k)
        inc[k] = float(kRatios[k] * scale / m_rate);
    const double centre = centreHz * (0.75 + 0.5 * m_brightness);
    Svf band;
    band.set(centre, 0.9, m_rate);
    Svf high;
    high.set(centre * 0.6, 0.7, m_rate);
    const float mul = decayMul(decay, m_rate);
    const float metal = float(1.0 - noiseMix);
    const float hiss = float(noiseMix);
    float env = 1.0f;
    for (long i = 0; i < n; ++i) {
        float sq = 0.0f;
        for (std::size_t k = 0; k < phase.size(); ++k) {
            phase[k] += inc[k];
            if (phase[k] >= 1.0f)
                phase[k] -= 1.0f;
            sq += phase[k] < 0.5f ? 1.0f : -1.0f;
        }
        const float x = metal * sq * (1.0f / 6.0f) + hiss * noise.next();
        out[std::size_t(i)] = velocity * 1.8f * high.highpass(band.bandpass(x)) * env;
        env *= mul;
    }
}

void Instruments::tom(double hz, float velocity, NoiseSource &noise, std::vector<float> &out) const
{
    const long n = framesFor(0.5, m_rate);
    out.assign(std::size_t(n), 0.0f);
    const float ampMul = decayMul(0.45, m_rate);
    const float sweepMul = decayMul(0.15, m_rate);
    const float noiseMul = decayMul(0.03, m_rate);
    const float dt = 1.0f / float(m_rate);
    float phase = 0.0f, amp = 1.0f, sweep = 1.0f, nz = 1.0f;
    for (long i = 0; i < n; ++i) {
        phase += float(hz) * (1.0f + 0.4f * sweep) * dt;
        if (phase >= 1.0f)
            phase -= 1.0f;
        out[std::size_t(i)] = velocity * (det::sinTurnsF(phase) * amp + 0.2f * noise.next() * nz);
        amp *= ampMul;
        sweep *= sweepMul;
        nz *= noiseMul;
    }
}

void Instruments::shaker(float velocity, NoiseSource &noise, std::vector<float> &out) const
{
    const long n = framesFor(0.1, m_rate);
    out.assign(std::size_t(n), 0.0f);
    Svf band;
    band.set(5500.0 + 3000.0 * m_brightness, 1.4, m_rate);
    const long attack = long(0.008 * m_rate);
    const float mul = decayMul(0.07, m_rate);
    float env = 0.0f;
    for (long i = 0; i < n; ++i) {
        if (i < attack)
            env = float(i + 1) / float(attack);
        else
            env *= mul;
        out[std::size_t(i)] = velocity * 1.5f * band.bandpass(noise.next()) * env;
    }
}

void Instruments::tonal(Timbre timbre, const Note &note, NoiseSource &noise,
                        std::vector<float> &out) const
{
    const double b = m_brightness;
    switch (timbre) {
    case Timbre::Saw:
        subtractive(note, false, 2, 0.004, 0.18, 3.0 + 10.0 * b, 1.1, out);
        break;
    case Timbre::Square:
        subtractive(note, true, 1, 0.003, 0.12, 3.0 + 9.0 * b, 1.3, out);
        break;
    case Timbre::Pad:
        subtractive(note, false, 3, 0.45, 0.9, 2.0 + 5.0 * b, 0.7, out);
        break;
    case Timbre::Fm:
        fm(note, 1.0, 1.5 + 3.0 * b, 1.4, out);
        break;
    case Timbre::Pluck:
        pluck(note, 0.5 - 0.35 * b, 0.0, noise, out);
        break;
    case Timbre::Guitar:
        pluck(note, 0.45 - 0.25 * b, 6.0, noise, out);
        break;
    case Timbre::Organ:
        organ(note, out);
        break;
    case Timbre::Piano:
        piano(note, noise, out);
        break;
    }
}

void Instruments::subtractive(const Note &note, bool square, int unison, double attack,
                              double release, double cutoffMul, double q,
                              std::vector<float> &out) const
{
    const long gate = framesFor(note.seconds, m_rate);
    const long n = gate + Adsr::releaseFrames(release, m_rate);
    out.assign(std::size_t(n), 0.0f);
    const double hz = det::midiToHz(note.midi);
    Adsr amp(attack, 0.4, 0.75, release, m_rate, gate);
    Adsr filterEnv(0.002, 0.35, 0.0, release, m_rate, gate);
    Svf filter;
    std::array<float, 3> phase {0.0f, 0.37f, 0.71f};
    std::array<float, 3> inc {};
    static constexpr std::array<double, 3> kDetuneCents {0.0, 9.0, -11.0};
    for (int u = 0; u < unison; ++u)
        inc[std::size_t(u)] = float(hz * det::exp(kDetuneCents[std::size_t(u)] * det::kLn2 / 1200.0)
                                    / m_rate);
    const float gain = 0.8f / float(unison) * note.velocity;
    for (long i = 0; i < n; ++i) {
        if ((i & 15) == 0) {
            const double env = filterEnv.next();
            filter.set(hz * cutoffMul * (0.45 + 0.9 * env) + 80.0, q, m_rate);
        }
        float x = 0.0f;
        for (int u = 0; u < unison; ++u) {
            float &p = phase[std::size_t(u)];
            const float dt = inc[std::size_t(u)];
            p += dt;
            if (p >= 1.0f)
                p -= 1.0f;
            if (square) {
                float t2 = p + 0.5f;
                if (t2 >= 1.0f)
                    t2 -= 1.0f;
                x += (p < 0.5f ? 1.0f : -1.0f) + polyBlep(p, dt) - polyBlep(t2, dt);
            } else {
                x += 2.0f * p - 1.0f - polyBlep(p, dt);
            }
        }
        out[std::size_t(i)] = filter.lowpass(x) * amp.next() * gain;
    }
}

void Instruments::fm(const Note &note, double ratio, double index, double decay,
                     std::vector<float> &out) const
{
    const double release = 0.3;
    const long gate = framesFor(note.seconds, m_rate);
    const long n = gate + Adsr::releaseFrames(release, m_rate);
    out.assign(std::size_t(n), 0.0f);
    const double hz = det::midiToHz(note.midi);
    Adsr amp(0.002, decay, 0.25, release, m_rate, gate);
    const float indexMul = decayMul(decay * 0.6, m_rate);
    const float carrierInc = float(hz / m_rate);
    const float modInc = float(hz * ratio / m_rate);
    float cp = 0.0f, mp = 0.0f;
    float idx = float(index);
    const float idxFloor = float(index * 0.15);
    for (long i = 0; i < n; ++i) {
        mp += modInc;
        if (mp >= 1.0f)
            mp -= 1.0f;
        cp += carrierInc;
        if (cp >= 1.0f)
            cp -= 1.0f;
        const float mod = det::sinTurnsF(mp) * (idx + idxFloor) * (1.0f / 6.2831853f);
        out[std::size_t(i)] = det::sinTurnsF(cp + mod) * amp.next() * 0.7f * note.velocity;
        idx *= indexMul;
    }
}

void Instruments::pluck(const Note &note, double damping, double drive, NoiseSource &noise,
                        std::vector<float> &out) const
{
    const double release = drive > 0 ? 0.12 : 0.25;
    const long gate = framesFor(note.seconds, m_rate);
    const long n = gate + Adsr::releaseFrames(release, m_rate);
    out.assign(std::size_t(n), 0.0f);
    const double hz = det::midiToHz(note.midi);
    const double s = std::clamp(damping, 0.05, 0.5); // loop filter weight = its delay in samples
    const double loopDelay = double(m_rate) / hz - s;
    long li = long(loopDelay);
    double frac = loopDelay - double(li);
    if (frac < 0.1 && li > 2) {
        --li;
        frac += 1.0;
    }
    li = std::max(2L, li);
    const float apc = float((1.0 - frac) / (1.0 + frac));
    // Loss per round trip for the string to fall 60 dB in t60 seconds.
    const double t60 = drive > 0 ? 2.5 : std::clamp(3.0 - (note.midi - 48.0) * 0.04, 0.8, 3.5);
    const float loss = float(det::exp(-6.907755278982137 / (t60 * hz)));
    std::vector<float> line(static_cast<std::size_t>(li));
    OnePole excite;
    excite.set(hz * (2.0 + 14.0 * m_brightness) + 400.0, m_rate);
    for (float &v : line)
        v = excite.process(noise.next());
    float prev = 0.0f, apX = 0.0f, apY = 0.0f;
    std::size_t idx = 0;
    const float releaseMul = decayMul(release, m_rate);
    float env = 1.0f;
    OnePole cabinet;
    cabinet.set(2500.0 + 3500.0 * m_brightness, m_rate);
    const float driveGain = float(drive);
    const float norm = drive > 0 ? 0.6f : 1.2f;
    const float w = float(s);
    for (long i = 0; i < n; ++i) {
        const float x = line[idx];
        const float filtered = ((1.0f - w) * x + w * prev) * loss;
        prev = x;
        const float ap = apc * filtered + apX - apc * apY;
        apX = filtered;
        apY = ap;
        line[idx] = ap;
        if (++idx == line.size())
            idx = 0;
        float y = x;
        if (driveGain > 0.0f)
            y = cabinet.process(det::softClip(y * driveGain));
        if (i >= gate)
            env *= releaseMul;
        out[std::size_t(i)] = y * env * norm * note.velocity;
    }
}

void Instruments::organ(const Note &note, std::vector<float> &out) const
{
    const double release = 0.07;
    const long gate = framesFor(note.seconds, m_rate);
    const long n = gate + Adsr::releaseFrames(release, m_rate);
    out.assign(std::size_t(n), 0.0f);
    const double hz = det::midiToHz(note.midi);
    // Drawbars 8', 4', 2 2/3', 2', 1 3/5', 1' (harmonics 1, 2, 3, 4, 5, 8); brightness pulls
    // out the upper ones.
    static constexpr std::array<double, 6> kHarmonics {1, 2, 3, 4, 5, 8};
    const double b = m_brightness;
    const std::array<double, 6> levels {1.0, 0.7, 0.3 + 0.4 * b, 0.2 + 0.4 * b, 0.1 * b, 0.25 * b};
    std::vector<Phasor> partials;
    std::vector<float> gains;
    for (std::size_t k = 0; k < kHarmonics.size(); ++k) {
        if (hz * kHarmonics[k] < 0.45 * m_rate) {
            partials.emplace_back(hz * kHarmonics[k], m_rate, 0.13 * double(k));
            gains.push_back(float(levels[k]));
        }
    }
    Phasor percussion(hz * 3.0, m_rate);
    Phasor tremolo(5.8, m_rate);
    const float percMul = decayMul(0.35, m_rate);
    Adsr amp(0.004, 0.1, 1.0, release, m_rate, gate);
    float perc = 0.5f;
    for (long i = 0; i < n; ++i) {
        float x = 0.0f;
        for (std::size_t k = 0; k < partials.size(); ++k)
            x += partials[k].next() * gains[k];
        x += percussion.next() * perc;
        perc *= percMul;
        const float trem = 1.0f + 0.08f * tremolo.next();
        out[std::size_t(i)] = x * 0.32f * trem * amp.next() * note.velocity;
    }
}

void Instruments::piano(const Note &note, NoiseSource &noise, std::vector<float> &out) const
{
    const double release = 0.18; // dampers
    const double hz = det::midiToHz(note.midi);
    // Low strings ring longer; the whole note is bounded so long chords stay cheap.
    const double t60 = std::clamp(4.0 - (note.midi - 40.0) * 0.06, 0.8, 4.5);
    const double held = std::min(note.seconds, t60);
    const long gate = framesFor(held, m_rate);
    const long n = gate + Adsr::releaseFrames(release, m_rate);
    out.assign(std::size_t(n), 0.0f);
    constexpr double kInharmonicity = 0.0004; // B in f_k = k·f·sqrt(1 + B·k²) (Fletcher 1964)
    const double b = m_brightness;
    std::vector<Phasor> partials;
    std::vector<float> gains;
    std::vector<float> muls;
    for (int k = 1; k <= 8; ++k) {
        const double fk = k * hz * std::sqrt(1.0 + kInharmonicity * k * k);
        if (fk >= 0.45 * m_rate)
            break;
        partials.emplace_back(fk, m_rate, 0.07 * k);
        // Hammer hardness (velocity, brightness) sets how much energy reaches upper partials.
        const double tilt = 1.6 - 0.8 * b - 0.3 * note.velocity;
        gains.push_back(float(det::pow(double(k), -tilt)));
        muls.push_back(decayMul(t60 / (1.0 + 0.5 * (k - 1)), m_rate));
    }
    std::vector<float> amps(gains);
    const float hammerMul = decayMul(0.015, m_rate);
    OnePole hammerTone;
    hammerTone.set(1500.0 + 3000.0 * b, m_rate);
    const float releaseMul = decayMul(release, m_rate);
    float hammer = 0.25f, env = 1.0f;
    for (long i = 0; i < n; ++i) {
        float x = 0.0f;
        for (std::size_t k = 0; k < partials.size(); ++k) {
            x += partials[k].next() * amps[k];
            amps[k] *= muls[k];
        }
        x += hammerTone.process(noise.next()) * hammer;
        hammer *= hammerMul;
        if (i >= gate)
            env *= releaseMul;
        out[std::size_t(i)] = x * 0.45f * env * note.velocity;
    }
}

void Instruments::bass(BassSound sound, const Note &note, NoiseSource &noise,
                       std::vector<float> &out) const
{
    const double hz = det::midiToHz(note.midi);
    switch (sound) {
    case BassSound::Sub: {
        const double release = 0.06;
        const long gate = framesFor(note.seconds, m_rate);
        const long n = gate + Adsr::releaseFrames(release, m_rate);
        out.assign(std::size_t(n), 0.0f);
        Adsr amp(0.004, 0.8, 0.55, release, m_rate, gate);
        const float glideMul = decayMul(0.06, m_rate);
        float glide = 1.0f, phase = 0.0f;
        const float dt = 1.0f / float(m_rate);
        for (long i = 0; i < n; ++i) {
            phase += float(hz) * (1.0f + 0.12f * glide) * dt;
            if (phase >= 1.0f)
                phase -= 1.0f;
            glide *= glideMul;
            const float x = det::sinTurnsF(phase) + 0.15f * det::sinTurnsF(2.0f * phase);
            out[std::size_t(i)] = det::softClip(1.3f * x) * amp.next() * 0.9f * note.velocity;
        }
        break;
    }
    case BassSound::Synth:
        subtractive(note, false, 1, 0.003, 0.05, 2.0 + 5.0 * m_brightness, 1.0, out);
        break;
    case BassSound::Acid:
        subtractive(note, false, 1, 0.002, 0.04, 3.0 + 14.0 * m_brightness, 5.0, out);
        break;
    case BassSound::Finger:
    case BassSound::Upright:
    case BassSound::Slap: {
        const double damping = sound == BassSound::Slap ? 0.15 : sound == BassSound::Upright ? 0.5 : 0.4;
        Note n2 = note;
        pluck(n2, damping, 0.0, noise, out);
        // A sine under the string gives the weight a pickup or a body has.
        Phasor body(hz, m_rate);
        const long gate = framesFor(note.seconds, m_rate);
        const float bodyMul = decayMul(sound == BassSound::Upright ? 0.8 : 1.6, m_rate);
        const float releaseMul = decayMul(0.05, m_rate);
        float env = 1.0f;
        for (std::size_t i = 0; i < out.size(); ++i) {
            env *= long(i) < gate ? bodyMul : releaseMul;
            out[i] = out[i] * 0.8f + body.next() * env * 0.5f * note.velocity;
        }
        break;
    }
    }
}

} // namespace bytewave::synth
