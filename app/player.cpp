#include "app/player.h"

#include "app/databasethread.h"
#include "app/queuemodel.h"
#include "app/queuesource.h"
#include "analysis/keyestimator.h"
#include "core/database.h"
#include "core/logging.h"
#include "core/settingsstore.h"

#include <QAudioOutput>
#include <QFileInfo>
#include <QSqlQuery>
#include <QUrl>
#include <QtMultimedia/qaudio.h>

#include <algorithm>
#include <cmath>

namespace bytewave {

namespace {
// ReplayGain 2.0's reference level; analysed integrated loudness is brought to it.
constexpr double kTargetLufs = -18.0;
// Qt's output cannot amplify above unity, and deep cuts only hide broken analysis.
constexpr double kMinGainDb = -20.0;
constexpr int kMaxFailuresInRow = 5;
constexpr double kRestartThresholdS = 5.0; // "previous" after this restarts the track
constexpr int kHistoryLimit = 200;
constexpr int kSaveIntervalMs = 5000;

// Whether two copies of a track carry the same analysis for the listener (energy NaN: none).
bool sameAnalysis(const TrackInfo &a, const TrackInfo &b)
{
    const bool sameEnergy = a.energy == b.energy || (std::isnan(a.energy) && std::isnan(b.energy));
    return a.tempoBpm == b.tempoBpm && a.key == b.key && a.mode == b.mode && sameEnergy;
}
} // namespace

Player::Player(QueueSource *source, DatabaseThread *db, QObject *parent)
    : QObject(parent), m_source(source), m_db(db), m_media(new QMediaPlayer(this)),
      m_output(new QAudioOutput(this))
{
    m_media->setAudioOutput(m_output);
    connect(m_media, &QMediaPlayer::mediaStatusChanged, this, &Player::onMediaStatus);
    connect(m_media, &QMediaPlayer::playbackStateChanged, this, &Player::onPlaybackState);
    connect(m_media, &QMediaPlayer::errorOccurred, this, &Player::onError);
    connect(m_media, &QMediaPlayer::positionChanged, this, &Player::positionChanged);
    connect(m_media, &QMediaPlayer::durationChanged, this, &Player::durationChanged);

    connect(m_source, &QueueSource::queueChanged, this, &Player::onQueueChanged);
    connect(m_source, &QueueSource::signalRecorded, this, &Player::onSignalRecorded);
    connect(m_source, &QueueSource::signalFailed, this, &Player::onSignalFailed);

    m_saveTimer.setInterval(kSaveIntervalMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &Player::saveState);
    applyVolume();
}

Player::~Player()
{
    saveState();
}

QString Player::cover() const
{
    return m_current ? coverUrlFor(m_current->cover) : QString();
}

double Player::duration() const
{
    const qint64 ms = m_media->duration();
    if (ms > 0)
        return ms / 1000.0;
    return m_current ? m_current->durationS : 0.0;
}

double Player::position() const
{
    if (m_pendingSeekS >= 0)
        return m_pendingSeekS;
    return m_media->position() / 1000.0;
}

bool Player::playing() const
{
    return m_media->playbackState() == QMediaPlayer::PlayingState;
}

double Player::durationOf(qint64 trackId) const
{
    const TrackInfo *t = m_snapshot ? m_snapshot->track(trackId) : nullptr;
    return t ? t->durationS : 0.0;
}

void Player::setSnapshot(LibrarySnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    // The current track's analysis may have just finished: show what it found. (Its loudness
    // waits for the next play, so the volume does not jump in the middle of a song.)
    if (const TrackInfo *t = m_current && m_snapshot ? m_snapshot->track(m_current->id) : nullptr) {
        if (!sameAnalysis(*t, *m_current)) {
            m_current->tempoBpm = t->tempoBpm;
            m_current->key = t->key;
            m_current->mode = t->mode;
            m_current->energy = t->energy;
            emit analysisChanged();
        }
    }
    emit upNextChanged();
}

QString Player::keyName() const
{
    if (!m_current || m_current->key < 0)
        return {};
    return KeyEstimator::keyName(m_current->key, KeyEstimator::Mode(m_current->mode));
}

void Player::restore(qint64 trackId, double positionS)
{
    const TrackInfo *t = m_snapshot ? m_snapshot->track(trackId) : nullptr;
    if (t) {
        load(*t, tr("Where you left off"), Origin::Restore, std::max(0.0, positionS));
        return;
    }
    // Nothing saved (or it is gone): show the first queued track, paused.
    if (!m_current) {
        m_waitingForQueue = true;
        if (const auto next = takeNext()) {
            if (const TrackInfo *first = m_snapshot ? m_snapshot->track(next->trackId) : nullptr) {
                m_waitingForQueue = false;
                load(*first, next->reason, Origin::Restore);
            }
        }
    }
}

RankedQueue Player::upNext() const
{
    RankedQueue out;
    QSet<qint64> seen;
    if (m_current)
        seen.insert(m_current->id);
    for (const RankedQueue *list : {&m_explicit, &m_ranked}) {
        for (const QueueEntry &e : *list) {
            if (seen.contains(e.trackId) || (m_snapshot && !m_snapshot->track(e.trackId)))
                continue;
            seen.insert(e.trackId);
            out.append(e);
        }
    }
    return out;
}

void Player::onQueueChanged(const RankedQueue &queue)
{
    m_ranked = queue;
    emit upNextChanged();
    if (m_waitingForQueue && !m_current)
        restore(0, 0);
}

std::optional<QueueEntry> Player::takeNext()
{
    const qint64 current = m_current ? m_current->id : 0;
    auto usable = [&](const QueueEntry &e) {
        return e.trackId != current && m_snapshot && m_snapshot->track(e.trackId);
    };
    while (!m_explicit.isEmpty()) {
        const QueueEntry e = m_explicit.takeFirst();
        if (usable(e))
            return e;
    }
    for (int i = 0; i < m_ranked.size(); ++i) {
        if (usable(m_ranked.at(i)))
            return m_ranked.takeAt(i); // the source drops it too once "start" arrives
    }
    return std::nullopt;
}

void Player::load(const TrackInfo &track, const QString &reason, Origin origin, double startS)
{
    if (m_current && m_current->id != track.id) {
        m_history.append(m_current->id);
        if (m_history.size() > kHistoryLimit)
            m_history.removeFirst();
    }
    const bool heardBefore = track.plays > 0 || m_heardThisSession.contains(track.id);
    m_current = track;
    m_reason = reason;
    m_started = origin == Origin::Restore && startS > 0; // resuming continues that play
    m_ended = false;
    m_liked = m_likePending = m_disliked = m_dislikePending = false;
    m_pendingSeekS = startS > 0 ? startS : -1;
    m_wantPlaying = origin != Origin::Restore;
    m_heardThisSession.insert(track.id);
    applyVolume();

    if (origin == Origin::Explicit && heardBefore)
        record(SignalKind::Replay, track.id, 0, track.durationS);

    ++m_loadGeneration;
    m_retried = false;
    const QUrl url = QUrl::fromLocalFile(QFileInfo(track.path).absoluteFilePath());
    const bool sameFile = m_media->source() == url;
    if (sameFile)
        m_media->setPosition(0); // setSource() with the same file would keep its position
    else
        m_media->setSource(url);
    if (m_wantPlaying) {
        if (sameFile && playing() && !m_started) {
            // Already playing, so no state change will announce the new play.
            m_started = true;
            record(SignalKind::Start, track.id, 0, track.durationS);
        }
        m_media->play();
    }
    emit trackChanged();
    emit analysisChanged();
    emit durationChanged();
    emit positionChanged();
    emit feedbackChanged();
    emit upNextChanged();
    saveState();
}

void Player::advance(bool autoplay)
{
    const auto next = takeNext();
    if (!next) {
        m_media->stop();
        emit notice(tr("Up Next is empty."), false);
        return;
    }
    const TrackInfo *track = m_snapshot->track(next->trackId);
    load(*track, next->reason, autoplay ? Origin::Queue : Origin::Restore);
}

void Player::leaveCurrent()
{
    if (m_current && m_started && !m_ended)
        record(SignalKind::Skip, m_current->id, position(), duration());
}

void Player::record(SignalKind kind, qint64 trackId, double positionS, double durationS)
{
    m_source->recordSignal(kind, trackId, positionS, durationS);
}

void Player::onMediaStatus(QMediaPlayer::MediaStatus status)
{
    switch (status) {
    case QMediaPlayer::LoadedMedia:
    case QMediaPlayer::BufferedMedia:
        if (m_pendingSeekS >= 0 && m_media->isSeekable()) {
            m_media->setPosition(qint64(m_pendingSeekS * 1000));
            m_pendingSeekS = -1;
        }
        break;
    case QMediaPlayer::EndOfMedia:
        if (!m_current || m_ended)
            break;
        m_ended = true;
        if (m_started && !m_liked)
            record(SignalKind::Complete, m_current->id, duration(), duration());
        advance();
        break;
    default:
        break;
    }
}

void Player::onPlaybackState(QMediaPlayer::PlaybackState state)
{
    emit playingChanged();
    if (state == QMediaPlayer::PlayingState) {
        m_saveTimer.start();
        if (m_current && !m_started) {
            m_started = true;
            m_failuresInRow = 0;
            record(SignalKind::Start, m_current->id, position(), duration());
        }
    } else {
        m_saveTimer.stop();
        saveState();
    }
}

void Player::onError(QMediaPlayer::Error error, const QString &text)
{
    if (error == QMediaPlayer::NoError || !m_current || m_failedGeneration == m_loadGeneration)
        return;
    m_failedGeneration = m_loadGeneration;
    // Handled from the event loop: the error can arrive inside setSource() (a failed state
    // change), and moving on from there would nest load() calls.
    QMetaObject::invokeMethod(
        this,
        [this, generation = m_loadGeneration, error, text] {
            if (generation == m_loadGeneration)
                onFailure(error, text);
        },
        Qt::QueuedConnection);
}

void Player::onFailure(QMediaPlayer::Error error, const QString &text)
{
    if (!m_current)
        return;
    const TrackInfo failed = *m_current;
    const QFileInfo file(failed.path);
    // Mark the file only when the file is at fault; a missing sound device is not its fault.
    const bool fileAtFault = error == QMediaPlayer::FormatError
                             || error == QMediaPlayer::AccessDeniedError || !file.isReadable();
    if (!fileAtFault && !m_retried) {
        // Qt 6.4's GStreamer backend can fail the load that follows a failed one ("state change
        // failed") although the file is fine: a readable file gets one more try before it
        // counts as a failure.
        qCInfo(lcPlayer) << "retrying" << failed.path << "after" << text;
        m_retried = true;
        ++m_loadGeneration;
        const QUrl url = m_media->source();
        m_media->setSource(QUrl());
        m_media->setSource(url);
        if (m_wantPlaying)
            m_media->play();
        return;
    }
    qCWarning(lcPlayer) << "cannot play" << failed.path << error << text;
    if (fileAtFault) {
        const QString why = QStringLiteral("playback: ") + (text.isEmpty() ? tr("cannot be played") : text);
        m_db->post([id = failed.id, why](Database *db) {
            if (!db)
                return;
            QSqlQuery &q = db->query(QStringLiteral("UPDATE tracks SET scan_error = ? WHERE id = ?"));
            q.addBindValue(why);
            q.addBindValue(id);
            if (!q.exec())
                db->fail(QStringLiteral("marking an unplayable track"), q);
        });
        m_source->reload();
    }
    m_ended = true; // no skip or complete for a play that never happened
    if (++m_failuresInRow >= kMaxFailuresInRow) {
        m_media->stop();
        emit notice(tr("Playback stopped: %1 tracks in a row could not be played (%2).")
                        .arg(m_failuresInRow)
                        .arg(text),
                    false);
        return;
    }
    emit notice(tr("Could not play “%1”; skipping it.").arg(failed.title), false);
    advance(m_wantPlaying); // a failure while paused (say, at start-up) must not start playing
}

void Player::play()
{
    if (!m_current) {
        advance();
        return;
    }
    if (m_ended) {
        // The queue ran dry earlier; start over from whatever is queued now.
        advance();
        return;
    }
    m_wantPlaying = true;
    m_media->play();
}

void Player::pause()
{
    m_wantPlaying = false;
    m_media->pause();
}

void Player::togglePlay()
{
    if (playing())
        pause();
    else
        play();
}

void Player::skip()
{
    leaveCurrent();
    advance();
}

void Player::previous()
{
    if (!m_current)
        return;
    if (position() > kRestartThresholdS || m_history.isEmpty()) {
        seek(0);
        return;
    }
    const qint64 id = m_history.takeLast();
    const TrackInfo *track = m_snapshot ? m_snapshot->track(id) : nullptr;
    if (!track)
        return;
    // The track we leave comes back next, as in every player.
    m_explicit.prepend({m_current->id, 1.0, m_reason});
    const qint64 leaving = m_current->id;
    load(*track, tr("You went back to it"), Origin::Explicit);
    // load() pushed the track we left onto the history; going back must not return to it.
    if (!m_history.isEmpty() && m_history.constLast() == leaving)
        m_history.removeLast();
    emit trackChanged();
}

void Player::seek(double positionS)
{
    if (!m_current)
        return;
    positionS = std::clamp(positionS, 0.0, std::max(0.0, duration()));
    if (m_media->mediaStatus() == QMediaPlayer::LoadingMedia || !m_media->isSeekable()) {
        m_pendingSeekS = positionS;
    } else {
        m_pendingSeekS = -1;
        m_media->setPosition(qint64(positionS * 1000));
    }
    emit positionChanged();
}

void Player::like()
{
    if (!m_current || m_liked || m_likePending)
        return;
    m_likePending = true;
    emit feedbackChanged();
    record(SignalKind::Like, m_current->id, position(), duration());
}

void Player::dislike()
{
    if (!m_current || m_disliked || m_dislikePending)
        return;
    m_dislikePending = true;
    emit feedbackChanged();
    record(SignalKind::Dislike, m_current->id, position(), duration());
}

void Player::undo()
{
    m_source->undoLastSignal();
}

void Player::playTrack(qint64 trackId)
{
    const TrackInfo *track = m_snapshot ? m_snapshot->track(trackId) : nullptr;
    if (!track)
        return;
    if (trackId != this->trackId())
        leaveCurrent(); // playing the same track again is a replay, not a skip of it
    m_explicit.clear();
    load(*track, tr("You picked this"), Origin::Explicit);
}

void Player::playAlbum(const QString &albumKey, qint64 fromTrackId)
{
    QList<qint64> ids = m_albumLookup ? m_albumLookup(albumKey) : QList<qint64>();
    if (ids.isEmpty() || !m_snapshot)
        return;
    if (fromTrackId > 0 && ids.contains(fromTrackId))
        ids = ids.mid(ids.indexOf(fromTrackId));
    const AlbumInfo *album = m_snapshot->album(albumKey);
    const QString reason = tr("From the album “%1”").arg(album ? album->title : QString());
    const TrackInfo *first = m_snapshot->track(ids.takeFirst());
    if (!first)
        return;
    leaveCurrent();
    m_explicit.clear();
    for (const qint64 id : std::as_const(ids))
        m_explicit.append({id, 1.0, reason});
    load(*first, reason, Origin::Explicit);
}

void Player::playSimilar(qint64 trackId)
{
    playTrack(trackId);
    m_source->startFrom(trackId);
}

void Player::skipQueued(qint64 trackId)
{
    m_explicit.removeIf([trackId](const QueueEntry &e) { return e.trackId == trackId; });
    m_ranked.removeIf([trackId](const QueueEntry &e) { return e.trackId == trackId; });
    emit upNextChanged();
    record(SignalKind::Skip, trackId, 0, durationOf(trackId));
}

void Player::likeQueued(qint64 trackId)
{
    record(SignalKind::Like, trackId, 0, durationOf(trackId));
}

void Player::playNext(qint64 trackId)
{
    m_explicit.removeIf([trackId](const QueueEntry &e) { return e.trackId == trackId; });
    m_explicit.prepend({trackId, 1.0, tr("You asked to play this next")});
    emit upNextChanged();
    m_source->setTrackPinnedNext(trackId);
}

void Player::neverPlay(qint64 trackId)
{
    m_explicit.removeIf([trackId](const QueueEntry &e) { return e.trackId == trackId; });
    m_ranked.removeIf([trackId](const QueueEntry &e) { return e.trackId == trackId; });
    emit upNextChanged();
    record(SignalKind::Dislike, trackId, 0, durationOf(trackId));
}

void Player::onSignalRecorded(qint64 signalId, SignalKind kind, qint64 trackId)
{
    emit signalCommitted(signalId, kind, trackId);
    if (kind == SignalKind::Start)
        return;
    const bool isCurrent = m_current && m_current->id == trackId;
    const TrackInfo *track = m_snapshot ? m_snapshot->track(trackId) : nullptr;
    const QString title = track ? track->title : tr("the track");
    const std::optional<Acknowledged> undone = m_lastSignal;
    if (kind != SignalKind::Undo)
        m_lastSignal = Acknowledged{signalId, kind, trackId};
    else
        m_lastSignal.reset();

    switch (kind) {
    case SignalKind::Like:
        if (isCurrent) {
            m_liked = true;
            m_likePending = false;
            emit feedbackChanged();
        }
        emit notice(tr("Liked “%1”").arg(title), true);
        break;
    case SignalKind::Dislike:
        emit notice(tr("“%1” will not come back").arg(title), true);
        if (isCurrent) {
            m_disliked = true;
            m_dislikePending = false;
            emit feedbackChanged();
            m_ended = true; // a dislike is its own verdict: no extra skip for this play
            advance();
        }
        break;
    case SignalKind::Skip:
        if (!isCurrent && !(undone && undone->trackId == trackId && undone->kind == SignalKind::Skip))
            emit notice(tr("Skipped “%1”").arg(title), true);
        break;
    case SignalKind::Undo:
        if (isCurrent && undone && undone->trackId == trackId) {
            if (undone->kind == SignalKind::Like)
                m_liked = false;
            if (undone->kind == SignalKind::Dislike)
                m_disliked = false;
            emit feedbackChanged();
        }
        emit notice(tr("Undone"), false);
        break;
    case SignalKind::Reset:
        emit notice(tr("Taste reset: ByteWave starts learning afresh"), true);
        break;
    default:
        break;
    }
}

void Player::onSignalFailed(const QString &error)
{
    if (m_likePending || m_dislikePending) {
        m_likePending = m_dislikePending = false;
        emit feedbackChanged();
    }
    emit notice(error, false);
}

void Player::setVolume(double volume)
{
    volume = std::clamp(volume, 0.0, 1.0);
    if (qFuzzyCompare(volume, m_volume))
        return;
    m_volume = volume;
    applyVolume();
    emit volumeChanged();
}

void Player::setNormalise(bool on)
{
    if (on == m_normalise)
        return;
    m_normalise = on;
    applyVolume();
    emit normaliseChanged();
}

void Player::applyVolume()
{
    double gain = 0;
    if (m_normalise && m_current) {
        if (!std::isnan(m_current->loudnessLufs))
            gain = kTargetLufs - m_current->loudnessLufs;
        else if (!std::isnan(m_current->replayGainDb))
            gain = m_current->replayGainDb;
    }
    gain = std::clamp(gain, kMinGainDb, 0.0);
    if (!qFuzzyCompare(gain + 1.0, m_gainDb + 1.0)) {
        m_gainDb = gain;
        emit gainChanged();
    }
    // The slider is perceptual; the output wants a linear factor.
    const double linear = QAudio::convertVolume(float(m_volume), QAudio::LogarithmicVolumeScale,
                                                QAudio::LinearVolumeScale);
    m_output->setVolume(float(linear * std::pow(10.0, gain / 20.0)));
}

void Player::saveState()
{
    if (!m_current)
        return;
    const qint64 id = m_current->id;
    const double pos = m_ended ? 0.0 : position();
    const double volume = m_volume;
    const bool normalise = m_normalise;
    m_db->post([id, pos, volume, normalise](Database *db) {
        if (!db)
            return;
        SettingsStore settings(*db);
        db->transaction([&] {
            return settings.setValue(QStringLiteral("player.track_id"), QString::number(id))
                   && settings.setNumber(QStringLiteral("player.position_s"), pos)
                   && settings.setNumber(QStringLiteral("player.volume"), volume)
                   && settings.setValue(QStringLiteral("player.normalise"),
                                        normalise ? QStringLiteral("1") : QStringLiteral("0"));
        });
    });
}

} // namespace bytewave
