#include "analysis/tempoestimator.h"

#include "analysis/dsputil.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

namespace bytewave {

namespace {
constexpr int kWindow = TempoEstimator::kMaxLag + 1;
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
    m_channels.resize(kNoiseChannel + 1);
    // The backbeat needs the correlation up to a beat of the slowest reading it doubles, and a
    // frame more for the search around it.
    m_backbeatLags = int(std::ceil(60.0 * frameRate / minBpm)) + 2;
    reset();
}

void TempoEstimator::reset()
{
    for (Channel &c : m_channels) {
        c.previousInput = 0;
        c.previousOutput = 0;
        c.history.assign(std::size_t(2 * kWindow), 0.0f);
        c.acf.assign(std::size_t(kMaxLag + 1), 0.0);
        c.block.assign(std::size_t(kMaxLag + 1), 0.0f);
    }
    m_head = 0;
    m_frames = 0;
    m_kickHistory.assign(std::size_t(2 * (m_backbeatLags + 1)), 0.0f);
    m_noiseHistory.assign(std::size_t(2 * (m_backbeatLags + 1)), 0.0f);
    m_kickNoise.assign(std::size_t(2 * m_backbeatLags + 1), 0.0);
    m_kickSum = m_kickSquares = m_noiseSum = m_noiseSquares = 0;
    m_backbeatHead = 0;
}

void TempoEstimator::accumulate(Channel &c, double x)
{
    const double y = x - c.previousInput + m_highPassPole * c.previousOutput;
    c.previousInput = x;
    c.previousOutput = y;

    const auto v = float(y);
    c.history[std::size_t(m_head)] = v;
    c.history[std::size_t(m_head + kWindow)] = v;
    // newest[-l] is the value l frames ago (zeros before the start).
    const float *newest = c.history.data() + m_head + kWindow;
    float *block = c.block.data();
    for (int l = 0; l <= kMaxLag; ++l)
        block[l] += v * newest[-l];
}

void TempoEstimator::addBlock(const Channel &c, std::vector<double> &total)
{
    for (std::size_t l = 0; l < total.size(); ++l)
        total[l] += double(c.block[l]);
}

std::vector<double> TempoEstimator::autocorrelationOf(const Channel &c)
{
    std::vector<double> r = c.acf;
    addBlock(c, r);
    return r;
}

// The area of the autocorrelation within kPeakSpan frames of centre (its linear interpolation
// integrated): unlike the interpolated maximum, it does not depend on where between two lags a
// narrow peak falls (a click's peak, 2-3 frames wide, split evenly between two lags reads about
// 0.75 of its height by the parabola).
double TempoEstimator::areaNear(const std::vector<double> &r, double centre)
{
    const auto at = [&](double x) {
        const int i = std::clamp(int(std::floor(x)), 0, kMaxLag - 1);
        const double t = std::clamp(x - i, 0.0, 1.0);
        return r[std::size_t(i)] + t * (r[std::size_t(i + 1)] - r[std::size_t(i)]);
    };
    const double from = centre - kPeakSpan, to = centre + kPeakSpan;
    double sum = 0;
    for (double x0 = from; x0 < to;) {
        const double x1 = std::min(to, std::floor(x0) + 1.0);
        sum += (x1 - x0) * 0.5 * (at(x0) + at(x1));
        x0 = x1;
    }
    return sum;
}

// The mean area at the odd and at the even multiples of unit, up to kPlainMultiples: compared
// over several multiples, so that a period that is not a whole number of frames (its peak split
// between two lags at some multiples, not at others) does not decide.
TempoEstimator::Multiples TempoEstimator::meanAreas(const std::vector<double> &r, double unit)
{
    const auto meanOver = [&](int parity) {
        double sum = 0;
        int n = 0;
        for (int k = parity; k <= kPlainMultiples && k * unit + 2 < kMaxLag; k += 2) {
            sum += areaNear(r, k * unit);
            ++n;
        }
        return n > 0 ? sum / n : 0.0;
    };
    return {meanOver(1), meanOver(2)};
}

// The largest value within a frame of centre (either side, symmetrically even when centre
// falls between two lags), parabolically interpolated when it is a local maximum: a period of
// 13.6 frames must not lose to one of 27.2 merely because its peak falls between two lags.
double TempoEstimator::interpolatedPeak(const std::vector<double> &r, double centre)
{
    const int lo = std::max(1, int(std::floor(centre)) - 1);
    const int hi = std::min(kMaxLag - 1, int(std::ceil(centre)) + 1);
    int i = std::clamp(int(std::lround(centre)), lo, hi);
    for (int j = lo; j <= hi; ++j) {
        if (r[std::size_t(j)] > r[std::size_t(i)])
            i = j;
    }
    if (i < 1 || i >= kMaxLag)
        return r[std::size_t(i)];
    return dsp::parabolicPeak(r[std::size_t(i - 1)], r[std::size_t(i)], r[std::size_t(i + 1)]).value;
}

bool TempoEstimator::lowEndWalks(const std::vector<double> &low, const std::vector<double> &noise,
                                 double periodFrames) const
{
    // The low group's envelope is a loudness flux like the voters' (kMinOnsetRms applies); the
    // noise onsets are a magnitude flux on another scale, so any signal at all will do.
    if (!(std::sqrt(low[0] / double(m_frames)) >= kMinOnsetRms) || !(noise[0] > 0))
        return false;
    // The low end must recur at all (a positive area at the even multiples); the snare band
    // vetoes only with a backbeat, a recurrence two beats later clearly above that one beat later.
    const Multiples bass = meanAreas(low, periodFrames / 2.0);
    const Multiples snare = meanAreas(noise, periodFrames);
    const bool backbeat = snare.even > 0 && snare.odd < kNoBackbeatRatio * snare.even;
    return bass.even > 0 && bass.odd >= kPlainPulseRatio * bass.even
        && interpolatedPeak(low, periodFrames / 2.0) >= kWalkingRegularity * low[0] && !backbeat;
}

void TempoEstimator::accumulateBackbeat(double kick, double noise)
{
    const int window = m_backbeatLags + 1;
    const auto k = float(kick), n = float(noise);
    m_kickHistory[std::size_t(m_backbeatHead)] = m_kickHistory[std::size_t(m_backbeatHead + window)] = k;
    m_noiseHistory[std::size_t(m_backbeatHead)] = m_noiseHistory[std::size_t(m_backbeatHead + window)] = n;
    // newest[-l] is the value l frames ago (zeros before the start).
    const float *kicks = m_kickHistory.data() + m_backbeatHead + window;
    const float *noises = m_noiseHistory.data() + m_backbeatHead + window;
    double *centre = m_kickNoise.data() + m_backbeatLags;
    for (int l = 0; l <= m_backbeatLags; ++l)
        centre[l] += double(kicks[-l] * n); // the noise l frames after a kick
    for (int l = 1; l <= m_backbeatLags; ++l)
        centre[-l] += double(k * noises[-l]); // the noise l frames before it
    m_kickSum += kick;
    m_kickSquares += kick * kick;
    m_noiseSum += noise;
    m_noiseSquares += noise * noise;
    m_backbeatHead = (m_backbeatHead + 1) % window;
}

void TempoEstimator::process(float onsetStrength, std::span<const float> groupStrengths, Backbeat backbeat)
{
    accumulate(m_channels[0], onsetStrength);
    for (std::size_t g = 0; g < std::size_t(kGroups); ++g)
        accumulate(m_channels[g + 1], g < groupStrengths.size() ? groupStrengths[g] : 0.0f);
    accumulate(m_channels[kNoiseChannel], backbeat.noise);
    m_head = (m_head + 1) % kWindow;
    accumulateBackbeat(backbeat.kick, backbeat.noise);
    ++m_frames;
    if (m_frames % kBlockFrames == 0) {
        for (Channel &c : m_channels) {
            addBlock(c, c.acf);
            std::fill(c.block.begin(), c.block.end(), 0.0f);
        }
    }
}

double TempoEstimator::kickNoiseCovariance(int lag) const
{
    const double n = double(m_frames - std::abs(lag));
    if (!(n > 0))
        return 0;
    const double frames = double(m_frames);
    return m_kickNoise[std::size_t(lag + m_backbeatLags)] / n - (m_kickSum / frames) * (m_noiseSum / frames);
}

double TempoEstimator::offBeatExcess(double periodFrames) const
{
    const double frames = double(m_frames);
    if (!(frames > 0) || !(periodFrames >= 0.25) || periodFrames + 1 > m_backbeatLags)
        return 0;
    const double kickVariance = m_kickSquares / frames - (m_kickSum / frames) * (m_kickSum / frames);
    const double noiseVariance = m_noiseSquares / frames - (m_noiseSum / frames) * (m_noiseSum / frames);
    if (!(kickVariance > 0) || !(noiseVariance > 0))
        return 0;
    const double scale = 1.0 / std::sqrt(kickVariance * noiseVariance);
    // The correlation at a lag, the largest within a frame of it (the beat's position within a
    // frame, and the timing of played music, blur it over neighbouring lags).
    const auto at = [&](double lag) {
        const int centre = int(std::lround(lag));
        double best = kickNoiseCovariance(centre);
        for (const int l : {centre - 1, centre + 1}) {
            if (std::abs(l) <= m_backbeatLags)
                best = std::max(best, kickNoiseCovariance(l));
        }
        return best * scale;
    };
    const double offBeat = 0.5 * (at(periodFrames / 2) + at(-periodFrames / 2));
    const double withKick = at(0);
    const double beatLater = 0.5 * (at(periodFrames) + at(-periodFrames));
    return offBeat - std::max(withKick, beatLater);
}

double TempoEstimator::priorCentreBpm(double onsetsPerSecond) const
{
    if (!(onsetsPerSecond > 0) || !std::isfinite(onsetsPerSecond))
        return kPriorBpm;
    const double cue = std::clamp(60.0 * onsetsPerSecond / kOnsetsPerBeat, m_minBpm, m_maxBpm);
    return std::sqrt(kPriorBpm * cue);
}

double TempoEstimator::barWeight(double beatsPerHarmonicPeriod)
{
    if (!(beatsPerHarmonicPeriod > 0))
        return 1.0;
    const double octaves = std::log2(beatsPerHarmonicPeriod);
    const double outside = octaves < kBarOctaves[0] ? kBarOctaves[0] - octaves
        : octaves > kBarOctaves[1]                  ? octaves - kBarOctaves[1]
                                                    : 0.0;
    return std::exp(-0.5 * (outside / kPriorOctaves) * (outside / kPriorOctaves));
}

TempoEstimator::Result TempoEstimator::finish(double onsetsPerSecond, double harmonicPeriodS) const
{
    Result result;
    // Every channel's autocorrelation, the block not yet folded in included.
    std::array<std::vector<double>, kNoiseChannel + 1> acf;
    for (std::size_t c = 0; c < acf.size(); ++c)
        acf[c] = autocorrelationOf(m_channels[c]);
    const std::vector<double> &r = acf[0];
    const double lagMin = 60.0 * m_frameRate / m_maxBpm;
    const double lagMax = 60.0 * m_frameRate / m_minBpm;
    if (!(r[0] > 0) || double(m_frames) < 2.0 * lagMax)
        return result;
    // A spectrum whose loudness moves less than this is steady: a drone, a test tone, dither.
    // Its "periodicity" is that of rounding noise, not a pulse anyone could tap.
    if (std::sqrt(r[0] / double(m_frames)) < kMinOnsetRms)
        return result;

    // The summary autocorrelation: the mean of the band groups' normalised autocorrelations
    // (each group's own R(l) / R(0)), so the kick and bass, the snare and chords, and the
    // hi-hats each have one vote, however many mel bands they cover. Groups without a signal
    // abstain; without any (no group envelopes given) the full-band envelope stands in.
    //
    // Its chance level (6): an envelope without periodicity has R(l) / R(0) about normal around
    // 0 at any lag, with variance (1 + 2 sum_k rho_k^2) / N (Bartlett 1946): rho_k its own
    // correlation at the short lags k its overlapping analysis frames give it, N the frames.
    // The summary's is taken as the mean of the voters' standard errors (as if the bands were
    // fully correlated; white noise's are not, so this errs towards "no pulse" only for noise).
    const auto standardError = [this](const std::vector<double> &rc) {
        return dsp::acfStandardError(rc.data(), kShortLags, double(m_frames));
    };
    std::vector<double> summary(std::size_t(kMaxLag + 1), 0.0);
    double chanceLevel = 0;
    int voters = 0;
    for (int g = 1; g <= kGroups; ++g) {
        const std::vector<double> &rg = acf[std::size_t(g)];
        if (!(std::sqrt(rg[0] / double(m_frames)) >= kMinOnsetRms))
            continue;
        for (int l = 0; l <= kMaxLag; ++l)
            summary[std::size_t(l)] += rg[std::size_t(l)] / rg[0];
        chanceLevel += standardError(rg);
        ++voters;
    }
    if (voters == 0) {
        for (int l = 0; l <= kMaxLag; ++l)
            summary[std::size_t(l)] = r[std::size_t(l)] / r[0];
        chanceLevel = standardError(r);
    } else {
        for (double &v : summary)
            v /= voters;
        chanceLevel /= voters;
    }

    // Score(l) = W(l) (S(l) + S(2l)) / 2 at the peaks of the summary autocorrelation S: a
    // two-tooth comb (a beat period recurs at its double too), times the perceptual prior W.
    const double preferredLag = 60.0 * m_frameRate / priorCentreBpm(onsetsPerSecond);
    const auto near = [&](int centre) {
        double v = summary[std::size_t(centre)];
        if (centre > 1)
            v = std::max(v, summary[std::size_t(centre - 1)]);
        if (centre < kMaxLag)
            v = std::max(v, summary[std::size_t(centre + 1)]);
        return v;
    };
    const auto prior = [&](int lag) {
        const double octaves = std::log2(double(lag) / preferredLag) / kPriorOctaves;
        return std::exp(-0.5 * octaves * octaves);
    };
    const int first = std::max(1, int(std::ceil(lagMin)));
    const int last = std::min(int(std::floor(lagMax)), (kMaxLag - 1) / 3);
    std::vector<double> score(std::size_t(kMaxLag + 1), 0.0);
    int best = -1;
    for (int l = first; l <= last; ++l) {
        const double s = summary[std::size_t(l)];
        if (s < summary[std::size_t(l - 1)] || s < summary[std::size_t(l + 1)])
            continue;
        score[std::size_t(l)] = prior(l) * 0.5 * (near(l) + near(2 * l));
        if (best < 0 || score[std::size_t(l)] > score[std::size_t(best)])
            best = l;
    }
    if (best < 0 || !(score[std::size_t(best)] > 0))
        return result;

    // Three (or five) against four (4a): a reading whose period is 4/3, 3/4, 5/4 or 4/5 of the
    // winner's takes the beat when its bar recurs clearly more strongly. Both are scored by a
    // three-tooth comb, the beat, two beats and the bar (three or four beats, whichever recurs
    // more: 3/4 time as well as 4/4), times the prior.
    {
        // l <= last keeps 3 l within the autocorrelation; 4 l need not be.
        const auto withBar = [&](int l) {
            const double bar = 4 * l <= kMaxLag ? std::max(near(3 * l), near(4 * l)) : near(3 * l);
            return prior(l) * (near(l) + near(2 * l) + bar) / 3.0;
        };
        int rival = -1;
        double rivalScore = 0;
        for (const double ratio : {4.0 / 3.0, 3.0 / 4.0, 5.0 / 4.0, 4.0 / 5.0}) {
            const double centre = ratio * best;
            for (int l = std::max(first, int(std::floor(centre)) - 1); l <= std::min(last, int(std::ceil(centre)) + 1); ++l) {
                if (score[std::size_t(l)] > 0 && withBar(l) > rivalScore) {
                    rival = l;
                    rivalScore = withBar(l);
                }
            }
        }
        const double bestScore = withBar(best);
        if (rival > 0 && rivalScore >= kBarRivalMargin * bestScore) {
            score[std::size_t(best)] = bestScore;
            score[std::size_t(rival)] = rivalScore;
            best = rival;
        }
    }

    // Refine a period: the autocorrelation peak nearest each multiple k * lag, located to a
    // fraction of a frame, then a least-squares line through the origin.
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
        const dsp::Vertex v = dsp::parabolicPeak(r[std::size_t(arg - 1)], r[std::size_t(arg)], r[std::size_t(arg + 1)]);
        *position = arg + v.offset;
        *value = v.value;
        return true;
    };
    struct Period
    {
        double frames;
        double peakValue; // the full-band autocorrelation at it
    };
    const auto refine = [&](int lag) {
        Period period{double(lag), r[std::size_t(lag)]};
        double p = 0, v = 0;
        if (peakNear(lag, 1, &p, &v))
            period = {p, v};
        double num = 0, den = 0;
        for (int k = 1; k * period.frames + 2 < kMaxLag; ++k) {
            // Search radius grows with k so a slightly wrong first estimate is still followed.
            if (!peakNear(k * period.frames, 1 + k / 4, &p, &v) || !(v > 0))
                continue;
            num += v * k * p;
            den += v * double(k) * k;
        }
        // Trust the fit only while it stays within the integer lag's own neighbourhood.
        if (den > 0 && std::abs(num / den - period.frames) < 1.0)
            period.frames = num / den;
        return period;
    };
    Period period = refine(best);

    int overruled = -1; // the pair period a plain pulse train replaces (not a competitor)
    // A plain pulse train: when every envelope repeats as strongly at half the period, almost
    // exactly, and has nothing between those pulses (a metronome, or a kick on every beat with
    // nothing else), nothing in the signal groups the pulses in pairs, so the pulse itself is
    // the beat, not the pair the prior would prefer. Music with a subdivision anywhere, or whose
    // pulses change from note to note, keeps the prior's choice.
    {
        // The peak of S nearest half the period (the period need not be a whole number of frames).
        int half = -1;
        for (int l = std::max(first, best / 2 - 1); l <= std::min(last, best / 2 + 2); ++l) {
            if (score[std::size_t(l)] > 0 && (half < 0 || score[std::size_t(l)] > score[std::size_t(half)]))
                half = l;
        }
        bool plain = half >= 0;
        for (int c = 0; plain && c <= kGroups; ++c) {
            const std::vector<double> &rc = acf[std::size_t(c)];
            if (!(std::sqrt(rc[0] / double(m_frames)) >= kMinOnsetRms))
                continue;
            const Multiples pulses = meanAreas(rc, period.frames / 2.0);
            plain = pulses.odd >= kPlainPulseRatio * pulses.even && interpolatedPeak(rc, period.frames / 4.0) <= 0
                && interpolatedPeak(rc, period.frames / 2.0) >= kPlainRegularity * rc[0];
        }
        if (plain) {
            overruled = best;
            best = half;
            period = refine(best);
        }
    }

    // The lag in [first, last] within a frame of centre (which need not be a whole frame) where
    // values is largest; -1 when that range is empty.
    const auto largestNear = [&](const std::vector<double> &values, double centre) {
        int arg = -1;
        for (int l = std::max(first, int(std::floor(centre)) - 1); l <= std::min(last, int(std::ceil(centre)) + 1); ++l) {
            if (arg < 0 || values[std::size_t(l)] > values[std::size_t(arg)])
                arg = l;
        }
        return arg;
    };

    // The bar (4d): a harmonic period that is a whole number of the slowest octave reading's
    // beats weighs the scores by how many beats it spans; the octave readings (half, this,
    // double) then compete, and the weighted scores are what the confidence compares.
    const double harmonicFrames = harmonicPeriodS * m_frameRate;
    const double slowestBeats = harmonicFrames / (2.0 * period.frames); // of the half-tempo reading
    if (overruled < 0 && harmonicFrames > 0 && std::round(slowestBeats) >= 1
        && std::abs(slowestBeats - std::round(slowestBeats)) <= kWholeBeats * slowestBeats) {
        for (int l = first; l <= last; ++l)
            score[std::size_t(l)] *= barWeight(harmonicFrames / l);
        int chosen = best;
        for (const double multiple : {0.5, 2.0}) {
            const int l = largestNear(score, multiple * period.frames);
            if (l >= 0 && score[std::size_t(l)] > score[std::size_t(chosen)])
                chosen = l;
        }
        if (chosen != best) {
            best = chosen;
            period = refine(best);
        }
    }

    // The backbeat (4e): a reading that puts the snare half-way between its kicks is half the
    // tempo. The walking low end (4f): a reading whose bass and kick pulse evenly at twice its
    // rate, with no backbeat at it, is half the tempo. Either doubles the reading; the beat is
    // the lag of the summary's largest value within a frame of half the period.
    int demoted = -1; // the reading 4e or 4f doubled (not a competitor)
    const Period pulse = period; // what the chance-level test (6) examines: the pulse heard
    const double doubledBpm = 2.0 * 60.0 * m_frameRate / period.frames;
    if (overruled < 0
        && ((doubledBpm <= std::min(kBackbeatMaxBpm, m_maxBpm) && offBeatExcess(period.frames) >= kBackbeatExcess)
            || (doubledBpm <= std::min(kWalkingMaxBpm, m_maxBpm)
                && lowEndWalks(acf[1], acf[kNoiseChannel], period.frames)))) {
        const int lag = largestNear(summary, period.frames / 2.0);
        if (lag > 0) {
            demoted = best;
            best = lag;
            period = refine(best);
        }
    }

    result.pulseClarity = std::clamp(period.peakValue / r[0], 0.0, 1.0);
    // The chance-level test (6): the summary at the period against its standard error without
    // any periodicity. A doubled beat (4e, 4f) stands on the pulse it doubled, which need not
    // recur at the beat itself (drum and bass: its kicks do not).
    const int nearest = std::clamp(int(std::lround(pulse.frames)), 1, kMaxLag);
    if (near(nearest) < kPulseSignificance * chanceLevel)
        return result; // no tempo, no confidence; the clarity says how little there is
    result.bpm = 60.0 * m_frameRate / period.frames;

    double competitor = 0;
    for (int l = first; l <= last; ++l) {
        if (std::abs(l - best) <= 0.04 * best || (demoted > 0 && std::abs(l - demoted) <= 0.04 * demoted))
            continue;
        // A plain pulse train groups its pulses in neither pairs nor triples: its multiples are
        // the same pulse, not rival readings of it.
        const double multiple = double(l) / best;
        if (overruled > 0 && multiple > 1.5 && std::abs(multiple - std::round(multiple)) <= 0.04 * multiple)
            continue;
        // Scores are non-zero only at peaks of the summary autocorrelation.
        competitor = std::max(competitor, score[std::size_t(l)]);
    }
    // After a doubling (4e, 4f) the doubled reading's own score is no measure: the pulse that
    // won, and by how much, is the one it doubled; the rule only chose its octave.
    const double winner = score[std::size_t(demoted > 0 ? demoted : best)];
    const double decisiveness = std::clamp(1.0 - competitor / winner, 0.0, 1.0);
    result.confidence = std::sqrt(result.pulseClarity * decisiveness);
    return result;
}

} // namespace bytewave
