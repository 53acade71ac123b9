#pragma once

// Small helpers and inner loops shared by the extractors. Without -ffast-math the compiler may not reorder a
// floating-point sum, so a plain `sum += a[i] * b[i]` runs one multiply-add at a time; eight
// independent partial sums let it keep the pipeline (and SIMD lanes) busy. The result differs
// from the sequential sum only by rounding.

#include <algorithm>
#include <cmath>
#include <cstddef>

// BYTEWAVE_HOT_LOOP marks the few functions where analysis spends its time (see
// docs/benchmarks.md). On x86-64 GCC compiles each twice, for the baseline (SSE2) and for
// x86-64-v3 (AVX2, FMA), and the dynamic loader picks the one the CPU runs (function
// multiversioning: run-time dispatch, as FFmpeg and FFTW do, so one binary still runs on any
// x86-64). FMA shortens the loop-carried path of the loudness filters, AVX2 doubles the lanes
// of the spectral loops. Elsewhere (arm64 has NEON and FMA in its baseline) it is empty.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define BYTEWAVE_HOT_LOOP __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define BYTEWAVE_HOT_LOOP
#endif

namespace bytewave::dsp {

// Silence for every statistic over frames: a mean square below 1e-8, -80 dBFS RMS (digital
// silence, dither, the end of a fade). Such frames are left out of frame statistics.
inline constexpr double kSilentMeanSquare = 1e-8;

inline float dot(const float *a, const float *b, std::size_t n)
{
    float s[8] = {};
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        for (std::size_t k = 0; k < 8; ++k)
            s[k] += a[i + k] * b[i + k];
    }
    float sum = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    for (; i < n; ++i)
        sum += a[i] * b[i];
    return sum;
}

inline float sum(const float *a, std::size_t n)
{
    float s[8] = {};
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        for (std::size_t k = 0; k < 8; ++k)
            s[k] += a[i + k];
    }
    float total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    for (; i < n; ++i)
        total += a[i];
    return total;
}

// Four floats (or ints) in one vector: GCC/Clang vector extension, SSE2 on x86-64 (AVX where
// the caller is a BYTEWAVE_HOT_LOOP clone), NEON on arm64. For the loops the compiler does not
// vectorise by itself.
using Float4 = float __attribute__((vector_size(16)));
using Int4 = int __attribute__((vector_size(16)));

inline Float4 load4(const float *p)
{
    Float4 v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

inline void store4(float *p, Float4 v)
{
    __builtin_memcpy(p, &v, sizeof v);
}

inline void store4(int *p, Int4 v)
{
    __builtin_memcpy(p, &v, sizeof v);
}

// Largest value, and largest magnitude, of x[0..n): 0 when n is 0 or every value is below 0.
// A loop of std::max does not vectorise: without -ffinite-math-only GCC may not turn `a < b ?
// b : a` into a vector maximum, whose NaN rule differs. Written on vector types it does; a NaN
// is skipped (the comparison fails), as the scalar tail's std::max skips it in its second
// argument.
namespace detail {
template<bool Magnitude>
float maximum(const float *x, std::size_t n)
{
    Float4 m[2] = {};
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        for (int k = 0; k < 2; ++k) {
            Float4 v = load4(x + i + 4 * std::size_t(k));
            if constexpr (Magnitude) {
                const Float4 negated = -v;
                v = v > negated ? v : negated;
            }
            m[k] = v > m[k] ? v : m[k];
        }
    }
    float result = 0;
    for (int k = 0; k < 4; ++k)
        result = std::max({result, m[0][k], m[1][k]});
    for (; i < n; ++i)
        result = std::max(result, Magnitude ? std::abs(x[i]) : x[i]);
    return result;
}
} // namespace detail

inline float maxOf(const float *x, std::size_t n)
{
    return detail::maximum<false>(x, n);
}

inline float absMax(const float *x, std::size_t n)
{
    return detail::maximum<true>(x, n);
}

// Vertex of the parabola through (x-1, a), (x, b), (x+1, c), to locate a peak of sampled values
// between samples: offset from x in [-0.5, 0.5] and the value there. Not a maximum (the parabola
// does not open downwards): offset 0, value b.
struct Vertex
{
    double offset;
    double value;
};
inline Vertex parabolicPeak(double a, double b, double c)
{
    const double denominator = a - 2 * b + c;
    if (!(denominator < 0))
        return {0, b};
    const double offset = std::clamp(0.5 * (a - c) / denominator, -0.5, 0.5);
    return {offset, b - 0.25 * (a - c) * offset};
}

// Standard error of an autocorrelation's normalised value R(l) / R(0) at a lag l where the series
// has no periodicity, from n values (Bartlett 1946): sqrt((1 + 2 sum_k rho_k^2) / n), rho_k =
// acf[k] / acf[0] for k = 1..shortLags, the series' own correlation from its smoothing.
inline double acfStandardError(const double *acf, int shortLags, double n)
{
    double sum = 0;
    for (int k = 1; k <= shortLags; ++k)
        sum += (acf[k] / acf[0]) * (acf[k] / acf[0]);
    return std::sqrt((1.0 + 2.0 * sum) / n);
}

} // namespace bytewave::dsp
