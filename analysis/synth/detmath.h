#pragma once

// Deterministic elementary functions for the demo-library synthesiser.
//
// Why not <cmath>: the C library's sin/exp/log are not required to round identically on every
// platform (glibc, musl, Apple's libm and MSVC differ in the last bits), and one differing bit in
// a filter coefficient changes every following sample. The generator promises identical PCM for a
// seed, so everything that feeds the audio goes through these functions, which use only IEEE-754
// +, -, *, / and exact operations (floor, ldexp, frexp). Together with the ISO C++ default of no
// floating-point contraction (no FMA fusing under -std=c++20), results are bit-identical on any
// IEEE platform.
//
// Accuracy: the double versions are within about 1e-12 relative error (Taylor/atanh series after
// range reduction); sinTurnsF is within about 4e-6 absolute, plenty for oscillators.

#include <cmath>
#include <cstdint>

namespace bytewave::synth::det {

inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kLn2 = 0.69314718055994530942;
inline constexpr double kLn10 = 2.30258509299404568402;

// sin(2π·turns). Reduces to a quarter period, then a Taylor series to t^15.
inline double sinTurns(double turns)
{
    double r = turns - std::floor(turns + 0.5); // [-0.5, 0.5)
    if (r > 0.25)
        r = 0.5 - r;
    else if (r < -0.25)
        r = -0.5 - r;
    const double t = r * (2.0 * kPi); // |t| <= π/2
    const double t2 = t * t;
    // Horner form of t - t^3/3! + t^5/5! - ... - t^15/15!
    double p = t2 * (-1.0 / 1307674368000.0);
    p = t2 * (1.0 / 6227020800.0 + p);
    p = t2 * (-1.0 / 39916800.0 + p);
    p = t2 * (1.0 / 362880.0 + p);
    p = t2 * (-1.0 / 5040.0 + p);
    p = t2 * (1.0 / 120.0 + p);
    p = t2 * (-1.0 / 6.0 + p);
    return t * (1.0 + p);
}

inline double cosTurns(double turns)
{
    return sinTurns(turns + 0.25);
}

inline double sin(double radians)
{
    return sinTurns(radians / (2.0 * kPi));
}

inline double tan(double radians)
{
    const double turns = radians / (2.0 * kPi);
    return sinTurns(turns) / cosTurns(turns);
}

// Fast single-precision sin(2π·phase) for oscillators; phase in any range.
inline float sinTurnsF(float phase)
{
    float r = phase - std::floor(phase + 0.5f);
    if (r > 0.25f)
        r = 0.5f - r;
    else if (r < -0.25f)
        r = -0.5f - r;
    const float t = r * 6.28318530717958647f;
    const float t2 = t * t;
    return t
        * (1.0f
           + t2
               * (-1.0f / 6.0f
                  + t2 * (1.0f / 120.0f + t2 * (-1.0f / 5040.0f + t2 * (1.0f / 362880.0f)))));
}

inline double exp(double x)
{
    if (x < -700.0)
        return 0.0;
    if (x > 700.0)
        x = 700.0;
    const double k = std::floor(x / kLn2 + 0.5);
    const double r = x - k * kLn2; // |r| <= ~0.35
    double p = 1.0;
    for (int n = 13; n >= 1; --n)
        p = 1.0 + p * r / n;
    return std::ldexp(p, int(k));
}

// Natural logarithm; returns -745 (≈ log of the smallest double) for x <= 0 instead of -inf/NaN
// so a silent buffer never poisons later arithmetic.
inline double log(double x)
{
    if (!(x > 0.0))
        return -745.0;
    int e = 0;
    double m = std::frexp(x, &e); // [0.5, 1)
    if (m < 0.70710678118654752440) {
        m *= 2.0;
        --e;
    }
    const double s = (m - 1.0) / (m + 1.0); // |s| <= 0.1716
    const double s2 = s * s;
    double p = 0.0;
    for (int n = 21; n >= 3; n -= 2)
        p = s2 * (1.0 / n + p);
    return 2.0 * s * (1.0 + p) + e * kLn2;
}

inline double log10(double x)
{
    return log(x) / kLn10;
}

inline double pow(double base, double exponent)
{
    return exp(exponent * log(base));
}

inline double dbToGain(double db)
{
    return exp(db * (kLn10 / 20.0));
}

inline double gainToDb(double gain)
{
    return 20.0 * log10(gain);
}

// Equal-tempered frequency in Hz of a MIDI note number (69 = A4 = 440 Hz).
inline double midiToHz(double note)
{
    return 440.0 * exp((note - 69.0) * (kLn2 / 12.0));
}

// Soft saturation with tanh-like shape (Padé approximant, exact ±1 at |x| >= 3).
inline float softClip(float x)
{
    if (x > 3.0f)
        return 1.0f;
    if (x < -3.0f)
        return -1.0f;
    const float x2 = x * x;
    return x * (27.0f + x2) / (27.0f + 9.0f * x2);
}

// Per-sample multiplier that decays by 60 dB in `seconds` (the usual "T60" time constant).
inline double decayCoefficient(double seconds, double sampleRate)
{
    if (seconds <= 0.0)
        return 0.0;
    return exp(-6.907755278982137 / (seconds * sampleRate));
}

} // namespace bytewave::synth::det
