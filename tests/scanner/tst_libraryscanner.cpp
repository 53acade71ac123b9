#include "audiofixtures.h"

#include "core/database.h"
#include "core/libraryscanner.h"
#include "core/settingsstore.h"
#include "core/trackquery.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace bytewave;
using fixtures::Format;

class TestLibraryScanner : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_base;    // rendered, untagged files, one per format
    QByteArray m_coverA;
    QByteArray m_coverB;
    int m_case = 0;

    struct Env
    {
        QString library;
        QString db;
        QString covers;
    };

    // A fresh library folder, database and cover cache for one test.
    Env newEnv()
    {
        ++m_case;
        const QString root = m_tmp.filePath(QStringLiteral("case%1").arg(m_case));
        Env env{root + QStringLiteral("/Music"), root + QStringLiteral("/bytewave.db"),
                root + QStringLiteral("/covers")};
        QDir().mkpath(env.library);
        return env;
    }

    QString basePath(Format format) const
    {
        return m_base + QStringLiteral("/base-%1.%2").arg(int(format)).arg(fixtures::extension(format));
    }

    // Copies the rendered file for format to path and tags it.
    bool addFile(const QString &path, Format format, const QString &title,
                 const QString &artist = QStringLiteral("Artist"),
                 const QString &album = QStringLiteral("Album"), const QByteArray &cover = {})
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile::remove(path);
        if (!QFile::copy(basePath(format), path))
            return false;
        QFile(path).setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        fixtures::Tags tags;
        tags.title = title;
        tags.artist = artist;
        tags.album = album;
        tags.genres = {QStringLiteral("Electronic")};
        tags.picture = cover;
        const QString error = fixtures::writeTags(path, format, tags);
        if (!error.isEmpty())
            qWarning().noquote() << error;
        return error.isEmpty();
    }

    static ScanSummary scan(const Env &env, const QStringList &folders = {}, ScanOptions options = {})
    {
        LibraryScanner scanner(env.db);
        options.coverCacheDir = env.covers;
        scanner.setOptions(options);
        return scanner.scan(folders.isEmpty() ? QStringList{env.library} : folders);
    }

    static QString describe(const ScanSummary &s)
    {
        return QStringLiteral("found %1 added %2 updated %3 unchanged %4 moved %5 restored %6 "
                              "missing %7 failed %8 cancelled %9 db '%10' errors: %11")
            .arg(s.found).arg(s.added).arg(s.updated).arg(s.unchanged).arg(s.moved)
            .arg(s.restored).arg(s.missing).arg(s.failed).arg(s.cancelled)
            .arg(s.databaseError, s.errors.join(QStringLiteral(" | ")));
    }

    struct Row
    {
        Track track;
        bool exists = false;
    };

    static Row row(const Env &env, const QString &path)
    {
        Database db;
        if (!db.open(env.db))
            return {};
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("SELECT ") + TrackQuery::columns()
                  + QStringLiteral(" FROM tracks WHERE path = ?"));
        q.addBindValue(path);
        if (!q.exec() || !q.next())
            return {};
        return {TrackQuery::trackFromQuery(q), true};
    }

    static qint64 count(const Env &env, const QString &where = QStringLiteral("1"))
    {
        Database db;
        if (!db.open(env.db))
            return -1;
        QSqlQuery q(db.connection());
        if (!q.exec(QStringLiteral("SELECT count(*) FROM tracks WHERE ") + where) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    static bool addSignal(const Env &env, qint64 trackId)
    {
        Database db;
        if (!db.open(env.db))
            return false;
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("INSERT INTO signals (track_id, kind, at_ms) VALUES (?, 'like', 1)"));
        q.addBindValue(trackId);
        return q.exec();
    }

    static qint64 signalsFor(const Env &env, qint64 trackId)
    {
        Database db;
        if (!db.open(env.db))
            return -1;
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("SELECT count(*) FROM signals WHERE track_id = ?"));
        q.addBindValue(trackId);
        if (!q.exec() || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    static bool writeBytes(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        return f.write(bytes) == bytes.size();
    }

    static bool touch(const QString &path, qint64 secondsLater)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadWrite))
            return false;
        return f.setFileTime(QFileInfo(path).lastModified().addSecs(secondsLater),
                             QFileDevice::FileModificationTime);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
        QVERIFY2(fixtures::haveFfmpeg(), "the ffmpeg tool is needed (scripts/setup.sh --test)");
        m_base = m_tmp.filePath(QStringLiteral("base"));
        QVERIFY(QDir().mkpath(m_base));
        for (const Format format : fixtures::allFormats()) {
            const QString error = fixtures::render(basePath(format), format, 0.5);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        m_coverA = fixtures::makeCover(500, QColor(220, 60, 60));
        m_coverB = fixtures::makeCover(300, QColor(60, 60, 220), "PNG");
    }

    void scansEveryFormat()
    {
        const Env env = newEnv();
        const QString album = env.library + QStringLiteral("/Artist/Album");
        int n = 0;
        for (const Format format : fixtures::allFormats()) {
            const QString path = album + QStringLiteral("/%1 Track.%2").arg(++n, 2, 10, QLatin1Char('0')).arg(fixtures::extension(format));
            QVERIFY(addFile(path, format, QStringLiteral("Track %1").arg(n), QStringLiteral("Artist"),
                            QStringLiteral("Album"), m_coverA));
        }
        // A folder cover for files without an embedded picture; a UTF-8 name with accents.
        const QString other = env.library + QStringLiteral("/Ñandú/東京");
        QVERIFY(addFile(other + QStringLiteral("/Ñandú – 東京.flac"), Format::Flac, QStringLiteral("Ñandú")));
        QVERIFY(addFile(other + QStringLiteral("/second.ogg"), Format::Ogg, QStringLiteral("Second")));
        QVERIFY(writeBytes(other + QStringLiteral("/Folder.JPG"), m_coverB));
        QVERIFY(writeBytes(env.library + QStringLiteral("/notes.txt"), "not audio"));

        const ScanSummary s = scan(env);
        QVERIFY2(s.databaseError.isEmpty() && s.errors.isEmpty(), qPrintable(describe(s)));
        QCOMPARE(s.found, n + 2);
        QCOMPARE(s.added, n + 2);
        QCOMPARE(s.failed, 0);
        QCOMPARE(s.missing, 0);
        QVERIFY(s.directories.contains(album));
        QVERIFY(s.directories.contains(env.library));

        QString albumCover;
        n = 0;
        for (const Format format : fixtures::allFormats()) {
            const QString path = album + QStringLiteral("/%1 Track.%2").arg(++n, 2, 10, QLatin1Char('0')).arg(fixtures::extension(format));
            const Row r = row(env, path);
            QVERIFY2(r.exists, qPrintable(path));
            QCOMPARE(r.track.title, QStringLiteral("Track %1").arg(n));
            QCOMPARE(r.track.codec, fixtures::codecName(format));
            QCOMPARE(r.track.genres, QStringList{QStringLiteral("Electronic")});
            QVERIFY(r.track.durationMs > 400);
            QVERIFY(r.track.scanError.isEmpty());
            QCOMPARE(r.track.contentKey.size(), 32);
            // The same embedded picture in every format is one cache entry.
            QVERIFY(!r.track.cover.isEmpty());
            if (albumCover.isEmpty())
                albumCover = r.track.cover;
            QCOMPARE(r.track.cover, albumCover);
        }
        const Row accented = row(env, other + QStringLiteral("/Ñandú – 東京.flac"));
        QVERIFY(accented.exists);
        QCOMPARE(accented.track.title, QStringLiteral("Ñandú"));
        QVERIFY(!accented.track.cover.isEmpty());
        QVERIFY(accented.track.cover != albumCover);
        QCOMPARE(row(env, other + QStringLiteral("/second.ogg")).track.cover, accented.track.cover);
        QCOMPARE(QDir(env.covers).entryList(QDir::Files).size(), 4); // two covers, two sizes
    }

    void incrementalRescan()
    {
        const Env env = newEnv();
        for (int i = 0; i < 6; ++i)
            QVERIFY(addFile(env.library + QStringLiteral("/t%1.mp3").arg(i), Format::Mp3, QStringLiteral("T%1").arg(i)));
        const ScanSummary first = scan(env);
        QCOMPARE(first.added, 6);
        const Row before = row(env, env.library + QStringLiteral("/t0.mp3"));

        const ScanSummary second = scan(env);
        QVERIFY2(second.unchanged == 6 && second.added == 0 && second.updated == 0
                     && second.missing == 0 && second.moved == 0,
                 qPrintable(describe(second)));
        QCOMPARE(count(env), 6);
        const Row after = row(env, env.library + QStringLiteral("/t0.mp3"));
        QCOMPARE(after.track.id, before.track.id);

        // A new file among unchanged ones.
        QVERIFY(addFile(env.library + QStringLiteral("/new.ogg"), Format::Ogg, QStringLiteral("New")));
        const ScanSummary third = scan(env);
        QVERIFY2(third.added == 1 && third.unchanged == 6, qPrintable(describe(third)));

        ScanOptions force;
        force.force = true;
        const ScanSummary forced = scan(env, {}, force);
        QVERIFY2(forced.updated == 7 && forced.added == 0, qPrintable(describe(forced)));
        QCOMPARE(count(env), 7);
    }

    void changedFileIsReread()
    {
        const Env env = newEnv();
        const QString path = env.library + QStringLiteral("/song.flac");
        QVERIFY(addFile(path, Format::Flac, QStringLiteral("Old title")));
        QCOMPARE(scan(env).added, 1);
        const qint64 id = row(env, path).track.id;

        fixtures::Tags tags;
        tags.title = QStringLiteral("New title");
        tags.artist = QStringLiteral("New artist");
        QVERIFY(fixtures::writeTags(path, Format::Flac, tags).isEmpty());
        QVERIFY(touch(path, 10)); // a different mtime even on coarse file systems

        const ScanSummary s = scan(env);
        QVERIFY2(s.updated == 1 && s.added == 0, qPrintable(describe(s)));
        const Row r = row(env, path);
        QCOMPARE(r.track.id, id);
        QCOMPARE(r.track.title, QStringLiteral("New title"));
        QCOMPARE(r.track.artist, QStringLiteral("New artist"));
    }

    void missingThenReturning()
    {
        const Env env = newEnv();
        const QString path = env.library + QStringLiteral("/keep.ogg");
        QVERIFY(addFile(path, Format::Ogg, QStringLiteral("Keep")));
        QVERIFY(addFile(env.library + QStringLiteral("/other.ogg"), Format::Ogg, QStringLiteral("Other")));
        QCOMPARE(scan(env).added, 2);
        const qint64 id = row(env, path).track.id;
        QVERIFY(addSignal(env, id));

        const QString away = m_tmp.filePath(QStringLiteral("away-%1.ogg").arg(m_case));
        QVERIFY(QFile::rename(path, away));
        const ScanSummary gone = scan(env);
        QVERIFY2(gone.missing == 1 && gone.unchanged == 1, qPrintable(describe(gone)));
        Row r = row(env, path);
        QVERIFY(r.exists);
        QVERIFY(r.track.missing);
        QCOMPARE(signalsFor(env, id), 1);
        // Still missing: not counted again.
        QCOMPARE(scan(env).missing, 0);

        QVERIFY(QFile::rename(away, path));
        const ScanSummary back = scan(env);
        QVERIFY2(back.restored == 1 && back.missing == 0 && back.added == 0, qPrintable(describe(back)));
        r = row(env, path);
        QCOMPARE(r.track.id, id);
        QVERIFY(!r.track.missing);
        QCOMPARE(signalsFor(env, id), 1);
    }

    void movedFileKeepsItsHistory_data()
    {
        QTest::addColumn<bool>("sameScan");
        QTest::newRow("moved between scans") << false;
        QTest::newRow("moved and rescanned later") << true;
    }

    void movedFileKeepsItsHistory()
    {
        QFETCH(bool, sameScan);
        const Env env = newEnv();
        const QString from = env.library + QStringLiteral("/Unsorted/track.mp3");
        const QString to = env.library + QStringLiteral("/Artist/Album/01 Track.mp3");
        QVERIFY(addFile(from, Format::Mp3, QStringLiteral("Wanderer")));
        QVERIFY(addFile(env.library + QStringLiteral("/Unsorted/stay.mp3"), Format::Mp3, QStringLiteral("Stay")));
        QCOMPARE(scan(env).added, 2);
        const qint64 id = row(env, from).track.id;
        QVERIFY(addSignal(env, id));
        QVERIFY(addSignal(env, id));

        if (!sameScan) {
            // First the file disappears (marked missing), then it turns up somewhere else.
            const QString away = m_tmp.filePath(QStringLiteral("away-%1.mp3").arg(m_case));
            QVERIFY(QFile::rename(from, away));
            QCOMPARE(scan(env).missing, 1);
            QVERIFY(QDir().mkpath(QFileInfo(to).absolutePath()));
            QVERIFY(QFile::rename(away, to));
        } else {
            QVERIFY(QDir().mkpath(QFileInfo(to).absolutePath()));
            QVERIFY(QFile::rename(from, to));
        }
        const ScanSummary s = scan(env);
        QVERIFY2(s.moved == 1 && s.added == 0 && s.missing == 0, qPrintable(describe(s)));
        QCOMPARE(count(env), 2);
        const Row moved = row(env, to);
        QVERIFY(moved.exists);
        QCOMPARE(moved.track.id, id);
        QVERIFY(!moved.track.missing);
        QCOMPARE(moved.track.title, QStringLiteral("Wanderer"));
        QVERIFY(!row(env, from).exists);
        QCOMPARE(signalsFor(env, id), 2);
    }

    void copiedFileIsANewTrack()
    {
        const Env env = newEnv();
        const QString a = env.library + QStringLiteral("/a.flac");
        QVERIFY(addFile(a, Format::Flac, QStringLiteral("Twin")));
        QCOMPARE(scan(env).added, 1);
        QVERIFY(QFile::copy(a, env.library + QStringLiteral("/b.flac")));
        const ScanSummary s = scan(env);
        QVERIFY2(s.added == 1 && s.moved == 0, qPrintable(describe(s)));
        QCOMPARE(count(env, QStringLiteral("missing = 0")), 2);
    }

    void badInput()
    {
        const Env env = newEnv();
        QVERIFY(addFile(env.library + QStringLiteral("/good.mp3"), Format::Mp3, QStringLiteral("Good")));
        QVERIFY(writeBytes(env.library + QStringLiteral("/zero.mp3"), {}));
        QFile flac(basePath(Format::Flac));
        QVERIFY(flac.open(QIODevice::ReadOnly));
        const QByteArray flacBytes = flac.readAll();
        QVERIFY(writeBytes(env.library + QStringLiteral("/truncated.flac"), flacBytes.left(60)));
        QVERIFY(writeBytes(env.library + QStringLiteral("/corrupt.ogg"), QByteArray("OggS") + QByteArray(3000, '\x5a')));
        QVERIFY(writeBytes(env.library + QStringLiteral("/text.m4a"), QByteArray("hello\n").repeated(100)));
        // FLAC content behind an .mp3 name is read by its content, not failed.
        QVERIFY(writeBytes(env.library + QStringLiteral("/flac-in-disguise.mp3"), flacBytes));
        // A name that is not UTF-8 (Latin-1 "café"), in a folder that is not either.
        const QByteArray lib = QFile::encodeName(env.library);
        QVERIFY(::mkdir(QByteArray(lib + "/Caf\xe9").constData(), 0755) == 0);
        QVERIFY(QFile::copy(basePath(Format::Ogg), env.library + QStringLiteral("/tmp.ogg")));
        QVERIFY(::rename(QFile::encodeName(env.library + QStringLiteral("/tmp.ogg")).constData(),
                         QByteArray(lib + "/Caf\xe9/caf\xe9.ogg").constData()) == 0);
        // A symlink loop, a dangling symlink, and a hidden resource fork.
        QVERIFY(QFile::link(env.library, env.library + QStringLiteral("/loop")));
        QVERIFY(QFile::link(env.library + QStringLiteral("/nowhere.mp3"), env.library + QStringLiteral("/dangling.mp3")));
        QVERIFY(writeBytes(env.library + QStringLiteral("/._good.mp3"), "AppleDouble"));

        const ScanSummary s = scan(env);
        QVERIFY2(s.databaseError.isEmpty(), qPrintable(s.databaseError));
        QVERIFY2(s.found == 7 && s.added == 7 && s.failed == 5, qPrintable(describe(s)));
        QCOMPARE(s.errors.size(), 5);
        QCOMPARE(count(env), 7);
        QCOMPARE(count(env, QStringLiteral("scan_error IS NOT NULL")), 5);
        for (const char *name : {"zero.mp3", "truncated.flac", "corrupt.ogg", "text.m4a"}) {
            const Row r = row(env, env.library + QLatin1Char('/') + QLatin1String(name));
            QVERIFY2(r.exists && !r.track.scanError.isEmpty(), name);
            QCOMPARE(r.track.title, QFileInfo(QString::fromLatin1(name)).completeBaseName());
        }
        const Row disguised = row(env, env.library + QStringLiteral("/flac-in-disguise.mp3"));
        QVERIFY(disguised.track.scanError.isEmpty());
        QCOMPARE(disguised.track.codec, QStringLiteral("flac"));
        QCOMPARE(count(env, QStringLiteral("scan_error LIKE '%UTF-8%'")), 1);

        // Rescanning: failures are still counted (the library still has them), nothing re-added.
        const ScanSummary again = scan(env);
        QVERIFY2(again.unchanged == 7 && again.failed == 5 && again.added == 0, qPrintable(describe(again)));

        // QTemporaryDir cannot remove names Qt cannot decode.
        QVERIFY(::unlink(QByteArray(lib + "/Caf\xe9/caf\xe9.ogg").constData()) == 0);
        QVERIFY(::rmdir(QByteArray(lib + "/Caf\xe9").constData()) == 0);
    }

    // Root ignores permission bits, so chmod 000 only makes a folder unreadable for other users;
    // as root the test checks instead that a library folder that disappears (an unplugged
    // disk) is reported and its tracks become missing with their history.
    void unreadableFolders()
    {
        const Env env = newEnv();
        const QString disk = m_tmp.filePath(QStringLiteral("usb-%1").arg(m_case));
        QVERIFY(addFile(disk + QStringLiteral("/song.opus"), Format::Opus, QStringLiteral("On USB")));
        QVERIFY(addFile(env.library + QStringLiteral("/locked/inside.mp3"), Format::Mp3, QStringLiteral("Inside")));
        QVERIFY(addFile(env.library + QStringLiteral("/open.mp3"), Format::Mp3, QStringLiteral("Open")));
        QCOMPARE(scan(env, {env.library, disk}).added, 3);
        const qint64 usbId = row(env, disk + QStringLiteral("/song.opus")).track.id;
        QVERIFY(addSignal(env, usbId));

        QVERIFY(QDir(disk).removeRecursively());
        const QString locked = env.library + QStringLiteral("/locked");
        QVERIFY(::chmod(QFile::encodeName(locked).constData(), 0) == 0);
        const ScanSummary s = scan(env, {env.library, disk});
        ::chmod(QFile::encodeName(locked).constData(), 0755);

        QVERIFY2(s.databaseError.isEmpty() && !s.cancelled, qPrintable(describe(s)));
        QVERIFY(s.unreadableFolders.contains(disk));
        const Row usb = row(env, disk + QStringLiteral("/song.opus"));
        QVERIFY(usb.track.missing);
        QCOMPARE(signalsFor(env, usbId), 1);
        QVERIFY(!row(env, env.library + QStringLiteral("/open.mp3")).track.missing);
        if (::geteuid() != 0) {
            QVERIFY(s.unreadableFolders.contains(locked));
            QVERIFY(s.errors.join(QLatin1Char('\n')).contains(locked));
        } else {
            QCOMPARE(s.unreadableFolders.size(), 1); // root reads the chmod-000 folder anyway
        }
    }

    void fileVanishingMidScan()
    {
        const Env env = newEnv();
        const QString changed = env.library + QStringLiteral("/changed.ogg");
        QVERIFY(addFile(changed, Format::Ogg, QStringLiteral("Changed")));
        QVERIFY(addFile(env.library + QStringLiteral("/stays.ogg"), Format::Ogg, QStringLiteral("Stays")));
        QCOMPARE(scan(env).added, 2);
        QVERIFY(touch(changed, 10));
        const QString fresh = env.library + QStringLiteral("/fresh.flac");
        QVERIFY(addFile(fresh, Format::Flac, QStringLiteral("Fresh")));

        LibraryScanner scanner(env.db);
        ScanOptions options;
        options.coverCacheDir = env.covers;
        scanner.setOptions(options);
        // Both files are deleted after the walk saw them and before they are read.
        connect(&scanner, &LibraryScanner::walkFinished, this, [&] {
            QFile::remove(changed);
            QFile::remove(fresh);
        });
        const ScanSummary s = scanner.scan({env.library});
        QVERIFY2(s.found == 3 && s.failed == 0 && s.added == 0 && s.missing == 1 && s.unchanged == 1,
                 qPrintable(describe(s)));
        QVERIFY(!row(env, fresh).exists);
        QVERIFY(row(env, changed).track.missing);
    }

    void readOnlyMedium()
    {
        const Env env = newEnv();
        const QString path = env.library + QStringLiteral("/Album/track.m4a");
        QVERIFY(addFile(path, Format::M4a, QStringLiteral("Read only"), QStringLiteral("A"), QStringLiteral("B"), m_coverA));
        QVERIFY(writeBytes(env.library + QStringLiteral("/Album/cover.jpg"), m_coverB));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        f.close();
        const QDateTime mtime = QFileInfo(path).lastModified();
        // Everything read-only, as on a write-protected card (root could still write: the
        // check that matters is that the scanner writes nothing into the library).
        for (const QString &p : QStringList{path, env.library + QStringLiteral("/Album/cover.jpg")})
            QVERIFY(::chmod(QFile::encodeName(p).constData(), 0444) == 0);
        for (const QString &p : QStringList{env.library + QStringLiteral("/Album"), env.library})
            QVERIFY(::chmod(QFile::encodeName(p).constData(), 0555) == 0);
        const QStringList before = QDir(env.library + QStringLiteral("/Album")).entryList(QDir::AllEntries | QDir::Hidden);

        const ScanSummary s = scan(env);
        for (const QString &p : QStringList{env.library, env.library + QStringLiteral("/Album")})
            ::chmod(QFile::encodeName(p).constData(), 0755);

        QVERIFY2(s.added == 1 && s.failed == 0, qPrintable(describe(s)));
        QCOMPARE(row(env, path).track.title, QStringLiteral("Read only"));
        QVERIFY(QFile(path).open(QIODevice::ReadOnly));
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(again.readAll(), bytes);
        QCOMPARE(QFileInfo(path).lastModified(), mtime);
        QCOMPARE(QDir(env.library + QStringLiteral("/Album")).entryList(QDir::AllEntries | QDir::Hidden), before);
    }

    void cancelKeepsWhatWasRead()
    {
        const Env env = newEnv();
        for (int i = 0; i < 30; ++i)
            QVERIFY(addFile(env.library + QStringLiteral("/c%1.flac").arg(i, 2, 10, QLatin1Char('0')),
                            Format::Flac, QStringLiteral("C%1").arg(i)));
        // One known track whose file is gone: a cancelled scan must not mark it missing.
        const QString old = env.library + QStringLiteral("/old.mp3");
        QVERIFY(addFile(old, Format::Mp3, QStringLiteral("Old")));
        QCOMPARE(scan(env, {}, {}).added, 31);
        QVERIFY(QFile::remove(old));
        for (int i = 30; i < 60; ++i)
            QVERIFY(addFile(env.library + QStringLiteral("/c%1.flac").arg(i, 2, 10, QLatin1Char('0')),
                            Format::Flac, QStringLiteral("C%1").arg(i)));

        LibraryScanner scanner(env.db);
        ScanOptions options;
        options.coverCacheDir = env.covers;
        options.batchSize = 5;
        options.readThreads = 1;
        scanner.setOptions(options);
        QSignalSpy progress(&scanner, &LibraryScanner::progress);
        // 30 files are unchanged; cancel once the first batch of new ones is written.
        connect(&scanner, &LibraryScanner::progress, this, [&](qint64, qint64 done) {
            if (done > 30)
                scanner.cancel();
        });
        const ScanSummary s = scanner.scan({env.library});
        QVERIFY2(s.cancelled, qPrintable(describe(s)));
        QVERIFY2(s.added >= 5 && s.added < 30, qPrintable(describe(s)));
        QCOMPARE(s.missing, 0);
        QVERIFY(!row(env, old).track.missing);
        QVERIFY(progress.size() >= 2);

        const ScanSummary rest = scan(env);
        QVERIFY2(!rest.cancelled && rest.added == 30 - s.added && rest.missing == 1, qPrintable(describe(rest)));
        QCOMPARE(count(env, QStringLiteral("missing = 0")), 60);
    }

    void progressReachesTheEnd()
    {
        const Env env = newEnv();
        for (int i = 0; i < 12; ++i)
            QVERIFY(addFile(env.library + QStringLiteral("/p%1.ogg").arg(i), Format::Ogg, QStringLiteral("P%1").arg(i)));
        LibraryScanner scanner(env.db);
        ScanOptions options;
        options.coverCacheDir = env.covers;
        options.batchSize = 4;
        scanner.setOptions(options);
        QSignalSpy progress(&scanner, &LibraryScanner::progress);
        QSignalSpy walked(&scanner, &LibraryScanner::walkFinished);
        QSignalSpy finished(&scanner, &LibraryScanner::finished);
        scanner.run({env.library});
        QCOMPARE(walked.size(), 1);
        QCOMPARE(walked.first().at(0).toLongLong(), 12);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).value<ScanSummary>().added, 12);
        QVERIFY(progress.size() >= 3);
        qint64 last = -1;
        for (const auto &args : std::as_const(progress)) {
            QCOMPARE(args.at(0).toLongLong(), 12);
            QVERIFY(args.at(1).toLongLong() >= last);
            last = args.at(1).toLongLong();
        }
        QCOMPARE(last, 12);
    }

    void savedFoldersAndNestedRoots()
    {
        const Env env = newEnv();
        QVERIFY(addFile(env.library + QStringLiteral("/a.mp3"), Format::Mp3, QStringLiteral("A")));
        QVERIFY(addFile(env.library + QStringLiteral("/Sub/b.mp3"), Format::Mp3, QStringLiteral("B")));
        {
            Database db;
            QVERIFY(db.open(env.db));
            SettingsStore settings(db);
            QVERIFY(settings.addLibraryFolder(env.library));
            QVERIFY(settings.addLibraryFolder(env.library + QStringLiteral("/Sub")));
        }
        LibraryScanner scanner(env.db);
        ScanOptions options;
        options.coverCacheDir = env.covers;
        scanner.setOptions(options);
        const ScanSummary s = scanner.scan(); // the saved folders
        QVERIFY2(s.found == 2 && s.added == 2, qPrintable(describe(s)));
        QCOMPARE(count(env), 2);
    }

    void threadCountDoesNotChangeResults()
    {
        const Env one = newEnv();
        for (int i = 0; i < 16; ++i) {
            const Format format = fixtures::allFormats().at(i % fixtures::allFormats().size());
            QVERIFY(addFile(one.library + QStringLiteral("/f%1.%2").arg(i).arg(fixtures::extension(format)), format,
                            QStringLiteral("F%1").arg(i), QStringLiteral("A"), QStringLiteral("B"),
                            i % 2 ? m_coverA : m_coverB));
        }
        Env four = newEnv();
        four.library = one.library;
        ScanOptions single;
        single.readThreads = 1;
        ScanOptions many;
        many.readThreads = 4;
        many.batchSize = 3;
        QCOMPARE(scan(one, {}, single).added, 16);
        QCOMPARE(scan(four, {}, many).added, 16);
        for (int i = 0; i < 16; ++i) {
            const Format format = fixtures::allFormats().at(i % fixtures::allFormats().size());
            const QString path = one.library + QStringLiteral("/f%1.%2").arg(i).arg(fixtures::extension(format));
            const Track a = row(one, path).track;
            const Track b = row(four, path).track;
            QCOMPARE(b.title, a.title);
            QCOMPARE(b.durationMs, a.durationMs);
            QCOMPARE(b.cover, a.cover);
            QCOMPARE(b.contentKey, a.contentKey);
        }
    }

    void databaseErrorIsReported()
    {
        const Env env = newEnv();
        QVERIFY(writeBytes(env.db, QByteArray("this is not a database").repeated(100)));
        const ScanSummary s = scan(env);
        QVERIFY(!s.databaseError.isEmpty());
        QCOMPARE(s.added, 0);
    }
};

QTEST_GUILESS_MAIN(TestLibraryScanner)
#include "tst_libraryscanner.moc"
