#include "analysis/featureextractor.h"
#include "testsignals.h"

#include <QTest>

#include <cmath>

using namespace bytewave;
using namespace bytewave::test;

class TestFeatureExtractor : public QObject
{
    Q_OBJECT

private:
    FeatureExtractor m_extractor;

    FeatureExtractor::Result analyse(const std::vector<float> &interleaved, int channels = 1)
    {
        m_extractor.reset(channels);
        m_extractor.process(interleaved);
        return m_extractor.finish();
    }

    static void verifyAllFinite(const FeatureVector &f)
    {
        const auto d = FeatureVector::descriptors();
        for (int i = 0; i < FeatureVector::kCount; ++i)
            QVERIFY2(std::isfinite(f.values()[std::size_t(i)]), d[std::size_t(i)].name);
        for (float v : similarityVector(f))
            QVERIFY(std::isfinite(v));
    }

private slots:
    void sine997FullScale()
    {
        const auto r = analyse(sine(997, 10.0));
        QVERIFY(r.ok());
        const FeatureVector &f = r.features;
        QVERIFY(std::abs(f.value(Feature::LoudnessLufs) - -3.01f) <= 0.1f);
        QVERIFY(std::abs(f.value(Feature::TruePeakDbfs)) < 0.1f);
        QVERIFY(std::abs(f.value(Feature::CrestFactorDb) - 3.01f) < 0.1f);
        QVERIFY(std::abs(f.value(Feature::CentroidMeanHz) - 997.0f) < 4.0f);
        QVERIFY(std::abs(f.value(Feature::DurationS) - 10.0f) < 1e-3f);
        QCOMPARE(f.value(Feature::TempoBpm), 0.0f); // a steady tone has no pulse
        verifyAllFinite(f);
    }

    // Stereo with the same signal in both channels is 3 dB louder than mono (BS.1770 sums the
    // channels), and the spectral features see the same mono fold-down.
    void stereoLoudnessSumsChannels()
    {
        const auto tone = sine(1000, 10.0, std::pow(10.0, -23.0 / 20.0));
        const auto mono = analyse(tone);
        const auto both = analyse(stereo(tone, tone), 2);
        QVERIFY(mono.ok() && both.ok());
        QVERIFY(std::abs(both.features.value(Feature::LoudnessLufs) - -23.0f) < 0.1f);
        QVERIFY(std::abs(both.features.value(Feature::LoudnessLufs) - mono.features.value(Feature::LoudnessLufs) - 3.01f) < 0.05f);
        QVERIFY(std::abs(both.features.value(Feature::CentroidMeanHz) - mono.features.value(Feature::CentroidMeanHz)) < 0.5f);
    }

    // The crest factor compares the peak with the RMS of the same channels: a wide stereo mix
    // (two uncorrelated channels, whose fold-down is 3 dB quieter than either) is no more
    // dynamic than each of its channels.
    void crestFactorIgnoresStereoWidth()
    {
        const auto left = test::whiteNoise(10.0, 0.2, 3);
        const auto right = test::whiteNoise(10.0, 0.2, 4);
        const auto mono = analyse(left);
        const auto wide = analyse(stereo(left, right), 2);
        QVERIFY(mono.ok() && wide.ok());
        const float crestMono = mono.features.value(Feature::CrestFactorDb);
        const float crestWide = wide.features.value(Feature::CrestFactorDb);
        QVERIFY2(std::abs(crestWide - crestMono) < 0.5f, qPrintable(QStringLiteral("%1 vs %2").arg(crestWide).arg(crestMono)));
    }

    void whiteNoise()
    {
        const auto r = analyse(test::whiteNoise(10.0, 0.5));
        QVERIFY(r.ok());
        const FeatureVector &f = r.features;
        QVERIFY(f.value(Feature::FlatnessMean) > 0.85f);
        QVERIFY(std::abs(f.value(Feature::RollOffMeanHz) / (kRate / 2.0f) - 0.85f) < 0.02f);
        QVERIFY(f.value(Feature::KeyStrength) < 0.5f);
        verifyAllFinite(f);
    }

    void cMajorChord()
    {
        const auto r = analyse(chord({midiToHz(60), midiToHz(64), midiToHz(67)}, 5.0));
        QVERIFY(r.ok());
        const FeatureVector &f = r.features;
        QCOMPARE(f.value(Feature::Key), 0.0f);
        QCOMPARE(f.value(Feature::Mode), 0.0f);
        for (int pc : {0, 4, 7})
            QVERIFY(f.value(Feature::Chroma0, pc) > 0.5f);
    }

    // Silence analyses to finite floors, not NaN or Inf.
    void silenceIsFinite()
    {
        const auto r = analyse(silence(5.0));
        QVERIFY(r.ok());
        const FeatureVector &f = r.features;
        verifyAllFinite(f);
        QCOMPARE(f.value(Feature::LoudnessLufs), float(LoudnessMeter::kFloorLufs));
        QCOMPARE(f.value(Feature::TempoBpm), 0.0f);
        QCOMPARE(f.value(Feature::KeyStrength), 0.0f);
        QCOMPARE(f.value(Feature::OnsetRate), 0.0f);
        QVERIFY(f.value(Feature::Energy) >= 0.0f && f.value(Feature::Energy) <= 1.0f);
    }

    void tooShort_data()
    {
        QTest::addColumn<double>("seconds");
        QTest::newRow("0.5 s") << 0.5;
        QTest::newRow("nothing") << 0.0;
        QTest::newRow("one sample") << 1.0 / kRate;
    }

    void tooShort()
    {
        QFETCH(double, seconds);
        const auto r = analyse(sine(440, seconds, 0.5));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QStringLiteral("too short")), qPrintable(r.error));
    }

    // Just over the minimum still gives a full, finite vector.
    void shortButEnough()
    {
        const auto r = analyse(concat({clickTrack(120, 1.2)}));
        QVERIFY2(r.ok(), qPrintable(r.error));
        verifyAllFinite(r.features);
    }

    // Feeding the same signal in one piece or in odd-sized pieces gives the same features.
    void blockSizeDoesNotMatter()
    {
        const auto signal = concat({clickTrack(128, 6.0), test::whiteNoise(2.0, 0.2, 5)});
        const auto whole = analyse(signal);
        m_extractor.reset(1);
        for (std::size_t at = 0, piece = 1; at < signal.size(); piece = piece * 7 % 10007 + 3) {
            const std::size_t n = std::min(piece, signal.size() - at);
            m_extractor.process(std::span<const float>(signal).subspan(at, n));
            at += n;
        }
        const auto pieces = m_extractor.finish();
        QVERIFY(whole.ok() && pieces.ok());
        for (int i = 0; i < FeatureVector::kCount; ++i)
            QVERIFY2(std::abs(whole.features.values()[std::size_t(i)] - pieces.features.values()[std::size_t(i)])
                         <= 1e-4f * (1.0f + std::abs(whole.features.values()[std::size_t(i)])),
                     FeatureVector::descriptors()[std::size_t(i)].name);
    }

    void resetStartsAfresh()
    {
        const auto first = analyse(clickTrack(90, 8.0));
        analyse(test::whiteNoise(3.0, 0.9));
        const auto again = analyse(clickTrack(90, 8.0));
        QVERIFY(first.features == again.features);
    }
};

QTEST_GUILESS_MAIN(TestFeatureExtractor)
#include "tst_featureextractor.moc"
