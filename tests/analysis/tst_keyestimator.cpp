#include "analysis/chroma.h"
#include "analysis/keyestimator.h"
#include "testsignals.h"
#include "testspectra.h"

#include <QTest>

using namespace bytewave;
using namespace bytewave::test;

class TestKeyEstimator : public QObject
{
    Q_OBJECT

    static std::vector<float> progression(const QList<QList<int>> &chords, double secondsEach)
    {
        std::vector<float> out;
        for (const auto &notes : chords) {
            std::vector<double> hz;
            for (int n : notes)
                hz.push_back(midiToHz(n));
            const auto c = chord(hz, secondsEach);
            out.insert(out.end(), c.begin(), c.end());
        }
        return out;
    }

private slots:
    void keys_data()
    {
        QTest::addColumn<QList<QList<int>>>("chords");
        QTest::addColumn<QString>("expected");
        QTest::newRow("C major chord") << QList<QList<int>>{{60, 64, 67}} << QStringLiteral("C major");
        QTest::newRow("A minor chord") << QList<QList<int>>{{57, 60, 64}} << QStringLiteral("A minor");
        // Cadences: i-iv-V-i and I-IV-V-I.
        QTest::newRow("A minor cadence")
            << QList<QList<int>>{{57, 60, 64}, {62, 65, 69}, {64, 68, 71}, {57, 60, 64}} << QStringLiteral("A minor");
        QTest::newRow("E flat major cadence")
            << QList<QList<int>>{{63, 67, 70}, {56, 60, 63}, {58, 62, 65}, {63, 67, 70}} << QStringLiteral("D# major");
        QTest::newRow("F# minor chord") << QList<QList<int>>{{54, 57, 61}} << QStringLiteral("F# minor");
    }

    void keys()
    {
        QFETCH(QList<QList<int>>, chords);
        QFETCH(QString, expected);
        const auto result = KeyEstimator::estimate(chromaOf(progression(chords, 1.5)));
        QCOMPARE(KeyEstimator::keyName(result.key, result.mode), expected);
        QVERIFY(result.strength > 0.5);
    }

    // The profile itself, rotated, is its own key with correlation 1.
    void profileIsItsOwnKey()
    {
        const std::array<float, 12> cMajor = {6.35f, 2.23f, 3.48f, 2.33f, 4.38f, 4.09f,
                                              2.52f, 5.19f, 2.39f, 3.66f, 2.29f, 2.88f};
        std::array<float, 12> dMajor{};
        for (int i = 0; i < 12; ++i)
            dMajor[std::size_t((i + 2) % 12)] = cMajor[std::size_t(i)];
        const auto r = KeyEstimator::estimate(dMajor);
        QCOMPARE(r.key, 2);
        QCOMPARE(r.mode, KeyEstimator::Major);
        QVERIFY(std::abs(r.strength - 1.0) < 1e-6);
    }

    void flatOrEmptyChromaHasNoKey()
    {
        std::array<float, 12> flat{};
        flat.fill(1.0f);
        QCOMPARE(KeyEstimator::estimate(flat).strength, 0.0);
        QCOMPARE(KeyEstimator::estimate(std::array<float, 12>{}).strength, 0.0);
    }

    void names()
    {
        QCOMPARE(KeyEstimator::keyName(9, KeyEstimator::Minor), QStringLiteral("A minor"));
        QCOMPARE(KeyEstimator::pitchClassName(13), QStringLiteral("C#"));
    }
};

QTEST_GUILESS_MAIN(TestKeyEstimator)
#include "tst_keyestimator.moc"
