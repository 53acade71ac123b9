#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

class QThreadPool;

namespace bytewave {

// What one scan did. Counts are of this scan's changes, except failed, which counts every file
// found that cannot be read (new or old), so "failed > 0" always means the library has some.
struct ScanSummary
{
    qint64 found = 0;     // audio files found under the folders
    qint64 added = 0;     // new tracks
    qint64 updated = 0;   // changed files (size or mtime), re-read
    qint64 unchanged = 0; // same size and mtime: not opened
    qint64 moved = 0;     // a new path whose content matched a missing track: same id, new path
    qint64 restored = 0;  // a missing track whose file is back at the same path
    qint64 missing = 0;   // tracks newly marked missing (their history is kept)
    qint64 failed = 0;    // files that cannot be read (see tracks.scan_error)
    qint64 recent = 0;    // files modified in the last few seconds, maybe still being copied
    double seconds = 0;
    bool cancelled = false;
    QString databaseError;          // non-empty: the scan stopped because the database failed
    QStringList errors;             // the first few "path: reason" lines
    QStringList unreadableFolders;  // folders that could not be listed (or do not exist)
    QStringList directories;        // every folder walked, for the library watcher

    bool changedLibrary() const { return added + updated + moved + restored + missing > 0; }
};

struct ScanOptions
{
    int batchSize = 200;  // files per database transaction
    int readThreads = 0;  // threads that read tags; 0 = one per core, at most 4
    bool force = false;   // re-read every file, even unchanged ones
    QString coverCacheDir; // empty = CoverArtCache::defaultDir()
};

// Walks library folders and keeps the tracks table in step with them.
//
// A worker QObject that knows nothing about threads: scan() runs on whichever thread owns the
// object and opens its own Database connection there (LibraryService moves it to a QThread; the
// CLI calls scan() directly). Tag reading fans out to a small private thread pool of its own.
//
// Incremental: every known path's (size, mtime) is loaded once; a file with the same pair is not
// opened. Changed files are re-read. Tracks under a scanned folder whose file is gone are marked
// missing, never deleted, so their listening history stays; a missing track whose content key
// reappears at a new path is moved there (same id), and one whose file comes back is restored.
// Nothing is marked missing unless the walk finished, so a cancelled scan never hides tracks.
//
// Bad input never stops the scan: unreadable folders are recorded and skipped, symlink loops are
// cut (each directory is visited once, by device and inode), files that cannot be read get
// tracks.scan_error, files that vanish during the scan are treated as gone, non-UTF-8 file names
// are recorded with an error telling the user to rename them (Qt, FFmpeg and GStreamer paths
// are UTF-8), and the library itself is only ever read.
class LibraryScanner : public QObject
{
    Q_OBJECT
public:
    explicit LibraryScanner(QString databasePath, QObject *parent = nullptr);
    ~LibraryScanner() override;

    void setOptions(const ScanOptions &options) { m_options = options; }
    ScanOptions options() const { return m_options; }

    // Scans folders (empty: the library_folders table) and returns what changed. Synchronous.
    ScanSummary scan(const QStringList &folders = {});

    // Stops a running scan at the next file; what was read so far is kept. Any thread.
    void cancel() { m_cancel.store(true); }

    // Lower-case extensions of the files the scanner considers audio.
    static const QStringList &audioExtensions();

public slots:
    // scan() then finished(): the entry point for queued calls from another thread.
    void run(const QStringList &folders);

signals:
    // found grows while walking (done = 0); then done counts files checked or read.
    void progress(qint64 found, qint64 done);
    // The walk is complete; reading starts.
    void walkFinished(qint64 found);
    void finished(const bytewave::ScanSummary &summary);

private:
    QString m_databasePath;
    ScanOptions m_options;
    std::atomic<bool> m_cancel{false};
    std::unique_ptr<QThreadPool> m_pool;
};

} // namespace bytewave

Q_DECLARE_METATYPE(bytewave::ScanSummary)
