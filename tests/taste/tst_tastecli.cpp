// The taste commands of the real bytewave-cli binary, and its engine line protocol.

#include "core/database.h"
#include "core/settingsstore.h"
#include "core/taste/tasteparams.h"

#include "tastefixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bytewave;

class TestTasteCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString makeDatabase()
    {
        const QString path = m_dir.filePath(QStringLiteral("cli%1.db").arg(++m_counter));
        Database db;
        if (!db.open(path) || !fixtures::writeLibrary(db, fixtures::clusteredLibrary(3, 8)))
            return {};
        return path;
    }

    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    static Result cli(const QStringList &args, const QByteArray &input = {})
    {
        QProcess p;
        p.start(QStringLiteral(BYTEWAVE_CLI_PATH), args);
        if (!p.waitForStarted(10000))
            return {};
        if (!input.isEmpty())
            p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(30000)) {
            p.kill();
            return {};
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }

    // Runs an engine session; returns one parsed object per answer line (and checks that every
    // line is exactly one JSON object).
    static QList<QJsonObject> engine(const QString &db, const QByteArrayList &lines, bool *ok)
    {
        const Result r = cli({QStringLiteral("engine"), QStringLiteral("--db"), db}, lines.join('\n') + '\n');
        QList<QJsonObject> answers;
        *ok = r.exitCode == 0;
        const QByteArrayList outLines = r.out.split('\n');
        for (const QByteArray &line : outLines) {
            if (line.isEmpty())
                continue;
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            if (!doc.isObject())
                *ok = false;
            answers << doc.object();
        }
        return answers;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void engineSession()
    {
        const QString db = makeDatabase();
        bool ok = false;
        const QList<QJsonObject> a = engine(db, {
            R"({"op":"stats"})",
            R"({"op":"clock","now":"2027-03-01T12:00:00Z"})",
            R"({"op":"next"})",
            R"({"op":"signal","track":5,"kind":"skip","position_s":12.5})",
            R"({"op":"signal","track":9,"kind":"like"})",
            R"({"op":"queue","n":4})",
            R"({"op":"set","adventurousness":0.7})",
            R"({"op":"stats"})",
        }, &ok);
        QVERIFY(ok);
        QCOMPARE(a.size(), 8);
        for (const QJsonObject &o : a)
            QVERIFY2(o.value(QStringLiteral("ok")).toBool(), QJsonDocument(o).toJson().constData());
        QCOMPARE(a[0].value(QStringLiteral("tracks")).toInt(), 24);
        QCOMPARE(a[0].value(QStringLiteral("analysed")).toInt(), 24);
        QCOMPARE(a[0].value(QStringLiteral("signals")).toInt(), 0);
        const QJsonObject track = a[2].value(QStringLiteral("track")).toObject();
        QVERIFY(track.value(QStringLiteral("id")).toInt() > 0);
        QVERIFY(track.value(QStringLiteral("path")).toString().startsWith(QStringLiteral("/music/")));
        QVERIFY(!track.value(QStringLiteral("title")).toString().isEmpty());
        QVERIFY(!track.value(QStringLiteral("artist")).toString().isEmpty());
        QCOMPARE(track.value(QStringLiteral("duration_s")).toDouble(), 200.0);
        QVERIFY(!track.value(QStringLiteral("reason")).toString().isEmpty());
        const QJsonArray queue = a[5].value(QStringLiteral("tracks")).toArray();
        QCOMPARE(queue.size(), 4);
        QVERIFY(queue.first().toObject().contains(QStringLiteral("reason")));
        QCOMPARE(a[7].value(QStringLiteral("signals")).toInt(), 3); // start, skip, like
        QCOMPARE(a[7].value(QStringLiteral("adventurousness")).toDouble(), 0.7);

        // "next" counted as started, and every signal carries the engine's clock.
        const qint64 clockMs = 1803902400000; // 2027-03-01T12:00:00Z
        QCOMPARE(fixtures::scalar(db, QStringLiteral("SELECT count(*) FROM signals WHERE kind = 'start' AND track_id = %1")
                                .arg(track.value(QStringLiteral("id")).toInt())), qint64(1));
        QCOMPARE(fixtures::scalar(db, QStringLiteral("SELECT count(*) FROM signals WHERE at_ms = %1").arg(clockMs)), qint64(3));
        QCOMPARE(fixtures::scalar(db, QStringLiteral("SELECT CAST(position_s * 10 AS INTEGER) FROM signals WHERE kind = 'skip'")), qint64(125));
        Database check;
        QVERIFY(check.open(db));
        QCOMPARE(SettingsStore(check).number(adventurousnessKey(), 0), 0.7);
    }

    // A script drives the engine one line at a time, waiting for each answer before it writes
    // the next: every answer must be flushed as soon as its line is read.
    void engineAnswersEachLineAtOnce()
    {
        const QString db = makeDatabase();
        QProcess p;
        p.start(QStringLiteral(BYTEWAVE_CLI_PATH), {QStringLiteral("engine"), QStringLiteral("--db"), db});
        QVERIFY(p.waitForStarted(10000));
        const auto ask = [&p](const QByteArray &line) {
            p.write(line + '\n');
            QJsonObject answer;
            for (int waited = 0; waited < 100 && !p.canReadLine(); ++waited)
                p.waitForReadyRead(100);
            if (p.canReadLine())
                answer = QJsonDocument::fromJson(p.readLine()).object();
            return answer;
        };
        const QJsonObject next = ask(R"({"op":"next"})");
        QVERIFY2(next.value(QStringLiteral("ok")).toBool(), QJsonDocument(next).toJson().constData());
        const int playing = next.value(QStringLiteral("track")).toObject().value(QStringLiteral("id")).toInt();
        QVERIFY(playing > 0);
        for (const char *kind : {"complete", "replay", "like", "skip", "dislike"}) {
            const QJsonObject a = ask(QStringLiteral(R"({"op":"signal","track":%1,"kind":"%2","position_s":20})")
                                          .arg(playing)
                                          .arg(QLatin1String(kind))
                                          .toUtf8());
            QVERIFY2(a.value(QStringLiteral("ok")).toBool(), kind);
        }
        const QJsonObject stats = ask(R"({"op":"stats"})");
        QCOMPARE(stats.value(QStringLiteral("signals")).toInt(), 6); // the start and five reactions
        // The disliked track is out of the queue at once.
        const QJsonObject queue = ask(R"({"op":"queue","n":20})");
        QCOMPARE(queue.value(QStringLiteral("tracks")).toArray().size(), 20);
        for (const QJsonValue &v : queue.value(QStringLiteral("tracks")).toArray())
            QVERIFY(v.toObject().value(QStringLiteral("id")).toInt() != playing);
        const QJsonObject unknown = ask(R"({"op":"why","track":999})");
        QCOMPARE(unknown.value(QStringLiteral("ok")).toBool(true), false);
        QVERIFY(!unknown.value(QStringLiteral("error")).toString().isEmpty());
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        for (const char *kind : {"start", "complete", "replay", "like", "skip", "dislike"})
            QCOMPARE(fixtures::scalar(db, QStringLiteral("SELECT count(*) FROM signals WHERE kind = '%1' AND track_id = %2")
                                              .arg(QLatin1String(kind))
                                              .arg(playing)),
                     qint64(1));
    }

    void engineRejectsAndGoesOn_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("error");
        QTest::newRow("not JSON") << QByteArray("hello") << "malformed JSON";
        QTest::newRow("truncated") << QByteArray(R"({"op":"next")") << "malformed JSON";
        QTest::newRow("an array") << QByteArray(R"([1,2])") << "one JSON object";
        QTest::newRow("empty line") << QByteArray("") << "empty line";
        QTest::newRow("no op") << QByteArray(R"({"track":1})") << "missing \"op\"";
        QTest::newRow("unknown op") << QByteArray(R"({"op":"dance"})") << "unknown op";
        QTest::newRow("unknown track") << QByteArray(R"({"op":"signal","track":999,"kind":"like"})") << "unknown track 999";
        QTest::newRow("track as text") << QByteArray(R"({"op":"signal","track":"5","kind":"like"})") << "positive integer";
        QTest::newRow("fractional track") << QByteArray(R"({"op":"signal","track":5.5,"kind":"like"})") << "positive integer";
        QTest::newRow("unknown kind") << QByteArray(R"({"op":"signal","track":5,"kind":"love"})") << "\"kind\"";
        QTest::newRow("reset is not a protocol signal") << QByteArray(R"({"op":"signal","track":5,"kind":"reset"})") << "\"kind\"";
        QTest::newRow("negative position") << QByteArray(R"({"op":"signal","track":5,"kind":"skip","position_s":-2})") << "position_s";
        QTest::newRow("adventurousness out of range") << QByteArray(R"({"op":"set","adventurousness":1.5})") << "from 0 to 1";
        QTest::newRow("unknown setting") << QByteArray(R"({"op":"set","volume":3})") << "adventurousness";
        QTest::newRow("bad clock") << QByteArray(R"({"op":"clock","now":"yesterday"})") << "ISO 8601";
        QTest::newRow("queue size zero") << QByteArray(R"({"op":"queue","n":0})") << "\"n\"";
        QTest::newRow("undo with nothing to undo") << QByteArray(R"({"op":"undo"})") << "nothing to undo";
    }

    void engineRejectsAndGoesOn()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, error);
        const QString db = makeDatabase();
        bool ok = false;
        const QList<QJsonObject> a = engine(db, {line, R"({"op":"stats"})"}, &ok);
        QVERIFY(ok);
        QCOMPARE(a.size(), 2); // exactly one answer per line, the bad one too
        QCOMPARE(a[0].value(QStringLiteral("ok")).toBool(true), false);
        QVERIFY2(a[0].value(QStringLiteral("error")).toString().contains(error),
                 qPrintable(a[0].value(QStringLiteral("error")).toString()));
        QCOMPARE(a[1].value(QStringLiteral("ok")).toBool(), true); // the session went on
        QCOMPARE(a[1].value(QStringLiteral("signals")).toInt(), 0); // and nothing was recorded
    }

    void engineWithoutTracks()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty.db"));
        {
            Database db;
            QVERIFY(db.open(path));
        }
        bool ok = false;
        const QList<QJsonObject> a = engine(path, {R"({"op":"next"})", R"({"op":"queue"})"}, &ok);
        QVERIFY(ok);
        QCOMPARE(a.size(), 2);
        QVERIFY(a[0].value(QStringLiteral("error")).toString().contains(QStringLiteral("no playable tracks")));
        QCOMPARE(a[1].value(QStringLiteral("tracks")).toArray().size(), 0);
    }

    void queueCommand()
    {
        const QString db = makeDatabase();
        const Result r = cli({QStringLiteral("queue"), QStringLiteral("--db"), db, QStringLiteral("-n"),
                              QStringLiteral("5"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray tracks = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("tracks")).toArray();
        QCOMPARE(tracks.size(), 5);
        QCOMPARE(tracks.first().toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("Exploring: new to you"));
        QCOMPARE(cli({QStringLiteral("queue"), QStringLiteral("--db"), db, QStringLiteral("-n"), QStringLiteral("x")}).exitCode, 64);
        const Result text = cli({QStringLiteral("queue"), QStringLiteral("--db"), db});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("Exploring: new to you"));
    }

    void signalCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<qint64>("rows");
        QTest::newRow("like") << QStringList{QStringLiteral("like"), QStringLiteral("3")} << 0 << qint64(1);
        QTest::newRow("skip with position and time")
            << QStringList{QStringLiteral("skip"), QStringLiteral("3"), QStringLiteral("--position"), QStringLiteral("12"),
                           QStringLiteral("--at"), QStringLiteral("2027-01-02T10:00:00Z")}
            << 0 << qint64(1);
        QTest::newRow("unknown track") << QStringList{QStringLiteral("like"), QStringLiteral("77")} << 65 << qint64(0);
        QTest::newRow("unknown kind") << QStringList{QStringLiteral("adore"), QStringLiteral("3")} << 64 << qint64(0);
        QTest::newRow("missing track") << QStringList{QStringLiteral("like")} << 64 << qint64(0);
        QTest::newRow("bad time") << QStringList{QStringLiteral("like"), QStringLiteral("3"), QStringLiteral("--at"), QStringLiteral("soon")} << 64 << qint64(0);
        QTest::newRow("bad position") << QStringList{QStringLiteral("skip"), QStringLiteral("3"), QStringLiteral("--position"), QStringLiteral("-4")} << 64 << qint64(0);
        QTest::newRow("undo with nothing to undo") << QStringList{QStringLiteral("undo")} << 1 << qint64(0);
        QTest::newRow("reset") << QStringList{QStringLiteral("reset")} << 0 << qint64(1);
    }

    void signalCommand()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(qint64, rows);
        const QString db = makeDatabase();
        const Result r = cli(QStringList{QStringLiteral("signal"), QStringLiteral("--db"), db} + args);
        QVERIFY2(r.exitCode == exitCode, r.err.constData());
        QCOMPARE(fixtures::scalar(db, QStringLiteral("SELECT count(*) FROM signals")), rows);
        if (args.contains(QStringLiteral("--at")) && exitCode == 0)
            QCOMPARE(fixtures::scalar(db, QStringLiteral("SELECT at_ms FROM signals")), qint64(1798884000000));
        if (args.contains(QStringLiteral("--position")) && exitCode == 0)
            QCOMPARE(fixtures::scalar(db, QStringLiteral("SELECT CAST(position_s AS INTEGER) FROM signals")), qint64(12));
    }

    void whyTasteAndRebuild()
    {
        const QString db = makeDatabase();
        QCOMPARE(cli({QStringLiteral("signal"), QStringLiteral("--db"), db, QStringLiteral("like"), QStringLiteral("2")}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("signal"), QStringLiteral("--db"), db, QStringLiteral("complete"), QStringLiteral("4"),
                      QStringLiteral("--position"), QStringLiteral("200")}).exitCode, 0);

        const Result why = cli({QStringLiteral("why"), QStringLiteral("--db"), db, QStringLiteral("3"), QStringLiteral("--json")});
        QCOMPARE(why.exitCode, 0);
        const QJsonObject x = QJsonDocument::fromJson(why.out).object();
        QCOMPARE(x.value(QStringLiteral("id")).toInt(), 3);
        QVERIFY(x.value(QStringLiteral("neighbour_prior")).toDouble() > 0.5);
        QVERIFY(!x.value(QStringLiteral("contributions")).toArray().isEmpty());
        for (const char *key : {"profile_reward", "profile_share", "profile_base", "tiredness"}) {
            const double v = x.value(QLatin1String(key)).toDouble(-1);
            QVERIFY2(v >= 0 && v <= 1, key); // probabilities and rewards, present for every track
        }
        QCOMPARE(cli({QStringLiteral("why"), QStringLiteral("--db"), db, QStringLiteral("3")}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("why"), QStringLiteral("--db"), db, QStringLiteral("999")}).exitCode, 65);

        // A disliked track is learned but is not one of the owner's top tracks.
        QCOMPARE(cli({QStringLiteral("signal"), QStringLiteral("--db"), db, QStringLiteral("dislike"), QStringLiteral("5")}).exitCode, 0);
        const Result taste = cli({QStringLiteral("taste"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QCOMPARE(taste.exitCode, 0);
        const QJsonObject t = QJsonDocument::fromJson(taste.out).object();
        const QJsonArray top = t.value(QStringLiteral("top_tracks")).toArray();
        QCOMPARE(top.first().toObject().value(QStringLiteral("id")).toInt(), 2);
        for (const QJsonValue &v : top)
            QVERIFY(v.toObject().value(QStringLiteral("id")).toInt() != 5);
        QCOMPARE(t.value(QStringLiteral("recent_signals")).toArray().size(), 3);
        QCOMPARE(t.value(QStringLiteral("signals")).toInt(), 3);
        QCOMPARE(cli({QStringLiteral("taste"), QStringLiteral("--db"), db}).exitCode, 0);

        const Result rebuild = cli({QStringLiteral("rebuild-taste"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QCOMPARE(rebuild.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(rebuild.out).object().value(QStringLiteral("ok")).toBool(), true);
    }

    // rebuild-taste compares the state built signal by signal with a rebuild from the whole log,
    // here after a few weeks of listening with undos and a change of mind.
    void rebuildTasteAfterWeeksOfListening()
    {
        const QString db = makeDatabase();
        QByteArrayList lines;
        for (int day = 0; day < 30; ++day) {
            lines << QStringLiteral(R"({"op":"clock","now":"2027-03-%1T20:00:00Z"})").arg(day % 28 + 1, 2, 10, QLatin1Char('0')).toUtf8();
            lines << R"({"op":"next"})";
            const int track = 1 + (day * 7) % 24;
            const char *kind = day % 5 == 0 ? "skip" : day % 3 == 0 ? "like" : day % 7 == 0 ? "dislike" : "complete";
            lines << QStringLiteral(R"({"op":"signal","track":%1,"kind":"%2","position_s":%3})")
                         .arg(track)
                         .arg(QLatin1String(kind))
                         .arg(day % 5 == 0 ? 4 : 200)
                         .toUtf8();
            if (day % 9 == 4)
                lines << R"({"op":"undo"})";
        }
        bool ok = false;
        const QList<QJsonObject> answers = engine(db, lines, &ok);
        QVERIFY(ok);
        QCOMPARE(answers.size(), lines.size());
        const Result rebuild = cli({QStringLiteral("rebuild-taste"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QCOMPARE(rebuild.exitCode, 0);
        const QJsonObject r = QJsonDocument::fromJson(rebuild.out).object();
        QCOMPARE(r.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(r.value(QStringLiteral("signals")).toInt(),
                 int(fixtures::scalar(db, QStringLiteral("SELECT count(*) FROM signals"))));
    }
};

QTEST_GUILESS_MAIN(TestTasteCli)
#include "tst_tastecli.moc"
