#include "core/librarywatcher.h"

#include "core/logging.h"

#include <QSet>

namespace bytewave {

LibraryWatcher::LibraryWatcher(QObject *parent) : QObject(parent)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(3000);
    m_periodic.setInterval(15 * 60 * 1000);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &LibraryWatcher::onChange);
    connect(&m_settle, &QTimer::timeout, this, &LibraryWatcher::rescanNeeded);
    connect(&m_periodic, &QTimer::timeout, this, &LibraryWatcher::rescanNeeded);
}

void LibraryWatcher::setDirectories(const QStringList &directories)
{
    const QStringList current = m_watcher.directories();
    const QSet<QString> wanted(directories.cbegin(), directories.cend());
    QStringList stale;
    for (const QString &dir : current) {
        if (!wanted.contains(dir))
            stale << dir;
    }
    if (!stale.isEmpty())
        m_watcher.removePaths(stale);
    const QSet<QString> have(current.cbegin(), current.cend());
    QStringList fresh;
    for (const QString &dir : directories) {
        if (!have.contains(dir))
            fresh << dir;
    }
    if (fresh.isEmpty())
        return;
    const QStringList failed = m_watcher.addPaths(fresh);
    if (!failed.isEmpty() && !m_warnedLimit) {
        // Usually fs.inotify.max_user_watches; the periodic check still finds new music.
        m_warnedLimit = true;
        qCWarning(lcScan) << "cannot watch" << failed.size() << "of" << fresh.size()
                          << "folders; new music there is found by the periodic check";
    }
}

void LibraryWatcher::setPeriodicIntervalMs(int ms)
{
    if (ms <= 0) {
        m_periodic.stop();
        return;
    }
    m_periodic.setInterval(ms);
    if (m_enabled)
        m_periodic.start();
}

void LibraryWatcher::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (enabled) {
        m_periodic.start();
    } else {
        m_periodic.stop();
        m_settle.stop();
    }
}

void LibraryWatcher::onChange()
{
    if (m_enabled)
        m_settle.start(); // restarts: the rescan waits until changes have settled
}

} // namespace bytewave
