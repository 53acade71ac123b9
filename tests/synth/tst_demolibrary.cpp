#include "analysis/synth/demolibrary.h"

#include "synthtesthelpers.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bytewave::synth;

namespace {

DemoOptions smallLibrary(const QString &dir, int tracks = 4)
{
    DemoOptions o;
    o.directory = dir;
    o.tracks = tracks;
    o.seed = 77;
    o.durationSeconds = 2.0;
    return o;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList filesUnder(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(dir).relativeFilePath(it.next());
    files.sort();
    return files;
}

} // namespace

class TestDemoLibrary : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
    }

    void generatesTheContract()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("lib"));
        int lastDone = -1, calls = 0;
        const DemoResult r = DemoLibrary::generate(smallLibrary(dir, 5), [&](int done, int total) {
            QCOMPARE(total, 5);
            QVERIFY(done >= lastDone);
            lastDone = done;
            ++calls;
        });
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(int(r.tracks.size()), 5);
        QCOMPARE(lastDone, 5);
        QVERIFY(calls >= 1);

        const QJsonDocument doc = QJsonDocument::fromJson(readAll(QDir(dir).filePath(QStringLiteral("manifest.json"))));
        QVERIFY(doc.isObject());
        const QJsonObject root = doc.object();
        QCOMPARE(synthtest::checkManifestContract(root), QString());
        QCOMPARE(root.value(QStringLiteral("seed")).toInt(), 77);
        const QJsonArray tracks = root.value(QStringLiteral("tracks")).toArray();
        QCOMPARE(tracks.size(), 5);

        QStringList expectedFiles {QStringLiteral("manifest.json")};
        for (const QJsonValue v : tracks) {
            const QJsonObject t = v.toObject();
            const QString file = t.value(QStringLiteral("file")).toString();
            expectedFiles << file;
            const QString path = QDir(dir).filePath(file);
            const auto format = *formatFromId(t.value(QStringLiteral("format")).toString());
            const auto info = synthtest::decodeFile(path);
            QVERIFY2(info.ok, qPrintable(file + QStringLiteral(": ") + info.error));
            QCOMPARE(info.sampleRate, 44100);
            QCOMPARE(info.channels, 2);
            QVERIFY(std::abs(info.seconds - t.value(QStringLiteral("duration_s")).toDouble()) < 0.1);
            QVERIFY(info.hasAttachedPicture);
            QCOMPARE(info.tags.value(QStringLiteral("title")), t.value(QStringLiteral("title")).toString());
            QCOMPARE(info.tags.value(QStringLiteral("artist")), t.value(QStringLiteral("artist")).toString());
            QCOMPARE(info.tags.value(QStringLiteral("album")), t.value(QStringLiteral("album")).toString());

            const auto tags = synthtest::readTags(path, format);
            QVERIFY(tags.ok);
            QCOMPARE(tags.genres.join(QStringLiteral("; ")), t.value(QStringLiteral("genre")).toString());
            QCOMPARE(tags.year, t.value(QStringLiteral("year")).toInt());
            QCOMPARE(tags.track, t.value(QStringLiteral("track_number")).toInt());
            QCOMPARE(tags.pictures, 1);
            QCOMPARE(tags.firstPictureMime, QByteArray("image/jpeg"));
        }
        expectedFiles.sort();
        QCOMPARE(filesUnder(dir), expectedFiles); // nothing else, no leftover .part files
    }

    void sameSeedSameLibrary()
    {
        const QString a = m_tmp.filePath(QStringLiteral("same-a"));
        const QString b = m_tmp.filePath(QStringLiteral("same-b"));
        QVERIFY(DemoLibrary::generate(smallLibrary(a, 3)).ok());
        DemoOptions other = smallLibrary(b, 3);
        other.jobs = 1; // thread count must not matter
        QVERIFY(DemoLibrary::generate(other).ok());
        QCOMPARE(readAll(QDir(a).filePath(QStringLiteral("manifest.json"))),
                 readAll(QDir(b).filePath(QStringLiteral("manifest.json"))));
        // Lossless files hold the very same PCM.
        for (const QString &file : filesUnder(a)) {
            if (file.endsWith(QStringLiteral(".flac")))
                QCOMPARE(readAll(QDir(a).filePath(file)), readAll(QDir(b).filePath(file)));
        }
        const QString c = m_tmp.filePath(QStringLiteral("same-c"));
        DemoOptions differentSeed = smallLibrary(c, 3);
        differentSeed.seed = 78;
        QVERIFY(DemoLibrary::generate(differentSeed).ok());
        QVERIFY(readAll(QDir(a).filePath(QStringLiteral("manifest.json")))
                != readAll(QDir(c).filePath(QStringLiteral("manifest.json"))));
    }

    void refusesANonEmptyFolder()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("users-music"));
        QVERIFY(QDir().mkpath(dir));
        QFile mine(QDir(dir).filePath(QStringLiteral("my song.mp3")));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write("precious");
        mine.close();
        DemoOptions o = smallLibrary(dir, 1);
        o.replace = true; // even with --replace: this is not a demo library
        const DemoResult r = DemoLibrary::generate(o);
        QCOMPARE(r.status, DemoResult::Status::NotEmpty);
        QCOMPARE(filesUnder(dir), QStringList {QStringLiteral("my song.mp3")});
    }

    void replacesOnlyItsOwnFiles()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("replace"));
        QVERIFY(DemoLibrary::generate(smallLibrary(dir, 2)).ok());
        QCOMPARE(DemoLibrary::generate(smallLibrary(dir, 2)).status, DemoResult::Status::NotEmpty);
        QVERIFY(DemoLibrary::isDemoLibrary(dir));

        QFile note(QDir(dir).filePath(QStringLiteral("notes.txt")));
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.write("mine");
        note.close();
        DemoOptions again = smallLibrary(dir, 3);
        again.seed = 5;
        again.replace = true;
        const DemoResult r = DemoLibrary::generate(again);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const QStringList files = filesUnder(dir);
        QVERIFY(files.contains(QStringLiteral("notes.txt")));
        QCOMPARE(files.size(), 3 + 2); // the new tracks, the manifest and the user's note
    }

    void boundsAreRefused_data()
    {
        QTest::addColumn<int>("tracks");
        QTest::addColumn<double>("duration");
        QTest::newRow("no tracks") << 0 << 30.0;
        QTest::newRow("too many tracks") << 99999 << 30.0;
        QTest::newRow("too short") << 5 << 1.0;
        QTest::newRow("too long") << 5 << 601.0;
        QTest::newRow("not a number") << 5 << qQNaN();
    }

    void boundsAreRefused()
    {
        QFETCH(int, tracks);
        QFETCH(double, duration);
        DemoOptions o = smallLibrary(m_tmp.filePath(QStringLiteral("bounds")), tracks);
        o.durationSeconds = duration;
        QVERIFY(!DemoLibrary::validate(o).isEmpty());
        QCOMPARE(DemoLibrary::generate(o).status, DemoResult::Status::InvalidOptions);
        QVERIFY(!QFileInfo::exists(o.directory));
    }

    void hugeLibrariesNeedForce()
    {
        DemoOptions o = smallLibrary(m_tmp.filePath(QStringLiteral("huge")), 20000);
        o.durationSeconds = 600;
        QVERIFY(DemoLibrary::estimateBytes(o) > DemoOptions::kDefaultMaxBytes);
        const DemoResult r = DemoLibrary::generate(o);
        QCOMPARE(r.status, DemoResult::Status::TooLarge);
        QVERIFY(r.error.contains(QStringLiteral("--force")));
        QVERIFY(!QFileInfo::exists(o.directory));
        // The default library stays far below the cap.
        QVERIFY(DemoLibrary::estimateBytes(DemoOptions {}) < 200LL * 1024 * 1024);
    }

    void cancelKeepsAConsistentFolder()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("cancelled"));
        std::atomic_bool cancel {false};
        DemoOptions o = smallLibrary(dir, 12);
        o.jobs = 1;
        const DemoResult r = DemoLibrary::generate(o, [&cancel](int done, int) {
            if (done >= 1)
                cancel = true;
        }, &cancel);
        QCOMPARE(r.status, DemoResult::Status::Cancelled);
        QVERIFY(int(r.tracks.size()) < 12);
        const QJsonObject root = QJsonDocument::fromJson(readAll(QDir(dir).filePath(QStringLiteral("manifest.json")))).object();
        QCOMPARE(root.value(QStringLiteral("complete")).toBool(), false);
        const QJsonArray tracks = root.value(QStringLiteral("tracks")).toArray();
        QCOMPARE(tracks.size(), qsizetype(r.tracks.size()));
        QStringList expected {QStringLiteral("manifest.json")};
        for (const QJsonValue v : tracks)
            expected << v.toObject().value(QStringLiteral("file")).toString();
        expected.sort();
        QCOMPARE(filesUnder(dir), expected); // every listed file exists, no partial files
    }

    void unwritableFolderIsReported()
    {
        const QString blocker = m_tmp.filePath(QStringLiteral("a-file"));
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const DemoResult r = DemoLibrary::generate(smallLibrary(blocker + QStringLiteral("/lib"), 1));
        QCOMPARE(r.status, DemoResult::Status::CannotCreate);
        QVERIFY(!r.error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDemoLibrary)
#include "tst_demolibrary.moc"
