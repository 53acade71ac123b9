#pragma once

#include "app/queuesource.h"

namespace bytewave {

class TasteService;

// Up Next from the taste engine: the QueueSource interface over TasteService (same calls, same
// signals, same "committed before reported" guarantee), so nothing else in the app changes.
class TasteQueueSource : public QueueSource
{
    Q_OBJECT
public:
    explicit TasteQueueSource(const QString &dbPath, QObject *parent = nullptr);
    ~TasteQueueSource() override;

    void start() override;
    void recordSignal(bytewave::SignalKind kind, qint64 trackId, double positionS,
                      double durationS) override;
    void undoLastSignal() override;
    void setAdventurousness(double value) override;
    void setQueueLength(int n) override;
    void setTrackPinnedNext(qint64 trackId) override;
    void startFrom(qint64 trackId) override;
    void reload() override;
    void requestHighlights(int n) override;

private:
    TasteService *m_service;
};

} // namespace bytewave
