// Runs the real bytewave-cli binary: scan and tracks against what ffprobe sees, exit codes,
// and --help for every command.

#include "audiofixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bytewave;
using fixtures::Format;

class TestCliScan : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_library;
    QString m_db;

    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Result run(const QStringList &args) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // Keep the binary's cover cache and default database inside the test folder.
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_tmp.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_tmp.filePath(QStringLiteral("data")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BYTEWAVE_CLI_PATH), args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }

    static QString show(const Result &r)
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(r.exitCode)
            .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
    }

    QJsonArray tracksJson(const QStringList &extra = {}) const
    {
        const Result r = run(QStringList{QStringLiteral("tracks"), QStringLiteral("--json"),
                                         QStringLiteral("--db"), m_db}
                             + extra);
        if (r.exitCode != 0)
            return {};
        return QJsonDocument::fromJson(r.out).array();
    }

    // ffprobe's tags from the container and the streams (Ogg keeps them on the stream), with
    // lower-case keys.
    static QHash<QString, QString> ffprobeTags(const QJsonObject &probe)
    {
        QHash<QString, QString> tags;
        auto take = [&](const QJsonObject &t) {
            for (auto it = t.begin(); it != t.end(); ++it)
                tags.insert(it.key().toLower(), it.value().toString());
        };
        take(probe.value(QStringLiteral("format")).toObject().value(QStringLiteral("tags")).toObject());
        const QJsonArray streams = probe.value(QStringLiteral("streams")).toArray();
        for (const QJsonValue &s : streams)
            take(s.toObject().value(QStringLiteral("tags")).toObject());
        return tags;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFile::exists(QStringLiteral(BYTEWAVE_CLI_PATH)), BYTEWAVE_CLI_PATH);
        QVERIFY2(fixtures::haveFfmpeg(), "the ffmpeg tool is needed (scripts/setup.sh --test)");
        m_library = m_tmp.filePath(QStringLiteral("Music"));
        m_db = m_tmp.filePath(QStringLiteral("bytewave.db"));
        const QList<Format> formats = {Format::Mp3, Format::Ogg, Format::Opus,
                                       Format::Flac, Format::M4a, Format::Wav};
        int n = 0;
        for (const Format format : formats) {
            ++n;
            const QString dir = m_library + (n % 2 ? QStringLiteral("/Alpha/First") : QStringLiteral("/Beta/Second"));
            QVERIFY(QDir().mkpath(dir));
            const QString path = dir + QStringLiteral("/%1 Song %2.%3").arg(n, 2, 10, QLatin1Char('0')).arg(n).arg(fixtures::extension(format));
            QString error = fixtures::render(path, format, 1.0 + n * 0.25, 200 + 100 * n);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            fixtures::Tags tags;
            tags.title = QStringLiteral("Song %1 ✓").arg(n);
            tags.artist = n % 2 ? QStringLiteral("Alpha Band") : QStringLiteral("Beta Ensemble");
            tags.album = n % 2 ? QStringLiteral("First") : QStringLiteral("Second");
            tags.genres = {n % 2 ? QStringLiteral("Jazz") : QStringLiteral("Drum & Bass")};
            tags.trackNumber = QString::number(n);
            tags.date = QStringLiteral("2021");
            error = fixtures::writeTags(path, format, tags);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
    }

    void scanThenTracksShowWhatFfprobeSees()
    {
        const Result scan = run({QStringLiteral("scan"), m_library, QStringLiteral("--db"), m_db,
                                 QStringLiteral("--json")});
        QVERIFY2(scan.exitCode == 0, qPrintable(show(scan)));
        const QJsonObject summary = QJsonDocument::fromJson(scan.out).object();
        QCOMPARE(summary.value(QStringLiteral("found")).toInt(), 6);
        QCOMPARE(summary.value(QStringLiteral("added")).toInt(), 6);
        QCOMPARE(summary.value(QStringLiteral("failed")).toInt(), 0);
        for (const char *key : {"updated", "unchanged", "moved", "missing", "seconds"})
            QVERIFY2(summary.contains(QLatin1String(key)), key);

        const QJsonArray tracks = tracksJson();
        QCOMPARE(tracks.size(), 6);
        for (const QJsonValue &v : tracks) {
            const QJsonObject t = v.toObject();
            const QString path = t.value(QStringLiteral("path")).toString();
            const QJsonObject probe = QJsonDocument::fromJson(fixtures::ffprobeJson(path)).object();
            QVERIFY2(!probe.isEmpty(), qPrintable(path));
            const QHash<QString, QString> tags = ffprobeTags(probe);
            QCOMPARE(t.value(QStringLiteral("title")).toString(), tags.value(QStringLiteral("title")));
            QCOMPARE(t.value(QStringLiteral("artist")).toString(), tags.value(QStringLiteral("artist")));
            QCOMPARE(t.value(QStringLiteral("album")).toString(), tags.value(QStringLiteral("album")));
            QCOMPARE(t.value(QStringLiteral("genres")).toArray(),
                     QJsonArray{tags.value(QStringLiteral("genre"))});
            const double probeMs = probe.value(QStringLiteral("format")).toObject()
                                       .value(QStringLiteral("duration")).toString().toDouble() * 1000;
            const double ms = t.value(QStringLiteral("duration_ms")).toDouble();
            QVERIFY2(std::abs(ms - probeMs) < 80,
                     qPrintable(QStringLiteral("%1: %2 ms, ffprobe %3 ms").arg(path).arg(ms).arg(probeMs)));
            // Every column is there.
            for (const char *key : {"id", "size", "mtime_ms", "album_artist", "track_number", "year",
                                    "codec", "sample_rate", "channels", "bitrate_kbps", "cover",
                                    "replaygain_db", "content_key", "scan_error", "missing", "added_ms"})
                QVERIFY2(t.contains(QLatin1String(key)), key);
        }
    }

    void rescanWithSavedFolders()
    {
        const Result r = run({QStringLiteral("scan"), QStringLiteral("--db"), m_db, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(show(r)));
        const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(QStringLiteral("unchanged")).toInt(), 6);
        QCOMPARE(summary.value(QStringLiteral("added")).toInt(), 0);

        const Result text = run({QStringLiteral("scan"), QStringLiteral("--db"), m_db});
        QVERIFY2(text.exitCode == 0, qPrintable(show(text)));
        for (const char *word : {"added", "updated", "unchanged", "moved", "missing", "failed"})
            QVERIFY2(text.out.contains(word), word);
    }

    void filters_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("expected");
        QTest::newRow("all") << QStringList() << 6;
        QTest::newRow("artist") << QStringList{QStringLiteral("--artist"), QStringLiteral("alpha")} << 3;
        QTest::newRow("album") << QStringList{QStringLiteral("--album"), QStringLiteral("Second")} << 3;
        QTest::newRow("genre") << QStringList{QStringLiteral("--genre"), QStringLiteral("drum & bass")} << 3;
        QTest::newRow("genre is whole") << QStringList{QStringLiteral("--genre"), QStringLiteral("Drum")} << 0;
        QTest::newRow("search") << QStringList{QStringLiteral("--search"), QStringLiteral("Song 3")} << 1;
        QTest::newRow("limit") << QStringList{QStringLiteral("--limit"), QStringLiteral("2")} << 2;
        QTest::newRow("missing") << QStringList{QStringLiteral("--missing")} << 0;
        QTest::newRow("failed") << QStringList{QStringLiteral("--failed")} << 0;
    }

    void filters()
    {
        QFETCH(QStringList, args);
        QFETCH(int, expected);
        QCOMPARE(tracksJson(args).size(), expected);
    }

    void failedFileGivesExitOne()
    {
        QFile bad(m_library + QStringLiteral("/broken.flac"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("fLaC but nothing else");
        bad.close();
        const Result r = run({QStringLiteral("scan"), QStringLiteral("--db"), m_db});
        QVERIFY2(r.exitCode == 1, qPrintable(show(r)));
        QVERIFY(r.err.contains("broken.flac"));
        const QJsonArray failed = tracksJson({QStringLiteral("--failed")});
        QCOMPARE(failed.size(), 1);
        QVERIFY(!failed.first().toObject().value(QStringLiteral("scan_error")).toString().isEmpty());
        QVERIFY(QFile::remove(m_library + QStringLiteral("/broken.flac")));
        const Result fixed = run({QStringLiteral("scan"), QStringLiteral("--db"), m_db});
        QVERIFY2(fixed.exitCode == 0, qPrintable(show(fixed)));
        QCOMPARE(tracksJson({QStringLiteral("--missing")}).size(), 1);
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("expected");
        const QString missingDir = QDir::tempPath() + QStringLiteral("/bytewave-no-such-folder-4711");
        QTest::newRow("missing dir") << QStringList{QStringLiteral("scan"), missingDir} << 66;
        QTest::newRow("file not folder") << QStringList{QStringLiteral("scan"), QStringLiteral(BYTEWAVE_CLI_PATH)} << 66;
        QTest::newRow("unknown option") << QStringList{QStringLiteral("scan"), QStringLiteral("--frobnicate")} << 64;
        QTest::newRow("bad threads") << QStringList{QStringLiteral("scan"), QStringLiteral("--threads"), QStringLiteral("many")} << 64;
        QTest::newRow("tracks positional") << QStringList{QStringLiteral("tracks"), QStringLiteral("extra")} << 64;
        QTest::newRow("tracks bad limit") << QStringList{QStringLiteral("tracks"), QStringLiteral("--limit"), QStringLiteral("0")} << 64;
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 64;
        QTest::newRow("no command") << QStringList() << 64;
    }

    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, expected);
        const Result r = run(args + QStringList{QStringLiteral("--db"), m_tmp.filePath(QStringLiteral("codes.db"))});
        QVERIFY2(r.exitCode == expected, qPrintable(show(r)));
        QVERIFY(!r.err.isEmpty()); // a message says what was wrong
    }

    void scanWithNothingSavedIsUsageError()
    {
        const Result r = run({QStringLiteral("scan"), QStringLiteral("--db"), m_tmp.filePath(QStringLiteral("empty.db"))});
        QVERIFY2(r.exitCode == 64, qPrintable(show(r)));
        QVERIFY(r.err.contains("DIR"));
    }

    void helpForEveryCommand()
    {
        const Result top = run({QStringLiteral("--help")});
        QCOMPARE(top.exitCode, 0);
        QStringList names;
        bool inCommands = false;
        for (const QByteArray &line : top.out.split('\n')) {
            if (line.startsWith("Commands:")) {
                inCommands = true;
                continue;
            }
            if (inCommands && line.startsWith("  "))
                names << QString::fromUtf8(line.trimmed().split(' ').first());
            else if (inCommands)
                inCommands = false;
        }
        QVERIFY(names.contains(QStringLiteral("scan")));
        QVERIFY(names.contains(QStringLiteral("tracks")));
        for (const QString &name : std::as_const(names)) {
            const Result r = run({name, QStringLiteral("--help")});
            QVERIFY2(r.exitCode == 0, qPrintable(name + QLatin1Char(' ') + show(r)));
            QVERIFY2(r.out.contains(QStringLiteral("Usage: bytewave-cli %1").arg(name).toUtf8()), qPrintable(show(r)));
        }
        const Result scanHelp = run({QStringLiteral("scan"), QStringLiteral("--help")});
        QVERIFY(scanHelp.out.contains("DIR"));
        const Result tracksHelp = run({QStringLiteral("tracks"), QStringLiteral("--help")});
        for (const char *option : {"--artist", "--album", "--genre", "--search", "--missing", "--failed", "--limit"})
            QVERIFY2(tracksHelp.out.contains(option), option);
    }
};

QTEST_GUILESS_MAIN(TestCliScan)
#include "tst_cli_scan.moc"
