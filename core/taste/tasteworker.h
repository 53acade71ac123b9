#pragma once

#include "core/signallog.h"
#include "core/taste/clock.h"
#include "core/taste/queueentry.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace bytewave {

class Database;
class TasteSession;

// Runs a TasteSession for TasteService. A plain QObject that knows nothing about threads: the
// service moves it to its worker thread and calls it there; it opens its own Database
// connection on that thread in open().
//
// Re-ranking is coalesced: a signal is committed and applied at once, and a re-rank is posted
// to the end of the event queue; signals that arrive meanwhile (or while a rank runs) are
// applied before that rank, so a burst of taps costs one ranking, not one each.
class TasteWorker : public QObject
{
    Q_OBJECT
public:
    TasteWorker(QString dbPath, std::shared_ptr<const Clock> clock);
    ~TasteWorker() override;

    void open();
    void recordSignal(bytewave::SignalKind kind, qint64 trackId, double positionS, double durationS);
    void undoLastSignal();
    void setAdventurousness(double value);
    void setQueueLength(int n);
    void pinNext(qint64 trackId);
    void startFrom(qint64 trackId);
    void reload();
    // Emits highlightsReady with the top n artists and tracks; nothing before the engine loaded.
    void highlights(int n);
    // Called on the worker thread at the start of every ranking (tests hold a rank open with it).
    void setBeforeRankHook(std::function<void()> hook) { m_beforeRank = std::move(hook); }

signals:
    void queueReady(const bytewave::RankedQueue &queue);
    void signalRecorded(qint64 signalId, bytewave::SignalKind kind, qint64 trackId);
    void signalFailed(const QString &error);
    void adventurousnessChanged(double value);
    void highlightsReady(const bytewave::TasteHighlights &highlights);

private:
    bool ready();
    void scheduleRank();
    void rankNow();

    QString m_dbPath;
    std::shared_ptr<const Clock> m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<TasteSession> m_session;
    int m_queueLength = 50;
    bool m_rankPending = false;
    bool m_emittedOnce = false;
    RankedQueue m_lastQueue;
    std::function<void()> m_beforeRank;
};

} // namespace bytewave
