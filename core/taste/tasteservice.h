#pragma once

#include "core/signallog.h"
#include "core/taste/clock.h"
#include "core/taste/queueentry.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>

namespace bytewave {

class TasteWorker;

// The taste engine for the GUI thread. Owns a worker QThread on which a TasteWorker (with its
// own Database connection on dbPath) records signals and ranks; every call returns at once and
// the answers come back as signals. queueChanged() carries a complete, immutable ranking.
//
// Guarantees: signalRecorded() is emitted only after the row is committed (synchronous=FULL),
// so the UI may show a tap as done then; a burst of signals is ranked once, after all of them.
class TasteService : public QObject
{
    Q_OBJECT
public:
    explicit TasteService(const QString &dbPath, QObject *parent = nullptr);
    // With an injected clock (tests, simulations). The clock is read on the worker thread.
    TasteService(const QString &dbPath, std::shared_ptr<const Clock> clock, QObject *parent = nullptr);
    ~TasteService() override;

    void start();                                   // loads log + features in the worker, then emits queueChanged
    void recordSignal(bytewave::SignalKind kind, qint64 trackId, double positionS, double durationS);
    void undoLastSignal();                          // appends an undo row for the last undoable signal
    void setAdventurousness(double value);          // 0..1, persisted in settings
    void setQueueLength(int n);                     // default 50
    void setTrackPinnedNext(qint64 trackId);        // "play next"
    void startFrom(qint64 trackId);                 // "play similar": seed the queue from a track
    void reload();                                  // after a rescan/analysis added tracks
    void requestHighlights(int n);                  // answered by highlightsReady

    // The last queue emitted (empty before the first).
    RankedQueue queue() const { return m_queue; }
    // The last adventurousness the worker confirmed.
    double adventurousness() const { return m_adventurousness; }

    // Tests only: runs on the worker thread at the start of every ranking. Call before start().
    void setBeforeRankHookForTesting(std::function<void()> hook);

signals:
    void queueChanged(const bytewave::RankedQueue &queue);
    void signalRecorded(qint64 signalId, bytewave::SignalKind kind, qint64 trackId); // after commit
    void signalFailed(const QString &error);
    void adventurousnessChanged(double value);
    void highlightsReady(const bytewave::TasteHighlights &highlights);

private:
    template<typename Fn>
    void onWorker(Fn &&fn);

    QThread m_thread;
    TasteWorker *m_worker = nullptr; // lives on m_thread, deleted there when it finishes
    RankedQueue m_queue;
    double m_adventurousness = 0;
    bool m_started = false;
};

} // namespace bytewave
