#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace bytewave {

class AnalysisStore;
class AnalysisWorkList;
class Database;
class TrackAnalyzer;

// Analyses tracks from a shared AnalysisWorkList, one at a time, and records the results.
//
// A plain QObject that knows nothing about threads: AnalysisQueue moves it to its own thread.
// Everything heavy is made lazily on first use, in the thread that uses it: the Database
// connection (each worker its own) and the TrackAnalyzer (its FFTW plan). Processing runs as a
// chain of queued step() calls, one track each, so requests such as plan() are handled between
// tracks and a stop request is noticed within one block of audio.
class AnalysisWorker : public QObject
{
    Q_OBJECT

public:
    enum class Outcome {
        Analysed,    // features recorded
        Failed,      // a per-track error recorded (retried only when the file changes)
        Skipped,     // already current, missing, or gone from disk: nothing recorded
        Interrupted, // paused or stopping: the track went back to the front of the list
    };
    Q_ENUM(Outcome)

    // stop: when true, the worker finishes nothing further and interrupts the track in hand.
    AnalysisWorker(QString databasePath, std::shared_ptr<AnalysisWorkList> work,
                   const std::atomic<bool> *stop, QObject *parent = nullptr);
    ~AnalysisWorker() override;

    // Starts working through the list unless already doing so.
    void wake();
    // Re-derives the pending list from the database into the work list; emits planned().
    void plan();

signals:
    void planned(qsizetype pending);
    void trackFinished(qint64 trackId, bool analysed, bool failed, const QString &error);
    // The work list was empty when this worker looked for its next track.
    void idle();
    void failedToStart(const QString &error);

private:
    bool ensureReady();
    void step();
    Outcome processTrack(qint64 trackId, QString *error);

    QString m_databasePath;
    std::shared_ptr<AnalysisWorkList> m_work;
    const std::atomic<bool> *m_stop;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AnalysisStore> m_store;
    std::unique_ptr<TrackAnalyzer> m_analyzer;
    bool m_busy = false;
};

} // namespace bytewave
