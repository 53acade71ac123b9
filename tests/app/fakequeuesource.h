#pragma once

#include "app/queuesource.h"

#include <QList>

namespace bytewave::test {

// A QueueSource that records what it is asked and commits signals only when the test says so.
class FakeQueueSource : public QueueSource
{
    Q_OBJECT
public:
    struct Call
    {
        SignalKind kind;
        qint64 trackId;
        double positionS;
    };
    using QueueSource::QueueSource;

    void start() override {}
    void recordSignal(SignalKind kind, qint64 trackId, double positionS, double) override
    {
        pending.append({kind, trackId, positionS});
    }
    void undoLastSignal() override { ++undos; }
    void setAdventurousness(double value) override { emit adventurousnessChanged(value); }
    void setQueueLength(int) override {}
    void setTrackPinnedNext(qint64 trackId) override { pinned.append(trackId); }
    void startFrom(qint64 trackId) override { startedFrom.append(trackId); }
    void reload() override { ++reloads; }
    void requestHighlights(int n) override { highlightRequests.append(n); }

    // Commits every pending signal, as the database would.
    void commitAll()
    {
        const QList<Call> calls = pending;
        pending.clear();
        for (const Call &c : calls) {
            committed.append(c);
            emit signalRecorded(++m_nextId, c.kind, c.trackId);
        }
    }
    QList<SignalKind> kinds(const QList<Call> &calls) const
    {
        QList<SignalKind> out;
        for (const Call &c : calls)
            out << c.kind;
        return out;
    }

    QList<Call> pending;
    QList<Call> committed;
    QList<qint64> pinned;
    QList<qint64> startedFrom;
    int undos = 0;
    QList<int> highlightRequests;
    int reloads = 0;

private:
    qint64 m_nextId = 0;
};

} // namespace bytewave::test
