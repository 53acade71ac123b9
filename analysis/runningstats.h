#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace bytewave {

// Mean and standard deviation of a stream of values in constant memory (Welford's update, in
// double so millions of frames do not lose precision). Both are 0 for an empty stream, so a
// feature computed over no frames is a finite 0 rather than NaN.
class RunningStats
{
public:
    void reset()
    {
        m_count = 0;
        m_mean = 0;
        m_m2 = 0;
    }
    void add(double x)
    {
        ++m_count;
        const double delta = x - m_mean;
        m_mean += delta / double(m_count);
        m_m2 += delta * (x - m_mean);
    }
    std::int64_t count() const { return m_count; }
    double mean() const { return m_mean; }
    // Population standard deviation (the spread of the frames we saw, not an estimate).
    double stddev() const { return m_count > 1 ? std::sqrt(std::max(0.0, m_m2 / double(m_count))) : 0.0; }

private:
    std::int64_t m_count = 0;
    double m_mean = 0;
    double m_m2 = 0;
};

} // namespace bytewave
