// The app's Library over the scanner's LibraryService: --library folders are saved and scanned
// at start, the snapshot follows the scan, and removing a folder takes its tracks out of view.
#include "app/databasethread.h"
#include "app/library.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bytewave;

class TestLibrary : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void scansCommandLineFolderAtStart();
    void demoLibraryIsCreatedAndScanned();

private:
    QTemporaryDir m_dir;
};

void TestLibrary::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
        QSKIP("ffmpeg is not installed (scripts/setup.sh --test installs it)");
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("music"))));
    const QStringList formats = {QStringLiteral("mp3"), QStringLiteral("ogg"), QStringLiteral("flac")};
    int n = 0;
    for (const QString &ext : formats) {
        ++n;
        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"),
                     {QStringLiteral("-nostdin"), QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-y"),
                      QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                      QStringLiteral("sine=frequency=%1:duration=1").arg(300 + 100 * n),
                      QStringLiteral("-metadata"), QStringLiteral("title=Tone %1").arg(n),
                      QStringLiteral("-metadata"), QStringLiteral("artist=Test Tones"),
                      QStringLiteral("-metadata"), QStringLiteral("album=Formats"),
                      QStringLiteral("-metadata"), QStringLiteral("track=%1").arg(n),
                      m_dir.filePath(QStringLiteral("music/%1.%2").arg(n).arg(ext))});
        QVERIFY(ffmpeg.waitForFinished(30000));
        QCOMPARE(ffmpeg.exitCode(), 0);
    }
}

void TestLibrary::scansCommandLineFolderAtStart()
{
    const QString dbPath = m_dir.filePath(QStringLiteral("library.db"));
    const QString music = m_dir.filePath(QStringLiteral("music"));
    DatabaseThread db(dbPath);
    Library library(&db, dbPath, {music});
    QSignalSpy tracksChanged(&library, &Library::tracksChanged);
    library.start();
    QTRY_COMPARE_WITH_TIMEOUT(library.trackCount(), 3, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(library.folders().size(), 1, 5000);
    QVERIFY(library.folders().constFirst().endsWith(QStringLiteral("/music")));
    QVERIFY(tracksChanged.count() >= 1);
    QCOMPARE(library.artists()->rowCount(), 1);
    QCOMPARE(library.artists()->data(library.artists()->index(0), ArtistListModel::NameRole).toString(),
             QStringLiteral("Test Tones"));
    const QString albumKey = library.snapshot()->albums.constFirst().key;
    QCOMPARE(library.albumTrackIds(albumKey).size(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(!library.scanning(), 10000);

    library.removeFolder(library.folders().constFirst());
    QTRY_COMPARE_WITH_TIMEOUT(library.trackCount(), 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(library.folders().isEmpty(), 5000);
}

void TestLibrary::demoLibraryIsCreatedAndScanned()
{
    const QString dbPath = m_dir.filePath(QStringLiteral("demo.db"));
    DatabaseThread db(dbPath);
    Library library(&db, dbPath, {});
    library.setDemoOptions(m_dir.filePath(QStringLiteral("demo")), 3, 2.0);
    library.start();
    QTRY_VERIFY_WITH_TIMEOUT(library.loaded(), 5000);
    QCOMPARE(library.trackCount(), 0);
    QSignalSpy demo(&library, &Library::demoChanged);
    library.createDemoLibrary();
    QVERIFY(library.creatingDemo());
    QTRY_VERIFY_WITH_TIMEOUT(!library.creatingDemo(), 60000);
    QCOMPARE(library.demoDone(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(library.trackCount(), 3, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(library.folders().contains(m_dir.filePath(QStringLiteral("demo"))), 5000);
}

QTEST_GUILESS_MAIN(TestLibrary)
#include "tst_library.moc"
