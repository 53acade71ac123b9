#include "analysis/harmonicrhythm.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace bytewave;

namespace {
// Chroma frames at the extractor's rate: 22,050 Hz, hop 512, every 4th frame.
constexpr double kChromaRate = 22050.0 / 512.0 / 4.0;

using Frame = std::array<float, 12>;

Frame triad(int root, bool minor)
{
    Frame f{};
    f[std::size_t(root % 12)] = 1.0f;
    f[std::size_t((root + (minor ? 3 : 4)) % 12)] = 0.8f;
    f[std::size_t((root + 7) % 12)] = 0.9f;
    return f;
}

// Chords in turn (by default I-vi-IV-V in C), each held for chordSeconds, for seconds in all;
// with melody, a random note of the C major scale added every quarter of a second (a tune).
std::vector<Frame> progression(double chordSeconds, double seconds, bool melody = false,
                               const std::vector<Frame> &chords = {triad(0, false), triad(9, true),
                                                                   triad(5, false), triad(7, false)})
{
    const int scale[] = {0, 2, 4, 5, 7, 9, 11};
    std::mt19937 rng(3);
    std::uniform_int_distribution<int> degree(0, 6);
    int note = scale[degree(rng)];
    std::vector<Frame> frames;
    for (int i = 0; i < int(seconds * kChromaRate); ++i) {
        const double t = i / kChromaRate;
        Frame f = chords[std::size_t(int(t / chordSeconds)) % chords.size()];
        if (melody) {
            if (i % int(0.25 * kChromaRate) == 0)
                note = scale[degree(rng)];
            f[std::size_t(note)] = std::max(f[std::size_t(note)], 1.0f);
        }
        frames.push_back(f);
    }
    return frames;
}
} // namespace

class TestHarmonicRhythm : public QObject
{
    Q_OBJECT

    static double periodOf(const std::vector<Frame> &frames)
    {
        HarmonicRhythm h(kChromaRate);
        for (const Frame &f : frames)
            h.process(f);
        return h.periodSeconds();
    }

private slots:
    void chordChanges_data()
    {
        QTest::addColumn<double>("chordSeconds");
        QTest::addColumn<bool>("melody");
        for (double s : {1.0, 1.4, 2.0, 3.2}) {
            QTest::newRow(qPrintable(QStringLiteral("a chord every %1 s").arg(s))) << s << false;
            QTest::newRow(qPrintable(QStringLiteral("a chord every %1 s under a tune").arg(s))) << s << true;
        }
    }

    // Changes that are all alike (C and F# major share no note): the period is the chords'
    // duration, not a multiple of it.
    void chordChanges()
    {
        QFETCH(double, chordSeconds);
        QFETCH(bool, melody);
        const double found = periodOf(progression(chordSeconds, 30.0, melody, {triad(0, false), triad(6, false)}));
        QVERIFY2(std::abs(found - chordSeconds) < 1.0 / kChromaRate, qPrintable(QString::number(found)));
    }

    // I-vi-IV-V: neighbouring chords share notes (C-Am two, F-G none), so some changes are
    // larger than others and the pattern of changes may repeat only with the progression. The
    // period is the chords' duration or the progression's, a whole number of chords either way.
    void progressionOfUnequalChanges_data() { chordChanges_data(); }
    void progressionOfUnequalChanges()
    {
        QFETCH(double, chordSeconds);
        QFETCH(bool, melody);
        const double found = periodOf(progression(chordSeconds, 30.0, melody));
        const double chords = found / chordSeconds;
        QVERIFY2((std::abs(chords - 1) < 0.05 || std::abs(chords - 4) < 0.05), qPrintable(QString::number(found)));
    }

    // Two chords alternating, the second held twice as long: the pattern's period (3 s), since
    // the changes are not evenly spaced.
    void unevenChangesRepeatWithTheirPattern()
    {
        std::vector<Frame> frames;
        for (int i = 0; i < int(30.0 * kChromaRate); ++i)
            frames.push_back(std::fmod(i / kChromaRate, 3.0) < 1.0 ? triad(0, false) : triad(7, false));
        const double found = periodOf(frames);
        QVERIFY2(std::abs(found - 3.0) < 1.0 / kChromaRate, qPrintable(QString::number(found)));
    }

    // Changes between chords that share two notes, under a pedal (root and fifth held loud
    // throughout): the chroma moves little, so the novelty is small, but perfectly regular. Its
    // significance cannot depend on its scale: the autocorrelation is normalised by R(0).
    void smallRegularChangesCount_data()
    {
        QTest::addColumn<float>("pedal");
        for (float pedal : {0.0f, 2.0f, 8.0f})
            QTest::newRow(qPrintable(QStringLiteral("pedal %1x the chords").arg(pedal))) << pedal;
    }

    void smallRegularChangesCount()
    {
        QFETCH(float, pedal);
        std::vector<Frame> frames = progression(2.0, 30.0, false, {triad(0, false), triad(9, true)});
        for (Frame &f : frames) {
            f[0] += pedal;
            f[7] += pedal;
        }
        const double found = periodOf(frames);
        QVERIFY2(std::abs(found - 2.0) < 1.0 / kChromaRate, qPrintable(QString::number(found)));
    }

    // Chords faster than kMinPeriodS (0.8 s) are searched from 0.8 s on, not from the frame
    // below it: a change every 0.75 s is reported as its pair, 1.5 s.
    void nothingShorterThanTheMinimum()
    {
        const double found = periodOf(progression(0.75, 30.0, false, {triad(0, false), triad(6, false)}));
        QVERIFY2(std::abs(found - 1.5) < 1.0 / kChromaRate, qPrintable(QString::number(found)));
    }

    void noPeriod_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("one chord throughout") << 0;
        QTest::newRow("silence (no pitched content)") << 1;
        QTest::newRow("random pitch classes every frame") << 2;
        QTest::newRow("chords at random moments") << 3;
        QTest::newRow("too short: 3 s of changes every second") << 4;
    }

    void noPeriod()
    {
        QFETCH(int, kind);
        std::mt19937 rng(5);
        std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
        std::vector<Frame> frames;
        if (kind == 4) {
            frames = progression(1.0, 3.0);
        } else {
            Frame current = triad(0, false);
            for (int i = 0; i < int(60.0 * kChromaRate); ++i) {
                Frame f{};
                if (kind == 0) {
                    f = triad(0, false);
                } else if (kind == 2) {
                    for (float &v : f)
                        v = uniform(rng);
                } else if (kind == 3) {
                    if (uniform(rng) < 0.05f) // about every 2 s, at no regular spacing
                        current = triad(int(uniform(rng) * 12), uniform(rng) < 0.5f);
                    f = current;
                }
                frames.push_back(f);
            }
        }
        QCOMPARE(periodOf(frames), 0.0);
    }

    // The state is the programme's only: reset() gives the same answer again.
    void resetStartsAfresh()
    {
        HarmonicRhythm h(kChromaRate);
        for (const Frame &f : progression(1.0, 30.0))
            h.process(f);
        const double first = h.periodSeconds();
        h.reset();
        QCOMPARE(h.periodSeconds(), 0.0);
        for (const Frame &f : progression(1.0, 30.0))
            h.process(f);
        QCOMPARE(h.periodSeconds(), first);
    }

    void invalidRateIsRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, HarmonicRhythm(1.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, HarmonicRhythm(std::nan("")));
    }
};

QTEST_GUILESS_MAIN(TestHarmonicRhythm)
#include "tst_harmonicrhythm.moc"
