#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace bytewave {

// Tells when the library folders need a rescan, so new music appears without the user asking.
//
// Watches every folder of the library with inotify (QFileSystemWatcher) and emits rescanNeeded()
// once changes have settled for settleDelayMs (a copy of a whole album is one rescan, not
// hundreds). Because inotify does not see every change (network shares, a USB disk plugged back
// in, the kernel's watch limit), it also emits rescanNeeded() every periodicIntervalMs; an
// unchanged rescan costs one stat per file, so this is cheap.
class LibraryWatcher : public QObject
{
    Q_OBJECT
public:
    explicit LibraryWatcher(QObject *parent = nullptr);

    // Replaces the watched folders (LibraryService passes ScanSummary::directories).
    void setDirectories(const QStringList &directories);
    QStringList directories() const { return m_watcher.directories(); }

    void setSettleDelayMs(int ms) { m_settle.setInterval(ms); }
    void setPeriodicIntervalMs(int ms); // 0 turns the periodic check off
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

signals:
    void rescanNeeded();

private:
    void onChange();

    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    QTimer m_periodic;
    bool m_enabled = false;
    bool m_warnedLimit = false;
};

} // namespace bytewave
