#include "analysis/mfcc.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <vector>

using namespace bytewave;

class TestMfcc : public QObject
{
    Q_OBJECT

private slots:
    // A flat envelope has no shape: only c0 (the level, scaled by sqrt(bands)) is non-zero.
    void flatEnvelope()
    {
        Mfcc mfcc(40, 13);
        const std::vector<float> levels(40, -30.0f);
        mfcc.process(levels);
        mfcc.process(levels);
        QVERIFY(std::abs(mfcc.mean(0) - -30.0 * std::sqrt(40.0)) < 1e-3);
        for (int i = 1; i < 13; ++i)
            QVERIFY2(std::abs(mfcc.mean(i)) < 1e-3, qPrintable(QString::number(i)));
        QCOMPARE(mfcc.stddev(0), 0.0);
        QCOMPARE(mfcc.frames(), 2LL);
    }

    // The DCT is orthonormal: a cosine envelope at index k gives energy only in c_k.
    void cosineEnvelopeLandsInOneCoefficient_data()
    {
        QTest::addColumn<int>("k");
        QTest::newRow("c1 (tilt)") << 1;
        QTest::newRow("c5") << 5;
        QTest::newRow("c12") << 12;
    }

    void cosineEnvelopeLandsInOneCoefficient()
    {
        QFETCH(int, k);
        Mfcc mfcc(40, 13);
        std::vector<float> levels(40);
        for (int b = 0; b < 40; ++b)
            levels[std::size_t(b)] = float(10.0 * std::cos(std::numbers::pi * k * (b + 0.5) / 40));
        mfcc.process(levels);
        for (int i = 0; i < 13; ++i) {
            const double expected = i == k ? 10.0 * std::sqrt(40.0 / 2.0) : 0.0;
            QVERIFY2(std::abs(mfcc.mean(i) - expected) < 1e-3, qPrintable(QString::number(i)));
        }
    }

    void invalidParametersAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Mfcc(40, 41));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Mfcc(1, 1));
    }
};

QTEST_GUILESS_MAIN(TestMfcc)
#include "tst_mfcc.moc"
