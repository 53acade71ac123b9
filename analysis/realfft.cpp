#include "analysis/realfft.h"

#include "analysis/dsputil.h"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <new>
#include <numbers>
#include <stdexcept>
#include <string>

namespace bytewave {

using dsp::Float4;
using dsp::load4;
using dsp::store4;

std::mutex &fftwPlannerMutex()
{
    static std::mutex mutex;
    return mutex;
}

RealFft::RealFft(int size) : m_size(size)
{
    if (size < 16 || size > 65536 || (size & (size - 1)) != 0)
        throw std::invalid_argument("RealFft: size must be a power of two in [16, 65536], got "
                                    + std::to_string(size));
    const int half = size / 2;
    m_twiddleRe.resize(std::size_t(half / 2 + 1));
    m_twiddleIm.resize(std::size_t(half / 2 + 1));
    for (int k = 0; k <= half / 2; ++k) {
        const double angle = 2.0 * std::numbers::pi * k / size;
        m_twiddleRe[std::size_t(k)] = float(std::cos(angle));
        m_twiddleIm[std::size_t(k)] = float(-std::sin(angle));
    }
    const std::lock_guard lock(fftwPlannerMutex());
    // fftwf_alloc_* align for SIMD, so the real input can be read as complex pairs.
    m_in = fftwf_alloc_real(std::size_t(size));
    m_half = reinterpret_cast<float *>(fftwf_alloc_complex(std::size_t(half)));
    m_out = reinterpret_cast<float *>(fftwf_alloc_complex(std::size_t(half + 1)));
    if (!m_in || !m_half || !m_out) {
        fftwf_free(m_in);
        fftwf_free(m_half);
        fftwf_free(m_out);
        throw std::bad_alloc();
    }
    // MEASURE overwrites the buffers while timing candidates; they hold nothing yet. FFTW keeps
    // the wisdom in-process, so every later plan of this size is made without measuring again.
    // PRESERVE_INPUT: callers may read input() again after execute().
    m_plan = fftwf_plan_dft_1d(half, reinterpret_cast<fftwf_complex *>(m_in),
                               reinterpret_cast<fftwf_complex *>(m_half), FFTW_FORWARD,
                               FFTW_MEASURE | FFTW_PRESERVE_INPUT);
    if (!m_plan) {
        fftwf_free(m_in);
        fftwf_free(m_half);
        fftwf_free(m_out);
        throw std::bad_alloc();
    }
    std::fill_n(m_in, size, 0.0f);
}

RealFft::~RealFft()
{
    const std::lock_guard lock(fftwPlannerMutex());
    fftwf_destroy_plan(m_plan);
    fftwf_free(m_in);
    fftwf_free(m_half);
    fftwf_free(m_out);
}

void RealFft::execute()
{
    fftwf_execute(m_plan);
    combineHalves<false>(nullptr, 1.0f);
}

void RealFft::executePower(std::span<float> power, float scale)
{
    if (power.size() < std::size_t(bins()))
        throw std::invalid_argument("RealFft::executePower: " + std::to_string(power.size())
                                    + " values for " + std::to_string(bins()) + " bins");
    fftwf_execute(m_plan);
    combineHalves<true>(power.data(), scale);
}

// Bin k and its mirror N/2 - k share their inputs Z[k] and Z[N/2 - k]:
//   X[k] = E + W^k O,  X[N/2 - k] = conj(E - W^k O),
// so the loop runs over k = 1 .. N/4 only. Per bin: a = Z[k], b = conj(Z[N/2 - k]),
// E = (a + b) / 2, O = -i (a - b) / 2.
template <bool PowerOnly>
void RealFft::combineHalves(float *power, float scale)
{
    const int half = m_size / 2;
    const float *z = m_half;
    float *x = m_out;
    const float *wr = m_twiddleRe.data();
    const float *wi = m_twiddleIm.data();
    // DC and Nyquist are real: the sum and the difference of the even and odd sample sums.
    const float dc = z[0] + z[1];
    const float nyquist = z[0] - z[1];
    if constexpr (PowerOnly) {
        power[0] = (dc * dc + 0.0f * 0.0f) * scale;
        power[half] = (nyquist * nyquist + 0.0f * 0.0f) * scale;
    } else {
        x[0] = dc;
        x[1] = 0.0f;
        x[2 * half] = nyquist;
        x[2 * half + 1] = 0.0f;
    }

    int k = 1;
    // Four bins k .. k+3 and their mirrors j .. j+3 (j = N/2 - k - 3, in reverse order) per
    // step; bin N/4, its own mirror, is left to the scalar loop.
    for (; k + 3 < half / 2; k += 4) {
        const int j = half - k - 3;
        const Float4 a0 = load4(z + 2 * k);     // Z[k], Z[k+1] as (re, im, re, im)
        const Float4 a1 = load4(z + 2 * k + 4); // Z[k+2], Z[k+3]
        const Float4 b0 = load4(z + 2 * j);     // Z[j], Z[j+1]: mirrors of k+3, k+2
        const Float4 b1 = load4(z + 2 * j + 4); // Z[j+2], Z[j+3]: mirrors of k+1, k
        const Float4 ar = __builtin_shufflevector(a0, a1, 0, 2, 4, 6);
        const Float4 ai = __builtin_shufflevector(a0, a1, 1, 3, 5, 7);
        const Float4 br = __builtin_shufflevector(b1, b0, 2, 0, 6, 4);
        const Float4 bi = -__builtin_shufflevector(b1, b0, 3, 1, 7, 5);
        const Float4 er = 0.5f * (ar + br);
        const Float4 ei = 0.5f * (ai + bi);
        const Float4 dr = ar - br;
        const Float4 di = ai - bi;
        const Float4 oddRe = 0.5f * di;
        const Float4 oddIm = -0.5f * dr;
        const Float4 twr = load4(wr + k);
        const Float4 twi = load4(wi + k);
        const Float4 tr = twr * oddRe - twi * oddIm;
        const Float4 ti = twr * oddIm + twi * oddRe;
        const Float4 xr = er + tr;
        const Float4 xi = ei + ti;
        const Float4 yr = er - tr;
        const Float4 yi = -(ei - ti);
        if constexpr (PowerOnly) {
            store4(power + k, (xr * xr + xi * xi) * scale);
            const Float4 mirrored = (yr * yr + yi * yi) * scale; // bins j+3 .. j
            store4(power + j, __builtin_shufflevector(mirrored, mirrored, 3, 2, 1, 0));
        } else {
            store4(x + 2 * k, __builtin_shufflevector(xr, xi, 0, 4, 1, 5));
            store4(x + 2 * k + 4, __builtin_shufflevector(xr, xi, 2, 6, 3, 7));
            store4(x + 2 * j, __builtin_shufflevector(yr, yi, 3, 7, 2, 6));
            store4(x + 2 * j + 4, __builtin_shufflevector(yr, yi, 1, 5, 0, 4));
        }
    }
    for (; k <= half / 2; ++k) {
        const int j = half - k;
        const float ar = z[2 * k], ai = z[2 * k + 1];
        const float br = z[2 * j], bi = -z[2 * j + 1];
        const float er = 0.5f * (ar + br), ei = 0.5f * (ai + bi);
        const float oddRe = 0.5f * (ai - bi), oddIm = -0.5f * (ar - br);
        const float tr = wr[k] * oddRe - wi[k] * oddIm;
        const float ti = wr[k] * oddIm + wi[k] * oddRe;
        // At k = N/4 (j == k) the second pair of stores wins; both are the same bin.
        const float xr = er + tr, xi = ei + ti, yr = er - tr, yi = -(ei - ti);
        if constexpr (PowerOnly) {
            power[k] = (xr * xr + xi * xi) * scale;
            power[j] = (yr * yr + yi * yi) * scale;
        } else {
            x[2 * k] = xr;
            x[2 * k + 1] = xi;
            x[2 * j] = yr;
            x[2 * j + 1] = yi;
        }
    }
}

} // namespace bytewave
