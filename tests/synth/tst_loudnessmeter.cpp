#include "analysis/synth/loudnessmeter.h"

#include "analysis/synth/prng.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace bytewave::synth;

namespace {

std::vector<float> sine(double hz, double amplitude, double seconds, int rate, int channels)
{
    const auto frames = std::size_t(seconds * rate);
    std::vector<float> out(frames * std::size_t(channels));
    for (std::size_t i = 0; i < frames; ++i) {
        const float v = float(amplitude * std::sin(2.0 * M_PI * hz * double(i) / rate));
        for (int c = 0; c < channels; ++c)
            out[i * std::size_t(channels) + std::size_t(c)] = v;
    }
    return out;
}

} // namespace

class TestLoudnessMeter : public QObject
{
    Q_OBJECT

private slots:
    // ITU-R BS.1770-4: a full-scale 997 Hz sine in one channel reads −3.01 LUFS.
    void knownAnswers_data()
    {
        QTest::addColumn<double>("amplitude");
        QTest::addColumn<int>("rate");
        QTest::addColumn<int>("channels");
        QTest::addColumn<double>("lufs");
        QTest::newRow("full scale 48k mono") << 1.0 << 48000 << 1 << -3.01;
        QTest::newRow("full scale 44.1k mono") << 1.0 << 44100 << 1 << -3.01;
        QTest::newRow("-20 dBFS 44.1k mono") << 0.1 << 44100 << 1 << -23.01;
        QTest::newRow("full scale stereo adds 3 dB") << 1.0 << 48000 << 2 << 0.0;
        QTest::newRow("22.05k mono") << 0.5 << 22050 << 1 << -9.03;
    }

    void knownAnswers()
    {
        QFETCH(double, amplitude);
        QFETCH(int, rate);
        QFETCH(int, channels);
        QFETCH(double, lufs);
        const auto pcm = sine(997.0, amplitude, 5.0, rate, channels);
        const double measured = LoudnessMeter::integratedLufs(pcm, channels, rate);
        QVERIFY2(std::abs(measured - lufs) < 0.05, qPrintable(QString::number(measured)));
    }

    void gatingIgnoresSilence()
    {
        // Ten seconds of tone and ten of silence read the same as the tone alone.
        auto pcm = sine(997.0, 0.25, 10.0, 48000, 1);
        const double tone = LoudnessMeter::integratedLufs(pcm, 1, 48000);
        pcm.resize(pcm.size() * 2, 0.0f);
        // Only the few 400 ms blocks straddling the edge count, partly filled: within 0.1 LU.
        QVERIFY(std::abs(LoudnessMeter::integratedLufs(pcm, 1, 48000) - tone) < 0.1);
    }

    void silenceAndShortInputAreFinite()
    {
        const std::vector<float> silence(48000 * 2, 0.0f);
        QCOMPARE(LoudnessMeter::integratedLufs(silence, 2, 48000), LoudnessMeter::kSilence);
        const auto shortTone = sine(997.0, 1.0, 0.2, 48000, 1);
        QCOMPARE(LoudnessMeter::integratedLufs(shortTone, 1, 48000), LoudnessMeter::kSilence);
        QCOMPARE(LoudnessMeter::integratedLufs({}, 1, 48000), LoudnessMeter::kSilence);
        QCOMPARE(LoudnessMeter::integratedLufs(shortTone, 0, 48000), LoudnessMeter::kSilence);
    }

    void limiterHoldsTheCeiling()
    {
        NoiseSource noise(17);
        Prng rng(3);
        std::vector<float> pcm(44100 * 4);
        for (std::size_t i = 0; i < pcm.size(); ++i) {
            pcm[i] = 0.3f * noise.next();
            if (rng.chance(0.001))
                pcm[i] = rng.chance(0.5) ? 3.0f : -3.0f; // sharp peaks far over the ceiling
        }
        const float ceiling = 0.891f;
        PeakLimiter::process(pcm, 2, 44100, ceiling);
        for (float s : pcm)
            QVERIFY(std::abs(s) <= ceiling);
    }

    void limiterLeavesQuietSignalsAlone()
    {
        auto pcm = sine(440.0, 0.5, 1.0, 44100, 2);
        const auto original = pcm;
        PeakLimiter::process(pcm, 2, 44100, 0.891f);
        QCOMPARE(pcm, original);
    }

    void limiterGainMovesSmoothly()
    {
        // A single full-scale click in a quiet tone: the gain ramps down over the look-ahead
        // instead of jumping, so no sample-to-sample gain step exceeds a few percent.
        std::vector<float> peaks(44100, 0.2f);
        peaks[20000] = 2.0f;
        const auto gain = PeakLimiter::gainCurve(peaks, 1.0f, 44100, 0.891f);
        QVERIFY(gain[20000] * 2.0f <= 0.891f + 1e-6f);
        for (std::size_t i = 1; i < gain.size(); ++i)
            QVERIFY(std::abs(gain[i] - gain[i - 1]) < 0.01f);
    }
};

QTEST_GUILESS_MAIN(TestLoudnessMeter)
#include "tst_loudnessmeter.moc"
