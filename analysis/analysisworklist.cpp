#include "analysis/analysisworklist.h"

namespace bytewave {

void AnalysisWorkList::setPending(const QList<qint64> &ids)
{
    const std::lock_guard lock(m_mutex);
    std::deque<qint64> order;
    std::unordered_set<qint64> queued;
    for (const qint64 id : m_order) {
        if (m_priority.count(id) && m_queued.count(id) && queued.insert(id).second)
            order.push_back(id);
    }
    for (const qint64 id : ids) {
        if (!m_inFlight.count(id) && queued.insert(id).second)
            order.push_back(id);
    }
    m_order.swap(order);
    m_queued.swap(queued);
}

void AnalysisWorkList::prioritise(const QList<qint64> &ids)
{
    const std::lock_guard lock(m_mutex);
    for (auto it = ids.crbegin(); it != ids.crend(); ++it) {
        if (m_inFlight.count(*it))
            continue;
        m_order.push_front(*it);
        m_queued.insert(*it);
        m_priority.insert(*it);
    }
}

std::optional<qint64> AnalysisWorkList::take()
{
    const std::lock_guard lock(m_mutex);
    while (!m_order.empty()) {
        const qint64 id = m_order.front();
        m_order.pop_front();
        if (m_queued.erase(id) == 0)
            continue; // a stale duplicate
        m_priority.erase(id);
        m_inFlight.insert(id);
        return id;
    }
    return std::nullopt;
}

void AnalysisWorkList::done(qint64 id)
{
    const std::lock_guard lock(m_mutex);
    m_inFlight.erase(id);
}

void AnalysisWorkList::putBack(qint64 id)
{
    const std::lock_guard lock(m_mutex);
    m_inFlight.erase(id);
    m_order.push_front(id);
    m_queued.insert(id);
}

void AnalysisWorkList::clear()
{
    const std::lock_guard lock(m_mutex);
    m_order.clear();
    m_queued.clear();
    m_priority.clear();
}

qsizetype AnalysisWorkList::queued() const
{
    const std::lock_guard lock(m_mutex);
    return qsizetype(m_queued.size());
}

qsizetype AnalysisWorkList::inFlight() const
{
    const std::lock_guard lock(m_mutex);
    return qsizetype(m_inFlight.size());
}

} // namespace bytewave
