// Runs the real bytewave-cli binary the way a user or a script does.

#include "synthtesthelpers.h"

#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList &arguments)
{
    QProcess p;
    p.start(QStringLiteral(BYTEWAVE_CLI_PATH), QStringList {QStringLiteral("make-demo-library")} + arguments);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class TestCmdMakeDemoLibrary : public QObject
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

    void help()
    {
        const Run r = runCli({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--tracks"));
        QVERIFY(r.out.contains("--seed"));
        QVERIFY(r.out.contains("--duration"));
        QVERIFY(r.out.contains("--formats"));
    }

    void badUsageIsRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no tracks") << QStringList {QStringLiteral("--tracks"), QStringLiteral("0")} << QByteArray("--tracks");
        QTest::newRow("too many tracks") << QStringList {QStringLiteral("--tracks"), QStringLiteral("99999")} << QByteArray("--tracks");
        QTest::newRow("too short") << QStringList {QStringLiteral("--duration"), QStringLiteral("1")} << QByteArray("--duration");
        QTest::newRow("not a number") << QStringList {QStringLiteral("--tracks"), QStringLiteral("many")} << QByteArray("--tracks");
        QTest::newRow("bad format") << QStringList {QStringLiteral("--formats"), QStringLiteral("mp3,wma")} << QByteArray("wma");
        QTest::newRow("seed too big") << QStringList {QStringLiteral("--seed"), QStringLiteral("18446744073709551615")} << QByteArray("--seed");
        QTest::newRow("too large without force")
            << QStringList {QStringLiteral("--tracks"), QStringLiteral("20000"), QStringLiteral("--duration"), QStringLiteral("600")}
            << QByteArray("--force");
    }

    void badUsageIsRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const QString dir = m_tmp.filePath(QStringLiteral("refused"));
        const Run r = runCli(QStringList {dir} + arguments);
        QCOMPARE(r.exitCode, 64);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QVERIFY(!QFileInfo::exists(dir)); // nothing written
    }

    void missingDirectoryArgument()
    {
        QCOMPARE(runCli({}).exitCode, 64);
    }

    void writesALibraryAndManifest()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("demo"));
        const Run r = runCli({dir, QStringLiteral("--tracks"), QStringLiteral("3"), QStringLiteral("--seed"),
                              QStringLiteral("42"), QStringLiteral("--duration"), QStringLiteral("2"),
                              QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(summary.value(QStringLiteral("tracks")).toInt(), 3);
        QVERIFY(summary.value(QStringLiteral("bytes")).toDouble() > 0);

        QFile file(QDir(dir).filePath(QStringLiteral("manifest.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray json = file.readAll();
        QVERIFY(json.contains("\n    ")); // pretty-printed, as the contract says
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        QCOMPARE(synthtest::checkManifestContract(root), QString());
        QCOMPARE(root.value(QStringLiteral("seed")).toInt(), 42);
        const QJsonArray tracks = root.value(QStringLiteral("tracks")).toArray();
        QCOMPARE(tracks.size(), 3);
        QStringList formats;
        for (const QJsonValue v : tracks) {
            const QJsonObject t = v.toObject();
            formats << t.value(QStringLiteral("format")).toString();
            const auto info = synthtest::decodeFile(QDir(dir).filePath(t.value(QStringLiteral("file")).toString()));
            QVERIFY2(info.ok, qPrintable(info.error));
            QCOMPARE(info.tags.value(QStringLiteral("title")), t.value(QStringLiteral("title")).toString());
        }
        formats.sort();
        QCOMPARE(formats, (QStringList {QStringLiteral("flac"), QStringLiteral("mp3"), QStringLiteral("ogg")}));

        // A second run into the same folder is refused (exit 73) unless --replace.
        const Run again = runCli({dir, QStringLiteral("--tracks"), QStringLiteral("1"), QStringLiteral("--duration"), QStringLiteral("2")});
        QCOMPARE(again.exitCode, 73);
        QVERIFY(again.err.contains("--replace"));
        const Run replaced = runCli({dir, QStringLiteral("--tracks"), QStringLiteral("1"), QStringLiteral("--duration"),
                                     QStringLiteral("2"), QStringLiteral("--replace"), QStringLiteral("--formats"), QStringLiteral("flac")});
        QVERIFY2(replaced.exitCode == 0, replaced.err.constData());
        QVERIFY(replaced.out.contains("Wrote 1 track"));
    }
};

QTEST_GUILESS_MAIN(TestCmdMakeDemoLibrary)
#include "tst_cmd_make_demo_library.moc"
