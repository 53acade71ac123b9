#include "analysis/synth/loudnessmeter.h"

#include "analysis/synth/detmath.h"

#include <algorithm>
#include <vector>

namespace bytewave::synth {

namespace {

struct Biquad
{
    double b0, b1, b2, a1, a2;
    double z1 = 0, z2 = 0;
    double process(double x)
    {
        const double y = b0 * x + z1;
        z1 = b1 * x - a1 * y + z2;
        z2 = b2 * x - a2 * y;
        return y;
    }
};

// The BS.1770 filters at an arbitrary rate (the analogue prototypes from libebur128).
void kWeighting(int sampleRate, Biquad &shelf, Biquad &highpass)
{
    {
        const double f0 = 1681.974450955533;
        const double g = 3.999843853973347;
        const double q = 0.7071752369554196;
        const double k = det::tan(det::kPi * f0 / sampleRate);
        const double vh = det::pow(10.0, g / 20.0);
        const double vb = det::pow(vh, 0.4996667741545416);
        const double a0 = 1.0 + k / q + k * k;
        shelf = {(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0,
                 (vh - vb * k / q + k * k) / a0, 2.0 * (k * k - 1.0) / a0,
                 (1.0 - k / q + k * k) / a0};
    }
    {
        const double f0 = 38.13547087602444;
        const double q = 0.5003270373238773;
        const double k = det::tan(det::kPi * f0 / sampleRate);
        const double a0 = 1.0 + k / q + k * k;
        highpass = {1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
    }
}

} // namespace

double LoudnessMeter::integratedLufs(std::span<const float> interleaved, int channels,
                                     int sampleRate)
{
    if (channels <= 0 || sampleRate <= 0)
        return kSilence;
    const std::vector<float> power = weightedPower(interleaved, channels, sampleRate);
    return integratedFromPower(power, sampleRate);
}

std::vector<float> LoudnessMeter::weightedPower(std::span<const float> interleaved, int channels,
                                                int sampleRate)
{
    if (channels <= 0 || sampleRate <= 0)
        return {};
    const std::size_t frames = interleaved.size() / std::size_t(channels);
    std::vector<float> power(frames, 0.0f);
    for (int ch = 0; ch < channels; ++ch) {
        Biquad shelf {}, hp {};
        kWeighting(sampleRate, shelf, hp);
        for (std::size_t i = 0; i < frames; ++i) {
            const double y = hp.process(
                shelf.process(interleaved[i * std::size_t(channels) + std::size_t(ch)]));
            power[i] += float(y * y);
        }
    }
    return power;
}

double LoudnessMeter::integratedFromPower(std::span<const float> power, int sampleRate,
                                          std::span<const float> gain)
{
    if (sampleRate <= 0)
        return kSilence;
    const std::size_t step = std::size_t(sampleRate) / 10; // 100 ms: 75 % overlap of 400 ms
    if (step == 0 || power.size() < 4 * step)
        return kSilence;
    const bool gained = gain.size() == power.size();

    // Sum of K-weighted squares per 100 ms segment; a 400 ms block is four segments.
    std::vector<double> segments(power.size() / step, 0.0);
    for (std::size_t s = 0; s < segments.size(); ++s) {
        double acc = 0.0;
        if (gained) {
            for (std::size_t i = s * step; i < (s + 1) * step; ++i)
                acc += double(power[i]) * double(gain[i]) * double(gain[i]);
        } else {
            for (std::size_t i = s * step; i < (s + 1) * step; ++i)
                acc += power[i];
        }
        segments[s] = acc;
    }
    std::vector<double> blocks;
    blocks.reserve(segments.size());
    for (std::size_t s = 0; s + 4 <= segments.size(); ++s)
        blocks.push_back((segments[s] + segments[s + 1] + segments[s + 2] + segments[s + 3])
                         / double(4 * step));

    const double absoluteGate = det::pow(10.0, (-70.0 + 0.691) / 10.0);
    double sum = 0.0;
    std::size_t count = 0;
    for (double z : blocks) {
        if (z > absoluteGate) {
            sum += z;
            ++count;
        }
    }
    if (count == 0)
        return kSilence;
    const double relativeGate = (sum / double(count)) * 0.1; // −10 LU
    double gatedSum = 0.0;
    std::size_t gatedCount = 0;
    for (double z : blocks) {
        if (z > absoluteGate && z > relativeGate) {
            gatedSum += z;
            ++gatedCount;
        }
    }
    if (gatedCount == 0)
        return kSilence;
    return -0.691 + 10.0 * det::log10(gatedSum / double(gatedCount));
}

std::vector<float> PeakLimiter::framePeaks(std::span<const float> interleaved, int channels)
{
    if (channels <= 0)
        return {};
    const std::size_t frames = interleaved.size() / std::size_t(channels);
    std::vector<float> peaks(frames);
    for (std::size_t i = 0; i < frames; ++i) {
        float peak = 0.0f;
        for (int ch = 0; ch < channels; ++ch)
            peak = std::max(peak, std::abs(interleaved[i * std::size_t(channels) + std::size_t(ch)]));
        peaks[i] = peak;
    }
    return peaks;
}

std::vector<float> PeakLimiter::gainCurve(std::span<const float> peaks, float scale,
                                          int sampleRate, float ceiling, double release)
{
    const std::size_t frames = peaks.size();
    const std::size_t ramp = std::max<std::size_t>(1, std::size_t(sampleRate) / 200); // 5 ms
    std::vector<float> required(frames);
    const float threshold = ceiling / scale; // peaks above this need less than unity gain
    for (std::size_t i = 0; i < frames; ++i)
        required[i] = peaks[i] > threshold ? threshold / peaks[i] : 1.0f;
    // Look-ahead minimum m[i] = min(required[i .. i + ramp]) in O(n) with the van Herk /
    // Gil–Werman block trick: prefix minima and suffix minima within blocks of the window
    // length; any window spans at most two blocks.
    const std::size_t w = ramp + 1;
    std::vector<float> prefix(frames), suffix(frames);
    for (std::size_t blockStart = 0; blockStart < frames; blockStart += w) {
        const std::size_t blockEnd = std::min(frames, blockStart + w);
        prefix[blockStart] = required[blockStart];
        for (std::size_t i = blockStart + 1; i < blockEnd; ++i)
            prefix[i] = std::min(prefix[i - 1], required[i]);
        suffix[blockEnd - 1] = required[blockEnd - 1];
        for (std::size_t i = blockEnd - 1; i-- > blockStart;)
            suffix[i] = std::min(suffix[i + 1], required[i]);
    }
    // Moving average of the look-ahead minimum over [i − ramp, i]: every term already covers
    // sample i, so the mean is still at most required[i]. Summed in double so it cannot drift.
    // Both buffers are reused in place to keep long tracks small: lookahead[i] overwrites
    // suffix[i] after reading it, and gain[i] overwrites prefix[i] once no window needs it.
    std::vector<float> &lookahead = suffix;
    for (std::size_t i = 0; i < frames; ++i)
        lookahead[i] = std::min(suffix[i], prefix[std::min(frames - 1, i + ramp)]);
    std::vector<float> &gain = prefix;
    double running = 0.0;
    const float releaseCoef = float(1.0 - det::exp(-1.0 / (release * sampleRate)));
    float g = 1.0f;
    for (std::size_t i = 0; i < frames; ++i) {
        running += lookahead[i];
        if (i > ramp)
            running -= lookahead[i - ramp - 1];
        const std::size_t n = std::min(i + 1, ramp + 1);
        const float smooth = std::min(float(running / double(n)), required[i]);
        g = std::min(smooth, g + (1.0f - g) * releaseCoef);
        gain[i] = g * scale;
    }
    return std::move(gain);
}

void PeakLimiter::process(std::span<float> interleaved, int channels, int sampleRate,
                          float ceiling, double release)
{
    if (channels <= 0 || interleaved.empty())
        return;
    const std::vector<float> gain =
        gainCurve(framePeaks(interleaved, channels), 1.0f, sampleRate, ceiling, release);
    for (std::size_t i = 0; i < gain.size(); ++i) {
        for (int ch = 0; ch < channels; ++ch) {
            float &s = interleaved[i * std::size_t(channels) + std::size_t(ch)];
            s = std::clamp(s * gain[i], -ceiling, ceiling);
        }
    }
}

} // namespace bytewave::synth
