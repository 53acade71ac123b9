#include "analysis/synth/arranger.h"

#include "analysis/synth/effects.h"
#include "analysis/synth/loudnessmeter.h"
#include "analysis/synth/stylebook.h"

#include <QCryptographicHash>
#include <QTest>

#include <cmath>

using namespace bytewave::synth;

Q_DECLARE_METATYPE(bytewave::synth::Style)

namespace {

constexpr float kCeiling = 0.8912509f; // −1 dBFS, what the master limiter promises

// A mid-range track of a style: the parameters a planner would draw, fixed so the test does
// not depend on the planner.
TrackParams paramsFor(Style style, double seconds)
{
    const StyleSpec &spec = styleSpec(style);
    TrackParams p;
    p.renderSeed = 1234 + std::uint64_t(style);
    p.style = style;
    p.tempoBpm = std::round((spec.tempoMin + spec.tempoMax) / 2.0);
    p.swingUnitSteps = spec.swingUnitSteps;
    p.swing = spec.swingProbability >= 0.5 ? (spec.swingMin + spec.swingMax) / 2.0 : 0.0;
    p.keyIndex = int(style) % 12;
    p.mode = int(style) % 2 ? Mode::Minor : Mode::Major;
    p.timbre = spec.timbres.front();
    p.brightness = 0.5;
    p.energy = (spec.energyMin + spec.energyMax) / 2.0;
    p.loudnessLufs = (spec.loudnessMin + spec.loudnessMax) / 2.0;
    p.noise = 0.05;
    p.durationSeconds = seconds;
    p.progression = progressionsFor(style, p.mode).front();
    return p;
}

void addStyleRows()
{
    QTest::addColumn<Style>("style");
    for (Style s : allStyles())
        QTest::newRow(qPrintable(styleId(s))) << s;
}

QByteArray hashOf(const RenderedAudio &a)
{
    return QCryptographicHash::hash(
        QByteArrayView(reinterpret_cast<const char *>(a.samples.data()),
                       qsizetype(a.samples.size() * sizeof(float))),
        QCryptographicHash::Sha256);
}

std::vector<float> mono(const RenderedAudio &a)
{
    std::vector<float> out(a.frames());
    for (std::size_t i = 0; i < out.size(); ++i) {
        float sum = 0.0f;
        for (int c = 0; c < a.channels; ++c)
            sum += a.samples[i * std::size_t(a.channels) + std::size_t(c)];
        out[i] = sum / float(a.channels);
    }
    return out;
}

double bandShare(const std::vector<float> &x, int rate, double lowHz, double highHz)
{
    Svf hp, lp;
    hp.set(lowHz, 0.7, rate);
    lp.set(highHz, 0.7, rate);
    double band = 0.0, total = 0.0;
    for (float v : x) {
        const float y = lp.lowpass(hp.highpass(v));
        band += double(y) * y;
        total += double(v) * v;
    }
    return total > 0 ? band / total : 0.0;
}

// Onset strength the way simple beat trackers compute it: eight octave bands, compressed
// band envelopes, half-wave rectified differences, local mean removed, lightly smoothed.
std::vector<double> onsetEnvelope(const std::vector<float> &x, int rate, int hop)
{
    constexpr int kBands = 8;
    std::array<Svf, kBands> filters;
    for (int b = 0; b < kBands; ++b)
        filters[std::size_t(b)].set(62.5 * std::pow(2.0, b), 1.0, rate);
    std::array<std::vector<double>, kBands> env;
    std::array<double, kBands> acc {};
    int n = 0;
    for (float v : x) {
        for (int b = 0; b < kBands; ++b) {
            const float y = filters[std::size_t(b)].bandpass(v);
            acc[std::size_t(b)] += double(y) * y;
        }
        if (++n == hop) {
            for (int b = 0; b < kBands; ++b) {
                env[std::size_t(b)].push_back(std::sqrt(acc[std::size_t(b)] / hop));
                acc[std::size_t(b)] = 0.0;
            }
            n = 0;
        }
    }
    const std::size_t m = env[0].size();
    std::vector<double> flux(m, 0.0);
    for (const auto &e : env) {
        double rms = 0.0;
        for (double v : e)
            rms += v * v;
        rms = std::sqrt(rms / double(m)) + 1e-12;
        double prev = 0.0;
        for (std::size_t i = 0; i < m; ++i) {
            const double c = std::log(1.0 + 10.0 * e[i] / rms);
            if (i > 0 && c > prev)
                flux[i] += c - prev;
            prev = c;
        }
    }
    const auto window = std::size_t(0.25 * rate / hop);
    std::vector<double> onset(m, 0.0);
    double running = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
        running += flux[i];
        if (i >= window)
            running -= flux[i - window];
        onset[i] = std::max(0.0, flux[i] - running / double(std::min(i + 1, window)));
    }
    std::vector<double> smooth(m, 0.0);
    for (std::size_t i = 2; i + 2 < m; ++i)
        smooth[i] = (onset[i - 2] + 2 * onset[i - 1] + 3 * onset[i] + 2 * onset[i + 1] + onset[i + 2]) / 9.0;
    double mean = 0.0;
    for (double v : smooth)
        mean += v;
    mean /= double(m);
    for (double &v : smooth)
        v -= mean;
    return smooth;
}

double autocorrelation(const std::vector<double> &o, int lag)
{
    double s = 0.0;
    for (std::size_t i = 0; i + std::size_t(lag) < o.size(); ++i)
        s += o[i] * o[i + std::size_t(lag)];
    return s / double(o.size());
}

// Strongest autocorrelation within ±2 % of a lag (the tempo grid is not an integer of frames).
double peakNear(const std::vector<double> &o, double lag)
{
    double best = -1e300;
    for (int l = int(lag * 0.98); l <= int(lag * 1.02) + 1; ++l)
        best = std::max(best, autocorrelation(o, l));
    return best;
}

// Evidence for a beat period: the periodicity at the lag and its first multiples, the way a
// comb-filter tempo estimator scores a candidate.
double combScore(const std::vector<double> &o, double lag)
{
    double score = 0.0;
    for (int k = 1; k <= 4; ++k)
        score += peakNear(o, lag * k) / k;
    return score;
}

} // namespace

class TestArranger : public QObject
{
    Q_OBJECT

private slots:
    void rendersMusic_data() { addStyleRows(); }

    // Not silence and not a bare sine: finite, exact length, loud enough in the middle,
    // energy spread over bass, mids and highs, never over the −1 dBFS ceiling, at its target
    // loudness.
    void rendersMusic()
    {
        QFETCH(Style, style);
        const TrackParams p = paramsFor(style, 8.0);
        const RenderedAudio a = Arranger::render(p, 44100, 2);
        QCOMPARE(a.channels, 2);
        QCOMPARE(a.sampleRate, 44100);
        QCOMPARE(a.frames(), std::size_t(8 * 44100));
        for (float s : a.samples) {
            QVERIFY(std::isfinite(s));
            QVERIFY(std::abs(s) <= kCeiling + 1e-6f);
        }
        QVERIFY(a.peak > 0.2f);
        const auto m = mono(a);
        for (std::size_t start = 0; start + 44100 <= 6 * 44100; start += 44100) {
            double sum = 0.0;
            for (std::size_t i = start; i < start + 44100; ++i)
                sum += double(m[i]) * m[i];
            QVERIFY2(10.0 * std::log10(sum / 44100 + 1e-20) > -45.0,
                     qPrintable(QStringLiteral("quiet second at %1").arg(start / 44100)));
        }
        QVERIFY2(bandShare(m, 44100, 20, 250) > 0.01, "no bass");
        QVERIFY2(bandShare(m, 44100, 250, 4000) > 0.01, "no mids");
        QVERIFY2(bandShare(m, 44100, 4000, 16000) > 0.0005, "no highs");

        // Scaled to its loudness target (BS.1770 integrated, measured independently here).
        const double measured = LoudnessMeter::integratedLufs(a.samples, a.channels, a.sampleRate);
        QVERIFY2(std::abs(measured - p.loudnessLufs) < 0.5,
                 qPrintable(QStringLiteral("target %1, measured %2").arg(p.loudnessLufs).arg(measured)));
        QVERIFY2(std::abs(a.loudnessLufs - measured) < 0.01, qPrintable(QStringLiteral("reported %1, measured %2").arg(a.loudnessLufs).arg(measured)));
    }

    // The label must be the pulse: the autocorrelation of the onset envelope supports the
    // labelled beat period better than the metrically confusable ones (3:2, 2:3, 4:3, 3:4).
    // Octave relatives (×2, ×½) are left to the listener's judgement, as in tempo datasets.
    void labelledTempoIsThePulse_data() { addStyleRows(); }

    void labelledTempoIsThePulse()
    {
        QFETCH(Style, style);
        TrackParams p = paramsFor(style, 16.0);
        const int rate = 22050, hop = 128;
        const RenderedAudio a = Arranger::render(p, rate, 1);
        const auto onset = onsetEnvelope(a.samples, rate, hop);
        const double lag = rate * 60.0 / hop / p.tempoBpm;
        const double label = combScore(onset, lag);
        QVERIFY2(peakNear(onset, lag) > 0.0, "no periodicity at the beat");
        for (double ratio : {1.5, 2.0 / 3.0, 4.0 / 3.0, 0.75}) {
            const double other = combScore(onset, lag * ratio);
            QVERIFY2(label > other, qPrintable(QStringLiteral("beat ×%1 scores %2 vs label %3")
                                                   .arg(1.0 / ratio).arg(other).arg(label)));
        }
    }

    void deterministic()
    {
        const TrackParams p = paramsFor(Style::Funk, 4.0);
        const QByteArray first = hashOf(Arranger::render(p));
        QCOMPARE(hashOf(Arranger::render(p)), first);
        TrackParams other = p;
        other.renderSeed += 1;
        QVERIFY(hashOf(Arranger::render(other)) != first);
        TrackParams faster = p;
        faster.tempoBpm += 1;
        QVERIFY(hashOf(Arranger::render(faster)) != first);
    }

    void monoAndOtherRates()
    {
        const TrackParams p = paramsFor(Style::Reggae, 3.0);
        const RenderedAudio a = Arranger::render(p, 22050, 1);
        QCOMPARE(a.channels, 1);
        QCOMPARE(a.frames(), std::size_t(3 * 22050));
        QVERIFY(a.peak > 0.2f && a.peak <= kCeiling + 1e-6f);
    }

    void brightnessTiltsTheSpectrum()
    {
        TrackParams p = paramsFor(Style::Pop, 6.0);
        p.noise = 0.0;
        p.brightness = 0.1;
        const double dark = bandShare(mono(Arranger::render(p)), 44100, 3000, 18000);
        p.brightness = 0.9;
        const double bright = bandShare(mono(Arranger::render(p)), 44100, 3000, 18000);
        QVERIFY2(bright > 2.0 * dark, qPrintable(QStringLiteral("%1 vs %2").arg(bright).arg(dark)));
    }

    void noiseAddsHiss()
    {
        TrackParams p = paramsFor(Style::Ballad, 6.0);
        p.noise = 0.0;
        const double clean = bandShare(mono(Arranger::render(p)), 44100, 12000, 20000);
        p.noise = 0.5;
        const double noisy = bandShare(mono(Arranger::render(p)), 44100, 12000, 20000);
        QVERIFY2(noisy > 3.0 * clean, qPrintable(QStringLiteral("%1 vs %2").arg(noisy).arg(clean)));
    }

    void shortAndOddInputStaysFinite()
    {
        TrackParams p = paramsFor(Style::Ambient, 0.5);
        RenderedAudio a = Arranger::render(p);
        QCOMPARE(a.frames(), std::size_t(0.5 * 44100));
        for (float s : a.samples)
            QVERIFY(std::isfinite(s));
        p.progression.clear(); // a hand-written TrackParams may have none
        p.durationSeconds = 2.0;
        a = Arranger::render(p);
        QVERIFY(a.peak > 0.0f);
    }
};

QTEST_GUILESS_MAIN(TestArranger)
#include "tst_arranger.moc"
