#include "core/taste/clock.h"

#include <QDateTime>

namespace bytewave {

Clock::~Clock() = default;

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

ManualClock::ManualClock() : m_nowMs(QDateTime::currentMSecsSinceEpoch()) {}

} // namespace bytewave
