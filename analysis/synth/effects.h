#pragma once

// Small DSP building blocks for the synthesiser. Sample rates in Hz, times in seconds,
// frequencies in Hz. Coefficients come from det:: (detmath.h) so audio is platform-identical.

#include "analysis/synth/detmath.h"

#include <algorithm>
#include <array>
#include <vector>

namespace bytewave::synth {

// Topology-preserving-transform state-variable filter (A. Simper, "Linear trapezoidal integrated
// SVF", Cytomic 2013): stable under fast cutoff modulation, gives LP/BP/HP at once.
class Svf
{
public:
    void set(double cutoffHz, double q, double sampleRate)
    {
        const double fc = std::clamp(cutoffHz, 10.0, 0.45 * sampleRate);
        const double g = det::tan(det::kPi * fc / sampleRate);
        const double k = 1.0 / std::max(0.05, q);
        m_k = float(k);
        m_a1 = float(1.0 / (1.0 + g * (g + k)));
        m_a2 = float(g) * m_a1;
        m_a3 = float(g) * m_a2;
    }
    void reset() { m_ic1 = m_ic2 = 0.0f; }
    void process(float v0, float &lp, float &bp, float &hp)
    {
        const float v3 = v0 - m_ic2;
        const float v1 = m_a1 * m_ic1 + m_a2 * v3;
        const float v2 = m_ic2 + m_a2 * m_ic1 + m_a3 * v3;
        m_ic1 = 2.0f * v1 - m_ic1;
        m_ic2 = 2.0f * v2 - m_ic2;
        lp = v2;
        bp = v1;
        hp = v0 - m_k * v1 - v2;
    }
    float lowpass(float x)
    {
        float lp, bp, hp;
        process(x, lp, bp, hp);
        return lp;
    }
    float bandpass(float x)
    {
        float lp, bp, hp;
        process(x, lp, bp, hp);
        return bp;
    }
    float highpass(float x)
    {
        float lp, bp, hp;
        process(x, lp, bp, hp);
        return hp;
    }

private:
    float m_a1 = 0, m_a2 = 0, m_a3 = 0, m_k = 1;
    float m_ic1 = 0, m_ic2 = 0;
};

// One-pole low-pass (exponential smoother), cutoff in Hz.
class OnePole
{
public:
    void set(double cutoffHz, double sampleRate)
    {
        m_a = float(1.0 - det::exp(-2.0 * det::kPi * cutoffHz / sampleRate));
    }
    float process(float x) { return m_z += m_a * (x - m_z); }

private:
    float m_a = 1.0f;
    float m_z = 0.0f;
};

// PolyBLEP correction (Välimäki & Huovilainen 2007) for a unit step at phase 0; t and dt in
// cycles.
inline float polyBlep(float t, float dt)
{
    if (t < dt) {
        t /= dt;
        return t + t - t * t - 1.0f;
    }
    if (t > 1.0f - dt) {
        t = (t - 1.0f) / dt;
        return t * t + t + t + 1.0f;
    }
    return 0.0f;
}

// Attack–decay–sustain–release envelope, evaluated sample by sample. Attack is linear, decay and
// release exponential (as analogue envelopes are). gateFrames is how long the note is held.
class Adsr
{
public:
    Adsr(double attack, double decay, double sustain, double release, double sampleRate,
         long gateFrames)
        : m_attackStep(attack > 0 ? float(1.0 / (attack * sampleRate)) : 1.0f),
          m_decayMul(float(det::decayCoefficient(decay, sampleRate))),
          m_releaseMul(float(det::decayCoefficient(release, sampleRate))),
          m_sustain(float(sustain)),
          m_gate(gateFrames)
    {
    }
    // Frames after the gate closes until the envelope has fallen 60 dB.
    static long releaseFrames(double release, double sampleRate)
    {
        return long(release * sampleRate) + 1;
    }
    float next()
    {
        if (m_n++ < m_gate) {
            if (m_attacking) {
                m_level += m_attackStep;
                if (m_level >= 1.0f) {
                    m_level = 1.0f;
                    m_attacking = false;
                }
            } else {
                m_level = m_sustain + (m_level - m_sustain) * m_decayMul;
            }
        } else {
            m_level *= m_releaseMul;
        }
        return m_level;
    }

private:
    float m_attackStep;
    float m_decayMul;
    float m_releaseMul;
    float m_sustain;
    long m_gate;
    long m_n = 0;
    float m_level = 0.0f;
    bool m_attacking = true;
};

// A sine partial as a rotating phasor: one complex multiply per sample instead of a sin() call.
// Renormalised now and then so rounding cannot let the amplitude drift.
class Phasor
{
public:
    Phasor(double frequencyHz, double sampleRate, double startTurns = 0.0)
        : m_c(float(det::cosTurns(frequencyHz / sampleRate))),
          m_s(float(det::sinTurns(frequencyHz / sampleRate))),
          m_x(float(det::cosTurns(startTurns))),
          m_y(float(det::sinTurns(startTurns)))
    {
    }
    float next()
    {
        const float x = m_x * m_c - m_y * m_s;
        const float y = m_x * m_s + m_y * m_c;
        m_x = x;
        m_y = y;
        if (++m_count == 2048) {
            m_count = 0;
            const float r2 = m_x * m_x + m_y * m_y;
            const float corr = 1.5f - 0.5f * r2; // one Newton step towards 1/sqrt(r2)
            m_x *= corr;
            m_y *= corr;
        }
        return m_y;
    }

private:
    float m_c, m_s, m_x, m_y;
    int m_count = 0;
};

// A compact Schroeder/Freeverb-style reverb (Jezar's Freeverb topology, 4 combs + 2 all-passes
// per channel): mono in, stereo out. Room size and damping in 0..1.
class Reverb
{
public:
    Reverb(double sampleRate, double roomSize, double damping)
    {
        static constexpr std::array<int, 4> kCombs {1116, 1188, 1277, 1356};
        static constexpr std::array<int, 2> kAllpasses {556, 441};
        constexpr int kSpread = 23;
        const double scale = sampleRate / 44100.0;
        for (int ch = 0; ch < 2; ++ch) {
            for (std::size_t i = 0; i < kCombs.size(); ++i)
                m_combs[ch][i].buffer.assign(std::size_t((kCombs[i] + ch * kSpread) * scale) + 1,
                                             0.0f);
            for (std::size_t i = 0; i < kAllpasses.size(); ++i)
                m_allpasses[ch][i].buffer.assign(
                    std::size_t((kAllpasses[i] + ch * kSpread) * scale) + 1, 0.0f);
        }
        m_feedback = float(0.7 + 0.28 * std::clamp(roomSize, 0.0, 1.0));
        m_damp = float(0.05 + 0.5 * std::clamp(damping, 0.0, 1.0));
    }
    void process(float in, float &left, float &right)
    {
        const float input = in * 0.1f;
        float out[2];
        for (int ch = 0; ch < 2; ++ch) {
            float acc = 0.0f;
            for (Comb &c : m_combs[ch]) {
                const float y = c.buffer[c.index];
                c.filter = y * (1.0f - m_damp) + c.filter * m_damp;
                c.buffer[c.index] = input + c.filter * m_feedback;
                if (++c.index == c.buffer.size())
                    c.index = 0;
                acc += y;
            }
            for (Allpass &a : m_allpasses[ch]) {
                const float buffered = a.buffer[a.index];
                const float y = -acc + buffered;
                a.buffer[a.index] = acc + buffered * 0.5f;
                if (++a.index == a.buffer.size())
                    a.index = 0;
                acc = y;
            }
            out[ch] = acc;
        }
        left = out[0];
        right = out[1];
    }

private:
    struct Comb
    {
        std::vector<float> buffer;
        std::size_t index = 0;
        float filter = 0.0f;
    };
    struct Allpass
    {
        std::vector<float> buffer;
        std::size_t index = 0;
    };
    std::array<std::array<Comb, 4>, 2> m_combs;
    std::array<std::array<Allpass, 2>, 2> m_allpasses;
    float m_feedback = 0.84f;
    float m_damp = 0.2f;
};

} // namespace bytewave::synth
