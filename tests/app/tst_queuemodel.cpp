// The Up Next model: a new ranking is applied as moves, inserts and removals, never a reset,
// and the rows always end up equal to the ranking.
#include "app/queuemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace bytewave;

namespace {
RankedQueue ranked(const QList<qint64> &ids)
{
    RankedQueue q;
    for (const qint64 id : ids)
        q.append({id, 1.0 / double(id), QStringLiteral("reason %1").arg(id)});
    return q;
}

QList<qint64> ids(const QueueModel &model)
{
    QList<qint64> out;
    for (int i = 0; i < model.rowCount(); ++i)
        out << model.data(model.index(i), QueueModel::TrackIdRole).toLongLong();
    return out;
}
} // namespace

class TestQueueModel : public QObject
{
    Q_OBJECT
private slots:
    void diff_data();
    void diff();
    void roles();
    void dataChangedOnlyForChangedReason();
    void duplicatesInRankingAreDropped();
};

void TestQueueModel::diff_data()
{
    QTest::addColumn<QList<qint64>>("before");
    QTest::addColumn<QList<qint64>>("after");
    QTest::addColumn<int>("inserts");
    QTest::addColumn<int>("removes");
    QTest::addColumn<int>("moves");

    QTest::newRow("fill empty") << QList<qint64>{} << QList<qint64>{1, 2, 3} << 3 << 0 << 0;
    QTest::newRow("clear") << QList<qint64>{1, 2, 3} << QList<qint64>{} << 0 << 1 << 0;
    QTest::newRow("unchanged") << QList<qint64>{1, 2, 3} << QList<qint64>{1, 2, 3} << 0 << 0 << 0;
    QTest::newRow("head played, one appended") << QList<qint64>{1, 2, 3, 4} << QList<qint64>{2, 3, 4, 5} << 1 << 1 << 0;
    QTest::newRow("one moves to the top") << QList<qint64>{1, 2, 3, 4} << QList<qint64>{4, 1, 2, 3} << 0 << 0 << 1;
    QTest::newRow("swap") << QList<qint64>{1, 2} << QList<qint64>{2, 1} << 0 << 0 << 1;
    QTest::newRow("reversed") << QList<qint64>{1, 2, 3, 4} << QList<qint64>{4, 3, 2, 1} << 0 << 0 << 3;
    QTest::newRow("middle removed") << QList<qint64>{1, 2, 3, 4, 5} << QList<qint64>{1, 4, 5} << 0 << 1 << 0;
    QTest::newRow("two separate removals") << QList<qint64>{1, 2, 3, 4, 5} << QList<qint64>{1, 3, 5} << 0 << 2 << 0;
    QTest::newRow("insert in the middle") << QList<qint64>{1, 2, 3} << QList<qint64>{1, 9, 2, 3} << 1 << 0 << 0;
    QTest::newRow("everything new") << QList<qint64>{1, 2, 3} << QList<qint64>{7, 8, 9} << 3 << 1 << 0;
    QTest::newRow("rerank after a like") << QList<qint64>{10, 11, 12, 13, 14, 15}
                                         << QList<qint64>{13, 10, 16, 11, 15} << 1 << 2 << 1;
}

void TestQueueModel::diff()
{
    QFETCH(QList<qint64>, before);
    QFETCH(QList<qint64>, after);
    QFETCH(int, inserts);
    QFETCH(int, removes);
    QFETCH(int, moves);

    QueueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setQueue(ranked(before));
    QCOMPARE(ids(model), before);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    model.setQueue(ranked(after));

    QCOMPARE(ids(model), after);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), inserts);
    QCOMPARE(removed.count(), removes);
    QCOMPARE(moved.count(), moves);
}

void TestQueueModel::roles()
{
    QueueModel model;
    const QHash<int, QByteArray> names = model.roleNames();
    QCOMPARE(names.value(QueueModel::TrackIdRole), QByteArray("trackId"));
    QCOMPARE(names.value(QueueModel::ReasonRole), QByteArray("reason"));
    QCOMPARE(int(QueueModel::TrackIdRole), Qt::UserRole + 1);

    QList<TrackInfo> tracks;
    TrackInfo t;
    t.id = 7;
    t.title = QStringLiteral("Seven");
    t.artist = QStringLiteral("Artist");
    t.cover = QStringLiteral("abc");
    t.durationS = 200;
    tracks << t;
    model.setSnapshot(LibrarySnapshot::build(tracks));
    model.setQueue({{7, 0.5, QStringLiteral("Because you liked Six")}});
    const QModelIndex i = model.index(0);
    QCOMPARE(model.data(i, QueueModel::TitleRole).toString(), QStringLiteral("Seven"));
    QCOMPARE(model.data(i, QueueModel::ReasonRole).toString(), QStringLiteral("Because you liked Six"));
    QCOMPARE(model.data(i, QueueModel::CoverRole).toString(), QStringLiteral("image://cover/abc"));
    QCOMPARE(model.data(i, QueueModel::DurationRole).toDouble(), 200.0);
}

void TestQueueModel::dataChangedOnlyForChangedReason()
{
    QueueModel model;
    model.setQueue(ranked({1, 2, 3}));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    RankedQueue next = ranked({1, 2, 3});
    next[1].reason = QStringLiteral("Not heard for 4 months");
    model.setQueue(next);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(model.data(model.index(1), QueueModel::ReasonRole).toString(), QStringLiteral("Not heard for 4 months"));
}

void TestQueueModel::duplicatesInRankingAreDropped()
{
    QueueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setQueue(ranked({1, 2, 1, 3, 2}));
    QCOMPARE(ids(model), (QList<qint64>{1, 2, 3}));
}

QTEST_GUILESS_MAIN(TestQueueModel)
#include "tst_queuemodel.moc"
