#include "analysis/melspectrum.h"
#include "analysis/onsetdetector.h"
#include "testsignals.h"
#include "testspectra.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace bytewave;
using namespace bytewave::test;

class TestOnsetDetector : public QObject
{
    Q_OBJECT

private:
    static OnsetDetector detect(const std::vector<float> &signal, std::vector<float> *strengths = nullptr)
    {
        OnsetDetector onsets(40, double(kRate) / Stft::kHop, 0.5);
        MelSpectrum mel(kRate, Stft::kSize, 40, 30, 10500);
        Stft stft;
        std::vector<float> db(40);
        stft.forEachFrame(signal, [&](std::span<const float>, std::span<const float> power) {
            const auto bands = mel.compute(power);
            for (int b = 0; b < 40; ++b)
                db[std::size_t(b)] = 10.0f * std::log10(std::max(bands[std::size_t(b)], 1e-12f));
            const float s = onsets.process(db);
            if (strengths)
                strengths->push_back(s);
        });
        onsets.finish();
        return onsets;
    }

private slots:
    void clickRate_data()
    {
        QTest::addColumn<double>("bpm");
        QTest::newRow("1 per second") << 60.0;
        QTest::newRow("2 per second") << 120.0;
        QTest::newRow("5 per second") << 300.0;
    }

    void clickRate()
    {
        QFETCH(double, bpm);
        const double seconds = 10.0;
        const OnsetDetector onsets = detect(clickTrack(bpm, seconds));
        // Every click and nothing else (allow one at either edge of the analysed frames).
        const double expected = bpm / 60.0 * seconds;
        QVERIFY2(std::abs(double(onsets.onsets()) - expected) <= 1.0, qPrintable(QString::number(onsets.onsets())));
    }

    void steadyToneHasNoOnsetsAfterItStarts()
    {
        const OnsetDetector onsets = detect(concat({silence(0.5), sine(440, 5.0, 0.5)}));
        QVERIFY(onsets.onsets() <= 1);
    }

    // A soft click weighs less than a loud one (accents survive), whatever the gap before it.
    void softerClicksAreWeaker()
    {
        std::vector<float> loudStrengths, softStrengths;
        auto loud = clickTrack(60, 5.0);
        auto soft = loud;
        for (float &v : soft)
            v *= 0.3f;
        // Same gaps, one programme: alternate loud and soft seconds (after a short silence, so the
        // first click is not cut by the first frame).
        std::vector<float> both = silence(0.5);
        for (std::size_t s = 0; s + 22050 <= loud.size(); s += 2 * 22050) {
            both.insert(both.end(), loud.begin() + long(s), loud.begin() + long(s) + 22050);
            both.insert(both.end(), soft.begin() + long(s) + 22050, soft.begin() + long(std::min(s + 2 * 22050, soft.size())));
        }
        std::vector<float> strengths;
        detect(both, &strengths);
        std::vector<float> peaks;
        for (std::size_t i = 1; i + 1 < strengths.size(); ++i) {
            if (strengths[i] > 0.1f && strengths[i] >= strengths[i - 1] && strengths[i] > strengths[i + 1])
                peaks.push_back(strengths[i]);
        }
        QVERIFY(peaks.size() >= 4);
        // Peaks alternate loud, soft, loud, soft; the soft ones are clearly smaller.
        QVERIFY2(peaks[1] < 0.8f * peaks[2], qPrintable(QStringLiteral("%1 %2").arg(peaks[1]).arg(peaks[2])));
        QVERIFY(peaks[3] < 0.8f * peaks[2]);
    }

    void strengthIsNonNegativeAndPeaksAtClicks()
    {
        std::vector<float> strengths;
        detect(clickTrack(60, 5.0), &strengths);
        QVERIFY(!strengths.empty());
        QCOMPARE(strengths.front(), 0.0f);
        QVERIFY(*std::min_element(strengths.begin(), strengths.end()) >= 0.0f);
        // A click out of silence rises by about the whole recent peak loudness.
        QVERIFY(*std::max_element(strengths.begin(), strengths.end()) > 0.5f);
    }

    // The kick strength hears only the bands below kKickMaxHz: a rise at 100 Hz counts, one at
    // 180 Hz (a snare's shell, still in the low group) does not.
    void kickStrengthIsBelowTheSnareShell()
    {
        OnsetDetector onsets(3, 43.0, 0.5);
        onsets.setBandCentres(std::vector<double>{100.0, 180.0, 2000.0});
        onsets.process(std::vector<float>{-60.0f, -60.0f, -60.0f});
        onsets.process(std::vector<float>{-10.0f, -60.0f, -60.0f});
        const float kick = onsets.kickStrength();
        QVERIFY(kick > 0.0f);
        QCOMPARE(kick, onsets.groupStrengths()[0] * 2.0f); // one of the low group's two bands
        onsets.process(std::vector<float>{-10.0f, -10.0f, -60.0f});
        QCOMPARE(onsets.kickStrength(), 0.0f);
        QVERIFY(onsets.groupStrengths()[0] > 0.0f);
        // Without band centres there are no kick bands.
        OnsetDetector plain(3, 43.0, 0.5);
        plain.process(std::vector<float>{-60.0f, -60.0f, -60.0f});
        plain.process(std::vector<float>{-10.0f, -10.0f, -10.0f});
        QCOMPARE(plain.kickStrength(), 0.0f);
    }

    void invalidParametersAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, OnsetDetector(0, 43, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, OnsetDetector(40, 43, -1));
    }
};

QTEST_GUILESS_MAIN(TestOnsetDetector)
#include "tst_onsetdetector.moc"
