#include "analysis/noiseonset.h"

#include <QTest>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

using namespace bytewave;

namespace {
constexpr double kBinHz = 22050.0 / 2048.0;
constexpr int kBins = 1025;

// A magnitude spectrum with the same total power in the 1-5 kHz band either spread over every
// bin (noise) or in a few harmonics (a chord's partials).
std::vector<float> spread(double bandPower)
{
    std::vector<float> m(kBins, 0.0f);
    const int first = int(std::ceil(NoiseOnset::kLowHz / kBinHz));
    const int end = int(std::ceil(NoiseOnset::kHighHz / kBinHz));
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> jitter(0.5, 1.5);
    std::vector<double> power(std::size_t(end - first));
    double total = 0;
    for (double &p : power)
        total += (p = jitter(rng));
    for (int k = first; k < end; ++k)
        m[std::size_t(k)] = float(std::sqrt(bandPower * power[std::size_t(k - first)] / total));
    return m;
}

std::vector<float> partials(double bandPower, double fundamentalHz)
{
    std::vector<float> m(kBins, 0.0f);
    std::vector<int> bins;
    for (double f = fundamentalHz; f < NoiseOnset::kHighHz; f += fundamentalHz) {
        if (f >= NoiseOnset::kLowHz)
            bins.push_back(int(std::lround(f / kBinHz)));
    }
    for (const int k : bins)
        m[std::size_t(k)] = float(std::sqrt(bandPower / double(bins.size())));
    return m;
}
} // namespace

class TestNoiseOnset : public QObject
{
    Q_OBJECT

private slots:
    void silenceHasNoOnset()
    {
        NoiseOnset onset(kBinHz, kBins);
        const std::vector<float> zero(kBins, 0.0f);
        QCOMPARE(onset.process(zero), 0.0f);
        QCOMPARE(onset.process(zero), 0.0f);
    }

    // The same power rises far more as noise (every bin) than as a chord's partials.
    void noiseRisesMoreThanPartials()
    {
        NoiseOnset onset(kBinHz, kBins);
        const std::vector<float> zero(kBins, 0.0f);
        onset.process(zero);
        const float noise = onset.process(spread(0.1));
        onset.reset();
        onset.process(zero);
        const float chord = onset.process(partials(0.1, 262.0));
        QVERIFY2(noise > 3.0f * chord, qPrintable(QStringLiteral("%1 vs %2").arg(noise).arg(chord)));
        QVERIFY(chord > 0.0f);
    }

    // Only rises count: a held or falling sound gives nothing, and the level outside the band
    // is ignored.
    void onlyRisesInTheBandCount()
    {
        NoiseOnset onset(kBinHz, kBins);
        const std::vector<float> zero(kBins, 0.0f);
        const std::vector<float> loud = spread(0.1);
        onset.process(zero);
        QVERIFY(onset.process(loud) > 0.0f);
        QCOMPARE(onset.process(loud), 0.0f);
        QCOMPARE(onset.process(spread(0.01)), 0.0f);
        std::vector<float> outside(kBins, 0.0f);
        outside[10] = 1.0f;    // 108 Hz
        outside[1000] = 1.0f;  // 10.8 kHz
        onset.reset();
        onset.process(zero);
        QCOMPARE(onset.process(outside), 0.0f);
    }

    // The first frame after a reset has nothing to rise from: a track that starts loud does not
    // start with a snare.
    void firstFrameHasNothingToRiseFrom()
    {
        NoiseOnset onset(kBinHz, kBins);
        QCOMPARE(onset.process(spread(0.1)), 0.0f);
        onset.reset();
        QCOMPARE(onset.process(spread(0.1)), 0.0f);
        QVERIFY(onset.process(spread(0.2)) > 0.0f);
    }

    // Louder noise, larger onsets, as its magnitude: 16 x the power, 4 x the strength.
    void strengthGrowsWithLevel()
    {
        NoiseOnset onset(kBinHz, kBins);
        const std::vector<float> zero(kBins, 0.0f);
        onset.process(zero);
        const float soft = onset.process(spread(0.01));
        onset.reset();
        onset.process(zero);
        const float loud = onset.process(spread(0.16));
        QVERIFY2(std::abs(loud / soft - 4.0f) < 0.01f, qPrintable(QString::number(loud / soft)));
    }

    void tooSmallASpectrumIsRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, NoiseOnset(kBinHz, 200)); // ends at 2.2 kHz
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, NoiseOnset(0.0, kBins));
        NoiseOnset onset(kBinHz, kBins);
        QCOMPARE(onset.process(std::vector<float>(10, 1.0f)), 0.0f);
    }
};

QTEST_GUILESS_MAIN(TestNoiseOnset)
#include "tst_noiseonset.moc"
