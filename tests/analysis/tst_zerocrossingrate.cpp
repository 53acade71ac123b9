#include "analysis/zerocrossingrate.h"
#include "testsignals.h"

#include <QTest>

#include <cmath>

using namespace bytewave;
using namespace bytewave::test;

class TestZeroCrossingRate : public QObject
{
    Q_OBJECT

private slots:
    void sine_data()
    {
        QTest::addColumn<double>("hz");
        QTest::newRow("100 Hz") << 100.0;
        QTest::newRow("1 kHz") << 1000.0;
        QTest::newRow("5 kHz") << 5000.0;
    }

    // A sine crosses zero twice per period: rate 2 f / fs.
    void sine()
    {
        QFETCH(double, hz);
        ZeroCrossingRate zcr(2048);
        zcr.process(test::sine(hz, 2.0, 0.5, kRate, 0.1));
        QVERIFY(std::abs(zcr.mean() - 2.0 * hz / kRate) < 0.002);
        QVERIFY(zcr.stddev() < 0.002);
    }

    void whiteNoiseIsAboutHalf()
    {
        ZeroCrossingRate zcr(2048);
        zcr.process(whiteNoise(2.0, 0.5));
        QVERIFY(std::abs(zcr.mean() - 0.5) < 0.02);
    }

    void silenceHasNone()
    {
        ZeroCrossingRate zcr(2048);
        zcr.process(silence(1.0));
        QCOMPARE(zcr.mean(), 0.0);
        QCOMPARE(zcr.stddev(), 0.0);
    }

    // Dither in a silent tail (-100 dBFS) crosses zero like noise; silent frames are left out,
    // so the tail does not pull the rate of the music towards 0.5 or spread it.
    void silentFramesAreLeftOut()
    {
        ZeroCrossingRate zcr(2048);
        // Whole frames of tone, so that no frame is part tone, part tail.
        zcr.process(concat({test::sine(1000, 20 * 2048.0 / kRate, 0.5), whiteNoise(2.0, 1e-5), silence(1.0)}));
        QVERIFY2(std::abs(zcr.mean() - 2.0 * 1000 / kRate) < 0.002, qPrintable(QString::number(zcr.mean())));
        QVERIFY2(zcr.stddev() < 0.002, qPrintable(QString::number(zcr.stddev())));
    }

    void zerosBetweenSignsCountOnce()
    {
        ZeroCrossingRate zcr(4);
        const std::vector<float> samples = {1.0f, 0.0f, 0.0f, -1.0f};
        zcr.process(samples);
        QCOMPARE(zcr.mean(), 0.25);
    }
};

QTEST_GUILESS_MAIN(TestZeroCrossingRate)
#include "tst_zerocrossingrate.moc"
