#include "analysis/loudnessmeter.h"
#include "testsignals.h"

#include <QTest>

#include <cmath>

using namespace bytewave;
using namespace bytewave::test;

class TestLoudnessMeter : public QObject
{
    Q_OBJECT

private slots:
    // At 48 kHz the derived coefficients must be BS.1770-4's published table.
    void coefficientsMatchBs1770At48k()
    {
        const auto s = LoudnessMeter::shelfFor(48000);
        QVERIFY(std::abs(s.b0 - 1.53512485958697) < 1e-8);
        QVERIFY(std::abs(s.b1 - -2.69169618940638) < 1e-8);
        QVERIFY(std::abs(s.b2 - 1.19839281085285) < 1e-8);
        QVERIFY(std::abs(s.a1 - -1.69065929318241) < 1e-8);
        QVERIFY(std::abs(s.a2 - 0.73248077421585) < 1e-8);
        const auto h = LoudnessMeter::highPassFor(48000);
        QCOMPARE(h.b0, 1.0);
        QCOMPARE(h.b1, -2.0);
        QCOMPARE(h.b2, 1.0);
        QVERIFY(std::abs(h.a1 - -1.99004745483398) < 1e-8);
        QVERIFY(std::abs(h.a2 - 0.99007225036621) < 1e-8);
    }

    void integratedLoudness_data()
    {
        QTest::addColumn<double>("hz");
        QTest::addColumn<double>("amplitude");
        QTest::addColumn<int>("channels");
        QTest::addColumn<double>("expected");
        // BS.1770-4: a 0 dBFS 997 Hz sine in one channel reads -3.01 LKFS.
        QTest::newRow("997 Hz full scale, mono") << 997.0 << 1.0 << 1 << -3.01;
        QTest::newRow("997 Hz at -20 dBFS, mono") << 997.0 << 0.1 << 1 << -23.01;
        // EBU Tech 3341 test 1: 1 kHz at -23 dBFS in both channels reads -23.0 LUFS.
        QTest::newRow("1 kHz at -23 dBFS, stereo") << 1000.0 << std::pow(10.0, -23.0 / 20.0) << 2 << -23.0;
        // Test 2: the same at -33 dBFS reads -33.0.
        QTest::newRow("1 kHz at -33 dBFS, stereo") << 1000.0 << std::pow(10.0, -33.0 / 20.0) << 2 << -33.0;
    }

    void integratedLoudness()
    {
        QFETCH(double, hz);
        QFETCH(double, amplitude);
        QFETCH(int, channels);
        QFETCH(double, expected);
        LoudnessMeter meter(kRate);
        meter.reset(channels);
        const auto tone = sine(hz, 20.0, amplitude);
        const auto input = channels == 2 ? stereo(tone, tone) : tone;
        // Feed in uneven pieces: block boundaries must not matter.
        std::size_t at = 0;
        for (std::size_t piece = 1; at < input.size(); piece = piece * 3 % 9973 + 2) {
            const std::size_t n = std::min(input.size() - at, piece * std::size_t(channels));
            meter.process(std::span<const float>(input).subspan(at, n));
            at += n;
        }
        const double lufs = meter.integratedLufs();
        QVERIFY2(std::abs(lufs - expected) <= 0.1, qPrintable(QString::number(lufs)));
    }

    // The relative gate: a quiet passage 20 dB down is gated out of the integrated loudness.
    void relativeGateIgnoresQuietPassages()
    {
        LoudnessMeter meter(kRate);
        meter.reset(1);
        const auto loud = sine(997, 10.0, 0.1);   // -23.01 LUFS
        const auto quiet = sine(997, 10.0, 0.01); // -43.01 LUFS, below the -10 LU gate
        meter.process(loud);
        meter.process(quiet);
        QVERIFY(std::abs(meter.integratedLufs() - -23.01) < 0.1);
    }

    void loudnessRange_data()
    {
        QTest::addColumn<double>("firstDbfs");
        QTest::addColumn<double>("secondDbfs");
        QTest::addColumn<double>("expected");
        // EBU Tech 3342 test signals 1 and 2: 20 s + 20 s of 1 kHz stereo sine.
        QTest::newRow("-20 then -30 dBFS") << -20.0 << -30.0 << 10.0;
        QTest::newRow("-20 then -15 dBFS") << -20.0 << -15.0 << 5.0;
        QTest::newRow("steady -20 dBFS") << -20.0 << -20.0 << 0.0;
    }

    void loudnessRange()
    {
        QFETCH(double, firstDbfs);
        QFETCH(double, secondDbfs);
        QFETCH(double, expected);
        LoudnessMeter meter(kRate);
        meter.reset(2);
        const auto a = sine(1000, 20.0, std::pow(10.0, firstDbfs / 20.0));
        const auto b = sine(1000, 20.0, std::pow(10.0, secondDbfs / 20.0));
        meter.process(stereo(a, a));
        meter.process(stereo(b, b));
        const double lra = meter.loudnessRangeLu();
        QVERIFY2(std::abs(lra - expected) <= 1.0, qPrintable(QString::number(lra)));
    }

    void silenceAndShortInputAreFinite()
    {
        LoudnessMeter meter(kRate);
        meter.reset(1);
        meter.process(silence(5.0));
        QCOMPARE(meter.integratedLufs(), LoudnessMeter::kFloorLufs);
        QCOMPARE(meter.loudnessRangeLu(), 0.0);
        meter.reset(1);
        meter.process(sine(997, 0.3));
        QCOMPARE(meter.integratedLufs(), LoudnessMeter::kFloorLufs); // no complete 400 ms block
        QCOMPARE(meter.loudnessRangeLu(), 0.0);
    }

    void invalidParametersAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LoudnessMeter(100.0));
        LoudnessMeter meter(kRate);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, meter.reset(3));
    }
};

QTEST_GUILESS_MAIN(TestLoudnessMeter)
#include "tst_loudnessmeter.moc"
