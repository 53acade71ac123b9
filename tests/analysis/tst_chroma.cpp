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
    }
};

QTEST_GUILESS_MAIN(TestChroma)
#include "tst_chroma.moc"
