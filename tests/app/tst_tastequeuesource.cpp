// The app's QueueSource over the taste engine: signals reach the log before signalRecorded, the
// adventurousness is persisted, undo appends an undo row, disliked tracks leave Up Next and
// "play next" comes first. (The engine itself is tested in tests/taste.)
#include "app/tastequeuesource.h"
#include "core/database.h"
#include "core/settingsstore.h"
#include "core/taste/tasteparams.h"
#include "fixturelibrary.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bytewave;

class TestTasteQueueSource : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void queueFillsFromTheLibrary();
    void signalIsCommittedBeforeItIsReported();
    void adventurousnessIsPersisted();
    void undoAppendsAnUndoRow();
    void dislikedTrackLeavesAndStaysOut();
    void pinnedTrackComesFirst();

private:
    RankedQueue waitForQueue(QSignalSpy &spy);
    QTemporaryDir m_dir;
    QString m_path;
};

void TestTasteQueueSource::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestTasteQueueSource::init()
{
    static int n = 0;
    m_path = m_dir.filePath(QStringLiteral("taste%1.db").arg(++n));
    Database db;
    QVERIFY(db.open(m_path));
    QCOMPARE(test::fillLibrary(db, 40), 40);
}

RankedQueue TestTasteQueueSource::waitForQueue(QSignalSpy &spy)
{
    if (spy.isEmpty() && !spy.wait(5000))
        return {};
    return spy.takeLast().at(0).value<RankedQueue>();
}

void TestTasteQueueSource::queueFillsFromTheLibrary()
{
    TasteQueueSource source(m_path);
    QSignalSpy queue(&source, &QueueSource::queueChanged);
    source.start();
    const RankedQueue q = waitForQueue(queue);
    QCOMPARE(q.size(), 40);
    QSet<qint64> ids;
    for (const QueueEntry &e : q) {
        ids.insert(e.trackId);
        QVERIFY(!e.reason.isEmpty());
    }
    QCOMPARE(ids.size(), 40);
}

void TestTasteQueueSource::signalIsCommittedBeforeItIsReported()
{
    TasteQueueSource source(m_path);
    Database reader;
    QVERIFY(reader.open(m_path));
    bool inLogWhenReported = false;
    connect(&source, &QueueSource::signalRecorded, this, [&](qint64 id, SignalKind kind, qint64 track) {
        QSqlQuery q(reader.connection());
        q.prepare(QStringLiteral("SELECT kind, track_id, position_s FROM signals WHERE id = ?"));
        q.addBindValue(id);
        inLogWhenReported = q.exec() && q.next() && q.value(0).toString() == signalKindName(kind)
                            && q.value(1).toLongLong() == track && qFuzzyCompare(q.value(2).toDouble(), 12.5);
    });
    QSignalSpy recorded(&source, &QueueSource::signalRecorded);
    source.start();
    source.recordSignal(SignalKind::Skip, 7, 12.5, 200);
    QVERIFY(recorded.wait(5000));
    QVERIFY(inLogWhenReported);
}

void TestTasteQueueSource::adventurousnessIsPersisted()
{
    {
        TasteQueueSource source(m_path);
        QSignalSpy changed(&source, &QueueSource::adventurousnessChanged);
        source.start();
        QVERIFY(changed.wait(5000));
        QCOMPARE(changed.takeLast().at(0).toDouble(), kDefaultAdventurousness);
        source.setAdventurousness(0.85);
        QVERIFY(changed.wait(5000));
        QCOMPARE(changed.takeLast().at(0).toDouble(), 0.85);
    }
    Database db;
    QVERIFY(db.open(m_path));
    QCOMPARE(SettingsStore(db).number(adventurousnessKey(), -1), 0.85);
    TasteQueueSource again(m_path);
    QSignalSpy changed(&again, &QueueSource::adventurousnessChanged);
    again.start();
    QVERIFY(changed.wait(5000));
    QCOMPARE(changed.takeLast().at(0).toDouble(), 0.85);
}

void TestTasteQueueSource::undoAppendsAnUndoRow()
{
    TasteQueueSource source(m_path);
    QSignalSpy recorded(&source, &QueueSource::signalRecorded);
    source.start();
    source.recordSignal(SignalKind::Start, 3, 0, 200);
    source.recordSignal(SignalKind::Like, 3, 40, 200);
    QTRY_COMPARE_WITH_TIMEOUT(recorded.count(), 2, 5000);
    const qint64 likeId = recorded.at(1).at(0).toLongLong();
    source.undoLastSignal();
    QTRY_COMPARE_WITH_TIMEOUT(recorded.count(), 3, 5000);
    QCOMPARE(recorded.at(2).at(1).value<SignalKind>(), SignalKind::Undo);

    Database db;
    QVERIFY(db.open(m_path));
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT kind, ref_id FROM signals ORDER BY id DESC LIMIT 1")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("undo"));
    QCOMPARE(q.value(1).toLongLong(), likeId);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM signals")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 3); // nothing deleted
}

void TestTasteQueueSource::dislikedTrackLeavesAndStaysOut()
{
    TasteQueueSource source(m_path);
    QSignalSpy queue(&source, &QueueSource::queueChanged);
    source.setQueueLength(10);
    source.start();
    RankedQueue q = waitForQueue(queue);
    QVERIFY(!q.isEmpty());
    const qint64 victim = q.at(2).trackId;
    source.recordSignal(SignalKind::Dislike, victim, 0, 200);
    q = waitForQueue(queue);
    QCOMPARE(q.size(), 10);
    for (const QueueEntry &e : q)
        QVERIFY(e.trackId != victim);
    source.reload();
    q = waitForQueue(queue);
    for (const QueueEntry &e : q)
        QVERIFY(e.trackId != victim);
}

void TestTasteQueueSource::pinnedTrackComesFirst()
{
    TasteQueueSource source(m_path);
    QSignalSpy queue(&source, &QueueSource::queueChanged);
    source.start();
    RankedQueue q = waitForQueue(queue);
    const qint64 last = q.constLast().trackId;
    source.setTrackPinnedNext(last);
    q = waitForQueue(queue);
    QCOMPARE(q.constFirst().trackId, last);
    QCOMPARE(q.count(), 40);
}

QTEST_GUILESS_MAIN(TestTasteQueueSource)
#include "tst_tastequeuesource.moc"
