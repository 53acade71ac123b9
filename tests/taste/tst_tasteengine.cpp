#include "core/taste/rewardmodel.h"
#include "core/taste/tasteengine.h"

#include "tastefixtures.h"

#include <QSet>
#include <QTest>

#include <cmath>
#include <random>

using namespace bytewave;
using fixtures::kDayMs;
using fixtures::kT0;

namespace {

qint64 g_nextId = 1;

SignalRecord sig(SignalKind kind, qint64 track, qint64 atMs, double position = 0, qint64 ref = 0)
{
    SignalRecord s;
    s.id = g_nextId++;
    s.kind = kind;
    s.trackId = track;
    s.atMs = atMs;
    s.positionS = position;
    s.durationS = 200;
    s.refId = ref;
    return s;
}

bool near(double a, double b, double tolerance = 1e-9)
{
    return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b));
}

QList<qint64> ids(const RankedQueue &queue)
{
    QList<qint64> out;
    for (const QueueEntry &e : queue)
        out << e.trackId;
    return out;
}

QString reasonOf(const RankedQueue &queue, qint64 id)
{
    for (const QueueEntry &e : queue) {
        if (e.trackId == id)
            return e.reason;
    }
    return {};
}

} // namespace

class TestTasteEngine : public QObject
{
    Q_OBJECT

private slots:
    // --- decay ------------------------------------------------------------------------------

    void decay_data()
    {
        QTest::addColumn<double>("halfLifeDays");
        QTest::addColumn<double>("days");
        QTest::addColumn<double>("factor");
        QTest::newRow("now") << 90.0 << 0.0 << 1.0;
        QTest::newRow("one half-life") << 90.0 << 90.0 << 0.5;
        QTest::newRow("two half-lives") << 90.0 << 180.0 << 0.25;
        QTest::newRow("ten days") << 90.0 << 10.0 << std::exp2(-10.0 / 90.0);
        QTest::newRow("two years: nearly neutral") << 90.0 << 730.0 << std::exp2(-730.0 / 90.0);
        QTest::newRow("short memory") << 30.0 << 30.0 << 0.5;
        QTest::newRow("long memory") << 365.0 << 365.0 << 0.5;
    }

    void decay()
    {
        QFETCH(double, halfLifeDays);
        QFETCH(double, days);
        QFETCH(double, factor);
        TasteParams params;
        params.halfLifeDays = halfLifeDays;
        TasteEngine engine(params);
        engine.setLibrary(fixtures::clusteredLibrary(3, 10));
        engine.apply(sig(SignalKind::Like, 1, kT0));
        const qint64 now = kT0 + qint64(days * double(kDayMs));
        const TrackExplanation liked = engine.explain(1, now);
        // Own evidence: weight 3, decayed; the mean reward relaxes toward the (neutral) prior.
        QVERIFY(near(liked.ownEvidence, 3.0 * factor));
        QVERIFY(near(liked.meanReward, (3.0 * factor + 0.5) / (3.0 * factor + 1.0)));
        // The boost a neighbour got decays the same way.
        const TrackExplanation neighbour = engine.explain(2, now);
        QCOMPARE(neighbour.contributions.size(), 1);
        const double s = neighbour.contributions.first().similarity;
        QVERIFY(near(neighbour.neighbourEvidence, 3.0 * s * factor));
        QVERIFY(near(neighbour.neighbourPrior, (1.0 + 3.0 * s * factor) / (2.0 + 3.0 * s * factor)));
    }

    void decayIsAGlobalFactorOverDecades()
    {
        // Signals 40 years apart (the reference time moves on the way) keep exact ratios: the
        // newest like weighs 2^(40 * 365 / 90) times the oldest, and nothing overflows.
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(2, 10));
        const qint64 late = kT0 + 40 * 365 * kDayMs;
        engine.apply(sig(SignalKind::Like, 1, kT0));
        engine.apply(sig(SignalKind::Dislike, 11, late));
        const TrackExplanation old = engine.explain(1, late);
        QVERIFY(std::isfinite(old.score));
        QVERIFY(old.ownEvidence > 0 && old.ownEvidence < 1e-40);
        QVERIFY(near(engine.explain(11, late).ownEvidence, 4.0));
        TasteEngine rebuilt;
        rebuilt.setLibrary(fixtures::clusteredLibrary(2, 10));
        rebuilt.applyAll(QList<SignalRecord>{sig(SignalKind::Like, 1, kT0), sig(SignalKind::Dislike, 11, late)});
        QCOMPARE(rebuilt.stateChecksum(), engine.stateChecksum());
    }

    // --- UCB1 -------------------------------------------------------------------------------

    void ucb_data()
    {
        QTest::addColumn<double>("adventurousness");
        QTest::addColumn<int>("ownPlays");
        QTest::addColumn<int>("otherPlays");
        QTest::newRow("never played: finite bonus") << 0.5 << 0 << 10;
        QTest::newRow("played once") << 0.5 << 1 << 10;
        QTest::newRow("played often") << 0.5 << 8 << 10;
        QTest::newRow("favourites only: no bonus") << 0.0 << 0 << 10;
        QTest::newRow("explorer") << 1.0 << 0 << 10;
        QTest::newRow("first play of all") << 1.0 << 0 << 0;
    }

    void ucb()
    {
        QFETCH(double, adventurousness);
        QFETCH(int, ownPlays);
        QFETCH(int, otherPlays);
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(3, 10));
        engine.setAdventurousness(adventurousness);
        // Starts only: no evidence spreads, so the bonus is UCB1's alone.
        for (int k = 0; k < ownPlays; ++k)
            engine.apply(sig(SignalKind::Start, 5, kT0));
        for (int k = 0; k < otherPlays; ++k)
            engine.apply(sig(SignalKind::Start, 21 + k % 5, kT0));
        const TrackExplanation x = engine.explain(5, kT0);
        const double c = engine.explorationC();
        QCOMPARE(c, 0.5 * std::pow(adventurousness, 1.5));
        // Heard just now (played at least once): the variety term takes V * 1 off.
        const double recency = ownPlays > 0 ? 1.0 : 0.0;
        const double expected = c * std::sqrt(std::log(1.0 + ownPlays + otherPlays) / (1.0 + ownPlays))
                                - varietyWeight(adventurousness, TasteParams()) * recency;
        QVERIFY2(near(x.exploration, expected), qPrintable(QStringLiteral("%1 vs %2").arg(x.exploration).arg(expected)));
        QVERIFY(std::isfinite(x.score));
        QVERIFY(near(x.score, x.meanReward + x.exploration));
    }

    void playCountsDecaySoTheBonusReturns()
    {
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(3, 10));
        engine.setAdventurousness(1.0);
        for (int k = 0; k < 6; ++k)
            engine.apply(sig(SignalKind::Start, 5, kT0));
        for (int k = 0; k < 20; ++k)
            engine.apply(sig(SignalKind::Start, 21 + k % 5, kT0));
        const double soon = engine.explain(5, kT0 + kDayMs).exploration;
        const double later = engine.explain(5, kT0 + 365 * kDayMs).exploration;
        // Discounted UCB: after a year the six plays count as 6 / 2^(365/90) = 0.36.
        QVERIFY(later > soon);
        const double f = std::exp2(-365.0 / 90.0);
        QVERIFY(near(later, 0.5 * (std::sqrt(std::log(1.0 + 26 * f) / (1.0 + 6 * f)) - std::exp2(-365.0 / 14.0)))); // V = C at 1
    }

    void neverPlayedGetsItsPriorFromNeighbours_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("above");
        QTest::newRow("neighbours liked") << int(SignalKind::Like) << true;
        QTest::newRow("neighbours finished") << int(SignalKind::Complete) << true;
        QTest::newRow("neighbours skipped early") << int(SignalKind::Skip) << false;
        QTest::newRow("neighbours disliked") << int(SignalKind::Dislike) << false;
    }

    void neverPlayedGetsItsPriorFromNeighbours()
    {
        QFETCH(int, kind);
        QFETCH(bool, above);
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(3, 10));
        for (const qint64 t : {1, 2, 3})
            engine.apply(sig(SignalKind(kind), t, kT0, 0));
        const TrackExplanation x = engine.explain(7, kT0); // never played, same cluster
        QVERIFY(x.plays == 0 && x.ownEvidence == 0);
        QVERIFY(std::isfinite(x.score));
        QCOMPARE(x.meanReward, x.neighbourPrior);
        QCOMPARE(x.meanReward > 0.5, above);
        QCOMPARE(x.meanReward < 0.5, !above);
        // A track nobody near was heard keeps the neutral prior.
        QCOMPARE(engine.explain(25, kT0).meanReward, 0.5);
    }

    void unknownNeighboursDoNotOutrankLikedOnes()
    {
        // With a moderate C, a never-played neighbour of liked tracks (finite bonus, high
        // prior) comes before a never-played stranger (bigger bonus, neutral prior).
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(4, 10));
        engine.setAdventurousness(0.35);
        for (const qint64 t : {1, 2, 3}) {
            engine.apply(sig(SignalKind::Start, t, kT0));
            engine.apply(sig(SignalKind::Like, t, kT0 + 1000));
        }
        const RankedQueue q = engine.rank(kT0 + 3 * kDayMs, 10);
        QVERIFY(!q.isEmpty());
        for (int r = 0; r < 5; ++r)
            QVERIFY2(q[r].trackId <= 10, qPrintable(QStringLiteral("position %1 is %2").arg(r).arg(q[r].trackId)));
    }

    // --- KNN propagation ------------------------------------------------------------------

    void knnPropagation_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("position");
        QTest::addColumn<double>("spreadWeight"); // spread * weight
        QTest::addColumn<double>("reward");
        QTest::newRow("like") << int(SignalKind::Like) << 0.0 << 3.0 << 1.0;
        QTest::newRow("dislike") << int(SignalKind::Dislike) << 0.0 << 1.0 << 0.0;
        QTest::newRow("complete") << int(SignalKind::Complete) << 200.0 << 0.6 << 0.85;
        QTest::newRow("replay") << int(SignalKind::Replay) << 0.0 << 1.2 << 1.0;
        QTest::newRow("early skip") << int(SignalKind::Skip) << 2.0 << 0.6 * 1.5 * skipSeverity(2, 200) << 0.0;
        QTest::newRow("late skip") << int(SignalKind::Skip) << 170.0 << 0.6 * 1.5 * skipSeverity(170, 200) << 0.0;
    }

    void knnPropagation()
    {
        QFETCH(int, kind);
        QFETCH(double, position);
        QFETCH(double, spreadWeight);
        QFETCH(double, reward);
        TasteParams params;
        params.neighbourCount = 5;
        TasteEngine engine(params);
        engine.setLibrary(fixtures::clusteredLibrary(3, 10));
        engine.apply(sig(SignalKind(kind), 1, kT0, position));
        // The engine's own list: at most half of it by the source's artist.
        const auto nn = engine.features().nearest(0, 5, float(params.minSimilarity),
                                                  int(std::ceil(params.sameArtistShare * 5)));
        QCOMPARE(int(nn.size()), 5);
        QSet<qint64> neighbours;
        for (const auto &nb : nn) {
            const qint64 id = engine.trackId(nb.index);
            neighbours.insert(id);
            const TrackExplanation x = engine.explain(id, kT0);
            const double w = double(nb.similarity) * spreadWeight;
            QVERIFY(near(x.neighbourEvidence, w));
            QVERIFY(near(x.neighbourPrior, (1.0 + w * reward) / (2.0 + w)));
            QCOMPARE(x.contributions.size(), 1);
            QCOMPARE(x.contributions.first().sourceTrackId, qint64(1));
        }
        // Only the K nearest are touched.
        for (qint64 id = 2; id <= 30; ++id) {
            if (!neighbours.contains(id))
                QCOMPARE(engine.explain(id, kT0).neighbourEvidence, 0.0);
        }
    }

    void likeLiftsMoreThanDislikeLowers()
    {
        TasteEngine liked;
        liked.setLibrary(fixtures::clusteredLibrary(2, 10));
        liked.apply(sig(SignalKind::Like, 1, kT0));
        TasteEngine disliked;
        disliked.setLibrary(fixtures::clusteredLibrary(2, 10));
        disliked.apply(sig(SignalKind::Dislike, 1, kT0));
        const double up = liked.explain(2, kT0).neighbourPrior - 0.5;
        const double down = 0.5 - disliked.explain(2, kT0).neighbourPrior;
        QVERIFY(up > 0 && down > 0);
        QVERIFY2(up > 2 * down, qPrintable(QStringLiteral("up %1 down %2").arg(up).arg(down)));
    }

    // --- queue hygiene --------------------------------------------------------------------

    void noRepeatWindow_data()
    {
        QTest::addColumn<double>("windowHours");
        QTest::addColumn<double>("hoursLater");
        QTest::addColumn<bool>("queued");
        QTest::newRow("an hour later") << 48.0 << 1.0 << false;
        QTest::newRow("a day later") << 48.0 << 24.0 << false;
        QTest::newRow("after the window") << 48.0 << 49.0 << true;
        QTest::newRow("short window") << 2.0 << 3.0 << true;
        QTest::newRow("long window") << 24.0 * 7 << 24.0 * 6 << false;
    }

    void noRepeatWindow()
    {
        QFETCH(double, windowHours);
        QFETCH(double, hoursLater);
        QFETCH(bool, queued);
        TasteParams params;
        params.noRepeatHours = windowHours;
        TasteEngine engine(params);
        engine.setLibrary(fixtures::clusteredLibrary(3, 10));
        // Track 1 is a favourite, played, then something else plays.
        engine.apply(sig(SignalKind::Like, 1, kT0 - 30 * kDayMs));
        engine.apply(sig(SignalKind::Start, 1, kT0));
        engine.apply(sig(SignalKind::Complete, 1, kT0 + 200000, 200));
        engine.apply(sig(SignalKind::Start, 15, kT0 + 210000));
        // 20 of the 28 others: enough that the queue never has to fall back on recent tracks.
        const RankedQueue q = engine.rank(kT0 + qint64(hoursLater * 3600 * 1000), 20);
        QCOMPARE(ids(q).contains(1), queued);
        QVERIFY(!ids(q).contains(15)); // playing now
    }

    void sameArtistNotTwiceInARow()
    {
        // Cluster 0 is one artist and everything it has is liked; cluster 1 has five artists.
        TasteLibrary lib = fixtures::clusteredLibrary(2, 10, 1);
        for (size_t i = 10; i < 20; ++i)
            lib.tracks[i].artist = QStringLiteral("B%1").arg(i % 5);
        TasteEngine engine;
        engine.setLibrary(std::move(lib));
        for (qint64 t = 1; t <= 10; ++t)
            engine.apply(sig(SignalKind::Like, t, kT0));
        const RankedQueue q = engine.rank(kT0, 20);
        QCOMPARE(q.size(), 20);
        int sameInARow = 0;
        for (int r = 1; r < q.size(); ++r) {
            const QString a = engine.artist(engine.indexOf(q[r].trackId));
            const QString b = engine.artist(engine.indexOf(q[r - 1].trackId));
            sameInARow += a == b ? 1 : 0;
        }
        // Ten tracks by A0-0 and ten by others interleave perfectly.
        QCOMPARE(sameInARow, 0);
        QCOMPARE(engine.artist(engine.indexOf(q[0].trackId)), QStringLiteral("A0-0")); // still first

        // Once a track by A0-0 has started, the queue after it opens with another artist.
        engine.apply(sig(SignalKind::Start, q[0].trackId, kT0 + 1000));
        const RankedQueue after = engine.rank(kT0 + 2000, 5);
        QVERIFY(!after.isEmpty());
        QVERIFY(engine.artist(engine.indexOf(after[0].trackId)) != QStringLiteral("A0-0"));
        QCOMPARE(engine.artist(engine.indexOf(after[1].trackId)), QStringLiteral("A0-0")); // the favourites resume
    }

    void sameArtistWhenNothingElseIsLeft()
    {
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(1, 6, 1));
        const RankedQueue q = engine.rank(kT0, 6);
        QCOMPARE(q.size(), 6); // one artist: the rule yields rather than emptying the queue
    }

    void dislikedNeverQueued_data()
    {
        QTest::addColumn<int>("daysLater");
        QTest::addColumn<int>("then");   // a signal after the dislike, or -1
        QTest::addColumn<bool>("queued");
        QTest::newRow("next day") << 1 << -1 << false;
        QTest::newRow("three months") << 90 << -1 << false;
        QTest::newRow("five months") << 150 << -1 << false;
        QTest::newRow("seven months: forgiven") << 210 << -1 << true;
        QTest::newRow("liked after all") << 1 << int(SignalKind::Like) << true;
        QTest::newRow("replayed on purpose") << 1 << int(SignalKind::Replay) << true;
        QTest::newRow("played to the end of the same play") << 1 << int(SignalKind::Complete) << false;
    }

    void dislikedNeverQueued()
    {
        QFETCH(int, daysLater);
        QFETCH(int, then);
        QFETCH(bool, queued);
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(2, 5));
        engine.apply(sig(SignalKind::Start, 3, kT0));
        engine.apply(sig(SignalKind::Dislike, 3, kT0 + 5000));
        if (then >= 0)
            engine.apply(sig(SignalKind(then), 3, kT0 + 60000, 200));
        engine.apply(sig(SignalKind::Start, 8, kT0 + 70000));
        const RankedQueue q = engine.rank(kT0 + daysLater * kDayMs, 10);
        QCOMPARE(ids(q).contains(3), queued);
        QVERIFY(engine.explain(3, kT0 + daysLater * kDayMs).banned == !queued);
    }

    void dislikeForgivenByPlayingItThroughLater()
    {
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(2, 5));
        engine.apply(sig(SignalKind::Dislike, 3, kT0));
        engine.apply(sig(SignalKind::Start, 3, kT0 + 10 * kDayMs)); // played on purpose
        engine.apply(sig(SignalKind::Complete, 3, kT0 + 10 * kDayMs + 200000, 200));
        QVERIFY(!engine.explain(3, kT0 + 20 * kDayMs).banned);
    }

    void missingNeverQueued()
    {
        TasteLibrary lib = fixtures::clusteredLibrary(2, 5);
        lib.tracks[1].missing = true; // id 2
        TasteEngine engine;
        engine.setLibrary(std::move(lib));
        engine.apply(sig(SignalKind::Like, 2, kT0));
        QVERIFY(!ids(engine.rank(kT0, 10)).contains(2));
        QCOMPARE(engine.rank(kT0, 10).size(), 9);
    }

    void unanalysedRankedFromMetadata()
    {
        // Half of each cluster has no analysis. Liking unanalysed tracks of cluster 1 lifts
        // the rest of cluster 1, analysed or not, through genre and artist.
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(3, 10, 2, 0.5));
        QCOMPARE(engine.analysedCount(), 15);
        for (const qint64 t : {16, 17, 18})
            engine.apply(sig(SignalKind::Like, t, kT0));
        const RankedQueue q = engine.rank(kT0, 7);
        for (const QueueEntry &e : q)
            QVERIFY2(e.trackId >= 11 && e.trackId <= 20, qPrintable(QString::number(e.trackId)));
        QVERIFY(engine.explain(19, kT0).neighbourEvidence > 0); // unanalysed
        QVERIFY(engine.explain(11, kT0).neighbourEvidence > 0); // analysed
    }

    void smallLibraryRepeatsRatherThanRunsDry()
    {
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(1, 3, 3));
        for (qint64 t = 1; t <= 3; ++t)
            engine.apply(sig(SignalKind::Start, t, kT0 + t * 1000));
        const RankedQueue q = engine.rank(kT0 + 5000, 5);
        QCOMPARE(ids(q), QList<qint64>({1, 2})); // 3 plays now; the longest unheard first
    }

    void coldStartSpreadsAcrossTheLibrary()
    {
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(6, 12, 2));
        const RankedQueue q = engine.rank(kT0, 6);
        QSet<qint64> clusters;
        for (const QueueEntry &e : q) {
            clusters.insert((e.trackId - 1) / 12);
            QCOMPARE(e.reason, QStringLiteral("Exploring: new to you"));
        }
        QCOMPARE(clusters.size(), 6);
    }

    // --- reasons --------------------------------------------------------------------------

    void reasons_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<qint64>("track");
        QTest::addColumn<QString>("reason");
        QTest::newRow("cold start") << "cold" << qint64(25) << "Exploring: new to you";
        QTest::newRow("liked neighbour") << "like" << qint64(2) << "Because you liked T1";
        QTest::newRow("finished neighbour") << "complete" << qint64(2) << "Similar to A0-0, which you finish";
        QTest::newRow("replayed neighbour") << "replay" << qint64(2) << "Because you replayed T1";
        QTest::newRow("the liked track itself") << "like" << qint64(1) << "One of your favourites";
        QTest::newRow("a favourite away for months") << "away" << qint64(1) << "Not heard for 4 months";
        QTest::newRow("pinned") << "pin" << qint64(27) << "You chose to play this next";
        QTest::newRow("play similar") << "seed" << qint64(2) << "Similar to T1, your pick";
    }

    void reasons()
    {
        QFETCH(QString, scenario);
        QFETCH(qint64, track);
        QFETCH(QString, reason);
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(3, 10));
        qint64 now = kT0;
        if (scenario == QStringLiteral("like")) {
            engine.apply(sig(SignalKind::Like, 1, kT0));
        } else if (scenario == QStringLiteral("complete") || scenario == QStringLiteral("replay")) {
            engine.apply(sig(SignalKind::Start, 1, kT0 - 3 * kDayMs));
            engine.apply(sig(scenario == QStringLiteral("replay") ? SignalKind::Replay : SignalKind::Complete, 1,
                             kT0 - 3 * kDayMs + 200000, 200));
        } else if (scenario == QStringLiteral("away")) {
            engine.apply(sig(SignalKind::Start, 1, kT0));
            engine.apply(sig(SignalKind::Like, 1, kT0 + 1000));
            engine.apply(sig(SignalKind::Complete, 1, kT0 + 200000, 200));
            engine.apply(sig(SignalKind::Start, 30, kT0 + 120 * kDayMs));
            now = kT0 + 121 * kDayMs;
        } else if (scenario == QStringLiteral("pin")) {
            engine.pinNext(27);
        } else if (scenario == QStringLiteral("seed")) {
            engine.startFrom(1);
        }
        const RankedQueue q = engine.rank(now, 29);
        QCOMPARE(reasonOf(q, track), reason);
        if (scenario == QStringLiteral("pin"))
            QCOMPARE(q.first().trackId, qint64(27));
        if (scenario == QStringLiteral("seed")) {
            QVERIFY(!ids(q).contains(1)); // the caller plays the seed itself
            QVERIFY(q.first().trackId <= 10);
        }
    }

    void humanSpans_data()
    {
        QTest::addColumn<double>("days");
        QTest::addColumn<QString>("text");
        QTest::newRow("a day") << 1.0 << "a day";
        QTest::newRow("days") << 5.0 << "5 days";
        QTest::newRow("weeks") << 21.0 << "3 weeks";
        QTest::newRow("months") << 122.0 << "4 months";
        QTest::newRow("a year") << 400.0 << "13 months";
        QTest::newRow("years") << 1000.0 << "3 years";
    }

    void humanSpans()
    {
        QFETCH(double, days);
        QFETCH(QString, text);
        QCOMPARE(humanSpan(qint64(days * double(kDayMs))), text);
    }

    // --- pins and seeds ---------------------------------------------------------------------

    void pinsLeadUntilStarted()
    {
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(3, 10));
        engine.pinNext(5);
        engine.pinNext(20); // the latest "play next" goes first
        QCOMPARE(ids(engine.rank(kT0, 3)).mid(0, 2), QList<qint64>({20, 5}));
        engine.apply(sig(SignalKind::Start, 20, kT0));
        QCOMPARE(engine.rank(kT0, 3).first().trackId, qint64(5));
        engine.pinNext(999); // unknown: ignored
        QCOMPARE(engine.rank(kT0, 3).first().trackId, qint64(5));
    }

    // --- undo, reset, rebuild -------------------------------------------------------------

    void undoCancelsAndRedoRestores()
    {
        TasteEngine fresh;
        fresh.setLibrary(fixtures::clusteredLibrary(2, 10));
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(2, 10));
        const SignalRecord like = sig(SignalKind::Like, 3, kT0);
        engine.apply(like);
        const quint64 liked = engine.stateChecksum();
        QCOMPARE(engine.lastUndoableSignal(), like.id);
        const SignalRecord undo = sig(SignalKind::Undo, 3, kT0 + 1000, 0, like.id);
        engine.apply(undo);
        QCOMPARE(engine.stateChecksum(), fresh.stateChecksum());
        QCOMPARE(engine.lastUndoableSignal(), qint64(0));
        engine.apply(sig(SignalKind::Undo, 3, kT0 + 2000, 0, undo.id)); // undo the undo
        QCOMPARE(engine.stateChecksum(), liked);
    }

    void resetForgetsEverythingBefore()
    {
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(2, 10));
        engine.apply(sig(SignalKind::Like, 3, kT0));
        engine.apply(sig(SignalKind::Dislike, 12, kT0));
        engine.apply(sig(SignalKind::Reset, 0, kT0 + 1000));
        TasteEngine fresh;
        fresh.setLibrary(fixtures::clusteredLibrary(2, 10));
        QCOMPARE(engine.stateChecksum(), fresh.stateChecksum());
        QVERIFY(ids(engine.rank(kT0 + 2000, 20)).contains(12)); // the dislike is gone too
        engine.apply(sig(SignalKind::Like, 5, kT0 + 3000));
        QVERIFY(engine.explain(5, kT0 + 3000).ownEvidence > 0);
    }

    void rebuildEqualsIncremental_data()
    {
        QTest::addColumn<int>("seed");
        QTest::addColumn<int>("count");
        QTest::newRow("short") << 1 << 40;
        QTest::newRow("with undos and a reset") << 2 << 300;
        QTest::newRow("long, months") << 3 << 1500;
    }

    void rebuildEqualsIncremental()
    {
        QFETCH(int, seed);
        QFETCH(int, count);
        std::mt19937 rng{unsigned(seed)};
        std::uniform_int_distribution<int> track(1, 60);
        std::uniform_int_distribution<int> kind(0, 9);
        QList<SignalRecord> log;
        qint64 t = kT0;
        for (int k = 0; k < count; ++k) {
            t += qint64(std::uniform_int_distribution<int>(1, 36 * 3600)(rng)) * 1000;
            const int what = kind(rng);
            const qint64 id = track(rng);
            if (what == 9 && !log.isEmpty() && seed > 1) {
                log << sig(SignalKind::Undo, log.last().trackId, t, 0, log.last().id);
            } else if (what == 8 && k == count / 2 && seed > 1) {
                log << sig(SignalKind::Reset, 0, t);
            } else {
                static const SignalKind kinds[] = {SignalKind::Start, SignalKind::Start, SignalKind::Complete,
                                                   SignalKind::Skip, SignalKind::Skip, SignalKind::Like,
                                                   SignalKind::Dislike, SignalKind::Replay, SignalKind::Complete};
                log << sig(kinds[what % 9], id, t, std::uniform_real_distribution<double>(0, 200)(rng));
            }
        }
        TasteEngine incremental;
        incremental.setLibrary(fixtures::clusteredLibrary(6, 10, 3, 0.8));
        for (const SignalRecord &s : std::as_const(log)) {
            incremental.apply(s);
            if (s.id % 7 == 0)
                incremental.rank(s.atMs, 10); // ranking between signals must not change state
        }
        TasteEngine rebuilt;
        rebuilt.setLibrary(fixtures::clusteredLibrary(6, 10, 3, 0.8));
        rebuilt.applyAll(log);
        QCOMPARE(rebuilt.stateChecksum(), incremental.stateChecksum());
        QCOMPARE(rebuilt.rank(t + kDayMs, 50), incremental.rank(t + kDayMs, 50));
        incremental.rebuild();
        QCOMPARE(incremental.stateChecksum(), rebuilt.stateChecksum());
        // A library reload replays too.
        incremental.setLibrary(fixtures::clusteredLibrary(6, 10, 3, 0.8));
        QCOMPARE(incremental.rank(t + kDayMs, 50), rebuilt.rank(t + kDayMs, 50));
    }

    void signalsForUnknownTracksWait()
    {
        // A track the library does not have yet: the signal is kept and counts once it appears.
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(1, 5));
        engine.apply(sig(SignalKind::Like, 12, kT0));
        QCOMPARE(engine.explain(12, kT0).found, false);
        engine.setLibrary(fixtures::clusteredLibrary(2, 10));
        QVERIFY(engine.explain(12, kT0).ownEvidence > 0);
    }

    // --- skips in context -------------------------------------------------------------------

    void tasteAlongOneDimensionReachesUnheardStyles_data()
    {
        QTest::addColumn<float>("direction"); // +1: likes high values of the dimension, -1: low
        QTest::addColumn<int>("dimension");
        QTest::newRow("likes bright, dimension 7") << 1.0f << 7;
        QTest::newRow("likes dull, dimension 7") << -1.0f << 7;
        QTest::newRow("likes energetic, dimension 5") << 1.0f << 5;
    }

    void tasteAlongOneDimensionReachesUnheardStyles()
    {
        // Four styles (clusters in dimensions 0-3); one more dimension varies within every
        // style. The listener judges three styles only by that dimension: in the fourth,
        // never heard, the engine should prefer the tracks at the liked end of it. KNN alone
        // cannot tell (all tracks of the fourth style are equally far from what was heard).
        QFETCH(float, direction);
        QFETCH(int, dimension);
        TasteLibrary lib;
        lib.dimension = 8;
        lib.extractorVersion = 1;
        std::mt19937 rng(5);
        std::normal_distribution<float> noise(0.0f, 0.3f);
        std::uniform_real_distribution<float> along(-2.0f, 2.0f);
        std::vector<float> value;
        for (int c = 0; c < 4; ++c) {
            for (int k = 0; k < 16; ++k) {
                TasteTrack t;
                t.id = c * 16 + k + 1;
                t.title = QStringLiteral("T%1").arg(t.id);
                t.artist = QStringLiteral("A%1-%2").arg(c).arg(k % 4);
                t.genres = {QStringLiteral("G%1").arg(c)};
                t.durationS = 200;
                lib.tracks.push_back(t);
                const float v = along(rng);
                value.push_back(v);
                for (int d = 0; d < 8; ++d)
                    lib.features.push_back(d == dimension ? v : (d == c ? 6.0f : 0.0f) + noise(rng));
                lib.analysed.push_back(1);
            }
        }
        TasteEngine engine;
        engine.setLibrary(lib);
        qint64 t = kT0;
        for (int round = 0; round < 3; ++round) {
            for (int i = 0; i < 48; ++i) {
                const qint64 id = i + 1;
                engine.apply(sig(SignalKind::Start, id, t));
                if (direction * value[size_t(i)] > 0)
                    engine.apply(sig(SignalKind::Complete, id, t + 200000, 200));
                else
                    engine.apply(sig(SignalKind::Skip, id, t + 3000, 3));
                t += 10 * 60 * 1000;
            }
            t += 3 * kDayMs;
        }
        // Style 3, never heard: tracks at the liked end versus the other end.
        double liked = 0, other = 0;
        int nLiked = 0, nOther = 0;
        for (int i = 48; i < 64; ++i) {
            const TrackExplanation x = engine.explain(i + 1, t);
            QCOMPARE(x.ownEvidence, 0.0);
            QVERIFY(x.profileShare > 0);
            if (direction * value[size_t(i)] > 0.5) {
                liked += x.meanReward;
                ++nLiked;
            } else if (direction * value[size_t(i)] < -0.5) {
                other += x.meanReward;
                ++nOther;
            }
        }
        QVERIFY(nLiked > 0 && nOther > 0);
        // The queue says why: the sound, since nothing judged is near.
        bool named = false;
        for (int i = 48; i < 64; ++i)
            named = named || engine.explain(i + 1, t).reason == QStringLiteral("Has the sound you tend to like");
        QVERIFY(named);
        QVERIFY2(liked / nLiked > other / nOther + 0.03,
                 qPrintable(QStringLiteral("%1 vs %2").arg(liked / nLiked).arg(other / nOther)));
    }

    void earlySkipOfAFavouriteIsReadByTheTirednessCurve_data()
    {
        QTest::addColumn<bool>("ownerTires");
        QTest::addColumn<double>("minTired");
        QTest::addColumn<double>("maxTired");
        // Four favourites heard again after three days first: skipped at once (this owner
        // tires) or finished (this one does not). Then a fifth favourite is skipped at once
        // after three days: how much of that skip is read as tiredness?
        QTest::newRow("owner tires within days") << true << 0.8 << 1.0;
        QTest::newRow("owner finishes favourites after days") << false << 0.0 << 0.1;
    }

    void earlySkipOfAFavouriteIsReadByTheTirednessCurve()
    {
        QFETCH(bool, ownerTires);
        QFETCH(double, minTired);
        QFETCH(double, maxTired);
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(2, 10));
        for (const qint64 track : {1, 2, 3, 4, 5}) {
            engine.apply(sig(SignalKind::Start, track, kT0));
            engine.apply(sig(SignalKind::Like, track, kT0));
            engine.apply(sig(SignalKind::Complete, track, kT0, 200));
        }
        const qint64 again = kT0 + 3 * kDayMs;
        for (const qint64 track : {2, 3, 4, 5}) {
            const qint64 at = again + track * 1000;
            engine.apply(sig(SignalKind::Start, track, at));
            engine.apply(ownerTires ? sig(SignalKind::Skip, track, at, 0) : sig(SignalKind::Complete, track, at, 200));
        }
        const qint64 skipAt = again + 10000;
        const double before = engine.explain(11, skipAt).neighbourEvidence + engine.explain(6, skipAt).neighbourEvidence;
        engine.apply(sig(SignalKind::Start, 1, skipAt));
        engine.apply(sig(SignalKind::Skip, 1, skipAt, 3));
        const TrackExplanation x = engine.explain(1, skipAt);
        // Own evidence: the like and the listen-through, decayed, plus the skip's full weight
        // times (1 - tired * (1 - fatigueEvidenceShare)).
        const double f = std::exp2(-double(skipAt - kT0) / double(90 * kDayMs));
        const double full = 1.5 * skipSeverity(3, 200);
        const double tired = (1.0 - (x.ownEvidence - 4.0 * f) / full) / 0.75;
        QVERIFY2(tired >= minTired - 1e-6 && tired <= maxTired + 1e-6, qPrintable(QString::number(tired)));
        // The tired part does not spread to the neighbours; the rest does.
        const double after = engine.explain(11, skipAt).neighbourEvidence + engine.explain(6, skipAt).neighbourEvidence;
        QVERIFY(after >= before);
        // The no-repeat window stays the setting: tiredness is a soft, per-gap penalty.
        QCOMPARE(x.noRepeatHours, 48.0);
        // Ranking: a track just heard is penalised by the learned curve only when this owner
        // tires; after 12 days nobody is tired of it.
        const double justHeard = engine.explain(2, skipAt + 3600 * 1000).tiredness;
        if (ownerTires)
            QVERIFY2(justHeard > 0.5, qPrintable(QString::number(justHeard)));
        else
            QCOMPARE(justHeard, 0.0);
        QCOMPARE(engine.explain(2, skipAt + 12 * kDayMs).tiredness, 0.0);
    }

    void sliderWeighsNoveltyAndVariety_data()
    {
        QTest::addColumn<double>("slider");
        QTest::addColumn<bool>("ownerTires");
        QTest::addColumn<qint64>("track");
        QTest::addColumn<double>("gapDays"); // since the track was last heard; < 0: never heard
        // The exploration term is (C sqrt(ln(1 + N) / n) - V 2^(-gap / 14 d)) (1 - T(gap)).
        QTest::newRow("0: favourites, nothing added") << 0.0 << false << qint64(1) << 3.1;
        QTest::newRow("default, heard 3 days ago") << kDefaultAdventurousness << false << qint64(1) << 3.1;
        QTest::newRow("1, heard 3 days ago") << 1.0 << false << qint64(1) << 3.1;
        QTest::newRow("1, heard 13 days ago") << 1.0 << false << qint64(1) << 13.0;
        QTest::newRow("1, never heard") << 1.0 << false << qint64(15) << -1.0;
        QTest::newRow("1, owner tires, heard 3 days ago") << 1.0 << true << qint64(1) << 3.1;
    }

    void sliderWeighsNoveltyAndVariety()
    {
        QFETCH(double, slider);
        QFETCH(bool, ownerTires);
        QFETCH(qint64, track);
        QFETCH(double, gapDays);
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(2, 10));
        engine.setAdventurousness(slider);
        for (const qint64 t : {1, 2, 3, 4, 5}) {
            engine.apply(sig(SignalKind::Start, t, kT0));
            engine.apply(sig(SignalKind::Like, t, kT0));
            engine.apply(sig(SignalKind::Complete, t, kT0, 200));
        }
        // Four favourites heard again after three days: skipped at once (this owner tires
        // within days) or finished.
        const qint64 again = kT0 + 3 * kDayMs;
        for (const qint64 t : {2, 3, 4, 5}) {
            engine.apply(sig(SignalKind::Start, t, again));
            engine.apply(ownerTires ? sig(SignalKind::Skip, t, again, 0) : sig(SignalKind::Complete, t, again, 200));
        }
        const qint64 now = kT0 + qint64(std::max(gapDays, 3.1) * double(kDayMs));
        const TrackExplanation x = engine.explain(track, now);
        const double h = 90.0 * double(kDayMs);
        const double f = std::exp2(-double(now - kT0) / h);
        const double totalPlays = f * (5.0 + 4.0 * std::exp2(double(again - kT0) / h));
        const double bonus = std::sqrt(std::log1p(totalPlays) / (1.0 + x.plays + 0.25 * x.neighbourEvidence));
        const double recency = gapDays < 0 ? 0.0 : std::exp2(-gapDays / 14.0);
        const double c = explorationConstant(slider, TasteParams());
        const double v = varietyWeight(slider, TasteParams());
        const double expected = (c * bonus - v * recency) * (1.0 - x.tiredness);
        QVERIFY2(near(x.exploration, expected, 1e-6), qPrintable(QStringLiteral("%1 vs %2").arg(x.exploration).arg(expected)));
        if (ownerTires)
            QVERIFY2(x.tiredness > 0.5, qPrintable(QString::number(x.tiredness)));
        else
            QCOMPARE(x.tiredness, 0.0);
        // The score is the (tired) mean plus that term.
        QVERIFY(near(x.score, x.meanReward + x.exploration, 1e-9));
    }

    void tirednessMovesFavouritesBehindRestedOnes()
    {
        // An owner who tires within four days: a favourite heard three days ago ranks behind an
        // equally loved one heard eleven days ago, though both are outside the 48 h window.
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(2, 10));
        engine.setAdventurousness(0.0);
        qint64 t = kT0;
        for (const qint64 track : {1, 2, 3, 4, 5, 6, 7, 8}) {
            engine.apply(sig(SignalKind::Start, track, t));
            engine.apply(sig(SignalKind::Like, track, t));
            engine.apply(sig(SignalKind::Complete, track, t, 200));
            t += 1000;
        }
        t = kT0 + 3 * kDayMs + kDayMs / 2; // skipped 3.5 days after hearing them
        for (const qint64 track : {3, 4, 5, 6}) {
            engine.apply(sig(SignalKind::Start, track, t));
            engine.apply(sig(SignalKind::Skip, track, t, 0));
            t += 1000;
        }
        // Track 1 heard on day 8, track 2 on day 0; now it is day 11.
        engine.apply(sig(SignalKind::Start, 1, kT0 + 8 * kDayMs));
        engine.apply(sig(SignalKind::Complete, 1, kT0 + 8 * kDayMs, 200));
        const qint64 now = kT0 + 11 * kDayMs;
        const TrackExplanation recent = engine.explain(1, now);
        const TrackExplanation rested = engine.explain(2, now);
        QVERIFY(!recent.cooling && !rested.cooling);
        QVERIFY2(recent.tiredness > 0.5, qPrintable(QString::number(recent.tiredness)));
        QCOMPARE(rested.tiredness, 0.0);
        QVERIFY(rested.score > recent.score);
    }

    void surprisesAgeTheEvidence()
    {
        // Cluster 0 is loved (likes), then its never-played tracks are skipped one after
        // another: after `contradictionRun` surprises each further one ages everything.
        TasteEngine engine;
        engine.setLibrary(fixtures::clusteredLibrary(2, 12));
        for (qint64 track = 1; track <= 4; ++track)
            engine.apply(sig(SignalKind::Like, track, kT0));
        const double loved = engine.explain(1, kT0).ownEvidence;
        QCOMPARE(loved, 3.0);
        qint64 t = kT0 + kDayMs;
        for (qint64 track = 5; track <= 7; ++track) {
            QVERIFY(engine.explain(track, t).meanReward >= 0.65); // expected to please
            engine.apply(sig(SignalKind::Start, track, t));
            engine.apply(sig(SignalKind::Skip, track, t + 2000, 2));
            t += 1000;
        }
        const double f = std::exp2(-double(t - kT0) / double(90 * kDayMs));
        // The third surprise aged the evidence by two half-lives.
        QVERIFY(near(engine.explain(1, t).ownEvidence, 3.0 * f * 0.25, 1e-6));
    }
};

QTEST_GUILESS_MAIN(TestTasteEngine)
#include "tst_tasteengine.moc"
