#pragma once

#include "app/librarysnapshot.h"
#include "core/taste/queueentry.h"
#include "core/signallog.h"

#include <QElapsedTimer>
#include <QMediaPlayer>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <cmath>
#include <optional>

class QAudioOutput;

namespace bytewave {

class DatabaseThread;
class QueueSource;

// Plays Up Next and turns what the listener does into the taste engine's signals:
//   start    when a track begins playing;
//   skip     (with the position) when the listener moves on before the end;
//   complete at the natural end, unless the track was liked during this play (signallog.h);
//   replay   when the listener picks a track they have heard before (then start);
//   like / dislike from the buttons; a dislike of the playing track also moves on.
// "Previous" is not a skip: going back says nothing against the current track.
// A signal is shown as done only when the source reports it committed (signalRecorded).
class Player : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("use App.player")
    Q_PROPERTY(bool hasTrack READ hasTrack NOTIFY trackChanged)
    Q_PROPERTY(qint64 trackId READ trackId NOTIFY trackChanged)
    Q_PROPERTY(QString title READ title NOTIFY trackChanged)
    Q_PROPERTY(QString artist READ artist NOTIFY trackChanged)
    Q_PROPERTY(QString album READ album NOTIFY trackChanged)
    Q_PROPERTY(QString cover READ cover NOTIFY trackChanged)
    Q_PROPERTY(QString reason READ reason NOTIFY trackChanged)
    Q_PROPERTY(double duration READ duration NOTIFY durationChanged)
    Q_PROPERTY(double position READ position NOTIFY positionChanged)
    Q_PROPERTY(bool playing READ playing NOTIFY playingChanged)
    Q_PROPERTY(double volume READ volume WRITE setVolume NOTIFY volumeChanged)
    Q_PROPERTY(bool normalise READ normalise WRITE setNormalise NOTIFY normaliseChanged)
    Q_PROPERTY(double gainDb READ gainDb NOTIFY gainChanged)
    Q_PROPERTY(bool liked READ liked NOTIFY feedbackChanged)
    Q_PROPERTY(bool likePending READ likePending NOTIFY feedbackChanged)
    Q_PROPERTY(bool disliked READ disliked NOTIFY feedbackChanged)
    Q_PROPERTY(bool dislikePending READ dislikePending NOTIFY feedbackChanged)
    Q_PROPERTY(bool canGoBack READ canGoBack NOTIFY trackChanged)
    // What the analysis found in the current track, for the listener: tempo (0 unknown), key
    // ("A minor"; empty when unknown or too weakly tonal), energy (0..1; -1 unknown).
    Q_PROPERTY(double tempoBpm READ tempoBpm NOTIFY analysisChanged)
    Q_PROPERTY(QString keyName READ keyName NOTIFY analysisChanged)
    Q_PROPERTY(double energy READ energy NOTIFY analysisChanged)
public:
    Player(QueueSource *source, DatabaseThread *db, QObject *parent = nullptr);
    ~Player() override;

    bool hasTrack() const { return m_current.has_value(); }
    qint64 trackId() const { return m_current ? m_current->id : 0; }
    QString title() const { return m_current ? m_current->title : QString(); }
    QString artist() const { return m_current ? m_current->artist : QString(); }
    QString album() const { return m_current ? m_current->album : QString(); }
    QString cover() const;
    QString reason() const { return m_reason; }
    double tempoBpm() const { return m_current ? m_current->tempoBpm : 0.0; }
    QString keyName() const;
    double energy() const { return m_current && !std::isnan(m_current->energy) ? m_current->energy : -1.0; }
    double duration() const;
    double position() const;
    bool playing() const;
    double volume() const { return m_volume; }
    void setVolume(double volume);
    bool normalise() const { return m_normalise; }
    void setNormalise(bool on);
    double gainDb() const { return m_gainDb; }
    bool liked() const { return m_liked; }
    bool likePending() const { return m_likePending; }
    bool disliked() const { return m_disliked; }
    bool dislikePending() const { return m_dislikePending; }
    bool canGoBack() const { return !m_history.isEmpty(); }

    void setSnapshot(LibrarySnapshotPtr snapshot);
    // The saved track and position from the last session (loaded paused). Call after the
    // first snapshot.
    void restore(qint64 trackId, double positionS);
    // The combined Up Next: explicitly chosen tracks (an album) first, then the ranking.
    RankedQueue upNext() const;
    // The media player, for the playback integration test.
    QMediaPlayer *mediaPlayer() { return m_media; }

    Q_INVOKABLE void play();
    Q_INVOKABLE void pause();
    Q_INVOKABLE void togglePlay();
    Q_INVOKABLE void skip();
    Q_INVOKABLE void previous();
    Q_INVOKABLE void seek(double positionS);
    Q_INVOKABLE void like();
    Q_INVOKABLE void dislike();
    Q_INVOKABLE void undo();
    Q_INVOKABLE void playTrack(qint64 trackId);
    Q_INVOKABLE void playAlbum(const QString &albumKey, qint64 fromTrackId = 0);
    Q_INVOKABLE void playSimilar(qint64 trackId);
    // Up Next gestures on a queued (not playing) track.
    Q_INVOKABLE void skipQueued(qint64 trackId);
    Q_INVOKABLE void likeQueued(qint64 trackId);
    Q_INVOKABLE void playNext(qint64 trackId);
    Q_INVOKABLE void neverPlay(qint64 trackId);

    void setAlbumLookup(std::function<QList<qint64>(const QString &)> lookup)
    {
        m_albumLookup = std::move(lookup);
    }

signals:
    void trackChanged();
    void analysisChanged();
    void durationChanged();
    void positionChanged();
    void playingChanged();
    void volumeChanged();
    void normaliseChanged();
    void gainChanged();
    void feedbackChanged();
    void upNextChanged();
    // A short line for the listener (a failure, "Liked ..."); undoable when Undo makes sense.
    void notice(const QString &text, bool undoable);
    // Every signal the source committed, for the Taste page's history.
    void signalCommitted(qint64 signalId, bytewave::SignalKind kind, qint64 trackId);

private:
    enum class Origin { Queue, Explicit, Restore };
    void onQueueChanged(const RankedQueue &queue);
    void onSignalRecorded(qint64 signalId, SignalKind kind, qint64 trackId);
    void onSignalFailed(const QString &error);
    void onMediaStatus(QMediaPlayer::MediaStatus status);
    void onPlaybackState(QMediaPlayer::PlaybackState state);
    void onError(QMediaPlayer::Error error, const QString &text);
    void onFailure(QMediaPlayer::Error error, const QString &text);
    void load(const TrackInfo &track, const QString &reason, Origin origin, double startS = 0);
    void advance(bool autoplay = true);
    // The listener leaves the current track before its end: a skip, if it really played.
    void leaveCurrent();
    void record(SignalKind kind, qint64 trackId, double positionS, double durationS);
    void applyVolume();
    void saveState();
    std::optional<QueueEntry> takeNext();
    double durationOf(qint64 trackId) const;

    QueueSource *m_source;
    DatabaseThread *m_db;
    QMediaPlayer *m_media;
    QAudioOutput *m_output;
    LibrarySnapshotPtr m_snapshot;
    std::function<QList<qint64>(const QString &)> m_albumLookup;

    std::optional<TrackInfo> m_current;
    QString m_reason;
    RankedQueue m_ranked;
    RankedQueue m_explicit;   // chosen by the listener (an album), played before the ranking
    QList<qint64> m_history;  // played before the current one, most recent last
    QSet<qint64> m_heardThisSession;
    bool m_started = false;   // "start" sent for this play
    bool m_ended = false;     // natural end reached for this play
    bool m_wantPlaying = false;
    double m_pendingSeekS = -1;
    bool m_liked = false;
    bool m_likePending = false;
    bool m_disliked = false;
    bool m_dislikePending = false;
    double m_volume = 0.8;
    bool m_normalise = true;
    double m_gainDb = 0;
    int m_failuresInRow = 0;
    // One failure per play: GStreamer reports a broken file more than once (a failed state
    // change, then the bus error), and the second report must not fail the next track too.
    quint64 m_loadGeneration = 0;   // +1 for every load()
    quint64 m_failedGeneration = 0; // the load whose failure is being or was handled
    bool m_retried = false;         // this track's load was already tried a second time
    bool m_waitingForQueue = false; // restore() found nothing to show yet
    QTimer m_saveTimer;
    struct Acknowledged
    {
        qint64 signalId;
        SignalKind kind;
        qint64 trackId;
    };
    std::optional<Acknowledged> m_lastSignal;
};

} // namespace bytewave
