// The library snapshot and the artist / album / track models over it, including search.
#include "app/librarymodels.h"
#include "app/librarysnapshot.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace bytewave;

namespace {
TrackInfo track(qint64 id, const QString &title, const QString &artist, const QString &album,
                int number, int year = 2000)
{
    TrackInfo t;
    t.id = id;
    t.title = title;
    t.artist = artist;
    t.album = album;
    t.trackNumber = number;
    t.year = year;
    t.durationS = 180;
    return t;
}

LibrarySnapshotPtr sample()
{
    return LibrarySnapshot::build({
        track(1, QStringLiteral("Jóga"), QStringLiteral("Björk"), QStringLiteral("Homogenic"), 2, 1997),
        track(2, QStringLiteral("Hunter"), QStringLiteral("Björk"), QStringLiteral("Homogenic"), 1, 1997),
        track(3, QStringLiteral("Army of Me"), QStringLiteral("Björk"), QStringLiteral("Post"), 1, 1995),
        track(4, QStringLiteral("Teardrop"), QStringLiteral("Massive Attack"), QStringLiteral("Mezzanine"), 3, 1998),
        track(5, QStringLiteral("Angel"), QStringLiteral("Massive Attack"), QStringLiteral("Mezzanine"), 1, 1998),
        track(6, QStringLiteral("Untitled"), QStringLiteral("abba"), QStringLiteral(""), 0, 0),
    });
}
} // namespace

class TestLibraryModels : public QObject
{
    Q_OBJECT
private slots:
    void snapshotGroupsAlbumsInOrder();
    void artists();
    void albumsOfAnArtist();
    void tracksOfAnAlbum();
    void search_data();
    void search();
    void largeLibraryBuilds();
};

void TestLibraryModels::snapshotGroupsAlbumsInOrder()
{
    const LibrarySnapshotPtr snap = sample();
    QCOMPARE(snap->tracks.size(), 6);
    QCOMPARE(snap->albums.size(), 4);
    // Post (1995) before Homogenic (1997); within an album, by track number.
    const QList<int> bjork = snap->albumsByArtist.value(QStringLiteral("Björk"));
    QCOMPARE(bjork.size(), 2);
    QCOMPARE(snap->albums.at(bjork.at(0)).title, QStringLiteral("Post"));
    const AlbumInfo &homogenic = snap->albums.at(bjork.at(1));
    QCOMPARE(snap->tracks.at(homogenic.tracks.at(0)).title, QStringLiteral("Hunter"));
    QCOMPARE(snap->tracks.at(homogenic.tracks.at(1)).title, QStringLiteral("Jóga"));
    QVERIFY(snap->track(5));
    QCOMPARE(snap->track(5)->title, QStringLiteral("Angel"));
    QVERIFY(!snap->track(99));
}

void TestLibraryModels::artists()
{
    ArtistListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(sample());
    QCOMPARE(model.rowCount(), 3);
    // Case-insensitive order: abba, Björk, Massive Attack.
    QCOMPARE(model.data(model.index(0), ArtistListModel::NameRole).toString(), QStringLiteral("abba"));
    QCOMPARE(model.data(model.index(1), ArtistListModel::NameRole).toString(), QStringLiteral("Björk"));
    QCOMPARE(model.data(model.index(1), ArtistListModel::AlbumCountRole).toInt(), 2);
    QCOMPARE(model.data(model.index(1), ArtistListModel::TrackCountRole).toInt(), 3);
    QCOMPARE(model.roleNames().value(ArtistListModel::AlbumCountRole), QByteArray("albumCount"));
}

void TestLibraryModels::albumsOfAnArtist()
{
    AlbumListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(sample());
    QCOMPARE(model.rowCount(), 4);
    model.setArtist(QStringLiteral("Massive Attack"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0), AlbumListModel::TitleRole).toString(), QStringLiteral("Mezzanine"));
    QCOMPARE(model.data(model.index(0), AlbumListModel::TrackCountRole).toInt(), 2);
    model.setArtist(QStringLiteral("Nobody"));
    QCOMPARE(model.rowCount(), 0);
}

void TestLibraryModels::tracksOfAnAlbum()
{
    const LibrarySnapshotPtr snap = sample();
    TrackListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snap);
    QCOMPARE(model.rowCount(), 6);
    model.setAlbumKey(snap->track(4)->albumKey);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(0), TrackListModel::TitleRole).toString(), QStringLiteral("Angel"));
    QCOMPARE(model.trackIdAt(1), qint64(4));
}

void TestLibraryModels::search_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<qint64>>("expected");
    QTest::newRow("title word") << QStringLiteral("teardrop") << QList<qint64>{4};
    QTest::newRow("accents ignored") << QStringLiteral("bjork joga") << QList<qint64>{1};
    QTest::newRow("artist") << QStringLiteral("massive") << QList<qint64>{5, 4};
    QTest::newRow("album and artist") << QStringLiteral("Post björk") << QList<qint64>{3};
    QTest::newRow("case") << QStringLiteral("ARMY") << QList<qint64>{3};
    QTest::newRow("no match") << QStringLiteral("zzz") << QList<qint64>{};
    QTest::newRow("blank shows all") << QStringLiteral("   ") << QList<qint64>{6, 3, 2, 1, 5, 4};
}

void TestLibraryModels::search()
{
    QFETCH(QString, query);
    QFETCH(QList<qint64>, expected);
    TrackListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(sample());
    QSignalSpy changed(&model, &TrackListModel::searchChanged);
    model.setSearch(query);
    QCOMPARE(changed.count(), 1);
    QList<qint64> got;
    for (int i = 0; i < model.rowCount(); ++i)
        got << model.trackIdAt(i);
    QCOMPARE(got, expected);
}

void TestLibraryModels::largeLibraryBuilds()
{
    QList<TrackInfo> tracks;
    for (int i = 1; i <= 10000; ++i)
        tracks << track(i, QStringLiteral("Song %1").arg(i), QStringLiteral("Artist %1").arg(i / 30),
                        QStringLiteral("Album %1").arg(i / 10), i % 10 + 1);
    const LibrarySnapshotPtr snap = LibrarySnapshot::build(tracks);
    QCOMPARE(snap->tracks.size(), 10000);
    QCOMPARE(snap->albums.size(), 1001);
    TrackListModel model;
    model.setSnapshot(snap);
    model.setSearch(QStringLiteral("song 9999"));
    QCOMPARE(model.rowCount(), 1);
}

QTEST_GUILESS_MAIN(TestLibraryModels)
#include "tst_librarymodels.moc"
