#pragma once

// Small inner loops shared by the extractors. Without -ffast-math the compiler may not reorder a
// floating-point sum, so a plain `sum += a[i] * b[i]` runs one multiply-add at a time; eight
// independent partial sums let it keep the pipeline (and SIMD lanes) busy. The result differs
// from the sequential sum only by rounding.

#include <cstddef>

namespace bytewave::dsp {

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

} // namespace bytewave::dsp
