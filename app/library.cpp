#include "app/library.h"

#include "app/databasethread.h"
#include "core/libraryservice.h"
#include "core/logging.h"
#include "core/settingsstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

#include "analysis/synth/demolibrary.h"

namespace bytewave {

namespace {
const QString kFirstStartKey = QStringLiteral("library.initialised");
} // namespace

Library::Library(DatabaseThread *db, const QString &dbPath, QStringList extraFolders, QObject *parent)
    : QObject(parent), m_db(db), m_extraFolders(std::move(extraFolders))
{
    connect(&m_albums, &AlbumListModel::artistChanged, this, &Library::selectionChanged);
    connect(&m_tracks, &TrackListModel::albumKeyChanged, this, &Library::selectionChanged);
    connect(&m_tracks, &TrackListModel::searchChanged, this, &Library::searchChanged);
    // A scan reports changes in bursts; one snapshot per second is plenty for the eye.
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(1000);
    connect(&m_reloadTimer, &QTimer::timeout, this, &Library::reload);

    if (dbPath.isEmpty())
        return;
    m_service = new LibraryService(dbPath, this);
    connect(m_service, &LibraryService::scanningChanged, this, [this](bool scanning) {
        m_scanning = scanning;
        if (scanning)
            m_scanDone = m_scanTotal = 0;
        emit scanChanged();
    });
    connect(m_service, &LibraryService::progress, this, [this](qint64 found, qint64 done) {
        m_scanTotal = int(found);
        m_scanDone = int(done);
        emit scanChanged();
    });
    connect(m_service, &LibraryService::scanFinished, this, &Library::onScanFinished);
    connect(m_service, &LibraryService::libraryChanged, this, [this] {
        m_reloadTimer.start();
        emit tracksChanged();
    });
    connect(m_service, &LibraryService::foldersChanged, this, &Library::loadFolders);
}

Library::~Library()
{
    if (m_cancelDemo)
        m_cancelDemo->store(true);
    m_demo.waitForFinished();
}

QUrl Library::startFolder()
{
    const QString music = QStandardPaths::writableLocation(QStandardPaths::MusicLocation);
    return QUrl::fromLocalFile(QFileInfo(music).isDir() ? music : QDir::homePath());
}

void Library::start()
{
    reload(); // what the database already holds, before any scan
    if (!m_service) {
        loadFolders();
        return;
    }
    QStringList cli;
    for (const QString &folder : std::as_const(m_extraFolders))
        cli << QFileInfo(folder).absoluteFilePath();
    const QString music = QStandardPaths::writableLocation(QStandardPaths::MusicLocation);
    m_db->run<QStringList>(
        [cli, music](Database *db) -> QStringList {
            if (!db)
                return cli;
            SettingsStore settings(*db);
            QStringList add = cli;
            // The first start without --library uses the XDG Music folder, once: a folder the
            // user removed later must stay removed.
            if (settings.value(kFirstStartKey).isEmpty()) {
                if (cli.isEmpty() && settings.libraryFolders().isEmpty() && !music.isEmpty()
                    && QFileInfo(music).isDir())
                    add << music;
                settings.setValue(kFirstStartKey, QStringLiteral("1"));
            }
            return add;
        },
        this,
        [this](const QStringList &add) {
            // Each addFolder() saves the folder and asks for a scan; the service merges them.
            for (const QString &folder : add)
                m_service->addFolder(folder);
            if (add.isEmpty())
                m_service->rescan();
            m_service->setWatching(true);
            loadFolders();
        });
}

void Library::loadFolders()
{
    m_db->run<QStringList>(
        [](Database *db) -> QStringList { return db ? SettingsStore(*db).libraryFolders() : QStringList(); },
        this,
        [this](const QStringList &folders) {
            m_folders = folders;
            emit foldersChanged();
        });
}

void Library::onScanFinished(const ScanSummary &summary)
{
    m_reloadTimer.stop();
    reload();
    // foldersChanged() comes before the scanner's thread has written the folder; by the end of
    // the scan that follows, it has.
    loadFolders();
    if (!summary.databaseError.isEmpty()) {
        emit message(tr("The library could not be saved: %1").arg(summary.databaseError));
    } else if (summary.failed > 0) {
        emit message(summary.failed == 1 ? tr("1 file could not be read.")
                                         : tr("%1 files could not be read.").arg(summary.failed));
    } else if (!summary.unreadableFolders.isEmpty()) {
        emit message(tr("Cannot read %1.").arg(summary.unreadableFolders.join(QStringLiteral(", "))));
    }
}

void Library::reload()
{
    m_db->run<LibrarySnapshotPtr>(
        [](Database *db) -> LibrarySnapshotPtr {
            QElapsedTimer timer;
            timer.start();
            LibrarySnapshotPtr snapshot = db ? LibrarySnapshot::load(*db) : LibrarySnapshot::build({});
            qCInfo(lcPlayer) << "library snapshot:" << snapshot->tracks.size() << "tracks in"
                             << timer.elapsed() << "ms";
            return snapshot;
        },
        this, [this](const LibrarySnapshotPtr &snapshot) { setSnapshot(snapshot); });
}

void Library::setSnapshot(LibrarySnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    m_loaded = true;
    m_artists.setSnapshot(m_snapshot);
    m_albums.setSnapshot(m_snapshot);
    m_tracks.setSnapshot(m_snapshot);
    emit snapshotChanged();
}

void Library::setSearch(const QString &text)
{
    m_tracks.setSearch(text);
}

QString Library::selectedAlbumTitle() const
{
    const AlbumInfo *album = m_snapshot ? m_snapshot->album(m_tracks.albumKey()) : nullptr;
    return album ? album->title : QString();
}

void Library::selectArtist(const QString &artist)
{
    m_albums.setArtist(artist);
}

void Library::selectAlbum(const QString &albumKey)
{
    m_tracks.setAlbumKey(albumKey);
}

QList<qint64> Library::albumTrackIds(const QString &albumKey) const
{
    QList<qint64> ids;
    if (const AlbumInfo *album = m_snapshot ? m_snapshot->album(albumKey) : nullptr) {
        for (const int i : album->tracks)
            ids << m_snapshot->tracks.at(i).id;
    }
    return ids;
}

void Library::addFolder(const QUrl &folder)
{
    const QString path = folder.isLocalFile() ? folder.toLocalFile() : folder.toString();
    if (path.isEmpty() || !QFileInfo(path).isDir()) {
        emit message(tr("%1 is not a folder.").arg(path));
        return;
    }
    if (m_service)
        m_service->addFolder(path);
}

void Library::removeFolder(const QString &path)
{
    if (m_service)
        m_service->removeFolder(path);
}

void Library::rescan()
{
    if (m_service)
        m_service->rescan();
    else
        reload();
}

void Library::setDemoOptions(const QString &folder, int tracks, double seconds)
{
    m_demoFolder = folder;
    m_demoTracks = tracks;
    m_demoSeconds = seconds;
}

void Library::createDemoLibrary()
{
    if (m_creatingDemo)
        return;
    QString music = QStandardPaths::writableLocation(QStandardPaths::MusicLocation);
    if (music.isEmpty())
        music = QDir::homePath() + QStringLiteral("/Music");
    synth::DemoOptions options;
    options.directory = m_demoFolder.isEmpty() ? music + QStringLiteral("/ByteWave demo") : m_demoFolder;
    options.tracks = m_demoTracks;
    options.durationSeconds = m_demoSeconds;
    options.seed = 2024;
    options.replace = true; // a second try over an earlier demo library is fine
    options.jobs = 1;       // keep a core for the UI and playback
    m_creatingDemo = true;
    m_demoDone = 0;
    m_demoTotal = options.tracks;
    emit demoChanged();
    m_cancelDemo = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancelDemo;
    QPointer<Library> self(this);
    m_demo = QtConcurrent::run([self, options, cancel] {
        auto progress = [self](int done, int total) {
            QMetaObject::invokeMethod(self, [self, done, total] {
                Library *const library = self.data(); // null once the Library is gone
                if (!library)
                    return;
                library->m_demoDone = done;
                library->m_demoTotal = total;
                emit library->demoChanged();
            });
        };
        const synth::DemoResult result = synth::DemoLibrary::generate(options, progress, cancel.get());
        const bool usable = !result.tracks.empty();
        const QString error = result.error;
        const QString dir = options.directory;
        QMetaObject::invokeMethod(self, [self, usable, error, dir] {
            Library *const library = self.data();
            if (!library)
                return;
            library->m_creatingDemo = false;
            emit library->demoChanged();
            if (!error.isEmpty())
                emit library->message(tr("Demo library: %1").arg(error));
            if (usable && library->m_service)
                library->m_service->addFolder(dir);
        });
    });
}

} // namespace bytewave
