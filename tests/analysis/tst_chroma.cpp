#include "analysis/chroma.h"
#include "analysis/keyestimator.h"
#include "testsignals.h"
#include "testspectra.h"

#include <QTest>

#include <algorithm>

using namespace bytewave;
using namespace bytewave::test;

class TestChroma : public QObject
{
    Q_OBJECT

    // The pitch classes holding the three largest values.
    static QList<int> topThree(const std::array<float, 12> &c)
    {
        std::array<int, 12> order{};
        for (int i = 0; i < 12; ++i)
            order[std::size_t(i)] = i;
        std::sort(order.begin(), order.end(), [&](int a, int b) { return c[std::size_t(a)] > c[std::size_t(b)]; });
        QList<int> top{order[0], order[1], order[2]};
        std::sort(top.begin(), top.end());
        return top;
    }

private slots:
    void singleNotesLandInTheirClass_data()
    {
        QTest::addColumn<int>("midi");
        QTest::newRow("A3 220 Hz") << 57;
        QTest::newRow("C4 262 Hz") << 60;
        QTest::newRow("F#4") << 66;
        QTest::newRow("B5") << 83;
    }

    void singleNotesLandInTheirClass()
    {
        QFETCH(int, midi);
        const auto c = chromaOf(sine(midiToHz(midi), 2.0, 0.5));
        const int cls = midi % 12;
        QCOMPARE(c[std::size_t(cls)], 1.0f);
        for (int i = 0; i < 12; ++i) {
            if (i != cls)
                QVERIFY2(c[std::size_t(i)] < 0.1f, qPrintable(QString::number(i)));
        }
    }

    // A tone between two semitones adds to both with the cos^2 weight of its distance from
    // each, within 2/3 of a semitone. 0.4 semitones above A4, A would get cos^2(pi/2 x 0.6) =
    // 0.345 and A# cos^2(pi/2 x 0.9) = 0.0245 of its power (A# / A = 0.071); the parabola
    // through a Hann window's main lobe places the peak about 0.015 semitones sharper still
    // here, which the steep weights turn into 0.12. 0.25 semitones above A4, A# is 0.75 away and
    // gets nothing.
    void aToneBetweenSemitonesIsShared_data()
    {
        QTest::addColumn<double>("sharp"); // semitones above A4
        QTest::addColumn<double>("least"); // A# over A
        QTest::addColumn<double>("most");
        QTest::newRow("0.4 semitones sharp") << 0.4 << 0.05 << 0.2;
        QTest::newRow("0.25 semitones sharp") << 0.25 << 0.0 << 0.0;
    }

    void aToneBetweenSemitonesIsShared()
    {
        QFETCH(double, sharp);
        QFETCH(double, least);
        QFETCH(double, most);
        const auto c = chromaOf(sine(440.0 * std::pow(2.0, sharp / 12.0), 2.0, 0.5));
        QCOMPARE(c[9], 1.0f);
        QVERIFY2(c[10] >= least && c[10] <= most, qPrintable(QString::number(c[10])));
        for (int i = 0; i < 12; ++i) {
            if (i != 9 && i != 10)
                QVERIFY2(c[std::size_t(i)] < 0.01f, qPrintable(QString::number(i)));
        }
    }

    void chords_data()
    {
        QTest::addColumn<QList<int>>("notes");
        QTest::addColumn<QList<int>>("classes");
        QTest::newRow("C major (C4 E4 G4)") << QList<int>{60, 64, 67} << QList<int>{0, 4, 7};
        QTest::newRow("A minor (A3 C4 E4)") << QList<int>{57, 60, 64} << QList<int>{0, 4, 9};
        QTest::newRow("G major (G3 B3 D4)") << QList<int>{55, 59, 62} << QList<int>{2, 7, 11};
    }

    void chords()
    {
        QFETCH(QList<int>, notes);
        QFETCH(QList<int>, classes);
        std::vector<double> hz;
        for (int n : notes)
            hz.push_back(midiToHz(n));
        QCOMPARE(topThree(chromaOf(chord(hz, 3.0))), classes);
    }

    void silenceIsAllZero()
    {
        const auto c = chromaOf(silence(1.0));
        for (float v : c)
            QCOMPARE(v, 0.0f);
    }

    void invalidParametersAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Chroma(kRate, 2048, 100, 20000, 440, 60));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Chroma(kRate, 2048, 100, 5000, 300, 60));
        // A range too narrow for the FFT's bins (here within one bin, and below bin 2).
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Chroma(kRate, 2048, 11020, 11025, 440, 60));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Chroma(kRate, 1024, 2, 10, 440, 60));
    }
};

QTEST_GUILESS_MAIN(TestChroma)
#include "tst_chroma.moc"
