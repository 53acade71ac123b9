#include "analysis/tempoestimator.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace bytewave {

namespace {
constexpr int kWindow = TempoEstimator::kMaxLag + 1;

// Vertex of the parabola through (x-1, a), (x, b), (x+1, c): offset in [-0.5, 0.5] and value.
struct Vertex
{
    double offset;
    double value;
};
Vertex parabola(double a, double b, double c)
{
    const double denominator = a - 2 * b + c;
    if (!(denominator < 0))
        return {0, b};
    const double offset = std::clamp(0.5 * (a - c) / denominator, -0.5, 0.5);
    return {offset, b - 0.25 * (a - c) * offset};
}
} // namespace

TempoEstimator::TempoEstimator(double frameRate, double minBpm, double maxBpm)
    : m_frameRate(frameRate), m_minBpm(minBpm), m_maxBpm(maxBpm)
{
    if (!(frameRate >= 10 && frameRate <= 1000) || !(minBpm >= 20) || !(maxBpm > minBpm)
        || !(maxBpm <= 400) || 3.0 * 60.0 * frameRate / minBpm + 1 > kMaxLag)
        throw std::invalid_argument("TempoEstimator: invalid parameters (frame rate "
                                    + std::to_string(frameRate) + ", BPM range " + std::to_string(minBpm)
                                    + "-" + std::to_string(maxBpm) + ")");
    // Ellis's DC-removing filter has its pole at 0.99 for 250 frames/s; keep its time constant.
    m_highPassPole = std::pow(0.99, 250.0 / frameRate);
    m_history.assign(std::size_t(2 * kWindow), 0.0f);
    m_acf.assign(std::size_t(kMaxLag + 1), 0.0);
}

void TempoEstimator::reset()
{
    m_previousInput = 0;
    m_previousOutput = 0;
    std::fill(m_history.begin(), m_history.end(), 0.0f);
    m_head = 0;
    m_frames = 0;
    std::fill(m_acf.begin(), m_acf.end(), 0.0);
}

void TempoEstimator::process(float onsetStrength)
{
    const double x = onsetStrength;
    const double y = x - m_previousInput + m_highPassPole * m_previousOutput;
    m_previousInput = x;
    m_previousOutput = y;

    const auto v = float(y);
    m_history[std::size_t(m_head)] = v;
    m_history[std::size_t(m_head + kWindow)] = v;
    // newest[-l] is the value l frames ago (zeros before the start).
    const float *newest = m_history.data() + m_head + kWindow;
    double *acf = m_acf.data();
    for (int l = 0; l <= kMaxLag; ++l)
        acf[l] += double(v * newest[-l]);
    m_head = (m_head + 1) % kWindow;
    ++m_frames;
}

TempoEstimator::Result TempoEstimator::finish() const
{
    Result result;
    const auto &r = m_acf;
    const double lagMin = 60.0 * m_frameRate / m_maxBpm;
    const double lagMax = 60.0 * m_frameRate / m_minBpm;
    if (!(r[0] > 0) || double(m_frames) < 2.0 * lagMax)
        return result;
    // A spectrum whose loudness moves less than this is steady: a drone, a test tone, dither.
    // Its "periodicity" is that of rounding noise, not a pulse anyone could tap.
    if (std::sqrt(r[0] / double(m_frames)) < kMinOnsetRms)
        return result;

    // TPS(l) = W(l) R(l), the prior-weighted autocorrelation.
    const double preferredLag = 60.0 * m_frameRate / kPriorBpm;
    std::vector<double> tps(std::size_t(kMaxLag + 1), 0.0);
    for (int l = 1; l <= kMaxLag; ++l) {
        const double octaves = std::log2(double(l) / preferredLag) / kPriorOctaves;
        tps[std::size_t(l)] = std::exp(-0.5 * octaves * octaves) * r[std::size_t(l)];
    }
    const int first = std::max(1, int(std::ceil(lagMin)));
    const int last = std::min(int(std::floor(lagMax)), (kMaxLag - 1) / 3);
    std::vector<double> score(std::size_t(kMaxLag + 1), -1e300);
    int best = -1;
    for (int l = first; l <= last; ++l) {
        const auto at = [&](int i) { return tps[std::size_t(i)]; };
        const double duple = at(l) + 0.5 * (0.5 * at(2 * l - 1) + at(2 * l) + 0.5 * at(2 * l + 1));
        const double triple = at(l) + 0.33 * (at(3 * l - 1) + at(3 * l) + at(3 * l + 1));
        score[std::size_t(l)] = std::max(duple, triple);
        if (best < 0 || score[std::size_t(l)] > score[std::size_t(best)])
            best = l;
    }
    if (best < 0 || !(score[std::size_t(best)] > 0))
        return result;

    // Refine the period: the autocorrelation peak nearest each multiple k * period, located to
    // a fraction of a frame, then a least-squares line through the origin.
    const auto peakNear = [&](double centre, int radius, double *position, double *value) {
        int lo = std::max(1, int(std::floor(centre)) - radius);
        int hi = std::min(kMaxLag - 1, int(std::ceil(centre)) + radius);
        int arg = -1;
        for (int i = lo; i <= hi; ++i) {
            if (r[std::size_t(i)] >= r[std::size_t(i - 1)] && r[std::size_t(i)] >= r[std::size_t(i + 1)]
                && (arg < 0 || r[std::size_t(i)] > r[std::size_t(arg)]))
                arg = i;
        }
        if (arg < 0)
            return false;
        const Vertex v = parabola(r[std::size_t(arg - 1)], r[std::size_t(arg)], r[std::size_t(arg + 1)]);
        *position = arg + v.offset;
        *value = v.value;
        return true;
    };
    double period = best;
    double peakValue = r[std::size_t(best)];
    {
        double p = 0, v = 0;
        if (peakNear(best, 1, &p, &v)) {
            period = p;
            peakValue = v;
        }
    }
    double num = 0, den = 0;
    for (int k = 1; k * period + 2 < kMaxLag; ++k) {
        double p = 0, v = 0;
        // Search radius grows with k so a slightly wrong first estimate is still followed.
        if (!peakNear(k * period, 1 + k / 4, &p, &v) || !(v > 0))
            continue;
        num += v * k * p;
        den += v * double(k) * k;
    }
    if (den > 0) {
        const double refined = num / den;
        // Trust the fit only while it stays within the integer lag's own neighbourhood.
        if (std::abs(refined - period) < 1.0)
            period = refined;
    }
    result.bpm = 60.0 * m_frameRate / period;
    result.pulseClarity = std::clamp(peakValue / r[0], 0.0, 1.0);

    double competitor = 0;
    for (int l = first; l <= last; ++l) {
        if (std::abs(l - best) <= 0.04 * best)
            continue;
        const double s = score[std::size_t(l)];
        const bool localMax = s >= score[std::size_t(l - 1)] && s >= score[std::size_t(l + 1)];
        if (localMax)
            competitor = std::max(competitor, s);
    }
    const double decisiveness = std::clamp(1.0 - competitor / score[std::size_t(best)], 0.0, 1.0);
    result.confidence = std::sqrt(result.pulseClarity * decisiveness);
    return result;
}

} // namespace bytewave
