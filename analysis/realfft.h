#pragma once

#include <mutex>
#include <span>
#include <vector>

struct fftwf_plan_s; // FFTW's opaque plan; fftw3.h stays out of public headers

namespace bytewave {

// FFTW's planner is not thread-safe (creating or destroying a plan while another thread does
// the same corrupts its state); executing an existing plan is. Every plan in ByteWave is made
// and destroyed under this one process-wide mutex.
std::mutex &fftwPlannerMutex();

// A single-precision real-to-complex FFT of fixed size with its own aligned buffers and plan,
// made once (FFTW_MEASURE, under fftwPlannerMutex()) and reused for every frame: one per worker.
//
// Usage: fill input() with size() samples, call execute(), read bins() complex values from
// output() as interleaved (re, im) pairs. Unnormalised: a full-scale cosine at bin k gives
// |X[k]| = size()/2.
//
// Method: the textbook "two real halves in one complex transform" (e.g. Sorensen et al. 1987,
// or FFTW's own rdft2 solver): the N real samples, read as N/2 complex ones (even samples real,
// odd imaginary), go through FFTW's N/2-point complex DFT, and one pass of twiddles separates
// the spectra of the even and odd samples and combines them,
//   X[k] = E[k] + W^k O[k],  E[k] = (Z[k] + Z*[N/2-k]) / 2,  O[k] = -i (Z[k] - Z*[N/2-k]) / 2,
// with W = exp(-2 pi i / N). FFTW's r2c plan does the same, but its combining pass (the
// "hc2cfdft_2" codelet it picks here) is scalar and cost more than the complex DFT itself; this
// one handles four bins and their mirrors per vector step. Same arithmetic, same order: on
// x86-64 the output equals FFTW's r2c bit for bit.
class RealFft
{
public:
    // size: transform length in samples, a power of two from 16 to 65536.
    // Throws std::invalid_argument otherwise, std::bad_alloc when FFTW cannot allocate.
    explicit RealFft(int size);
    ~RealFft();
    RealFft(const RealFft &) = delete;
    RealFft &operator=(const RealFft &) = delete;

    int size() const { return m_size; }
    int bins() const { return m_size / 2 + 1; }
    std::span<float> input() { return {m_in, std::size_t(m_size)}; }
    std::span<const float> output() const { return {m_out, std::size_t(2 * bins())}; }
    void execute();
    // The transform's power spectrum |X[k]|^2 x scale into power (bins() values) without
    // writing output(): the combining pass squares each bin as it makes it, so the spectrum is
    // never stored and read back. Same values as squaring output() after execute().
    void executePower(std::span<float> power, float scale);

private:
    template <bool PowerOnly>
    void combineHalves(float *power, float scale);

    int m_size;
    float *m_in = nullptr;
    float *m_half = nullptr;  // the N/2-point complex DFT of the input, interleaved
    float *m_out = nullptr;
    std::vector<float> m_twiddleRe; // cos(2 pi k / N), k = 0 .. N/4
    std::vector<float> m_twiddleIm; // -sin(2 pi k / N)
    fftwf_plan_s *m_plan = nullptr;
};

} // namespace bytewave
