#include "app/idlewatcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>

namespace bytewave {

namespace {
int readNumber(const QString &path)
{
    QFile file(path);
    bool ok = false;
    const int value = file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toInt(&ok) : -1;
    return ok ? value : -1;
}

bool writeNumber(const QString &path, int value)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(QByteArray::number(value)) > 0;
}
} // namespace

IdleWatcher::IdleWatcher(QObject *parent) : QObject(parent)
{
    const QDir sys(QStringLiteral("/sys/class/backlight"));
    for (const QString &name : sys.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString dir = sys.filePath(name);
        if (QFileInfo(dir + QStringLiteral("/brightness")).isWritable()
            && readNumber(dir + QStringLiteral("/max_brightness")) > 0) {
            m_backlight = dir;
            break;
        }
    }
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_idle = true;
        setBacklightDimmed(true);
        emit idleChanged();
    });
    if (QCoreApplication::instance())
        QCoreApplication::instance()->installEventFilter(this);
    setTimeoutMinutes(m_minutes);
    wake();
}

IdleWatcher::~IdleWatcher()
{
    setBacklightDimmed(false); // never leave the screen dark behind us
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
        setBacklightDimmed(false);
        emit idleChanged();
    }
    if (m_minutes > 0)
        m_timer.start(m_minutes * 60 * 1000);
    else
        m_timer.stop();
}

void IdleWatcher::setBacklightDimmed(bool dimmed)
{
    if (m_backlight.isEmpty())
        return;
    const QString brightness = m_backlight + QStringLiteral("/brightness");
    if (dimmed) {
        m_savedBrightness = readNumber(brightness);
        const int max = readNumber(m_backlight + QStringLiteral("/max_brightness"));
        if (m_savedBrightness > 0 && max > 0)
            writeNumber(brightness, std::max(1, max / 10));
    } else if (m_savedBrightness > 0) {
        writeNumber(brightness, m_savedBrightness);
        m_savedBrightness = -1;
    }
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
