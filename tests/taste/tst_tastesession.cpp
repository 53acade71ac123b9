#include "core/database.h"
#include "core/settingsstore.h"
#include "core/signallog.h"
#include "core/taste/tastesession.h"
#include "core/taste/tastestore.h"

#include "tastefixtures.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace bytewave;
using fixtures::kDayMs;
using fixtures::kT0;

class TestTasteSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    // A fresh database holding a clustered library.
    QString makeDatabase(double analysedShare = 1.0)
    {
        const QString path = m_dir.filePath(QStringLiteral("s%1.db").arg(++m_counter));
        Database db;
        if (!db.open(path) || !fixtures::writeLibrary(db, fixtures::clusteredLibrary(4, 10, 2, analysedShare)))
            return {};
        return path;
    }

    static qint64 countSignals(Database &db, const QString &kind = {})
    {
        QSqlQuery q(db.connection());
        q.exec(kind.isEmpty() ? QStringLiteral("SELECT count(*) FROM signals")
                              : QStringLiteral("SELECT count(*) FROM signals WHERE kind = '%1'").arg(kind));
        return q.next() ? q.value(0).toLongLong() : -1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void loadsTracksAndFeatures()
    {
        Database db;
        QVERIFY(db.open(makeDatabase(0.5)));
        ManualClock clock(kT0);
        TasteSession session(db, clock);
        QVERIFY2(session.load(), qPrintable(session.errorString()));
        QCOMPARE(session.engine().trackCount(), 40);
        QCOMPARE(session.engine().analysedCount(), 20);
        QCOMPARE(session.queue(10).size(), 10);
    }

    void recordsBeforeApplying()
    {
        Database db;
        QVERIFY(db.open(makeDatabase()));
        ManualClock clock(kT0);
        TasteSession session(db, clock);
        QVERIFY(session.load());
        const auto s = session.record(SignalKind::Like, 3);
        QVERIFY(s);
        QVERIFY(s->id > 0);
        QCOMPARE(s->atMs, kT0); // stamped with the injected clock
        QCOMPARE(countSignals(db, QStringLiteral("like")), 1);
        QVERIFY(session.engine().explain(3, kT0).ownEvidence > 0);
        QCOMPARE(s->durationS, 200.0); // taken from the library
    }

    void rejectsBadSignals_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("track");
        QTest::addColumn<double>("position");
        QTest::newRow("unknown track") << int(SignalKind::Like) << qint64(4242) << 0.0;
        QTest::newRow("negative position") << int(SignalKind::Skip) << qint64(1) << -3.0;
        QTest::newRow("NaN position") << int(SignalKind::Skip) << qint64(1) << qQNaN();
        QTest::newRow("undo without a target") << int(SignalKind::Undo) << qint64(1) << 0.0;
    }

    void rejectsBadSignals()
    {
        QFETCH(int, kind);
        QFETCH(qint64, track);
        QFETCH(double, position);
        Database db;
        QVERIFY(db.open(makeDatabase()));
        ManualClock clock(kT0);
        TasteSession session(db, clock);
        QVERIFY(session.load());
        QVERIFY(!session.record(SignalKind(kind), track, position));
        QVERIFY(!session.errorString().isEmpty());
        QCOMPARE(countSignals(db), 0); // nothing half-done
    }

    void rebuildFromTheLogGivesTheSameRanking()
    {
        const QString path = makeDatabase(0.75);
        ManualClock clock(kT0);
        quint64 checksum = 0;
        RankedQueue queue;
        {
            Database db;
            QVERIFY(db.open(path));
            TasteSession session(db, clock);
            QVERIFY(session.load());
            QVERIFY(session.setAdventurousness(0.6));
            for (int k = 0; k < 60; ++k) {
                clock.advanceMs(7 * 3600 * 1000);
                const RankedQueue next = session.queue(1);
                QVERIFY(!next.isEmpty());
                const qint64 t = next.first().trackId;
                QVERIFY(session.record(SignalKind::Start, t));
                clock.advanceMs(20000);
                if (t % 3 == 0)
                    QVERIFY(session.record(SignalKind::Skip, t, 12));
                else
                    QVERIFY(session.record(SignalKind::Complete, t, 200));
                if (t % 7 == 0)
                    QVERIFY(session.record(SignalKind::Like, t, 100));
                if (k == 30)
                    QVERIFY(session.undoLast());
            }
            checksum = session.engine().stateChecksum();
            queue = session.queue(50);
            QVERIFY(session.rebuild());
            QCOMPARE(session.engine().stateChecksum(), checksum);
            QCOMPARE(session.queue(50), queue);
        }
        // A new session (a restart) derives the same state from the log alone.
        Database db;
        QVERIFY(db.open(path));
        TasteSession restarted(db, clock);
        QVERIFY(restarted.load());
        QCOMPARE(restarted.engine().stateChecksum(), checksum);
        QCOMPARE(restarted.queue(50), queue);
        QCOMPARE(restarted.adventurousness(), 0.6);
        // ... and so does applying the log one signal at a time (rebuild-taste's comparison).
        QVERIFY(restarted.replayOneByOne());
        QCOMPARE(restarted.engine().stateChecksum(), checksum);
        QCOMPARE(restarted.queue(50), queue);
    }

    void picksUpSignalsOtherConnectionsAppended()
    {
        const QString path = makeDatabase();
        Database mine;
        QVERIFY(mine.open(path));
        ManualClock clock(kT0);
        TasteSession session(mine, clock);
        QVERIFY(session.load());
        {
            // The CLI, say, while the app runs.
            Database other;
            QVERIFY(other.open(path));
            QVERIFY(SignalLog(other).append({0, 5, SignalKind::Dislike, 0, 200, kT0, 0}) > 0);
        }
        QVERIFY(session.record(SignalKind::Like, 6));
        QVERIFY(session.engine().explain(5, kT0).banned);
        Database fresh;
        QVERIFY(fresh.open(path));
        TasteSession reference(fresh, clock);
        QVERIFY(reference.load());
        QCOMPARE(session.engine().stateChecksum(), reference.engine().stateChecksum());
    }

    void undoLast()
    {
        Database db;
        QVERIFY(db.open(makeDatabase()));
        ManualClock clock(kT0);
        TasteSession session(db, clock);
        QVERIFY(session.load());
        QVERIFY(!session.undoLast()); // nothing yet
        QVERIFY(session.record(SignalKind::Start, 2));
        QVERIFY(!session.undoLast()); // a start is not undoable
        const auto dislike = session.record(SignalKind::Dislike, 2);
        QVERIFY(dislike);
        QVERIFY(session.engine().explain(2, kT0).banned);
        const auto undo = session.undoLast();
        QVERIFY(undo);
        QCOMPARE(undo->refId, dislike->id);
        QCOMPARE(undo->trackId, qint64(2));
        QVERIFY(!session.engine().explain(2, kT0).banned);
        QCOMPARE(countSignals(db, QStringLiteral("undo")), 1);
    }

    void adventurousnessPersists_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<double>("stored");
        QTest::newRow("middle") << 0.7 << true << 0.7;
        QTest::newRow("clamped high") << 3.0 << true << 1.0;
        QTest::newRow("clamped low") << -1.0 << true << 0.0;
        QTest::newRow("NaN refused") << qQNaN() << false << kDefaultAdventurousness;
    }

    void adventurousnessPersists()
    {
        QFETCH(double, value);
        QFETCH(bool, accepted);
        QFETCH(double, stored);
        Database db;
        QVERIFY(db.open(makeDatabase()));
        ManualClock clock(kT0);
        TasteSession session(db, clock);
        QVERIFY(session.load());
        QCOMPARE(session.setAdventurousness(value), accepted);
        QCOMPARE(SettingsStore(db).number(adventurousnessKey(), kDefaultAdventurousness), stored);
        QCOMPARE(session.adventurousness(), stored);
    }

    void tunablesComeFromSettings()
    {
        Database db;
        QVERIFY(db.open(makeDatabase()));
        SettingsStore settings(db);
        QVERIFY(settings.setNumber(halfLifeDaysKey(), 30));
        QVERIFY(settings.setNumber(noRepeatHoursKey(), 6));
        ManualClock clock(kT0);
        TasteSession session(db, clock);
        QVERIFY(session.load());
        QCOMPARE(session.engine().params().halfLifeDays, 30.0);
        QCOMPARE(session.engine().params().noRepeatHours, 6.0);
        // Nonsense is ignored, not obeyed.
        QVERIFY(settings.setValue(halfLifeDaysKey(), QStringLiteral("-5")));
        TasteSession again(db, clock);
        QVERIFY(again.load());
        QCOMPARE(again.engine().params().halfLifeDays, TasteParams().halfLifeDays);
    }

    void featureBlobs_data()
    {
        QTest::addColumn<QByteArray>("blob");
        QTest::addColumn<int>("floats");
        const float good[] = {1.5f, -2.0f};
        const float bad[] = {1.0f, std::numeric_limits<float>::quiet_NaN()};
        QTest::newRow("two floats") << fixtures::floatBlob(good, 2) << 2;
        QTest::newRow("not a multiple of 4") << QByteArray("abcdefg") << 0;
        QTest::newRow("NaN inside") << fixtures::floatBlob(bad, 2) << 0;
        QTest::newRow("empty") << QByteArray() << 0;
    }

    void featureBlobs()
    {
        QFETCH(QByteArray, blob);
        QFETCH(int, floats);
        const std::vector<float> v = TasteStore::decodeVector(blob);
        QCOMPARE(int(v.size()), floats);
        if (floats == 2) {
            QCOMPARE(v[0], 1.5f);
            QCOMPARE(v[1], -2.0f);
        }
    }

    void storeUsesTheMajorityExtractorVersion()
    {
        Database db;
        QVERIFY(db.open(makeDatabase()));
        // Three tracks re-analysed with a newer, longer vector; one malformed row.
        const float longer[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        for (const qint64 id : {1, 2, 3}) {
            QSqlQuery q(db.connection());
            q.prepare(QStringLiteral("UPDATE analysis SET extractor_version = 2, similarity = ? WHERE track_id = ?"));
            q.addBindValue(fixtures::floatBlob(longer, 10));
            q.addBindValue(id);
            QVERIFY(q.exec());
        }
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE analysis SET similarity = x'0102' WHERE track_id = 4")));
        TasteLibrary lib;
        TasteStore store(db);
        QVERIFY(store.loadLibrary(&lib));
        QCOMPARE(lib.extractorVersion, 1);
        QCOMPARE(lib.dimension, 8);
        QCOMPARE(lib.analysedCount(), 40 - 3 - 1);
        QCOMPARE(lib.analysed[0], std::uint8_t(0)); // version 2: metadata only for now
        QCOMPARE(lib.analysed[3], std::uint8_t(0)); // malformed
        QCOMPARE(lib.tracks[5].genres, QStringList{QStringLiteral("G0")});
    }
};

QTEST_GUILESS_MAIN(TestTasteSession)
#include "tst_tastesession.moc"
