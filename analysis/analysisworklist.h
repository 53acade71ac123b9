#pragma once

#include <QList>

#include <deque>
#include <mutex>
#include <optional>
#include <unordered_set>

namespace bytewave {

// The tracks waiting for analysis, shared by the queue's workers (thread-safe).
//
// Order: prioritised tracks first (Up Next, just added; latest request first), then the
// database's pending list (newest added first). A track is handed to one worker at a time.
class AnalysisWorkList
{
public:
    // Replaces the pending list with ids (in order), keeping prioritised tracks in front.
    // Tracks being analysed right now are not queued again.
    void setPending(const QList<qint64> &ids);
    // Moves ids to the front (ids[0] first); adds those not queued yet.
    void prioritise(const QList<qint64> &ids);
    // The next track, now counted as in flight; nullopt when nothing is queued.
    std::optional<qint64> take();
    // The worker is done with id (analysed, failed or skipped).
    void done(qint64 id);
    // An interrupted track goes back to the front.
    void putBack(qint64 id);
    void clear();

    qsizetype queued() const;
    qsizetype inFlight() const;

private:
    mutable std::mutex m_mutex;
    // May hold stale duplicates (a prioritised id also further back); m_queued is the truth.
    std::deque<qint64> m_order;
    std::unordered_set<qint64> m_queued;
    std::unordered_set<qint64> m_priority;
    std::unordered_set<qint64> m_inFlight;
};

} // namespace bytewave
