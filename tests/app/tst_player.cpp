// The player's signal logic with a fake queue source: what each tap records, and that the UI
// shows a signal done only once it is committed. Tracks are short WAV tones, loaded paused, so
// no sound device is needed.
#include "app/databasethread.h"
#include "app/librarysnapshot.h"
#include "app/player.h"
#include "core/database.h"
#include "core/settingsstore.h"
#include "fakequeuesource.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bytewave;
using test::FakeQueueSource;

class TestPlayer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void likeIsPendingUntilCommitted();
    void likeFailureClearsPending();
    void dislikeMovesOnAfterCommit();
    void queueGesturesRecordSignals();
    void playingAgainIsAReplay();
    void playAlbumQueuesItsTracksFirst();
    void upNextSkipsTheCurrentTrackAndDuplicates();
    void analysisIsShown();
    void normalisationGain_data();
    void normalisationGain();
    void undoRevertsTheLastSignal();
    void unplayableFileIsSkippedWithANoticeAndMarked();
    void trackAndPositionSurviveARestart();
    void manyFailuresInARowStopWithAReason();

private:
    TrackInfo makeTrack(qint64 id, const QString &album, int number);
    QTemporaryDir m_dir;
    LibrarySnapshotPtr m_snapshot;
    FakeQueueSource *m_source = nullptr;
    DatabaseThread *m_db = nullptr;
    Player *m_player = nullptr;
};

TrackInfo TestPlayer::makeTrack(qint64 id, const QString &album, int number)
{
    TrackInfo t;
    t.id = id;
    t.path = m_dir.filePath(QStringLiteral("t%1.wav").arg(id));
    t.title = QStringLiteral("Track %1").arg(id);
    t.artist = QStringLiteral("Artist");
    t.album = album;
    t.trackNumber = number;
    t.durationS = 20;
    return t;
}

void TestPlayer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // 20 s of silence as a WAV: loads anywhere, and never ends by itself during a test (with a
    // sound server present the tracks really play).
    constexpr quint32 kBytes = 8000 * 2 * 20;
    QByteArray wav("RIFF");
    auto u32 = [&wav](quint32 v) { for (int i = 0; i < 4; ++i) wav.append(char((v >> (8 * i)) & 0xff)); };
    auto u16 = [&wav](quint16 v) { wav.append(char(v & 0xff)); wav.append(char(v >> 8)); };
    u32(36 + kBytes);
    wav.append("WAVEfmt ");
    u32(16); u16(1); u16(1); u32(8000); u32(16000); u16(2); u16(16);
    wav.append("data");
    u32(kBytes);
    wav.append(QByteArray(kBytes, '\0'));
    QList<TrackInfo> tracks;
    for (int i = 1; i <= 6; ++i) {
        tracks << makeTrack(i, i <= 3 ? QStringLiteral("First") : QStringLiteral("Second"), (i - 1) % 3 + 1);
        QFile f(tracks.last().path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(wav);
    }
    tracks[4].plays = 3; // heard before
    tracks[0].loudnessLufs = -8;
    m_snapshot = LibrarySnapshot::build(tracks);
}

void TestPlayer::init()
{
    m_source = new FakeQueueSource;
    m_db = new DatabaseThread(m_dir.filePath(QStringLiteral("player.db")));
    m_player = new Player(m_source, m_db);
    m_player->setSnapshot(m_snapshot);
    m_player->setAlbumLookup([this](const QString &key) {
        QList<qint64> ids;
        if (const AlbumInfo *a = m_snapshot->album(key))
            for (int i : a->tracks)
                ids << m_snapshot->tracks.at(i).id;
        return ids;
    });
    emit m_source->queueChanged({{2, 0.9, QStringLiteral("Because you liked Track 1")},
                                 {3, 0.8, QStringLiteral("Exploring")},
                                 {4, 0.7, QStringLiteral("Not heard for 4 months")}});
    m_player->restore(1, 0);
    QCOMPARE(m_player->trackId(), qint64(1));
}

void TestPlayer::cleanup()
{
    delete m_player;
    delete m_db;
    delete m_source;
}

void TestPlayer::likeIsPendingUntilCommitted()
{
    QSignalSpy feedback(m_player, &Player::feedbackChanged);
    m_player->like();
    QVERIFY(m_player->likePending());
    QVERIFY(!m_player->liked());
    QCOMPARE(m_source->pending.size(), 1);
    QCOMPARE(m_source->pending.at(0).kind, SignalKind::Like);
    QCOMPARE(m_source->pending.at(0).trackId, qint64(1));
    m_player->like(); // a second tap while pending records nothing more
    QCOMPARE(m_source->pending.size(), 1);

    QSignalSpy notice(m_player, &Player::notice);
    m_source->commitAll();
    QVERIFY(m_player->liked());
    QVERIFY(!m_player->likePending());
    QCOMPARE(notice.count(), 1);
    QVERIFY(notice.at(0).at(1).toBool()); // undoable
    QVERIFY(feedback.count() >= 2);
}

void TestPlayer::likeFailureClearsPending()
{
    m_player->like();
    QSignalSpy notice(m_player, &Player::notice);
    emit m_source->signalFailed(QStringLiteral("disk full"));
    QVERIFY(!m_player->likePending());
    QVERIFY(!m_player->liked());
    QCOMPARE(notice.count(), 1);
    QCOMPARE(notice.at(0).at(0).toString(), QStringLiteral("disk full"));
}

void TestPlayer::dislikeMovesOnAfterCommit()
{
    m_player->dislike();
    QCOMPARE(m_player->trackId(), qint64(1)); // still here until the log has it
    m_source->commitAll();
    QCOMPARE(m_source->committed.at(0).kind, SignalKind::Dislike);
    QCOMPARE(m_player->trackId(), qint64(2));
    QCOMPARE(m_player->reason(), QStringLiteral("Because you liked Track 1"));
    // No skip is added for the disliked play.
    QVERIFY(!m_source->kinds(m_source->pending).contains(SignalKind::Skip));
}

void TestPlayer::queueGesturesRecordSignals()
{
    QSignalSpy upNext(m_player, &Player::upNextChanged);
    m_player->skipQueued(3);
    QCOMPARE(m_source->pending.size(), 1);
    QCOMPARE(m_source->pending.at(0).kind, SignalKind::Skip);
    QCOMPARE(m_source->pending.at(0).trackId, qint64(3));
    QCOMPARE(m_source->pending.at(0).positionS, 0.0);
    QVERIFY(upNext.count() >= 1);
    for (const QueueEntry &e : m_player->upNext())
        QVERIFY(e.trackId != 3);

    m_player->likeQueued(4);
    QCOMPARE(m_source->pending.at(1).kind, SignalKind::Like);
    m_player->neverPlay(2);
    QCOMPARE(m_source->pending.at(2).kind, SignalKind::Dislike);
    QCOMPARE(m_source->pending.at(2).trackId, qint64(2));
    m_player->playNext(5);
    QCOMPARE(m_source->pinned, QList<qint64>{5});
    QCOMPARE(m_player->upNext().constFirst().trackId, qint64(5));
}

void TestPlayer::playingAgainIsAReplay()
{
    m_player->playTrack(5); // heard before (plays = 3)
    QCOMPARE(m_player->trackId(), qint64(5));
    const QList<SignalKind> kinds = m_source->kinds(m_source->pending);
    QCOMPARE(kinds.value(0), SignalKind::Replay); // then "start" once it plays, if it can
    QVERIFY(!kinds.contains(SignalKind::Skip));   // the restored track never started
    m_source->pending.clear();
    m_player->playTrack(6); // never heard
    QVERIFY(!m_source->kinds(m_source->pending).contains(SignalKind::Replay));
    m_source->pending.clear();
    m_player->playTrack(1); // heard in this session
    QVERIFY(m_source->kinds(m_source->pending).contains(SignalKind::Replay));
    m_source->pending.clear();
    m_player->playTrack(1); // the same track again: a replay, never a skip of itself
    const QList<SignalKind> again = m_source->kinds(m_source->pending);
    QVERIFY(again.contains(SignalKind::Replay));
    QVERIFY(!again.contains(SignalKind::Skip));
}

void TestPlayer::playAlbumQueuesItsTracksFirst()
{
    const TrackInfo *fourth = m_snapshot->track(4);
    QVERIFY(fourth);
    const QString key = fourth->albumKey;
    m_player->playAlbum(key, 0);
    QCOMPARE(m_player->trackId(), qint64(4));
    const RankedQueue next = m_player->upNext();
    QCOMPARE(next.at(0).trackId, qint64(5));
    QCOMPARE(next.at(1).trackId, qint64(6));
    QCOMPARE(next.at(2).trackId, qint64(2)); // then the ranking
    QVERIFY(next.at(0).reason.contains(QStringLiteral("Second")));
}

void TestPlayer::upNextSkipsTheCurrentTrackAndDuplicates()
{
    emit m_source->queueChanged({{1, 1, {}}, {2, 1, {}}, {2, 1, {}}, {99, 1, {}}, {3, 1, {}}});
    QList<qint64> ids;
    for (const QueueEntry &e : m_player->upNext())
        ids << e.trackId;
    QCOMPARE(ids, (QList<qint64>{2, 3})); // current (1), duplicate and unknown (99) left out
}

// Tempo, key and energy of the current track, and of a track whose analysis arrives while it
// plays (a new snapshot); unknown values read 0, "" and -1.
void TestPlayer::analysisIsShown()
{
    QList<TrackInfo> tracks = m_snapshot->tracks;
    TrackInfo t = makeTrack(8, QStringLiteral("Third"), 1);
    t.path = tracks.first().path; // any playable file
    tracks << t;
    m_player->setSnapshot(LibrarySnapshot::build(tracks));
    m_player->restore(8, 0);
    QCOMPARE(m_player->trackId(), qint64(8));
    QCOMPARE(m_player->tempoBpm(), 0.0);
    QCOMPARE(m_player->keyName(), QString());
    QCOMPARE(m_player->energy(), -1.0);

    QSignalSpy changed(m_player, &Player::analysisChanged);
    tracks.last().tempoBpm = 123.6;
    tracks.last().key = 9;
    tracks.last().mode = 1;
    tracks.last().energy = 0.8;
    m_player->setSnapshot(LibrarySnapshot::build(tracks));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_player->trackId(), qint64(8)); // still the same play
    QCOMPARE(m_player->tempoBpm(), 123.6);
    QCOMPARE(m_player->keyName(), QStringLiteral("A minor"));
    QCOMPARE(m_player->energy(), 0.8);

    m_player->setSnapshot(LibrarySnapshot::build(tracks)); // nothing new: no signal
    QCOMPARE(changed.count(), 1);
}

void TestPlayer::normalisationGain_data()
{
    const double none = std::nan("");
    QTest::addColumn<bool>("on");
    QTest::addColumn<double>("loudnessLufs");
    QTest::addColumn<double>("replayGainDb");
    QTest::addColumn<double>("expected");
    QTest::newRow("analysed loud master attenuated to -18 LUFS") << true << -8.0 << none << -10.0;
    QTest::newRow("analysis wins over the tag") << true << -12.0 << -3.0 << -6.0;
    QTest::newRow("no analysis yet: ReplayGain tag") << true << none << -7.5 << -7.5;
    QTest::newRow("neither: unity") << true << none << none << 0.0;
    QTest::newRow("quiet track: no boost above unity") << true << -24.0 << none << 0.0;
    QTest::newRow("broken analysis: cut at most 20 dB") << true << 30.0 << none << -20.0;
    QTest::newRow("off") << false << -8.0 << -3.0 << 0.0;
}

void TestPlayer::normalisationGain()
{
    QFETCH(bool, on);
    QFETCH(double, loudnessLufs);
    QFETCH(double, replayGainDb);
    QFETCH(double, expected);
    QList<TrackInfo> tracks = m_snapshot->tracks;
    TrackInfo t = makeTrack(7, QStringLiteral("Third"), 1);
    t.path = tracks.first().path; // any playable file
    t.loudnessLufs = loudnessLufs;
    t.replayGainDb = replayGainDb;
    tracks << t;
    m_player->setSnapshot(LibrarySnapshot::build(tracks));
    m_player->setNormalise(on);
    m_player->restore(7, 0);
    QCOMPARE(m_player->trackId(), qint64(7));
    QCOMPARE(m_player->gainDb(), expected);
}

void TestPlayer::undoRevertsTheLastSignal()
{
    m_player->like();
    m_source->commitAll();
    QVERIFY(m_player->liked());
    m_player->undo();
    QCOMPARE(m_source->undos, 1);
    QVERIFY(m_player->liked()); // shown undone only once the undo row is committed
    QSignalSpy notice(m_player, &Player::notice);
    emit m_source->signalRecorded(100, SignalKind::Undo, 1);
    QVERIFY(!m_player->liked());
    QCOMPARE(notice.count(), 1);
    QCOMPARE(notice.at(0).at(0).toString(), QStringLiteral("Undone"));
    m_player->like(); // can be liked again
    QVERIFY(m_player->likePending());
}

void TestPlayer::unplayableFileIsSkippedWithANoticeAndMarked()
{
    const QString dbPath = m_dir.filePath(QStringLiteral("player.db"));
    const QString gone = m_dir.filePath(QStringLiteral("deleted-since-the-scan.flac"));
    {
        Database db;
        QVERIFY(db.open(dbPath));
        QSqlQuery &q = db.query(QStringLiteral(
            "INSERT OR REPLACE INTO tracks (id, path, size, mtime_ms, title, artist, added_ms, updated_ms) "
            "VALUES (7, ?, 1, 1, 'Gone', 'Artist', 1, 1)"));
        q.addBindValue(gone);
        QVERIFY(q.exec());
    }
    QList<TrackInfo> tracks = m_snapshot->tracks;
    TrackInfo t = makeTrack(7, QStringLiteral("Third"), 1);
    t.path = gone;
    t.title = QStringLiteral("Gone");
    tracks << t;
    m_player->setSnapshot(LibrarySnapshot::build(tracks));

    QSignalSpy notice(m_player, &Player::notice);
    m_player->restore(7, 0);
    QTRY_COMPARE_WITH_TIMEOUT(notice.count(), 1, 10000);
    QVERIFY(notice.at(0).at(0).toString().contains(QStringLiteral("Could not play “Gone”")));
    QVERIFY(!notice.at(0).at(1).toBool());
    QCOMPARE(m_player->trackId(), qint64(2)); // moved on to Up Next
    // ... and the good file after the broken one really loads: GStreamer's late second report
    // of the first failure must not fail it too.
    QTRY_COMPARE_WITH_TIMEOUT(m_player->mediaPlayer()->mediaStatus(), QMediaPlayer::LoadedMedia, 10000);
    QCOMPARE(m_player->trackId(), qint64(2));
    QCOMPARE(notice.count(), 1);
    QCOMPARE(m_source->reloads, 1);           // the queue leaves the marked file out
    QVERIFY(!m_source->kinds(m_source->pending).contains(SignalKind::Skip));

    Database db;
    QVERIFY(db.open(dbPath));
    QString scanError;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QSqlQuery &q = db.query(QStringLiteral("SELECT scan_error FROM tracks WHERE id = 7"));
            scanError = q.exec() && q.next() ? q.value(0).toString() : QString();
            return scanError.startsWith(QStringLiteral("playback: "));
        }(),
        5000);
}

void TestPlayer::trackAndPositionSurviveARestart()
{
    const QString dbPath = m_dir.filePath(QStringLiteral("player.db"));
    m_player->restore(3, 7.5);
    QCOMPARE(m_player->trackId(), qint64(3));
    cleanup(); // the app quits: the player saves on destruction, the database thread finishes
    m_source = nullptr;
    m_player = nullptr;
    m_db = nullptr;

    Database db;
    QVERIFY(db.open(dbPath));
    SettingsStore settings(db);
    const qint64 savedTrack = settings.value(QStringLiteral("player.track_id")).toLongLong();
    const double savedPosition = settings.number(QStringLiteral("player.position_s"), -1);
    QCOMPARE(savedTrack, qint64(3));
    QVERIFY2(std::abs(savedPosition - 7.5) < 0.5, qPrintable(QString::number(savedPosition)));

    // What App does at the next start, once settings and the library are loaded.
    init();
    m_player->restore(savedTrack, savedPosition);
    QCOMPARE(m_player->trackId(), qint64(3));
    QVERIFY(!m_player->playing());
    QVERIFY(std::abs(m_player->position() - 7.5) < 0.5);
}

void TestPlayer::manyFailuresInARowStopWithAReason()
{
    // A library on a disk that went away: every file fails. Playback must stop and say why,
    // never stop silently nor spin through the whole queue.
    QList<TrackInfo> tracks = m_snapshot->tracks;
    RankedQueue queue;
    for (qint64 id = 20; id < 30; ++id) {
        TrackInfo t = makeTrack(id, QStringLiteral("Unplugged"), int(id - 19));
        t.path = m_dir.filePath(QStringLiteral("unplugged/%1.flac").arg(id));
        tracks << t;
        if (id > 20)
            queue.append({id, 1.0, QStringLiteral("Exploring")});
    }
    m_player->setSnapshot(LibrarySnapshot::build(tracks));
    emit m_source->queueChanged(queue);
    QSignalSpy notice(m_player, &Player::notice);
    m_player->restore(20, 0);
    QTRY_VERIFY_WITH_TIMEOUT(!notice.isEmpty()
                                 && notice.last().at(0).toString().startsWith(QStringLiteral("Playback stopped")),
                             20000);
    QCOMPARE(notice.count(), 5); // four "skipping it", then the reason it stopped
    for (int i = 0; i < 4; ++i)
        QVERIFY(notice.at(i).at(0).toString().startsWith(QStringLiteral("Could not play")));
    QVERIFY(!m_player->playing());
    QCOMPARE(m_source->reloads, 5);
}

QTEST_MAIN(TestPlayer)
#include "tst_player.moc"
