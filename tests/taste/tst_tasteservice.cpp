#include "core/database.h"
#include "core/settingsstore.h"
#include "core/taste/tasteparams.h"
#include "core/taste/tasteservice.h"

#include "tastefixtures.h"

#include <QMutex>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace bytewave;
using fixtures::kT0;

class TestTasteService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString makeDatabase()
    {
        const QString path = m_dir.filePath(QStringLiteral("svc%1.db").arg(++m_counter));
        Database db;
        if (!db.open(path) || !fixtures::writeLibrary(db, fixtures::clusteredLibrary(4, 10)))
            return {};
        return path;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void startEmitsTheFirstQueue()
    {
        TasteService service(makeDatabase(), std::make_shared<ManualClock>(kT0));
        QSignalSpy queues(&service, &TasteService::queueChanged);
        QSignalSpy adventurousness(&service, &TasteService::adventurousnessChanged);
        service.setQueueLength(12);
        service.start();
        QTRY_COMPARE(queues.count(), 1);
        const auto queue = queues.first().first().value<RankedQueue>();
        QCOMPARE(queue.size(), 12);
        QCOMPARE(service.queue(), queue);
        QCOMPARE(adventurousness.count(), 1);
        QCOMPARE(adventurousness.first().first().toDouble(), kDefaultAdventurousness);
        for (const QueueEntry &e : queue)
            QVERIFY(!e.reason.isEmpty());
    }

    void signalRecordedOnlyAfterCommit()
    {
        const QString path = makeDatabase();
        TasteService service(path, std::make_shared<ManualClock>(kT0));
        QSignalSpy queues(&service, &TasteService::queueChanged);
        qint64 rowsWhenAcknowledged = -1;
        connect(&service, &TasteService::signalRecorded, this, [&](qint64 id, SignalKind kind, qint64 track) {
            QCOMPARE(kind, SignalKind::Like);
            QCOMPARE(track, qint64(4));
            rowsWhenAcknowledged = fixtures::scalar(path, QStringLiteral("SELECT count(*) FROM signals WHERE id = %1").arg(id));
        });
        service.start();
        QTRY_COMPARE(queues.count(), 1);
        service.recordSignal(SignalKind::Like, 4, 30, 200);
        QTRY_COMPARE(rowsWhenAcknowledged, qint64(1)); // readable by another connection already
        QTRY_COMPARE(queues.count(), 2);                // and the queue followed
    }

    // The Taste page's top artists and tracks are the engine's own (the same as `bytewave-cli
    // taste`), named, and follow a signal recorded before the request.
    void highlightsFollowTheEngine()
    {
        TasteService service(makeDatabase(), std::make_shared<ManualClock>(kT0));
        QSignalSpy queues(&service, &TasteService::queueChanged);
        QSignalSpy highlights(&service, &TasteService::highlightsReady);
        service.start();
        QTRY_COMPARE(queues.count(), 1);
        service.requestHighlights(5);
        QTRY_COMPARE(highlights.count(), 1);
        auto h = highlights.takeFirst().first().value<TasteHighlights>();
        QVERIFY(h.artists.isEmpty()); // nothing learned yet
        QVERIFY(h.tracks.isEmpty());

        service.recordSignal(SignalKind::Like, 4, 30, 200);
        service.recordSignal(SignalKind::Dislike, 15, 30, 200);
        service.requestHighlights(5);
        QTRY_COMPARE(highlights.count(), 1);
        h = highlights.takeFirst().first().value<TasteHighlights>();
        QCOMPARE(h.artists, QStringList{QStringLiteral("A0-1")}); // the disliked A1-0 is not a top artist
        QCOMPARE(h.tracks.size(), 1);
        QCOMPARE(h.tracks.at(0).title, QStringLiteral("T4"));
        QCOMPARE(h.tracks.at(0).artist, QStringLiteral("A0-1"));
    }

    void signalsArrivingWhileARankRuns_data()
    {
        QTest::addColumn<QString>("kindName");
        QTest::addColumn<double>("position");
        QTest::addColumn<int>("waiting"); // signals sent while the first one's ranking is held
        QTest::newRow("dislikes") << QStringLiteral("dislike") << 2.0 << 4;
        QTest::newRow("likes") << QStringLiteral("like") << 30.0 << 4;
        QTest::newRow("early skips") << QStringLiteral("skip") << 3.0 << 6;
        QTest::newRow("listen-throughs") << QStringLiteral("complete") << 200.0 << 9;
        QTest::newRow("one more") << QStringLiteral("dislike") << 2.0 << 1;
    }

    void signalsArrivingWhileARankRuns()
    {
        QFETCH(QString, kindName);
        const SignalKind kind = *signalKindFromName(kindName);
        QFETCH(double, position);
        QFETCH(int, waiting);
        const QString path = makeDatabase();
        TasteService service(path, std::make_shared<ManualClock>(kT0));
        // The hook holds one ranking open on the worker thread while the GUI thread sends
        // more signals; they must all be committed, none lost, and ranked right after.
        std::atomic<bool> holdNextRank{false};
        QSemaphore rankEntered;
        QSemaphore rankMayFinish;
        service.setBeforeRankHookForTesting([&] {
            if (holdNextRank.exchange(false)) {
                rankEntered.release();
                rankMayFinish.acquire();
            }
        });
        QStringList events;
        connect(&service, &TasteService::signalRecorded, this, [&](qint64, SignalKind, qint64 track) {
            events << QStringLiteral("signal %1").arg(track);
        });
        connect(&service, &TasteService::queueChanged, this, [&](const RankedQueue &) { events << QStringLiteral("queue"); });
        QSignalSpy recorded(&service, &TasteService::signalRecorded);
        QSignalSpy failed(&service, &TasteService::signalFailed);
        service.setQueueLength(40); // every track, so each of these signals changes the queue
        service.start();
        QTRY_COMPARE(events.count(QStringLiteral("queue")), 1);

        holdNextRank = true;
        service.recordSignal(kind, 1, position, 200);
        QVERIFY(rankEntered.tryAcquire(1, 10000)); // the worker is inside a ranking now
        QStringList waited;
        for (qint64 track = 2; track <= waiting + 1; ++track) {
            service.recordSignal(kind, track, position, 200);
            waited << QStringLiteral("signal %1").arg(track);
        }
        rankMayFinish.release();

        QTRY_COMPARE(recorded.count(), waiting + 1);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(fixtures::scalar(path, QStringLiteral("SELECT count(*) FROM signals WHERE kind = '%1'")
                                            .arg(kindName)),
                 qint64(waiting + 1));
        // The last queue comes after the last signal.
        QTRY_VERIFY(events.last() == QStringLiteral("queue"));
        if (kind == SignalKind::Dislike) {
            for (const QueueEntry &e : service.queue())
                QVERIFY2(e.trackId > waiting + 1, qPrintable(QString::number(e.trackId)));
        }
        // The signals that waited were recorded in order and ranked together: one queue after
        // them, not one each.
        QCOMPARE(events.mid(events.indexOf(waited.first()), waiting), waited);
        QCOMPARE(events.mid(events.lastIndexOf(waited.last()) + 1), QStringList{QStringLiteral("queue")});
    }

    void failuresAreReported_data()
    {
        QTest::addColumn<qint64>("track");
        QTest::addColumn<double>("position");
        QTest::newRow("unknown track") << qint64(4242) << 0.0;
        QTest::newRow("negative position") << qint64(1) << -1.0;
    }

    void failuresAreReported()
    {
        QFETCH(qint64, track);
        QFETCH(double, position);
        const QString path = makeDatabase();
        TasteService service(path, std::make_shared<ManualClock>(kT0));
        QSignalSpy queues(&service, &TasteService::queueChanged);
        QSignalSpy failed(&service, &TasteService::signalFailed);
        QSignalSpy recorded(&service, &TasteService::signalRecorded);
        service.start();
        QTRY_COMPARE(queues.count(), 1);
        service.recordSignal(SignalKind::Skip, track, position, 200);
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(!failed.first().first().toString().isEmpty());
        QCOMPARE(recorded.count(), 0);
        QCOMPARE(fixtures::scalar(path, QStringLiteral("SELECT count(*) FROM signals")), qint64(0));
    }

    void unopenableDatabaseIsReported()
    {
        QFile blocker(m_dir.filePath(QStringLiteral("not-a-folder")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        TasteService service(m_dir.filePath(QStringLiteral("not-a-folder/x.db")));
        QSignalSpy failed(&service, &TasteService::signalFailed);
        service.start();
        QTRY_COMPARE(failed.count(), 1);
        service.recordSignal(SignalKind::Like, 1, 0, 0);
        QTRY_COMPARE(failed.count(), 2); // still answers, still no crash
    }

    void undoAdventurousnessPinAndSeed()
    {
        const QString path = makeDatabase();
        TasteService service(path, std::make_shared<ManualClock>(kT0));
        QSignalSpy queues(&service, &TasteService::queueChanged);
        QSignalSpy recorded(&service, &TasteService::signalRecorded);
        QSignalSpy adventurousness(&service, &TasteService::adventurousnessChanged);
        service.start();
        QTRY_COMPARE(queues.count(), 1);

        service.recordSignal(SignalKind::Like, 7, 10, 200);
        service.undoLastSignal();
        QTRY_COMPARE(recorded.count(), 2);
        QCOMPARE(recorded.at(1).at(1).value<SignalKind>(), SignalKind::Undo);
        QCOMPARE(recorded.at(1).at(2).toLongLong(), qint64(7));

        service.setAdventurousness(0.9);
        QTRY_COMPARE(adventurousness.count(), 2);
        QCOMPARE(service.adventurousness(), 0.9);
        {
            Database db;
            QVERIFY(db.open(path));
            QCOMPARE(SettingsStore(db).number(adventurousnessKey(), 0), 0.9);
        }

        service.setTrackPinnedNext(33);
        QTRY_VERIFY(!service.queue().isEmpty() && service.queue().first().trackId == 33);
        service.startFrom(21);
        QTRY_VERIFY(service.queue().size() > 3 && service.queue().at(1).reason.contains(QStringLiteral("T21")));
        for (const QueueEntry &e : service.queue().mid(1, 3))
            QVERIFY2(e.trackId >= 21 && e.trackId <= 30, qPrintable(QString::number(e.trackId)));
    }

    void reloadSeesNewTracks()
    {
        const QString path = makeDatabase();
        TasteService service(path, std::make_shared<ManualClock>(kT0));
        QSignalSpy queues(&service, &TasteService::queueChanged);
        service.setQueueLength(100);
        service.start();
        QTRY_COMPARE(queues.count(), 1);
        QCOMPARE(service.queue().size(), 40);
        {
            Database db;
            QVERIFY(db.open(path));
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO tracks (id, path, size, mtime_ms, title, artist, added_ms, updated_ms) "
                "VALUES (99, '/music/new.ogg', 1, 1, 'New', 'Newcomer', 0, 0)")));
        }
        service.reload();
        QTRY_COMPARE(service.queue().size(), 41);
    }
};

QTEST_GUILESS_MAIN(TestTasteService)
#include "tst_tasteservice.moc"
