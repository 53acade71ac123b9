#include "analysis/melspectrum.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace bytewave;

class TestMelSpectrum : public QObject
{
    Q_OBJECT

private slots:
    void melScale_data()
    {
        QTest::addColumn<double>("hz");
        QTest::addColumn<double>("mel");
        // Slaney: linear below 1 kHz (200/3 Hz per mel), 15 mel at 1 kHz, 27 mel per ln(6.4).
        QTest::newRow("0 Hz") << 0.0 << 0.0;
        QTest::newRow("200 Hz") << 200.0 << 3.0;
        QTest::newRow("1 kHz") << 1000.0 << 15.0;
        QTest::newRow("6.4 kHz") << 6400.0 << 42.0;
    }

    void melScale()
    {
        QFETCH(double, hz);
        QFETCH(double, mel);
        QVERIFY(std::abs(MelSpectrum::hzToMel(hz) - mel) < 1e-9);
        QVERIFY(std::abs(MelSpectrum::melToHz(mel) - hz) < 1e-6);
    }

    // Each triangle's weights sum to 1: a flat spectrum gives the same value in every band.
    void flatSpectrumGivesEqualBands()
    {
        MelSpectrum mel(22050, 2048, 40, 30, 10500);
        const std::vector<float> flat(1025, 0.25f);
        const auto bands = mel.compute(flat);
        QCOMPARE(int(bands.size()), 40);
        for (float b : bands)
            QVERIFY(std::abs(b - 0.25f) < 1e-5f);
    }

    // A single bin lands in the band(s) around its frequency and nowhere else.
    void singleBinLandsInItsBand()
    {
        MelSpectrum mel(22050, 2048, 40, 30, 10500);
        std::vector<float> power(1025, 0.0f);
        const int bin = 186; // ~2 kHz
        power[bin] = 1.0f;
        const auto bands = mel.compute(power);
        const double hz = bin * 22050.0 / 2048;
        for (int b = 0; b < 40; ++b) {
            const bool near = std::abs(MelSpectrum::hzToMel(mel.centreHz(b)) - MelSpectrum::hzToMel(hz))
                              < 1.1 * (MelSpectrum::hzToMel(10500) - MelSpectrum::hzToMel(30)) / 41;
            if (!near)
                QCOMPARE(bands[std::size_t(b)], 0.0f);
        }
        float total = 0;
        for (float b : bands)
            total += b;
        QVERIFY(total > 0);
    }

    void invalidParametersAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, MelSpectrum(22050, 2048, 40, 30, 20000));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, MelSpectrum(22050, 2048, 1, 30, 10000));
        // More bands than bins can fill.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, MelSpectrum(22050, 64, 40, 0, 11025));
    }
};

QTEST_GUILESS_MAIN(TestMelSpectrum)
#include "tst_melspectrum.moc"
