#include "analysis/melspectrum.h"
#include "analysis/spectralshape.h"
#include "testsignals.h"
#include "testspectra.h"

#include <QTest>

#include <cmath>

using namespace bytewave;
using namespace bytewave::test;

class TestSpectralShape : public QObject
{
    Q_OBJECT

private:
    static SpectralShape analyse(const std::vector<float> &signal)
    {
        SpectralShape shape(kRate, Stft::kSize, 0.85);
        MelSpectrum mel(kRate, Stft::kSize, 40, 30, 10500);
        Stft stft;
        stft.forEachFrame(signal, [&](std::span<const float> magnitude, std::span<const float> power) {
            shape.process(magnitude, power, mel.compute(power));
        });
        return shape;
    }

private slots:
    void sineCentroidAtItsFrequency_data()
    {
        QTest::addColumn<double>("hz");
        QTest::newRow("220 Hz") << 220.0;
        QTest::newRow("1 kHz") << 1000.0;
        QTest::newRow("4.4 kHz") << 4400.0;
        QTest::newRow("9 kHz") << 9000.0;
    }

    void sineCentroidAtItsFrequency()
    {
        QFETCH(double, hz);
        const SpectralShape shape = analyse(sine(hz, 2.0, 0.5));
        // Within a third of a bin (3.6 Hz).
        QVERIFY2(std::abs(shape.centroidHz().mean() - hz) < 3.6, qPrintable(QString::number(shape.centroidHz().mean())));
        QVERIFY(std::abs(shape.rollOffHz().mean() - hz) < 11.0); // the roll-off bin holds the sine
        QVERIFY(shape.flatness().mean() < 0.05);                  // a pure tone is not flat
        QVERIFY(shape.flux().mean() < 0.01);                      // and does not change
    }

    void whiteNoise()
    {
        const SpectralShape shape = analyse(test::whiteNoise(4.0, 0.5));
        const double nyquist = kRate / 2.0;
        QVERIFY2(std::abs(shape.rollOffHz().mean() / nyquist - 0.85) < 0.02,
                 qPrintable(QString::number(shape.rollOffHz().mean())));
        QVERIFY2(shape.flatness().mean() > 0.85, qPrintable(QString::number(shape.flatness().mean())));
        QVERIFY(std::abs(shape.centroidHz().mean() / nyquist - 0.5) < 0.03);
    }

    // Flux is level-independent and large when the spectrum jumps.
    void fluxFollowsChange()
    {
        const SpectralShape steady = analyse(sine(1000, 2.0, 0.5));
        const SpectralShape alternating = analyse(
            concat({sine(300, 0.3, 0.5), sine(3000, 0.3, 0.05), sine(300, 0.3, 0.5), sine(3000, 0.3, 0.05)}));
        QVERIFY(alternating.flux().mean() > steady.flux().mean() + 0.05);
    }

    void invalidParametersAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SpectralShape(kRate, 2048, 1.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SpectralShape(0, 2048, 0.85));
    }
};

QTEST_GUILESS_MAIN(TestSpectralShape)
#include "tst_spectralshape.moc"
