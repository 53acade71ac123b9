// The player's signal logic with a fake queue source: what each tap records, and that the UI
// shows a signal done only once it is committed. Tracks are short WAV tones, loaded paused, so
// no sound device is needed.
#include "app/databasethread.h"
#include "app/librarysnapshot.h"
#include "app/player.h"
#include "fakequeuesource.h"

#include <QFile>
#include <QSignalSpy>
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
    void normalisationGain_data();
    void normalisationGain();

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
    const QString key = m_snapshot->track(4)->albumKey;
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

void TestPlayer::normalisationGain_data()
{
    QTest::addColumn<bool>("on");
    QTest::addColumn<double>("expected");
    QTest::newRow("loud master attenuated to -18 LUFS") << true << -10.0;
    QTest::newRow("off") << false << 0.0;
}

void TestPlayer::normalisationGain()
{
    QFETCH(bool, on);
    QFETCH(double, expected);
    m_player->setNormalise(on);
    QCOMPARE(m_player->trackId(), qint64(1)); // -8 LUFS
    QCOMPARE(m_player->gainDb(), expected);
}

QTEST_MAIN(TestPlayer)
#include "tst_player.moc"
