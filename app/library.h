#pragma once

#include "app/librarymodels.h"
#include "app/librarysnapshot.h"

#include <QFuture>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <memory>

namespace bytewave {

class DatabaseThread;
class LibraryService;
struct ScanSummary;

// The library as the GUI sees it: an immutable snapshot loaded on the database thread, the
// three browsing models over it, the library folders and the scan state. Scanning and folder
// watching are the scanner's LibraryService (core/), which runs on its own thread.
class Library : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("use App.library")
    Q_PROPERTY(bytewave::ArtistListModel *artists READ artists CONSTANT)
    Q_PROPERTY(bytewave::AlbumListModel *albums READ albums CONSTANT)
    Q_PROPERTY(bytewave::TrackListModel *tracks READ tracks CONSTANT)
    Q_PROPERTY(bool loaded READ loaded NOTIFY snapshotChanged)
    Q_PROPERTY(int trackCount READ trackCount NOTIFY snapshotChanged)
    Q_PROPERTY(QStringList folders READ folders NOTIFY foldersChanged)
    Q_PROPERTY(bool scanning READ scanning NOTIFY scanChanged)
    Q_PROPERTY(int scanDone READ scanDone NOTIFY scanChanged)
    Q_PROPERTY(int scanTotal READ scanTotal NOTIFY scanChanged)
    // Where the folder picker opens: the user's Music folder, else their home.
    Q_PROPERTY(QUrl startFolder READ startFolder CONSTANT)
    Q_PROPERTY(bool creatingDemo READ creatingDemo NOTIFY demoChanged)
    Q_PROPERTY(int demoDone READ demoDone NOTIFY demoChanged)
    Q_PROPERTY(int demoTotal READ demoTotal NOTIFY demoChanged)
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)
    Q_PROPERTY(QString selectedArtist READ selectedArtist WRITE selectArtist NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedAlbum READ selectedAlbum WRITE selectAlbum NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedAlbumTitle READ selectedAlbumTitle NOTIFY selectionChanged)
public:
    // dbPath empty: no scanner (tests that only show a snapshot).
    Library(DatabaseThread *db, const QString &dbPath, QStringList extraFolders,
            QObject *parent = nullptr);
    ~Library() override;

    ArtistListModel *artists() { return &m_artists; }
    AlbumListModel *albums() { return &m_albums; }
    TrackListModel *tracks() { return &m_tracks; }
    LibrarySnapshotPtr snapshot() const { return m_snapshot; }
    bool loaded() const { return m_loaded; }
    int trackCount() const { return m_snapshot ? int(m_snapshot->tracks.size()) : 0; }
    QStringList folders() const { return m_folders; }
    bool scanning() const { return m_scanning; }
    int scanDone() const { return m_scanDone; }
    int scanTotal() const { return m_scanTotal; }
    static QUrl startFolder();
    bool creatingDemo() const { return m_creatingDemo; }
    int demoDone() const { return m_demoDone; }
    int demoTotal() const { return m_demoTotal; }
    QString search() const { return m_tracks.search(); }
    void setSearch(const QString &text);
    QString selectedArtist() const { return m_albums.artist(); }
    QString selectedAlbum() const { return m_tracks.albumKey(); }
    QString selectedAlbumTitle() const;

    // Shows what the database holds at once, then adds the command line's folders (and, on a
    // first start without any, the XDG Music folder), scans them and watches them.
    void start();
    // For tests and benchmarks: show this snapshot without a database.
    void setSnapshot(LibrarySnapshotPtr snapshot);

    Q_INVOKABLE void reload();
    Q_INVOKABLE void selectArtist(const QString &artist);
    Q_INVOKABLE void selectAlbum(const QString &albumKey);
    Q_INVOKABLE void addFolder(const QUrl &folder);
    Q_INVOKABLE void removeFolder(const QString &path);
    Q_INVOKABLE void rescan();
    Q_INVOKABLE void createDemoLibrary();
    // Where and how big the demo library is (default: 40 tracks of 45 s in
    // <XDG Music>/ByteWave demo); tests make a tiny one in a temporary folder.
    void setDemoOptions(const QString &folder, int tracks, double seconds);
    // Track ids of an album in play order.
    QList<qint64> albumTrackIds(const QString &albumKey) const;

signals:
    void snapshotChanged();
    // A scan changed the tracks (added, removed, moved): the queue source should reload.
    void tracksChanged();
    void foldersChanged();
    void scanChanged();
    void searchChanged();
    void selectionChanged();
    void demoChanged();
    void message(const QString &text);

private:
    void loadFolders();
    void onScanFinished(const ScanSummary &summary);

    DatabaseThread *m_db;
    LibraryService *m_service = nullptr;
    QTimer m_reloadTimer;
    QStringList m_extraFolders;
    ArtistListModel m_artists;
    AlbumListModel m_albums;
    TrackListModel m_tracks;
    LibrarySnapshotPtr m_snapshot;
    bool m_loaded = false;
    QStringList m_folders;
    bool m_scanning = false;
    int m_scanDone = 0;
    int m_scanTotal = 0;
    bool m_creatingDemo = false;
    QString m_demoFolder;
    int m_demoTracks = 40;
    double m_demoSeconds = 45;
    int m_demoDone = 0;
    int m_demoTotal = 0;
    std::shared_ptr<std::atomic_bool> m_cancelDemo;
    QFuture<void> m_demo;
};

} // namespace bytewave
