#include "core/taste/rewardmodel.h"
#include "core/taste/tasteparams.h"

#include <QTest>

#include <cmath>

using namespace bytewave;

class TestRewardModel : public QObject
{
    Q_OBJECT

private slots:
    void skipCurve_data()
    {
        QTest::addColumn<double>("position");
        QTest::addColumn<double>("duration");
        QTest::addColumn<double>("expected");
        // The documented values (rewardmodel.h, docs/taste.md), to 0.01.
        QTest::newRow("at once") << 0.0 << 240.0 << 0.985;
        QTest::newRow("10 s") << 10.0 << 240.0 << 0.891;
        QTest::newRow("30 s") << 30.0 << 240.0 << 0.552;
        QTest::newRow("half way") << 120.0 << 240.0 << 0.124;
        QTest::newRow("80 %") << 192.0 << 240.0 << 0.031;
        QTest::newRow("at the end") << 240.0 << 240.0 << 0.0;
        QTest::newRow("past the end is the end") << 900.0 << 240.0 << 0.0;
        QTest::newRow("negative is the start") << -5.0 << 240.0 << 0.985;
        QTest::newRow("unknown duration: 240 s assumed") << 120.0 << 0.0 << 0.124;
        QTest::newRow("NaN duration: 240 s assumed") << 120.0 << qQNaN() << 0.124;
        QTest::newRow("NaN position: the start") << qQNaN() << 240.0 << 0.985;
        QTest::newRow("short track, 5 s of 30") << 5.0 << 30.0 << 0.746;
        QTest::newRow("short track, 80 %") << 24.0 << 30.0 << 0.071;
    }

    void skipCurve()
    {
        QFETCH(double, position);
        QFETCH(double, duration);
        QFETCH(double, expected);
        const double s = skipSeverity(position, duration);
        QVERIFY2(std::abs(s - expected) < 0.01, qPrintable(QStringLiteral("severity %1, expected %2").arg(s).arg(expected)));
        QVERIFY(s >= 0.0 && s <= 1.0);
    }

    void earlySkipsCountFarMore()
    {
        // The devlog's rule: a skip in the first 30 s counts far more than one at 80 %.
        for (const double duration : {180.0, 240.0, 600.0}) {
            const double late = skipSeverity(0.8 * duration, duration);
            for (double t = 0; t <= 30.0; t += 1.0)
                QVERIFY2(skipSeverity(t, duration) > 5 * late, qPrintable(QStringLiteral("%1 s of %2").arg(t).arg(duration)));
        }
    }

    void skipCurveFallsMonotonically()
    {
        for (const double duration : {30.0, 240.0, 3600.0}) {
            double previous = 2.0;
            for (int k = 0; k <= 1000; ++k) {
                const double s = skipSeverity(duration * k / 1000.0, duration);
                QVERIFY(s <= previous);
                previous = s;
            }
        }
    }

    void effects_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("position");
        QTest::addColumn<double>("reward");
        QTest::addColumn<double>("weight");
        QTest::addColumn<double>("spread");
        QTest::addColumn<double>("plays");
        QTest::newRow("start") << int(SignalKind::Start) << 0.0 << 0.5 << 0.0 << 0.0 << 1.0;
        QTest::newRow("like") << int(SignalKind::Like) << 0.0 << 1.0 << 3.0 << 1.0 << 0.0;
        QTest::newRow("dislike") << int(SignalKind::Dislike) << 0.0 << 0.0 << 4.0 << 0.25 << 0.0;
        QTest::newRow("complete") << int(SignalKind::Complete) << 240.0 << 0.85 << 1.0 << 0.6 << 0.0;
        QTest::newRow("replay") << int(SignalKind::Replay) << 0.0 << 1.0 << 1.5 << 0.8 << 0.0;
        QTest::newRow("early skip") << int(SignalKind::Skip) << 0.0 << 0.0 << 1.5 * skipSeverity(0, 240) << 0.6 << 0.0;
        QTest::newRow("late skip") << int(SignalKind::Skip) << 192.0 << 0.0 << 1.5 * skipSeverity(192, 240) << 0.6 << 0.0;
        QTest::newRow("undo is no evidence") << int(SignalKind::Undo) << 0.0 << 0.5 << 0.0 << 0.0 << 0.0;
        QTest::newRow("reset is no evidence") << int(SignalKind::Reset) << 0.0 << 0.5 << 0.0 << 0.0 << 0.0;
    }

    void effects()
    {
        QFETCH(int, kind);
        QFETCH(double, position);
        QFETCH(double, reward);
        QFETCH(double, weight);
        QFETCH(double, spread);
        QFETCH(double, plays);
        const SignalEffect e = signalEffect(SignalKind(kind), position, 240);
        QCOMPARE(e.reward, reward);
        QCOMPARE(e.weight, weight);
        QCOMPARE(e.spread, spread);
        QCOMPARE(e.plays, plays);
        QVERIFY(e.reward >= 0 && e.reward <= 1);
    }

    void rewardsOrderAsTheDevlogSays()
    {
        // like > replay-ish > listen-through (mild) > neutral > late skip weight < early skip.
        const auto like = signalEffect(SignalKind::Like, 0, 240);
        const auto complete = signalEffect(SignalKind::Complete, 240, 240);
        const auto dislike = signalEffect(SignalKind::Dislike, 0, 240);
        QVERIFY(like.weight > complete.weight);
        QVERIFY(complete.reward > 0.5 && complete.reward < like.reward);
        QVERIFY(dislike.weight > like.weight);
        QVERIFY(dislike.spread < like.spread); // a dislike lowers neighbours only a little
        QVERIFY(dislike.bans && !like.bans);
        QVERIFY(like.forgives);
    }

    void adventurousness_data()
    {
        QTest::addColumn<double>("slider");
        QTest::addColumn<double>("c");
        const TasteParams p;
        QTest::newRow("favourites") << 0.0 << 0.0;
        // Convex: C = 0.5 * slider^1.5.
        QTest::newRow("default") << kDefaultAdventurousness << p.maxExploration * std::pow(kDefaultAdventurousness, 1.5);
        QTest::newRow("half") << 0.5 << p.maxExploration * std::pow(0.5, 1.5);
        QTest::newRow("explore") << 1.0 << p.maxExploration;
        QTest::newRow("clamped above") << 7.0 << p.maxExploration;
        QTest::newRow("clamped below") << -1.0 << 0.0;
        QTest::newRow("NaN is the default") << qQNaN() << p.maxExploration * std::pow(kDefaultAdventurousness, 1.5);
    }

    void adventurousness()
    {
        QFETCH(double, slider);
        QFETCH(double, c);
        QCOMPARE(explorationConstant(slider, TasteParams()), c);
    }

    void variety_data()
    {
        QTest::addColumn<double>("slider");
        QTest::addColumn<double>("v");
        const TasteParams p;
        const auto v = [&p](double a) { return p.maxExploration * std::pow(a, 3.5); }; // a^2 C
        QTest::newRow("favourites: repeats cost nothing") << 0.0 << 0.0;
        QTest::newRow("default: nearly nothing") << kDefaultAdventurousness << v(kDefaultAdventurousness);
        QTest::newRow("half") << 0.5 << v(0.5);
        QTest::newRow("explore: as much as C") << 1.0 << p.maxExploration;
        QTest::newRow("clamped above") << 7.0 << p.maxExploration;
        QTest::newRow("clamped below") << -1.0 << 0.0;
        QTest::newRow("NaN is the default") << qQNaN() << v(kDefaultAdventurousness);
    }

    void variety()
    {
        QFETCH(double, slider);
        QFETCH(double, v);
        const double got = varietyWeight(slider, TasteParams());
        QVERIFY2(std::abs(got - v) <= 1e-12, qPrintable(QStringLiteral("%1 vs %2").arg(got).arg(v)));
        // Never more than C: variety is part of what the slider adds, not a second slider.
        QVERIFY(got <= explorationConstant(slider, TasteParams()) + 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestRewardModel)
#include "tst_rewardmodel.moc"
