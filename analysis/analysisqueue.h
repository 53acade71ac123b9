#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

class QThread;

namespace bytewave {

class AnalysisWorker;
class AnalysisWorkList;

// Analyses the library in the background: a pool of AnalysisWorkers, each on its own
// low-priority thread with its own database connection and FFTW plans.
//
// - What to do is derived from the database every time (tracks with no current analysis row,
//   not missing), so the queue resumes after a restart and a failure is retried only when its
//   file changes or a new extractor version is installed.
// - prioritise() puts tracks first (Up Next, just added); the pending list itself is newest
//   first.
// - pause() interrupts the tracks in hand within one block of audio (they go back to the front
//   of the list); resume() continues.
// - Threads run at nice 19 (Linux: setpriority on the thread's own id, plus the lowest
//   best-effort I/O priority) and QThread::LowPriority, so playback and the UI always win.
//
// Lives in the thread that creates it (GUI or CLI main thread); never touches the database
// there. Progress is exposed as properties for QML and as signals for the CLI.
class AnalysisQueue : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(bool paused READ isPaused WRITE setPaused NOTIFY pausedChanged)
    Q_PROPERTY(qint64 done READ done NOTIFY progressChanged)
    Q_PROPERTY(qint64 failed READ failed NOTIFY progressChanged)
    Q_PROPERTY(qint64 total READ total NOTIFY progressChanged)
    Q_PROPERTY(double rate READ rate NOTIFY progressChanged)
    Q_PROPERTY(double etaSeconds READ etaSeconds NOTIFY progressChanged)
    Q_PROPERTY(int jobs READ jobs CONSTANT)

public:
    // The default pool size: one thread per core but one (left for playback and the UI), at
    // least one.
    static int defaultJobs();
    // The nice value analysis threads run at (Linux).
    static constexpr int kNice = 19;

    // jobs <= 0 means defaultJobs(). Threads start at once but idle until start().
    explicit AnalysisQueue(QString databasePath, int jobs = 0, QObject *parent = nullptr);
    ~AnalysisQueue() override;

    // Derives the pending list from the database and starts (or continues) working through it.
    Q_INVOKABLE void start();
    // Re-reads the pending list (after a scan added or changed tracks) and continues.
    Q_INVOKABLE void refresh() { start(); }
    Q_INVOKABLE void pause() { setPaused(true); }
    Q_INVOKABLE void resume() { setPaused(false); }
    void setPaused(bool paused);
    // Puts these tracks at the front (ids[0] first). Tracks that turn out to be current already
    // are skipped quickly.
    Q_INVOKABLE void prioritise(const QList<qint64> &trackIds);

    bool isRunning() const { return m_running; }
    bool isPaused() const { return m_paused; }
    qint64 done() const { return m_done; }      // analysed or failed since the queue was made
    qint64 failed() const { return m_failed; }
    qint64 total() const;                        // done + still to do
    double rate() const;                         // tracks per second of active time
    double etaSeconds() const;                   // -1 while unknown
    int jobs() const { return int(m_workers.size()); }

signals:
    void progressChanged();
    void runningChanged();
    void pausedChanged();
    void trackAnalysed(qint64 trackId, bool ok, const QString &error);
    // Everything pending has been processed (not emitted while paused).
    void finished();
    void errorOccurred(const QString &message);

private:
    void onPlanned();
    void onTrackFinished(bool analysed, bool failed);
    void onIdle();
    void wakeAll();
    void setRunning(bool running);
    double activeSeconds() const;

    std::atomic<bool> m_stop{false};
    std::shared_ptr<AnalysisWorkList> m_work;
    std::vector<QThread *> m_threads;
    std::vector<AnalysisWorker *> m_workers;
    bool m_running = false;
    bool m_paused = false;
    bool m_planning = false;
    int m_idle = 0;
    qint64 m_done = 0;
    qint64 m_failed = 0;
    QElapsedTimer m_clock;      // runs while active
    double m_activeBefore = 0;  // seconds accumulated before the last pause
};

} // namespace bytewave
