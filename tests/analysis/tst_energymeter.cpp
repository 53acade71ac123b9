#include "analysis/energymeter.h"
#include "testsignals.h"

#include <QTest>

#include <cmath>

using namespace bytewave;
using namespace bytewave::test;

class TestEnergyMeter : public QObject
{
    Q_OBJECT

private slots:
    void levels_data()
    {
        QTest::addColumn<double>("amplitude");
        QTest::addColumn<double>("expectedDb");
        // A sine's RMS is its amplitude / sqrt(2): -3.01 dB below its peak.
        QTest::newRow("full-scale sine") << 1.0 << -3.01;
        QTest::newRow("-20 dBFS sine") << 0.1 << -23.01;
    }

    void levels()
    {
        QFETCH(double, amplitude);
        QFETCH(double, expectedDb);
        EnergyMeter meter(2048, 512);
        meter.process(sine(440, 3.0, amplitude));
        QVERIFY(std::abs(meter.frameLevelMeanDb() - expectedDb) < 0.05);
        QVERIFY(meter.frameLevelStdDb() < 0.05);
    }

    // Half loud, half 20 dB quieter: the frame levels spread by about 10 dB around the middle.
    void spreadOfAlternatingLevels()
    {
        EnergyMeter meter(2048, 512);
        meter.process(concat({sine(440, 5.0, 1.0), sine(440, 5.0, 0.1)}));
        QVERIFY(std::abs(meter.frameLevelMeanDb() - -13.01) < 0.3);
        QVERIFY(std::abs(meter.frameLevelStdDb() - 10.0) < 0.3);
    }

    // Silence before, between and after the music (a lead-in, a gap, a run-out with dither)
    // is no part of its dynamics: the same level and spread as the music alone.
    void silentFramesAreLeftOut()
    {
        EnergyMeter alone(2048, 512);
        alone.process(concat({sine(440, 5.0, 1.0), sine(440, 5.0, 0.1)}));
        EnergyMeter framed(2048, 512);
        framed.process(concat({silence(2.0), sine(440, 5.0, 1.0), silence(1.0), sine(440, 5.0, 0.1),
                               whiteNoise(3.0, 1e-5, 7)}));
        QVERIFY2(std::abs(framed.frameLevelMeanDb() - alone.frameLevelMeanDb()) < 0.3,
                 qPrintable(QString::number(framed.frameLevelMeanDb())));
        QVERIFY2(std::abs(framed.frameLevelStdDb() - alone.frameLevelStdDb()) < 0.3,
                 qPrintable(QString::number(framed.frameLevelStdDb())));
    }

    void silenceIsTheFloor()
    {
        EnergyMeter meter(2048, 512);
        meter.process(silence(1.0));
        QCOMPARE(meter.frameLevelMeanDb(), EnergyMeter::kFloorDb);
        QCOMPARE(meter.frameLevelStdDb(), 0.0);
        EnergyMeter empty(2048, 512);
        QCOMPARE(empty.frameLevelMeanDb(), EnergyMeter::kFloorDb);
        QCOMPARE(empty.frameLevelStdDb(), 0.0);
    }

    void invalidParametersAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EnergyMeter(2000, 512));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EnergyMeter(2048, 0));
    }
};

QTEST_GUILESS_MAIN(TestEnergyMeter)
#include "tst_energymeter.moc"
