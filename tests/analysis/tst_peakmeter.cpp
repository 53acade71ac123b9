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

    // The sample peak is the largest |sample| wherever it falls (the first frames, a chunk's
    // edge, the very end, either channel), and neither peak depends on how the stream is cut.
    void peaksDoNotDependOnThePieces_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("frame"); // where the loudest sample is
        QTest::addColumn<int>("channel");
        for (const int channels : {1, 2}) {
            for (const int frame : {0, 3, 4095, 4096, 4100, 9000, 20000 - 1}) {
                const int channel = channels - 1;
                QTest::addRow("%d ch, frame %d", channels, frame) << channels << frame << channel;
            }
        }
    }

    void peaksDoNotDependOnThePieces()
    {
        QFETCH(int, channels);
        QFETCH(int, frame);
        QFETCH(int, channel);
        // Quiet noise with a loud stretch (a run the interpolation must not skip) and one spike.
        std::vector<float> mono = whiteNoise(20000.0 / kRate, 0.05);
        const auto loud = sine(3000, 0.05, 0.6);
        std::copy(loud.begin(), loud.end(), mono.begin() + 12000);
        std::vector<float> signal = channels == 2 ? stereo(mono, mono) : mono;
        const float spike = -0.93f;
        signal[std::size_t(frame * channels + channel)] = spike;

        const auto measure = [&](std::size_t piece) {
            PeakMeter meter;
            meter.reset(channels);
            const std::size_t step = piece * std::size_t(channels);
            for (std::size_t i = 0; i < signal.size(); i += step)
                meter.process(std::span<const float>(signal).subspan(i, std::min(step, signal.size() - i)));
            meter.finish();
            return std::pair{meter.samplePeak(), meter.truePeak()};
        };
        const auto whole = measure(signal.size());
        QCOMPARE(whole.first, std::abs(spike));
        QVERIFY(whole.second >= std::abs(spike));
        for (const std::size_t piece : {1, 7, 33, 4096, 5000}) {
            const auto cut = measure(piece);
            QCOMPARE(cut.first, whole.first);
            QCOMPARE(cut.second, whole.second);
        }
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
