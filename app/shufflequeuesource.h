#pragma once

#include "app/queuesource.h"

#include <QHash>
#include <QSet>
#include <QThread>

#include <memory>
#include <random>

namespace bytewave {

class Database;

// The stand-in Up Next: a plain shuffle of the playable library that still honours the signal
// contract (signals are committed through SignalLog on the worker before signalRecorded()),
// skips disliked tracks, keeps recently played ones out for a while, and supports "play next"
// and "play similar" by artist and genre. Knows nothing about threads; ShuffleQueueSource
// owns the thread.
class ShuffleWorker : public QObject
{
    Q_OBJECT
public:
    ShuffleWorker(QString dbPath, quint32 seed);
    ~ShuffleWorker() override;

    void start();
    void recordSignal(bytewave::SignalKind kind, qint64 trackId, double positionS, double durationS);
    void undoLastSignal();
    void setAdventurousness(double value);
    void setQueueLength(int n);
    void setTrackPinnedNext(qint64 trackId);
    void startFrom(qint64 trackId);
    void reload();
    void shutdown();

signals:
    void queueChanged(const bytewave::RankedQueue &queue);
    void signalRecorded(qint64 signalId, bytewave::SignalKind kind, qint64 trackId);
    void signalFailed(const QString &error);
    void adventurousnessChanged(double value);

private:
    struct Candidate
    {
        QString artist;
        QStringList genres;
        int plays = 0;
    };
    bool ensureOpen();
    void loadPool();
    void refill();
    void publish();
    QueueEntry entryFor(qint64 trackId) const;

    QString m_dbPath;
    std::unique_ptr<Database> m_db;
    std::mt19937 m_random;
    QHash<qint64, Candidate> m_pool;
    QSet<qint64> m_disliked;
    QList<qint64> m_recent; // most recent last; kept out of refills
    QList<QueueEntry> m_queue;
    QList<qint64> m_order; // shuffled pool, consumed from the front
    int m_length = 50;
};

class ShuffleQueueSource : public QueueSource
{
    Q_OBJECT
public:
    explicit ShuffleQueueSource(const QString &dbPath, QObject *parent = nullptr,
                                quint32 seed = std::random_device{}());
    ~ShuffleQueueSource() override;

    void start() override;
    void recordSignal(bytewave::SignalKind kind, qint64 trackId, double positionS,
                      double durationS) override;
    void undoLastSignal() override;
    void setAdventurousness(double value) override;
    void setQueueLength(int n) override;
    void setTrackPinnedNext(qint64 trackId) override;
    void startFrom(qint64 trackId) override;
    void reload() override;

private:
    template<typename Fn>
    void onWorker(Fn fn);

    QThread m_thread;
    ShuffleWorker *m_worker;
};

} // namespace bytewave
