#include "app/library.h"

#include "app/databasethread.h"
#include "core/settingsstore.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace bytewave {

namespace {
const QString kFirstStartKey = QStringLiteral("library.initialised");
} // namespace

Library::Library(DatabaseThread *db, QStringList extraFolders, QObject *parent)
    : QObject(parent), m_db(db), m_extraFolders(std::move(extraFolders))
{
    connect(&m_albums, &AlbumListModel::artistChanged, this, &Library::selectionChanged);
    connect(&m_tracks, &TrackListModel::albumKeyChanged, this, &Library::selectionChanged);
    connect(&m_tracks, &TrackListModel::searchChanged, this, &Library::searchChanged);
}

Library::~Library() = default;

bool Library::demoAvailable() const
{
    return false; // until ByteWave::Synth offers its library API
}

void Library::start()
{
    QStringList add;
    for (const QString &folder : std::as_const(m_extraFolders))
        add << QFileInfo(folder).absoluteFilePath();
    loadFolders(add);
    reload();
}

void Library::loadFolders(const QStringList &add)
{
    const QString music = QStandardPaths::writableLocation(QStandardPaths::MusicLocation);
    m_db->run<QStringList>(
        [add, music](Database *db) -> QStringList {
            if (!db)
                return {};
            SettingsStore settings(*db);
            for (const QString &folder : add)
                settings.addLibraryFolder(QDir::cleanPath(folder));
            // The first start without --library uses the XDG Music folder, once: a folder
            // the user removed later must stay removed.
            if (settings.value(kFirstStartKey).isEmpty()) {
                if (add.isEmpty() && settings.libraryFolders().isEmpty() && !music.isEmpty()
                    && QFileInfo(music).isDir())
                    settings.addLibraryFolder(QDir::cleanPath(music));
                settings.setValue(kFirstStartKey, QStringLiteral("1"));
            }
            return settings.libraryFolders();
        },
        this,
        [this](const QStringList &folders) {
            m_folders = folders;
            emit foldersChanged();
        });
}

void Library::reload()
{
    m_db->run<LibrarySnapshotPtr>(
        [](Database *db) -> LibrarySnapshotPtr {
            return db ? LibrarySnapshot::load(*db) : LibrarySnapshot::build({});
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
    loadFolders({path});
    rescan();
}

void Library::removeFolder(const QString &path)
{
    m_db->run<QStringList>(
        [path](Database *db) -> QStringList {
            if (!db)
                return {};
            SettingsStore settings(*db);
            settings.removeLibraryFolder(path);
            return settings.libraryFolders();
        },
        this,
        [this](const QStringList &folders) {
            m_folders = folders;
            emit foldersChanged();
        });
}

void Library::rescan()
{
    // Until the scanner's service is available the app shows what the database holds.
    reload();
}

void Library::createDemoLibrary()
{
    emit message(tr("The demo library is not available in this build."));
}

} // namespace bytewave
