#pragma once

#include <mutex>
#include <span>

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

private:
    int m_size;
    float *m_in = nullptr;
    float *m_out = nullptr;
    fftwf_plan_s *m_plan = nullptr;
};

} // namespace bytewave
