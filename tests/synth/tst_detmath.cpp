#include "analysis/synth/detmath.h"

#include <QTest>

#include <cmath>

using namespace bytewave::synth;

// det:: replaces <cmath> in the synthesiser so PCM is identical everywhere; these check it is
// also accurate, against the C library, over the ranges the synthesiser uses.
class TestDetMath : public QObject
{
    Q_OBJECT

private slots:
    void sinMatchesLibm()
    {
        for (double x = -20.0; x <= 20.0; x += 0.0137)
            QVERIFY2(std::abs(det::sin(x) - std::sin(x)) < 1e-11, qPrintable(QString::number(x)));
    }

    void fastSinIsCloseEnoughForOscillators()
    {
        for (float phase = -2.0f; phase <= 2.0f; phase += 0.00731f)
            QVERIFY(std::abs(det::sinTurnsF(phase) - std::sin(6.283185307179586 * phase)) < 2e-5);
    }

    void expAndLogMatchLibm_data()
    {
        QTest::addColumn<double>("x");
        QTest::newRow("tiny") << 1e-9;
        QTest::newRow("quarter") << 0.25;
        QTest::newRow("one") << 1.0;
        QTest::newRow("e") << 2.718281828459045;
        QTest::newRow("thousand") << 1000.0;
        QTest::newRow("huge") << 1e200;
    }

    void expAndLogMatchLibm()
    {
        QFETCH(double, x);
        QVERIFY(std::abs(det::log(x) - std::log(x)) < 1e-12 * std::max(1.0, std::abs(std::log(x))));
        const double y = std::log(x) / 10.0;
        QVERIFY(std::abs(det::exp(y) / std::exp(y) - 1.0) < 1e-13);
    }

    void logOfNonPositiveIsFinite()
    {
        QVERIFY(std::isfinite(det::log(0.0)));
        QVERIFY(std::isfinite(det::log(-1.0)));
        QVERIFY(std::isfinite(det::log(std::nan(""))));
    }

    void midiToHz_data()
    {
        QTest::addColumn<double>("note");
        QTest::addColumn<double>("hz");
        QTest::newRow("A4") << 69.0 << 440.0;
        QTest::newRow("A3") << 57.0 << 220.0;
        QTest::newRow("middle C") << 60.0 << 261.6255653005986;
        QTest::newRow("E1") << 28.0 << 41.20344461410875;
    }

    void midiToHz()
    {
        QFETCH(double, note);
        QFETCH(double, hz);
        QVERIFY(std::abs(det::midiToHz(note) - hz) < 1e-9 * hz);
    }

    void softClipIsBoundedAndOdd()
    {
        for (float x = -10.0f; x <= 10.0f; x += 0.01f) {
            QVERIFY(std::abs(det::softClip(x)) <= 1.0f);
            QCOMPARE(det::softClip(-x), -det::softClip(x));
        }
        QVERIFY(std::abs(det::softClip(0.1f) - std::tanh(0.1f)) < 1e-3f);
    }
};

QTEST_GUILESS_MAIN(TestDetMath)
#include "tst_detmath.moc"
