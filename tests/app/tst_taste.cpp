// The Taste page's summary: counts from the signal log (undone signals and everything before a
// reset do not count), only the newest signal offers Undo, top artists and tracks come from the
// source (the engine), and the slider goes to the source.
#include "analysis/trackanalyzer.h"
#include "app/databasethread.h"
#include "app/taste.h"
#include "core/database.h"
#include "core/signallog.h"
#include "fakequeuesource.h"
#include "fixturelibrary.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bytewave;

class TestTaste : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void summaryFollowsTheLog();
    void sliderGoesToTheSource();
    void resetAppendsAResetSignal();

private:
    qint64 add(SignalKind kind, qint64 track, qint64 ref = 0);
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Database> m_db;
};

qint64 TestTaste::add(SignalKind kind, qint64 track, qint64 ref)
{
    SignalLog log(*m_db);
    return log.append({0, track, kind, 10, 200, 1000, ref});
}

void TestTaste::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("taste.db"));
    m_db = std::make_unique<Database>();
    QVERIFY(m_db->open(m_path));
    QCOMPARE(test::fillLibrary(*m_db, 90), 90); // tracks 1-30 by one artist, 31-60 another, ...
    QSqlQuery q(m_db->connection());
    // Tracks 1-25 analysed by this extractor, 26-30 by an older one (stale: to be redone), 31 a
    // current failure, 32 analysed before its file changed (stale).
    const QString insert = QStringLiteral(
        "INSERT INTO analysis (track_id, extractor_version, source_size, source_mtime_ms, analysed_ms, error) "
        "SELECT id, %1, size + %2, mtime_ms, 0, %3 FROM tracks WHERE id BETWEEN %4 AND %5");
    const int current = TrackAnalyzer::kExtractorVersion;
    QVERIFY(q.exec(insert.arg(current).arg(0).arg(QStringLiteral("NULL")).arg(1).arg(25)));
    QVERIFY(q.exec(insert.arg(current - 1).arg(0).arg(QStringLiteral("NULL")).arg(26).arg(30)));
    QVERIFY(q.exec(insert.arg(current).arg(0).arg(QStringLiteral("'not audio'")).arg(31).arg(31)));
    QVERIFY(q.exec(insert.arg(current).arg(1).arg(QStringLiteral("NULL")).arg(32).arg(32)));
}

void TestTaste::summaryFollowsTheLog()
{
    // Before the reset: a like of track 61 that must no longer count.
    add(SignalKind::Like, 61);
    add(SignalKind::Reset, 0);
    add(SignalKind::Start, 1);
    add(SignalKind::Like, 1);
    add(SignalKind::Start, 31);
    add(SignalKind::Complete, 31);
    add(SignalKind::Start, 2);
    const qint64 like2 = add(SignalKind::Like, 2);
    add(SignalKind::Undo, 2, like2); // undone: must not count
    add(SignalKind::Start, 32);
    add(SignalKind::Skip, 32);

    DatabaseThread db(m_path);
    test::FakeQueueSource source;
    Taste taste(&source, &db);
    QAbstractItemModelTester tester(taste.recent(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy summary(&taste, &Taste::summaryChanged);
    taste.refresh();
    QVERIFY(summary.wait(5000));

    QCOMPARE(taste.likes(), 1);
    QCOMPARE(taste.plays(), 4);
    // Top artists and tracks are the engine's: asked for on every refresh, shown as they come.
    QCOMPARE(source.highlightRequests, QList<int>{5});
    QVERIFY(taste.topTracks().isEmpty());
    emit source.highlightsReady({{QStringLiteral("Björk")}, {{QStringLiteral("Jóga"), QStringLiteral("Björk")}}});
    QCOMPARE(taste.topArtists(), QStringList{QStringLiteral("Björk")});
    QCOMPARE(taste.topTracks(), QStringList{QStringLiteral("Jóga · Björk")});
    // Only current analyses count; stale ones are waiting to be redone.
    QCOMPARE(taste.analysed(), 25);
    QCOMPARE(taste.analysisFailed(), 1);
    QCOMPARE(taste.analysisTotal(), 90);

    SignalListModel *recent = taste.recent();
    // Newest first, without start and undo rows: skip, like (undone), complete, like, reset, like.
    QCOMPARE(recent->rowCount(), 6);
    auto row = [recent](int r, int role) { return recent->data(recent->index(r), role); };
    QCOMPARE(row(0, SignalListModel::KindRole).toString(), QStringLiteral("skip"));
    QVERIFY(row(0, SignalListModel::UndoableRole).toBool());
    QCOMPARE(row(1, SignalListModel::KindRole).toString(), QStringLiteral("like"));
    QVERIFY(row(1, SignalListModel::UndoneRole).toBool());
    QVERIFY(!row(1, SignalListModel::UndoableRole).toBool());
    QVERIFY(!row(2, SignalListModel::UndoableRole).toBool());
    QCOMPARE(recent->roleNames().value(SignalListModel::UndoableRole), QByteArray("undoable"));

    taste.undoLast();
    QCOMPARE(source.undos, 1);
}

void TestTaste::sliderGoesToTheSource()
{
    DatabaseThread db(m_path);
    test::FakeQueueSource source;
    Taste taste(&source, &db);
    QSignalSpy changed(&taste, &Taste::adventurousnessChanged);
    taste.setAdventurousness(1.7); // clamped
    QCOMPARE(taste.adventurousness(), 1.0);
    QCOMPARE(changed.count(), 1);
    emit source.adventurousnessChanged(0.25); // the source's persisted value wins
    QCOMPARE(taste.adventurousness(), 0.25);
}

void TestTaste::resetAppendsAResetSignal()
{
    DatabaseThread db(m_path);
    test::FakeQueueSource source;
    Taste taste(&source, &db);
    taste.resetTaste();
    QCOMPARE(source.pending.size(), 1);
    QCOMPARE(source.pending.at(0).kind, SignalKind::Reset);
    QCOMPARE(source.pending.at(0).trackId, qint64(0));
}

QTEST_GUILESS_MAIN(TestTaste)
#include "tst_taste.moc"
