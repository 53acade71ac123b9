#include "app/idlewatcher.h"

#include <QCoreApplication>
#include <QEvent>

namespace bytewave {

IdleWatcher::IdleWatcher(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_idle = true;
        emit idleChanged();
    });
    if (QCoreApplication::instance())
        QCoreApplication::instance()->installEventFilter(this);
    setTimeoutMinutes(m_minutes);
    wake();
}

void IdleWatcher::setTimeoutMinutes(int minutes)
{
    minutes = std::max(0, minutes);
    if (minutes != m_minutes) {
        m_minutes = minutes;
        emit timeoutChanged();
    }
    wake();
}

void IdleWatcher::wake()
{
    if (m_idle) {
        m_idle = false;
        emit idleChanged();
    }
    if (m_minutes > 0)
        m_timer.start(m_minutes * 60 * 1000);
    else
        m_timer.stop();
}

bool IdleWatcher::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
    case QEvent::KeyPress:
    case QEvent::Wheel:
        // Timer restarts are cheap; skip the work for events that are one input seen twice
        // (the window and the item both receive it).
        if (m_idle || m_timer.remainingTime() < m_minutes * 60 * 1000 - 500)
            wake();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace bytewave
