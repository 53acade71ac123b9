#pragma once

#include "core/libraryscanner.h"
#include "core/librarywatcher.h"

#include <QObject>
#include <QThread>
#include <QTimer>

namespace bytewave {

// The GUI thread's handle on the library scanner. Owns the scanner's thread; every call returns
// at once and results come back as signals on the owner's thread. The GUI thread never waits on
// SQL or file I/O.
//
// Typical use (the app):
//     auto *library = new LibraryService(Database::defaultPath(), this);
//     connect(library, &LibraryService::libraryChanged, model, &TrackModel::reload);
//     library->setWatching(true);  // rescan on changes and periodically
//     library->rescan();           // the saved library folders, at start-up
//     library->addFolder(path);    // from the Settings page: saves the folder, then scans
//
// Requests that arrive during a scan are merged into one follow-up scan. Library folders live
// in the library_folders table (SettingsStore); the scanner reads them itself.
class LibraryService : public QObject
{
    Q_OBJECT
public:
    explicit LibraryService(QString databasePath, QObject *parent = nullptr);
    // Cancels a running scan and waits for the thread (at most the file being read).
    ~LibraryService() override;

    // Scanner options for the scans that start after this call.
    void setOptions(const ScanOptions &options);
    // Watch the library folders (and check them periodically) and rescan when they change.
    void setWatching(bool on);
    LibraryWatcher &watcher() { return m_watcher; }

    bool isScanning() const { return m_scanning; }
    ScanSummary lastSummary() const { return m_last; }

public slots:
    void rescan();
    // Saves path (absolute, canonical) in library_folders, then rescans.
    void addFolder(const QString &path);
    // Forgets path; its tracks are marked missing (their history is kept), then rescans.
    void removeFolder(const QString &path);
    void cancel();

signals:
    void scanningChanged(bool scanning);
    void progress(qint64 found, qint64 done);
    void scanFinished(const bytewave::ScanSummary &summary);
    // Tracks were added, changed, moved, restored or marked missing: reload models.
    void libraryChanged();
    void foldersChanged();

private:
    void start();
    void onFinished(const bytewave::ScanSummary &summary);

    QString m_databasePath;
    QThread m_thread;
    LibraryScanner *m_scanner = nullptr; // lives in m_thread
    LibraryWatcher m_watcher;
    QTimer m_followUp;
    ScanSummary m_last;
    bool m_scanning = false;
    bool m_pending = false;
};

} // namespace bytewave
