#pragma once

// The demo library's random numbers: xoshiro256** (Blackman & Vigna, 2018) seeded through
// SplitMix64, with our own distributions.
//
// Why not <random>: the engines are portable but std::uniform_int_distribution,
// std::normal_distribution etc. are implementation-defined, so libstdc++, libc++ and MSVC give
// different numbers for the same seed. Every distribution here uses only integer arithmetic and
// exact conversions, so a seed means the same library on every platform.

#include <array>
#include <cstdint>
#include <span>

namespace bytewave::synth {

// SplitMix64 step (Steele, Lea & Flood 2014): also a good 64-bit mixer for deriving seeds.
inline std::uint64_t splitMix64(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

class Prng
{
public:
    explicit Prng(std::uint64_t seed)
    {
        std::uint64_t sm = seed;
        for (auto &word : m_s)
            word = splitMix64(sm);
    }

    // An independent stream for (seed, stream): used so that each track, artist or voice draws
    // from its own sequence and adding a draw in one place does not shift all the others.
    static Prng derive(std::uint64_t seed, std::uint64_t stream)
    {
        std::uint64_t s = seed ^ (0xD1B54A32D192ED03ull * (stream + 1));
        return Prng(splitMix64(s));
    }

    // A seed for a sub-stream that fits in 52 bits, so it survives a round trip through JSON
    // (whose numbers are IEEE doubles).
    static std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream)
    {
        std::uint64_t s = seed ^ (0xA0761D6478BD642Full * (stream + 1));
        return splitMix64(s) >> 12;
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

    // Uniform integer in [0, n) without modulo bias (Lemire's multiply-shift with rejection).
    std::uint32_t below(std::uint32_t n)
    {
        if (n <= 1)
            return 0;
        std::uint64_t m = (next() >> 32) * std::uint64_t(n);
        auto low = std::uint32_t(m);
        if (low < n) {
            const std::uint32_t threshold = std::uint32_t(-n) % n;
            while (low < threshold) {
                m = (next() >> 32) * std::uint64_t(n);
                low = std::uint32_t(m);
            }
        }
        return std::uint32_t(m >> 32);
    }

    // Uniform integer in [lo, hi], both inclusive.
    int range(int lo, int hi) { return lo + int(below(std::uint32_t(hi - lo + 1))); }

    bool chance(double p) { return uniform() < p; }

    // Approximately standard normal: Irwin–Hall sum of 12 uniforms minus 6 (mean 0, variance 1,
    // bounded to ±6). Needs no log/sqrt, so it is exact across platforms.
    double normal()
    {
        double sum = 0.0;
        for (int i = 0; i < 12; ++i)
            sum += uniform();
        return sum - 6.0;
    }

    template<typename T>
    const T &pick(std::span<const T> items)
    {
        return items[below(std::uint32_t(items.size()))];
    }

    // Index drawn with the given non-negative weights (at least one positive).
    std::size_t weighted(std::span<const double> weights)
    {
        double total = 0.0;
        for (double w : weights)
            total += w;
        double x = uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (x < weights[i])
                return i;
            x -= weights[i];
        }
        return weights.size() - 1;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> m_s {};
};

// A tiny, fast white-noise source for audio (xorshift32); deterministic, one per voice.
class NoiseSource
{
public:
    explicit NoiseSource(std::uint32_t seed) : m_state(seed ? seed : 0x9E3779B9u) { }
    // Uniform in [-1, 1).
    float next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return float(std::int32_t(m_state)) * (1.0f / 2147483648.0f);
    }

private:
    std::uint32_t m_state;
};

} // namespace bytewave::synth
