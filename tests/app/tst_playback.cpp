// Real playback: the app's player, with the app's queue source, plays generated MP3, FLAC and
// Ogg files through Qt Multimedia (GStreamer) to the PulseAudio null sink that scripts/test.sh
// starts. A natural end gives a "complete" signal and the next track starts by itself; a skip at
// 3 s gives a skip at about 3 s. Then one short file of each other common format the scanner
// accepts plays to its end, so a missing GStreamer plugin in the runtime packages shows here.
#include "app/databasethread.h"
#include "app/librarysnapshot.h"
#include "app/player.h"
#include "app/queuesource.h"
#include "core/database.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bytewave;

namespace {
bool pulseAudioAnswers()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pactl")).isEmpty())
        return false;
    QProcess pactl;
    pactl.start(QStringLiteral("pactl"), {QStringLiteral("info")});
    return pactl.waitForFinished(5000) && pactl.exitStatus() == QProcess::NormalExit && pactl.exitCode() == 0;
}
} // namespace

class TestPlayback : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void albumPlaysThroughThenSkipAtThreeSeconds();
    void pauseResumeAndSeek();
    void everyCommonFormatPlays_data();
    void everyCommonFormatPlays();

private:
    bool makeTone(const QString &path, double seconds, int frequency, const QStringList &codec);
    QTemporaryDir m_dir;
    QString m_dbPath;
};

bool TestPlayback::makeTone(const QString &path, double seconds, int frequency, const QStringList &codec)
{
    QProcess ffmpeg;
    QStringList args = {QStringLiteral("-nostdin"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                        QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("lavfi"),
                        QStringLiteral("-i"),
                        QStringLiteral("sine=frequency=%1:sample_rate=44100:duration=%2").arg(frequency).arg(seconds)};
    args << codec << path;
    ffmpeg.start(QStringLiteral("ffmpeg"), args);
    return ffmpeg.waitForFinished(30000) && ffmpeg.exitCode() == 0 && QFileInfo(path).size() > 0;
}

void TestPlayback::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
        QSKIP("ffmpeg is not installed (scripts/setup.sh --test installs it)");
    // scripts/test.sh (CI) starts a sound server and sets this: there, no audio is a failure.
    const bool audio = pulseAudioAnswers();
    if (!audio && qEnvironmentVariableIsSet("BYTEWAVE_REQUIRE_AUDIO"))
        QFAIL("No PulseAudio server answers, and BYTEWAVE_REQUIRE_AUDIO is set");
    if (!audio)
        QSKIP("No PulseAudio server answers (scripts/test.sh starts one with a null sink; "
              "run the test from there, or start pulseaudio yourself)");
    QVERIFY(m_dir.isValid());
    const QString mp3 = m_dir.filePath(QStringLiteral("1-first.mp3"));
    const QString flac = m_dir.filePath(QStringLiteral("2-second.flac"));
    const QString ogg = m_dir.filePath(QStringLiteral("3-third.ogg"));
    QVERIFY(makeTone(mp3, 2.5, 440, {QStringLiteral("-c:a"), QStringLiteral("libmp3lame"), QStringLiteral("-b:a"), QStringLiteral("128k")}));
    QVERIFY(makeTone(flac, 2.5, 550, {QStringLiteral("-c:a"), QStringLiteral("flac")}));
    QVERIFY(makeTone(ogg, 7.0, 660, {QStringLiteral("-c:a"), QStringLiteral("libvorbis")}));

    m_dbPath = m_dir.filePath(QStringLiteral("playback.db"));
    Database db;
    QVERIFY2(db.open(m_dbPath), qPrintable(db.errorString()));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int number = 0;
    for (const auto &[path, seconds] : {std::pair{mp3, 2.5}, std::pair{flac, 2.5}, std::pair{ogg, 7.0}}) {
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral(
            "INSERT INTO tracks (path, size, mtime_ms, title, artist, album, track_number, duration_ms, "
            "added_ms, updated_ms) VALUES (?, ?, ?, ?, 'Tones', 'Formats', ?, ?, ?, ?)"));
        q.addBindValue(path);
        q.addBindValue(QFileInfo(path).size());
        q.addBindValue(now);
        q.addBindValue(QFileInfo(path).suffix());
        q.addBindValue(++number);
        q.addBindValue(qint64(seconds * 1000));
        q.addBindValue(now);
        q.addBindValue(now);
        QVERIFY2(q.exec(), qPrintable(db.connection().lastError().text()));
    }
}

void TestPlayback::albumPlaysThroughThenSkipAtThreeSeconds()
{
    Database reader;
    QVERIFY(reader.open(m_dbPath));
    const LibrarySnapshotPtr snapshot = LibrarySnapshot::load(reader);
    QCOMPARE(snapshot->tracks.size(), 3);
    const AlbumInfo &album = snapshot->albums.constFirst();
    const qint64 mp3 = snapshot->tracks.at(album.tracks.at(0)).id;
    const qint64 flac = snapshot->tracks.at(album.tracks.at(1)).id;
    const qint64 ogg = snapshot->tracks.at(album.tracks.at(2)).id;

    // The app's own source (the taste engine when it is in the build).
    std::unique_ptr<QueueSource> source(createQueueSource(m_dbPath));
    DatabaseThread db(m_dbPath);
    Player player(source.get(), &db);
    player.setSnapshot(snapshot);
    player.setAlbumLookup([&](const QString &) { return QList<qint64>{mp3, flac, ogg}; });
    QSignalSpy committed(&player, &Player::signalCommitted);
    QSignalSpy notices(&player, &Player::notice);
    source->start();

    player.playAlbum(album.key, 0);
    QCOMPARE(player.trackId(), mp3);
    // MP3 then FLAC play to their natural end; the next starts by itself each time.
    QTRY_VERIFY_WITH_TIMEOUT(player.trackId() == ogg && player.playing(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() >= 3.0, 10000);
    player.skip();

    // Wait for the skip to be committed.
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(committed.cbegin(), committed.cend(),
                    [](const QList<QVariant> &args) { return args.at(1).value<SignalKind>() == SignalKind::Skip; }),
        5000);

    QSqlQuery q(reader.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT kind, track_id, position_s, duration_s FROM signals ORDER BY id")));
    QStringList log;
    double skipPosition = -1;
    double completeDuration = -1;
    while (q.next()) {
        const QString kind = q.value(0).toString();
        const qint64 track = q.value(1).toLongLong();
        log << kind + QLatin1Char(':') + (track == mp3 ? QStringLiteral("mp3") : track == flac ? QStringLiteral("flac") : QStringLiteral("ogg"));
        if (kind == QStringLiteral("skip"))
            skipPosition = q.value(2).toDouble();
        if (kind == QStringLiteral("complete") && track == mp3)
            completeDuration = q.value(3).toDouble();
    }
    const QStringList expected = {QStringLiteral("start:mp3"), QStringLiteral("complete:mp3"),
                                  QStringLiteral("start:flac"), QStringLiteral("complete:flac"),
                                  QStringLiteral("start:ogg"), QStringLiteral("skip:ogg")};
    QCOMPARE(log.mid(0, 6), expected);
    QVERIFY2(skipPosition >= 2.9 && skipPosition < 4.0, qPrintable(QString::number(skipPosition)));
    QVERIFY2(completeDuration > 2.0 && completeDuration < 3.0, qPrintable(QString::number(completeDuration)));
    for (const QList<QVariant> &n : std::as_const(notices))
        QVERIFY2(!n.at(0).toString().startsWith(QStringLiteral("Could not play")), qPrintable(n.at(0).toString()));
}

void TestPlayback::pauseResumeAndSeek()
{
    Database reader;
    QVERIFY(reader.open(m_dbPath));
    const LibrarySnapshotPtr snapshot = LibrarySnapshot::load(reader);
    const AlbumInfo &album = snapshot->albums.constFirst();
    const qint64 ogg = snapshot->tracks.at(album.tracks.at(2)).id; // the 7-second one

    std::unique_ptr<QueueSource> source(createQueueSource(m_dbPath));
    DatabaseThread db(m_dbPath);
    Player player(source.get(), &db);
    player.setSnapshot(snapshot);
    source->start();

    player.playTrack(ogg);
    QTRY_VERIFY_WITH_TIMEOUT(player.playing() && player.position() >= 1.0, 10000);
    player.pause();
    QTRY_VERIFY_WITH_TIMEOUT(!player.playing(), 5000);
    const double pausedAt = player.position();
    QTest::qWait(400); // paused: the position must not move meanwhile
    QVERIFY2(std::abs(player.position() - pausedAt) < 0.05,
             qPrintable(QStringLiteral("%1 -> %2").arg(pausedAt).arg(player.position())));

    player.play();
    QTRY_VERIFY_WITH_TIMEOUT(player.playing() && player.position() > pausedAt + 0.2, 5000);
    QCOMPARE(player.trackId(), ogg); // resumed, not restarted or skipped

    player.seek(5.0);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() >= 5.0, 5000);
    QCOMPARE(player.trackId(), ogg);
}

void TestPlayback::everyCommonFormatPlays_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("codec");
    const auto c = [](std::initializer_list<const char *> args) {
        QStringList list;
        for (const char *a : args)
            list << QString::fromLatin1(a);
        return list;
    };
    QTest::newRow("AAC in M4A") << QStringLiteral("aac.m4a") << c({"-c:a", "aac", "-b:a", "96k"});
    QTest::newRow("ALAC in M4A") << QStringLiteral("alac.m4a") << c({"-c:a", "alac"});
    QTest::newRow("Opus") << QStringLiteral("tone.opus") << c({"-c:a", "libopus", "-b:a", "64k"});
    QTest::newRow("WAV") << QStringLiteral("tone.wav") << c({"-c:a", "pcm_s16le"});
    QTest::newRow("AIFF") << QStringLiteral("tone.aiff") << c({"-c:a", "pcm_s16be"});
    QTest::newRow("WavPack") << QStringLiteral("tone.wv") << c({"-c:a", "wavpack"});
    QTest::newRow("WMA") << QStringLiteral("tone.wma") << c({"-c:a", "wmav2", "-b:a", "96k"});
    QTest::newRow("MP2") << QStringLiteral("tone.mp2") << c({"-c:a", "mp2", "-b:a", "128k"});
    QTest::newRow("Speex") << QStringLiteral("tone.spx") << c({"-c:a", "libspeex", "-ar", "16000"});
    QTest::newRow("TTA") << QStringLiteral("tone.tta") << c({"-c:a", "tta"});
}

void TestPlayback::everyCommonFormatPlays()
{
    QFETCH(QString, file);
    QFETCH(QStringList, codec);
    QTemporaryDir dir;
    const QString path = dir.filePath(file);
    QVERIFY2(makeTone(path, 1.5, 523, codec), "ffmpeg could not write the test file");

    const QString dbPath = dir.filePath(QStringLiteral("format.db"));
    {
        Database db;
        QVERIFY2(db.open(dbPath), qPrintable(db.errorString()));
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("INSERT INTO tracks (path, size, mtime_ms, title, artist, album, duration_ms, "
                                 "added_ms, updated_ms) VALUES (?, ?, 0, ?, 'Tones', 'Formats', 1500, 0, 0)"));
        q.addBindValue(path);
        q.addBindValue(QFileInfo(path).size());
        q.addBindValue(file);
        QVERIFY2(q.exec(), qPrintable(db.connection().lastError().text()));
    }
    Database reader;
    QVERIFY(reader.open(dbPath));
    const LibrarySnapshotPtr snapshot = LibrarySnapshot::load(reader);
    QCOMPARE(snapshot->tracks.size(), 1);
    const qint64 id = snapshot->tracks.constFirst().id;

    std::unique_ptr<QueueSource> source(createQueueSource(dbPath));
    DatabaseThread db(dbPath);
    Player player(source.get(), &db);
    player.setSnapshot(snapshot);
    QSignalSpy committed(&player, &Player::signalCommitted);
    QSignalSpy notices(&player, &Player::notice);
    source->start();

    player.playTrack(id);
    // Played to its natural end: a listen-through, and never "Could not play".
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(committed.cbegin(), committed.cend(),
                    [id](const QList<QVariant> &args) {
                        return args.at(1).value<SignalKind>() == SignalKind::Complete && args.at(2).toLongLong() == id;
                    }),
        15000);
    for (const QList<QVariant> &n : std::as_const(notices))
        QVERIFY2(!n.at(0).toString().startsWith(QStringLiteral("Could not play")), qPrintable(n.at(0).toString()));
}

QTEST_GUILESS_MAIN(TestPlayback)
#include "tst_playback.moc"
