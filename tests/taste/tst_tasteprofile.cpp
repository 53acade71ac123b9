#include "core/taste/tasteprofile.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace bytewave;

// The linear taste profile: a weighted ridge regression of rewards on normalised features.
class TestTasteProfile : public QObject
{
    Q_OBJECT

private slots:
    void recoversADirection_data()
    {
        QTest::addColumn<int>("dimension");
        QTest::addColumn<int>("relevant");     // the dimension the rewards depend on
        QTest::addColumn<int>("observations");
        QTest::addColumn<double>("slope");     // reward = 0.5 + slope * z[relevant] (clamped)
        QTest::newRow("bright, 32 dims") << 32 << 3 << 200 << 0.2;
        QTest::newRow("dull, 32 dims") << 32 << 3 << 200 << -0.2;
        QTest::newRow("energy, 8 dims") << 8 << 7 << 60 << 0.15;
        QTest::newRow("first dim, 64 dims") << 64 << 0 << 400 << 0.1;
    }

    void recoversADirection()
    {
        QFETCH(int, dimension);
        QFETCH(int, relevant);
        QFETCH(int, observations);
        QFETCH(double, slope);
        std::mt19937 rng(11);
        std::normal_distribution<float> gauss(0.0f, 1.0f);
        TasteProfile profile;
        profile.reset(dimension);
        std::vector<float> z(static_cast<size_t>(dimension));
        for (int k = 0; k < observations; ++k) {
            for (float &v : z)
                v = gauss(rng);
            profile.add(z.data(), std::clamp(0.5 + slope * double(z[size_t(relevant)]), 0.0, 1.0), 1.0);
        }
        QVERIFY(profile.solve(1.0, 8.0));
        const std::vector<double> b = profile.coefficients();
        QCOMPARE(int(b.size()), dimension);
        // The relevant dimension dominates and has the right sign.
        QVERIFY(b[size_t(relevant)] * slope > 0);
        for (int d = 0; d < dimension; ++d) {
            if (d != relevant)
                QVERIFY2(std::abs(b[size_t(d)]) < 0.5 * std::abs(b[size_t(relevant)]), qPrintable(QString::number(d)));
        }
        // Predictions order tracks along that direction.
        std::vector<float> high(static_cast<size_t>(dimension), 0.0f);
        std::vector<float> low(static_cast<size_t>(dimension), 0.0f);
        high[size_t(relevant)] = 1.5f;
        low[size_t(relevant)] = -1.5f;
        QVERIFY((profile.predict(high.data()) - profile.predict(low.data())) * slope > 0);
    }

    void shrinksWithThinEvidence_data()
    {
        QTest::addColumn<double>("weight");
        // Two observations, z = +1 with reward 1 and z = -1 with reward 0, each of this weight:
        // the slope is sum w z (r - 0.5) / (sum w z^2 + ridge) = w / (2 w + ridge), so the ridge
        // keeps it small until the evidence outweighs it.
        QTest::newRow("a tenth of an observation") << 0.1;
        QTest::newRow("one observation") << 1.0;
        QTest::newRow("eight observations") << 8.0;
        QTest::newRow("a hundred observations") << 100.0;
    }

    void shrinksWithThinEvidence()
    {
        QFETCH(double, weight);
        TasteProfile profile;
        profile.reset(4);
        const float z1[4] = {1, 0, 0, 0};
        const float z0[4] = {-1, 0, 0, 0};
        profile.add(z1, 1.0, weight);
        profile.add(z0, 0.0, weight);
        QVERIFY(profile.solve(1.0, 8.0));
        const double b = profile.coefficients()[0];
        const double expected = weight / (2 * weight + 8.0);
        QVERIFY2(std::abs(b - expected) < 1e-6, qPrintable(QStringLiteral("%1 vs %2").arg(b).arg(expected)));
        QVERIFY(b < 0.5); // never more than the data say (0.5 per unit of z)
    }

    void decayFadesTowardNeutral()
    {
        // The same evidence seen at decay factor 1/8 (three half-lives later) counts less
        // against the same ridge.
        TasteProfile profile;
        profile.reset(2);
        const float hi[2] = {1, 0};
        const float lo[2] = {-1, 0};
        for (int k = 0; k < 20; ++k) {
            profile.add(hi, 1.0, 1.0);
            profile.add(lo, 0.0, 1.0);
        }
        QVERIFY(profile.solve(1.0, 8.0));
        const double fresh = profile.predict(hi);
        QVERIFY(profile.solve(0.125, 8.0));
        const double aged = profile.predict(hi);
        QVERIFY(fresh > aged);
        QVERIFY(aged > 0.5);
        // scale() is the same as a smaller decay factor.
        profile.scale(0.125);
        QVERIFY(profile.solve(1.0, 8.0));
        QVERIFY(std::abs(profile.predict(hi) - aged) < 1e-9);
    }

    void neutralWithoutEvidence()
    {
        TasteProfile profile;
        profile.reset(3);
        const float z[3] = {1, 2, 3};
        QVERIFY(!profile.solve(1.0, 8.0));
        QCOMPARE(profile.predict(z), 0.5);
        std::vector<double> out;
        const std::uint8_t analysed[1] = {1};
        profile.liftAll(z, 1, analysed, &out);
        QCOMPARE(out.at(0), 0.0);
        QCOMPARE(profile.lift(z), 0.0);
        TasteProfile empty; // no dimensions at all
        empty.reset(0);
        empty.add(nullptr, 1.0, 1.0);
        QVERIFY(!empty.solve(1.0, 8.0));
    }

    void liftAllMatchesLift()
    {
        TasteProfile profile;
        profile.reset(3);
        const float rows[4][3] = {{1, 0, 0}, {0, 1, 0}, {-1, 0, 2}, {3, 3, -3}};
        const double rewards[4] = {1.0, 0.2, 0.0, 0.9};
        for (int k = 0; k < 4; ++k)
            profile.add(rows[k], rewards[k], 2.0);
        QVERIFY(profile.solve(1.0, 1.0));
        std::vector<double> out;
        const std::uint8_t analysed[4] = {1, 1, 0, 1};
        profile.liftAll(&rows[0][0], 4, analysed, &out);
        QCOMPARE(int(out.size()), 4);
        const double intercept = profile.intercept();
        for (int k = 0; k < 4; ++k) {
            const double expected = analysed[k] ? profile.lift(rows[k]) : 0.0;
            QVERIFY(std::abs(out[size_t(k)] - expected) < 1e-5);
            // predict() is the intercept plus the lift, clamped to [0, 1].
            QVERIFY(std::abs(profile.predict(rows[k]) - std::clamp(intercept + profile.lift(rows[k]), 0.0, 1.0)) < 1e-9);
        }
    }
};

QTEST_GUILESS_MAIN(TestTasteProfile)
#include "tst_tasteprofile.moc"
