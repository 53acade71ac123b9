#include "analysis/peakmeter.h"
#include "testsignals.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace bytewave;
using namespace bytewave::test;

class TestPeakMeter : public QObject
{
    Q_OBJECT

private slots:
    void peaks_data()
    {
        QTest::addColumn<double>("hz");
        QTest::addColumn<double>("phase");
        QTest::addColumn<double>("samplePeak");
        QTest::addColumn<double>("truePeak");
        // The classic inter-sample peak: fs/4 sampled at +-45 degrees never reaches 1.0 on a
        // sample (0.707, -3 dB) but the waveform does.
        QTest::newRow("fs/4 at 45 degrees") << kRate / 4.0 << std::numbers::pi / 4 << std::sqrt(0.5) << 1.0;
        QTest::newRow("fs/4 at 0 degrees") << kRate / 4.0 << std::numbers::pi / 2 << 1.0 << 1.0;
        QTest::newRow("997 Hz") << 997.0 << 0.0 << 1.0 << 1.0;
        QTest::newRow("3 kHz at 0.5") << 3000.0 << 0.3 << -1.0 << 1.0; // -1: do not check
    }

    void peaks()
    {
        QFETCH(double, hz);
        QFETCH(double, phase);
        QFETCH(double, samplePeak);
        QFETCH(double, truePeak);
        PeakMeter meter;
        meter.reset(1);
        const auto tone = sine(hz, 1.0, 1.0, kRate, phase);
        meter.process(tone);
        meter.finish();
        if (samplePeak >= 0)
            QVERIFY2(std::abs(meter.samplePeak() - samplePeak) < 1e-3, qPrintable(QString::number(meter.samplePeak())));
        // Within 0.2 dB of the waveform's peak.
        const double errorDb = 20.0 * std::log10(meter.truePeak() / truePeak);
        QVERIFY2(std::abs(errorDb) < 0.2, qPrintable(QString::number(errorDb)));
    }

    void stereoTakesTheLouderChannel()
    {
        PeakMeter meter;
        meter.reset(2);
        meter.process(stereo(sine(440, 1.0, 0.25), sine(440, 1.0, 0.5)));
        meter.finish();
        QVERIFY(std::abs(meter.truePeak() - 0.5f) < 0.01f);
    }

    void silenceIsZero()
    {
        PeakMeter meter;
        meter.reset(1);
        meter.process(silence(1.0));
        meter.finish();
        QCOMPARE(meter.truePeak(), 0.0f);
    }

    void peakAtTheVeryEndIsSeen()
    {
        PeakMeter meter;
        meter.reset(1);
        auto signal = silence(0.5);
        signal.back() = 0.9f;
        meter.process(signal);
        meter.finish();
        QVERIFY(meter.truePeak() >= 0.9f);
    }
};

QTEST_GUILESS_MAIN(TestPeakMeter)
#include "tst_peakmeter.moc"
