#include "analysis/loudnessmeter.h"

#include "analysis/dsputil.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace bytewave {

namespace {
// Block loudness from a channel-summed mean square (BS.1770-4 eq. 2; channel weights are 1).
double lufsOf(double energy)
{
    return -0.691 + 10.0 * std::log10(energy);
}

// Below this a filter state is flushed to zero at each 100 ms step: it keeps long digital
// silence from decaying into denormals, which are slow on x86, at no audible cost (-600 dB).
constexpr double kDenormalGuard = 1e-30;
} // namespace

LoudnessMeter::Biquad LoudnessMeter::shelfFor(double fs)
{
    // BS.1770 stage 1 (head-related high shelf) from its analogue prototype.
    const double f0 = 1681.974450955533;
    const double gainDb = 3.999843853973347;
    const double q = 0.7071752369554196;
    const double k = std::tan(std::numbers::pi * f0 / fs);
    const double vh = std::pow(10.0, gainDb / 20.0);
    const double vb = std::pow(vh, 0.4996667741545416);
    const double a0 = 1.0 + k / q + k * k;
    return {(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
            2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
}

LoudnessMeter::Biquad LoudnessMeter::highPassFor(double fs)
{
    // BS.1770 stage 2 (revised low-frequency B-weighting, RLB), numerator 1, -2, 1.
    const double f0 = 38.13547087602444;
    const double q = 0.5003270373238773;
    const double k = std::tan(std::numbers::pi * f0 / fs);
    const double a0 = 1.0 + k / q + k * k;
    return {1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
}

LoudnessMeter::LoudnessMeter(double sampleRate)
    : m_sampleRate(sampleRate)
{
    if (!(sampleRate >= 8000.0 && sampleRate <= 384000.0))
        throw std::invalid_argument("LoudnessMeter: sample rate must be 8000..384000 Hz, got "
                                    + std::to_string(sampleRate));
    m_subBlockLength = int(std::lround(sampleRate * 0.1));
    m_shelf = shelfFor(sampleRate);
    m_highPass = highPassFor(sampleRate);
    reset(1);
}

void LoudnessMeter::reset(int channels)
{
    if (channels < 1 || channels > 2)
        throw std::invalid_argument("LoudnessMeter: 1 or 2 channels, got " + std::to_string(channels));
    m_channels = channels;
    m_state = {};
    m_subBlockEnergy = 0;
    m_subBlockFill = 0;
    m_recent = {};
    m_steps = 0;
    m_momentary.clear();
    m_shortTerm.clear();
}

namespace {
// One K-weighting step, both biquads in direct form I; returns y^2. Direct form I keeps only
// one multiply-add (a1 * y[n-1]) on the loop-carried path, which is what limits speed here.
inline double kWeightedSquare(double in, const LoudnessMeter::Biquad &s, const LoudnessMeter::Biquad &h,
                              LoudnessMeter::ChannelState &st)
{
    const double y1 = s.b0 * in + s.b1 * st.x1 + s.b2 * st.x2 - s.a2 * st.y2 - s.a1 * st.y1;
    st.x2 = st.x1;
    st.x1 = in;
    st.y2 = st.y1;
    st.y1 = y1;
    // The high-pass numerator is 1, -2, 1.
    const double y2 = (y1 - 2.0 * st.z1 + st.z2) - h.a2 * st.w2 - h.a1 * st.w1;
    st.z2 = st.z1;
    st.z1 = y1;
    st.w2 = st.w1;
    st.w1 = y2;
    return y2 * y2;
}
// Both channels' K-weighting in the two lanes of one vector (GCC/Clang vector extension: SSE2
// on x86-64, NEON on arm64). The same arithmetic as kWeightedSquare, lane by lane; one vector
// instruction does the work of two scalar ones on the loop-carried path, which is what limits
// this filter's speed.
//
// The high-pass's input history (z) is the shelf's output history (y), so one set of registers
// serves both, and two samples per iteration with the roles of the history registers swapped
// leave no register copies in the loop (x86-64 has only 16 vector registers: the copies and
// spills cost as much as the arithmetic). Same operations in the same order as one sample at a
// time, so the same results (up to rounding where the x86-64-v3 clone fuses multiply-adds).
using Double2 = double __attribute__((vector_size(16)));
BYTEWAVE_HOT_LOOP double processStereo(const float *p, std::size_t n, const LoudnessMeter::Biquad &s,
                                       const LoudnessMeter::Biquad &h, LoudnessMeter::ChannelState &a,
                                       LoudnessMeter::ChannelState &b)
{
    Double2 x1 = {a.x1, b.x1}, x2 = {a.x2, b.x2}, y1 = {a.y1, b.y1}, y2 = {a.y2, b.y2};
    Double2 w1 = {a.w1, b.w1}, w2 = {a.w2, b.w2};
    Double2 energy = {0, 0};
    std::size_t j = 0;
    for (; j + 2 <= n; j += 2) {
        const Double2 in0 = {double(p[2 * j]), double(p[2 * j + 1])};
        const Double2 in1 = {double(p[2 * j + 2]), double(p[2 * j + 3])};
        const Double2 shelved0 = s.b0 * in0 + s.b1 * x1 + s.b2 * x2 - s.a2 * y2 - s.a1 * y1;
        const Double2 out0 = (shelved0 - 2.0 * y1 + y2) - h.a2 * w2 - h.a1 * w1;
        energy += out0 * out0;
        const Double2 shelved1 = s.b0 * in1 + s.b1 * in0 + s.b2 * x1 - s.a2 * y1 - s.a1 * shelved0;
        const Double2 out1 = (shelved1 - 2.0 * shelved0 + y1) - h.a2 * w1 - h.a1 * out0;
        energy += out1 * out1;
        x2 = in0;
        x1 = in1;
        y2 = shelved0;
        y1 = shelved1;
        w2 = out0;
        w1 = out1;
    }
    for (; j < n; ++j) {
        const Double2 in = {double(p[2 * j]), double(p[2 * j + 1])};
        const Double2 shelved = s.b0 * in + s.b1 * x1 + s.b2 * x2 - s.a2 * y2 - s.a1 * y1;
        const Double2 out = (shelved - 2.0 * y1 + y2) - h.a2 * w2 - h.a1 * w1;
        energy += out * out;
        x2 = x1;
        x1 = in;
        y2 = y1;
        y1 = shelved;
        w2 = w1;
        w1 = out;
    }
    a = {x1[0], x2[0], y1[0], y2[0], y1[0], y2[0], w1[0], w2[0]};
    b = {x1[1], x2[1], y1[1], y2[1], y1[1], y2[1], w1[1], w2[1]};
    return energy[0] + energy[1];
}
} // namespace

void LoudnessMeter::process(std::span<const float> interleaved)
{
    const Biquad s = m_shelf;
    const Biquad h = m_highPass;
    const auto frames = interleaved.size() / std::size_t(m_channels);
    const float *x = interleaved.data();
    std::size_t i = 0;
    while (i < frames) {
        // Run to the end of the current 100 ms step (or of the input) in one tight loop; with
        // two channels both filter chains advance together, which lets the CPU overlap them.
        const auto n = std::min<std::size_t>(frames - i, std::size_t(m_subBlockLength - m_subBlockFill));
        double energy = 0;
        if (m_channels == 1) {
            ChannelState a = m_state[0];
            const float *p = x + i;
            for (std::size_t j = 0; j < n; ++j)
                energy += kWeightedSquare(p[j], s, h, a);
            m_state[0] = a;
        } else {
            energy = processStereo(x + 2 * i, n, s, h, m_state[0], m_state[1]);
        }
        m_subBlockEnergy += energy;
        m_subBlockFill += int(n);
        i += n;
        if (m_subBlockFill == m_subBlockLength)
            endSubBlock();
    }
}

void LoudnessMeter::endSubBlock()
{
    const double meanSquare = m_subBlockEnergy / double(m_subBlockLength);
    m_recent[std::size_t(m_steps % std::int64_t(m_recent.size()))] = meanSquare;
    ++m_steps;
    m_subBlockEnergy = 0;
    m_subBlockFill = 0;
    for (ChannelState &st : m_state) {
        for (double *v : {&st.x1, &st.x2, &st.y1, &st.y2, &st.z1, &st.z2, &st.w1, &st.w2}) {
            if (std::abs(*v) < kDenormalGuard)
                *v = 0;
        }
    }

    auto meanOfLast = [this](int count) {
        double sum = 0;
        for (int k = 0; k < count; ++k)
            sum += m_recent[std::size_t((m_steps - 1 - k) % std::int64_t(m_recent.size()))];
        return sum / count;
    };
    if (m_steps >= 4)
        m_momentary.add(meanOfLast(4));
    if (m_steps >= std::int64_t(m_recent.size()))
        m_shortTerm.add(meanOfLast(int(m_recent.size())));
}

double LoudnessMeter::integratedLufs() const
{
    const double ungated = m_momentary.gatedLoudness(kAbsoluteGateLufs);
    if (std::isnan(ungated))
        return kFloorLufs;
    const double relativeGate = ungated - 10.0;
    const double gated = m_momentary.gatedLoudness(std::max(relativeGate, kAbsoluteGateLufs));
    return std::isnan(gated) ? kFloorLufs : std::max(gated, kFloorLufs);
}

double LoudnessMeter::loudnessRangeLu() const
{
    const double ungated = m_shortTerm.gatedLoudness(kAbsoluteGateLufs);
    if (std::isnan(ungated))
        return 0.0;
    const double gate = std::max(ungated - 20.0, kAbsoluteGateLufs);
    const double low = m_shortTerm.quantile(gate, 0.10);
    const double high = m_shortTerm.quantile(gate, 0.95);
    if (std::isnan(low) || std::isnan(high))
        return 0.0;
    return std::max(0.0, high - low);
}

LoudnessMeter::Histogram::Histogram() : m_count(kBins, 0), m_energy(kBins, 0.0) {}

void LoudnessMeter::Histogram::clear()
{
    std::fill(m_count.begin(), m_count.end(), 0u);
    std::fill(m_energy.begin(), m_energy.end(), 0.0);
    m_total = 0;
}

int LoudnessMeter::Histogram::binFor(double lufs) const
{
    return std::clamp(int(std::floor((lufs - kMin) / kStep)), 0, kBins - 1);
}

void LoudnessMeter::Histogram::add(double energy)
{
    if (!(energy > 0))
        return;
    const double lufs = lufsOf(energy);
    if (!(lufs > kMin)) // the absolute gate: blocks at or below -70 LUFS never count
        return;
    const int bin = binFor(lufs);
    ++m_count[std::size_t(bin)];
    m_energy[std::size_t(bin)] += energy;
    ++m_total;
}

double LoudnessMeter::Histogram::gatedLoudness(double gateLufs) const
{
    double energy = 0;
    std::int64_t count = 0;
    for (int b = 0; b < kBins; ++b) {
        if (kMin + (b + 0.5) * kStep <= gateLufs)
            continue;
        energy += m_energy[std::size_t(b)];
        count += m_count[std::size_t(b)];
    }
    if (count == 0 || !(energy > 0))
        return std::nan("");
    return lufsOf(energy / double(count));
}

double LoudnessMeter::Histogram::quantile(double gateLufs, double p) const
{
    std::int64_t count = 0;
    int first = kBins;
    for (int b = 0; b < kBins; ++b) {
        if (kMin + (b + 0.5) * kStep <= gateLufs)
            continue;
        first = std::min(first, b);
        count += m_count[std::size_t(b)];
    }
    if (count == 0)
        return std::nan("");
    // Nearest rank on the sorted block loudness values, read from the bins in order.
    const auto rank = std::int64_t(std::llround(p * double(count - 1)));
    std::int64_t seen = 0;
    for (int b = first; b < kBins; ++b) {
        seen += m_count[std::size_t(b)];
        if (seen > rank)
            return kMin + (b + 0.5) * kStep;
    }
    return kMin + (kBins - 0.5) * kStep;
}

} // namespace bytewave
