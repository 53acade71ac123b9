#include "app/librarymodels.h"

#include "app/queuemodel.h"

namespace bytewave {

// ---- artists

int ArtistListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_snapshot ? 0 : int(m_snapshot->artists.size());
}

QVariant ArtistListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ArtistInfo &a = m_snapshot->artists.at(index.row());
    switch (role) {
    case NameRole:
    case Qt::DisplayRole:
        return a.name;
    case AlbumCountRole:
        return a.albumCount;
    case TrackCountRole:
        return a.trackCount;
    case CoverRole:
        return coverUrlFor(a.cover);
    default:
        return {};
    }
}

QHash<int, QByteArray> ArtistListModel::roleNames() const
{
    return {{NameRole, "name"}, {AlbumCountRole, "albumCount"}, {TrackCountRole, "trackCount"},
            {CoverRole, "cover"}};
}

void ArtistListModel::setSnapshot(LibrarySnapshotPtr snapshot)
{
    // A new snapshot is a new library (a rescan finished): a reset is the honest change here.
    beginResetModel();
    m_snapshot = std::move(snapshot);
    endResetModel();
    emit countChanged();
}

// ---- albums

int AlbumListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant AlbumListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlbumInfo &a = m_snapshot->albums.at(m_rows.at(index.row()));
    switch (role) {
    case AlbumKeyRole:
        return a.key;
    case TitleRole:
    case Qt::DisplayRole:
        return a.title;
    case ArtistRole:
        return a.artist;
    case YearRole:
        return a.year;
    case TrackCountRole:
        return int(a.tracks.size());
    case CoverRole:
        return coverUrlFor(a.cover);
    default:
        return {};
    }
}

QHash<int, QByteArray> AlbumListModel::roleNames() const
{
    return {{AlbumKeyRole, "albumKey"}, {TitleRole, "title"},           {ArtistRole, "artist"},
            {YearRole, "year"},         {TrackCountRole, "trackCount"}, {CoverRole, "cover"}};
}

void AlbumListModel::setSnapshot(LibrarySnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    rebuild();
}

void AlbumListModel::setArtist(const QString &artist)
{
    if (artist == m_artist)
        return;
    m_artist = artist;
    emit artistChanged();
    rebuild();
}

void AlbumListModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    if (m_snapshot) {
        if (m_artist.isEmpty()) {
            m_rows.reserve(m_snapshot->albums.size());
            for (int i = 0; i < m_snapshot->albums.size(); ++i)
                m_rows.append(i);
        } else {
            m_rows = m_snapshot->albumsByArtist.value(m_artist);
        }
    }
    endResetModel();
    emit countChanged();
}

// ---- tracks

int TrackListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant TrackListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrackInfo &t = m_snapshot->tracks.at(m_rows.at(index.row()));
    switch (role) {
    case TrackIdRole:
        return t.id;
    case TitleRole:
    case Qt::DisplayRole:
        return t.title;
    case ArtistRole:
        return t.artist;
    case AlbumRole:
        return t.album;
    case TrackNumberRole:
        return t.trackNumber;
    case DurationRole:
        return t.durationS;
    case CoverRole:
        return coverUrlFor(t.cover);
    default:
        return {};
    }
}

QHash<int, QByteArray> TrackListModel::roleNames() const
{
    return {{TrackIdRole, "trackId"},         {TitleRole, "title"},       {ArtistRole, "artist"},
            {AlbumRole, "album"},             {TrackNumberRole, "trackNumber"},
            {DurationRole, "duration"},       {CoverRole, "cover"}};
}

void TrackListModel::setSnapshot(LibrarySnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    rebuild();
}

void TrackListModel::setAlbumKey(const QString &key)
{
    if (key == m_albumKey)
        return;
    m_albumKey = key;
    emit albumKeyChanged();
    rebuild();
}

void TrackListModel::setSearch(const QString &text)
{
    if (text == m_search)
        return;
    m_search = text;
    emit searchChanged();
    rebuild();
}

qint64 TrackListModel::trackIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_snapshot->tracks.at(m_rows.at(row)).id : 0;
}

void TrackListModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    if (m_snapshot) {
        const QStringList words =
            LibrarySnapshot::fold(m_search).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (!words.isEmpty()) {
            for (int i = 0; i < m_snapshot->tracks.size(); ++i) {
                const QString &key = m_snapshot->tracks.at(i).searchKey;
                if (std::all_of(words.cbegin(), words.cend(),
                                [&key](const QString &w) { return key.contains(w); }))
                    m_rows.append(i);
            }
        } else if (!m_albumKey.isEmpty()) {
            if (const AlbumInfo *album = m_snapshot->album(m_albumKey))
                m_rows = album->tracks;
        } else {
            m_rows.reserve(m_snapshot->tracks.size());
            for (int i = 0; i < m_snapshot->tracks.size(); ++i)
                m_rows.append(i);
        }
    }
    endResetModel();
    emit countChanged();
}

} // namespace bytewave
