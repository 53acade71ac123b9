// LibraryService runs scans on its own thread and, with LibraryWatcher, notices new music.

#include "audiofixtures.h"

#include "core/database.h"
#include "core/libraryservice.h"
#include "core/settingsstore.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bytewave;
using fixtures::Format;

class TestLibraryService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_base;

    bool addFile(const QString &path, const QString &title)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (!QFile::copy(m_base, path))
            return false;
        QFile(path).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        fixtures::Tags tags;
        tags.title = title;
        return fixtures::writeTags(path, Format::Ogg, tags).isEmpty();
    }

    static qint64 count(const QString &db, const QString &where = QStringLiteral("1"))
    {
        Database d;
        if (!d.open(db))
            return -1;
        QSqlQuery q(d.connection());
        if (!q.exec(QStringLiteral("SELECT count(*) FROM tracks WHERE ") + where) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    static ScanOptions options(const QString &root)
    {
        ScanOptions o;
        o.coverCacheDir = root + QStringLiteral("/covers");
        return o;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
        QVERIFY2(fixtures::haveFfmpeg(), "the ffmpeg tool is needed (scripts/setup.sh --test)");
        m_base = m_tmp.filePath(QStringLiteral("base.ogg"));
        const QString error = fixtures::render(m_base, Format::Ogg, 0.5);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void addFolderSavesAndScans()
    {
        const QString root = m_tmp.filePath(QStringLiteral("add"));
        const QString library = root + QStringLiteral("/Music");
        const QString db = root + QStringLiteral("/bytewave.db");
        QVERIFY(addFile(library + QStringLiteral("/a.ogg"), QStringLiteral("A")));
        QVERIFY(addFile(library + QStringLiteral("/Sub/b.ogg"), QStringLiteral("B")));

        LibraryService service(db);
        service.setOptions(options(root));
        QSignalSpy finished(&service, &LibraryService::scanFinished);
        QSignalSpy changed(&service, &LibraryService::libraryChanged);
        QSignalSpy scanning(&service, &LibraryService::scanningChanged);
        service.addFolder(library);
        QVERIFY(service.isScanning());
        QVERIFY(finished.wait(20000));
        QVERIFY(!service.isScanning());
        const ScanSummary s = finished.first().at(0).value<ScanSummary>();
        QCOMPARE(s.added, 2);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(scanning.size(), 2);
        QCOMPARE(service.lastSummary().added, 2);
        QCOMPARE(count(db), 2);
        {
            Database d;
            QVERIFY(d.open(db));
            QCOMPARE(SettingsStore(d).libraryFolders(), QStringList{QFileInfo(library).canonicalFilePath()});
        }

        // A rescan requested during a scan runs once afterwards.
        service.rescan();
        service.rescan();
        service.rescan();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 20000);
        QTest::qWait(100);
        QCOMPARE(finished.size(), 3);
        QCOMPARE(finished.last().at(0).value<ScanSummary>().unchanged, 2);
        QCOMPARE(changed.size(), 1); // nothing changed
    }

    void removeFolderMarksItsTracksMissing()
    {
        const QString root = m_tmp.filePath(QStringLiteral("remove"));
        const QString library = root + QStringLiteral("/Music");
        const QString db = root + QStringLiteral("/bytewave.db");
        QVERIFY(addFile(library + QStringLiteral("/a.ogg"), QStringLiteral("A")));
        LibraryService service(db);
        service.setOptions(options(root));
        QSignalSpy finished(&service, &LibraryService::scanFinished);
        service.addFolder(library);
        QVERIFY(finished.wait(20000));
        QCOMPARE(count(db, QStringLiteral("missing = 0")), 1);
        service.removeFolder(library);
        QVERIFY(finished.wait(20000));
        QCOMPARE(count(db, QStringLiteral("missing = 1")), 1);
        QCOMPARE(count(db), 1); // kept, with its history
    }

    void newMusicAppearsWithoutRescan()
    {
        const QString root = m_tmp.filePath(QStringLiteral("watch"));
        const QString library = root + QStringLiteral("/Music");
        const QString db = root + QStringLiteral("/bytewave.db");
        QVERIFY(addFile(library + QStringLiteral("/Album/a.ogg"), QStringLiteral("A")));
        LibraryService service(db);
        service.setOptions(options(root));
        service.watcher().setSettleDelayMs(200);
        service.setWatching(true);
        QSignalSpy finished(&service, &LibraryService::scanFinished);
        QSignalSpy changed(&service, &LibraryService::libraryChanged);
        service.addFolder(library);
        QVERIFY(finished.wait(20000));
        QVERIFY(service.watcher().directories().contains(library + QStringLiteral("/Album")));
        QCOMPARE(changed.size(), 1);

        // Copied in through a temporary name, as file managers do, into a watched folder.
        const QString temp = root + QStringLiteral("/incoming.ogg");
        QVERIFY(addFile(temp, QStringLiteral("New")));
        QVERIFY(QFile::rename(temp, library + QStringLiteral("/Album/new.ogg")));
        QTRY_VERIFY_WITH_TIMEOUT(changed.size() >= 2, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(count(db, QStringLiteral("title = 'New'")), 1, 20000);

        // A new sub-folder is noticed in its parent, then watched itself.
        QVERIFY(addFile(root + QStringLiteral("/staging/Disc 2/x.ogg"), QStringLiteral("Disc two")));
        QVERIFY(QDir().rename(root + QStringLiteral("/staging/Disc 2"), library + QStringLiteral("/Disc 2")));
        QTRY_COMPARE_WITH_TIMEOUT(count(db, QStringLiteral("title = 'Disc two'")), 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(service.watcher().directories().contains(library + QStringLiteral("/Disc 2")), 20000);
    }

    void periodicCheckFindsChanges()
    {
        LibraryWatcher watcher;
        QSignalSpy needed(&watcher, &LibraryWatcher::rescanNeeded);
        watcher.setPeriodicIntervalMs(50);
        QTest::qWait(150);
        QCOMPARE(needed.size(), 0); // disabled until enabled
        watcher.setEnabled(true);
        QVERIFY(needed.wait(5000));
        watcher.setEnabled(false);
        needed.clear();
        QTest::qWait(150);
        QCOMPARE(needed.size(), 0);
    }

    void destructorCancelsARunningScan()
    {
        const QString root = m_tmp.filePath(QStringLiteral("destroy"));
        const QString library = root + QStringLiteral("/Music");
        for (int i = 0; i < 20; ++i)
            QVERIFY(addFile(library + QStringLiteral("/t%1.ogg").arg(i), QStringLiteral("T%1").arg(i)));
        {
            LibraryService service(root + QStringLiteral("/bytewave.db"));
            service.setOptions(options(root));
            service.addFolder(library);
        } // must not hang or crash
        QVERIFY(count(root + QStringLiteral("/bytewave.db")) >= 0);
    }
};

QTEST_GUILESS_MAIN(TestLibraryService)
#include "tst_libraryservice.moc"
