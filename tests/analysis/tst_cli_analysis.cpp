#include "core/database.h"
#include "testsignals.h"
#include "testtracks.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>


using namespace bytewave;
using namespace bytewave::test;

// `bytewave-cli analyze` and `bytewave-cli features`, run as the real binary.
class TestCliAnalysis : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    int runCli(const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr)
    {
        QProcess p;
        p.start(QStringLiteral(BYTEWAVE_CLI_PATH), args);
        if (!p.waitForFinished(120000))
            return -1;
        if (out)
            *out = p.readAllStandardOutput();
        if (err)
            *err = p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(QStringLiteral(BYTEWAVE_CLI_PATH)), BYTEWAVE_CLI_PATH);
        if (ffmpegPath().isEmpty())
            QSKIP("the ffmpeg CLI is needed to generate test files");
        QVERIFY(writeAudio(path("clicks.flac"), clickTrack(120, 10.0), 1, kRate, {QStringLiteral("-c:a"), QStringLiteral("flac")}));
        QFile bad(path("broken.mp3"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(QByteArray("not audio at all\n").repeated(40));
        bad.close();
        m_db = path("library.db");
    }

    // A loose file needs no library, and asking about it creates none.
    void featuresOfAFile()
    {
        QByteArray out;
        QCOMPARE(runCli({QStringLiteral("features"), path("clicks.flac"), QStringLiteral("--db"), path("none.db"),
                         QStringLiteral("--json")},
                        &out),
                 0);
        QVERIFY(!QFile::exists(path("none.db")));
        const QJsonObject o = QJsonDocument::fromJson(out).object();
        QCOMPARE(o.value(QStringLiteral("source")).toString(), QStringLiteral("analysed now"));
        const QJsonObject f = o.value(QStringLiteral("features")).toObject();
        QVERIFY(std::abs(f.value(QStringLiteral("tempo_bpm")).toDouble() - 120.0) < 1.0);
        QCOMPARE(o.value(QStringLiteral("units")).toObject().value(QStringLiteral("loudness_lufs")).toString(),
                 QStringLiteral("LUFS"));
        QCOMPARE(o.value(QStringLiteral("similarity")).toObject().size(), 32);

        QCOMPARE(runCli({QStringLiteral("features"), path("clicks.flac"), QStringLiteral("--db"), path("none.db")}, &out), 0);
        QVERIFY(out.contains("tempo_bpm"));
        QVERIFY(out.contains("BPM"));
        QVERIFY(out.contains("Similarity vector"));
    }

    void featuresErrors_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("not audio") << "broken.mp3" << 65;
        QTest::newRow("no such file") << "missing.flac" << 66;
    }

    void featuresErrors()
    {
        QFETCH(QString, argument);
        QFETCH(int, exitCode);
        QByteArray err;
        QCOMPARE(runCli({QStringLiteral("features"), m_dir.filePath(argument), QStringLiteral("--db"), path("none.db")},
                        nullptr, &err),
                 exitCode);
        QVERIFY(!err.isEmpty());
    }

    void analyzeLibrary()
    {
        qint64 good = 0;
        {
            Database db;
            QVERIFY(db.open(m_db));
            good = addTrackRow(db, path("clicks.flac"));
            QVERIFY(good > 0);
            QVERIFY(addTrackRow(db, path("broken.mp3")) > 0);
        }
        QByteArray out;
        QByteArray err;
        QCOMPARE(runCli({QStringLiteral("analyze"), QStringLiteral("--db"), m_db, QStringLiteral("--jobs"), QStringLiteral("2"),
                         QStringLiteral("--json")},
                        &out, &err),
                 1); // one track failed
        // Not a terminal: progress lines, the last one (2 of 2) once.
        QCOMPARE(err.count("Analysing: 2/2"), 1);
        const QJsonObject o = QJsonDocument::fromJson(out).object();
        QCOMPARE(o.value(QStringLiteral("analysed")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("failed")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("failures")).toArray().size(), 1);

        // Nothing left: unchanged failures are not retried.
        QCOMPARE(runCli({QStringLiteral("analyze"), QStringLiteral("--db"), m_db}, &out), 0);
        QVERIFY2(out.contains("Nothing to analyse"), out.constData());

        // The stored analysis is what `features ID` prints.
        QCOMPARE(runCli({QStringLiteral("features"), QString::number(good), QStringLiteral("--db"), m_db, QStringLiteral("--json")}, &out), 0);
        QCOMPARE(QJsonDocument::fromJson(out).object().value(QStringLiteral("source")).toString(), QStringLiteral("database"));

        // `stats` counts current analyses; one made by an older extractor is waiting to be redone.
        const auto stats = [&] {
            runCli({QStringLiteral("stats"), QStringLiteral("--db"), m_db, QStringLiteral("--json")}, &out);
            return QJsonDocument::fromJson(out).object();
        };
        QCOMPARE(stats().value(QStringLiteral("analysed")).toInt(), 1);
        QCOMPARE(stats().value(QStringLiteral("analysis_failed")).toInt(), 1);
        {
            Database db;
            QVERIFY(db.open(m_db));
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(QStringLiteral("UPDATE analysis SET extractor_version = extractor_version - 1 WHERE error IS NULL")));
        }
        QCOMPARE(stats().value(QStringLiteral("analysed")).toInt(), 0);
        QCOMPARE(stats().value(QStringLiteral("analysis_failed")).toInt(), 1);
    }

    void badUsage()
    {
        QCOMPARE(runCli({QStringLiteral("analyze"), QStringLiteral("--jobs"), QStringLiteral("0"), QStringLiteral("--db"), m_db}), 64);
        QCOMPARE(runCli({QStringLiteral("features")}), 64);
    }
};

QTEST_GUILESS_MAIN(TestCliAnalysis)
#include "tst_cli_analysis.moc"
