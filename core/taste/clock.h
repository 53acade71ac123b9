#pragma once

#include <QtGlobal>

#include <atomic>

namespace bytewave {

// Where the taste engine's "now" comes from. Injected everywhere so that decay, the no-repeat
// window and simulations of months of listening can run in seconds and be tested exactly.
// Implementations must be safe to read from any thread.
class Clock
{
public:
    virtual ~Clock();
    // Milliseconds since the Unix epoch (UTC).
    virtual qint64 nowMs() const = 0;
};

// The wall clock.
class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
};

// A clock that only moves when told to; starts at the wall-clock time of its construction
// unless given a start.
class ManualClock final : public Clock
{
public:
    ManualClock();
    explicit ManualClock(qint64 startMs) : m_nowMs(startMs) {}
    qint64 nowMs() const override { return m_nowMs.load(std::memory_order_relaxed); }
    void setNowMs(qint64 ms) { m_nowMs.store(ms, std::memory_order_relaxed); }
    void advanceMs(qint64 ms) { m_nowMs.fetch_add(ms, std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_nowMs;
};

} // namespace bytewave
