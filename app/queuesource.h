#pragma once

#include "core/taste/queueentry.h"
#include "core/signallog.h"

#include <QObject>

namespace bytewave {

// Where Up Next comes from and where listening signals go. The app's is TasteQueueSource (the
// taste engine); tests give the player a double (tests/app/fakequeuesource.h). The player, the
// queue model and the Taste page never know which one they talk to.
//
// Contract: every call returns at once; the work happens on the source's own thread.
// signalRecorded() is emitted only after the signal is committed to the database, so the UI may
// show it as done then (and not before). queueChanged() carries a complete new ranking.
class QueueSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start() = 0;
    virtual void recordSignal(bytewave::SignalKind kind, qint64 trackId, double positionS,
                              double durationS) = 0;
    virtual void undoLastSignal() = 0;
    virtual void setAdventurousness(double value) = 0; // 0..1, persisted by the source
    virtual void setQueueLength(int n) = 0;
    virtual void setTrackPinnedNext(qint64 trackId) = 0; // "play next"
    virtual void startFrom(qint64 trackId) = 0;          // "play similar"
    virtual void reload() = 0;                           // the library changed
    virtual void requestHighlights(int n) = 0;           // answered by highlightsReady()

signals:
    void queueChanged(const bytewave::RankedQueue &queue);
    void signalRecorded(qint64 signalId, bytewave::SignalKind kind, qint64 trackId);
    void signalFailed(const QString &error);
    void adventurousnessChanged(double value);
    void highlightsReady(const bytewave::TasteHighlights &highlights);
};

// The source the app uses: the taste engine.
QueueSource *createQueueSource(const QString &dbPath, QObject *parent = nullptr);

} // namespace bytewave
