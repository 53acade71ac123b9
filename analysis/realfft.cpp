#include "analysis/realfft.h"

#include <fftw3.h>

#include <algorithm>
#include <new>
#include <stdexcept>
#include <string>

namespace bytewave {

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
    const std::lock_guard lock(fftwPlannerMutex());
    m_in = fftwf_alloc_real(std::size_t(size));
    m_out = reinterpret_cast<float *>(fftwf_alloc_complex(std::size_t(size / 2 + 1)));
    if (!m_in || !m_out) {
        fftwf_free(m_in);
        fftwf_free(m_out);
        throw std::bad_alloc();
    }
    // MEASURE overwrites the buffers while timing candidates; they hold nothing yet. FFTW keeps
    // the wisdom in-process, so every later plan of this size is made without measuring again.
    m_plan = fftwf_plan_dft_r2c_1d(size, m_in, reinterpret_cast<fftwf_complex *>(m_out),
                                   FFTW_MEASURE);
    if (!m_plan) {
        fftwf_free(m_in);
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
    fftwf_free(m_out);
}

void RealFft::execute()
{
    fftwf_execute(m_plan);
}

} // namespace bytewave
