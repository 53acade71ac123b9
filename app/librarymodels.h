#pragma once

#include "app/librarysnapshot.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace bytewave {

// The three browsing levels of the Library page. Each reads the shared immutable snapshot, so a
// row costs a vector lookup: no SQL, no per-row allocation beyond the QVariant.

class ArtistListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("use App.library.artists")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role { NameRole = Qt::UserRole + 1, AlbumCountRole, TrackCountRole, CoverRole };
    Q_ENUM(Role)

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setSnapshot(LibrarySnapshotPtr snapshot);

signals:
    void countChanged();

private:
    LibrarySnapshotPtr m_snapshot;
};

class AlbumListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("use App.library.albums")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(QString artist READ artist WRITE setArtist NOTIFY artistChanged)
public:
    enum Role {
        AlbumKeyRole = Qt::UserRole + 1,
        TitleRole,
        ArtistRole,
        YearRole,
        TrackCountRole,
        CoverRole,
    };
    Q_ENUM(Role)

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setSnapshot(LibrarySnapshotPtr snapshot);

    QString artist() const { return m_artist; }
    void setArtist(const QString &artist); // empty: every album

signals:
    void countChanged();
    void artistChanged();

private:
    void rebuild();
    LibrarySnapshotPtr m_snapshot;
    QString m_artist;
    QList<int> m_rows; // indexes into snapshot->albums
};

class TrackListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("use App.library.tracks")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(QString albumKey READ albumKey WRITE setAlbumKey NOTIFY albumKeyChanged)
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)
public:
    enum Role {
        TrackIdRole = Qt::UserRole + 1,
        TitleRole,
        ArtistRole,
        AlbumRole,
        TrackNumberRole,
        DurationRole,
        CoverRole,
    };
    Q_ENUM(Role)

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setSnapshot(LibrarySnapshotPtr snapshot);

    QString albumKey() const { return m_albumKey; }
    void setAlbumKey(const QString &key); // empty: every track
    QString search() const { return m_search; }
    // Words match anywhere in title, artist or album, case and accents ignored; every word must
    // match. A non-empty search overrides the album filter.
    void setSearch(const QString &text);
    Q_INVOKABLE qint64 trackIdAt(int row) const;

signals:
    void countChanged();
    void albumKeyChanged();
    void searchChanged();

private:
    void rebuild();
    LibrarySnapshotPtr m_snapshot;
    QString m_albumKey;
    QString m_search;
    QList<int> m_rows; // indexes into snapshot->tracks
};

} // namespace bytewave
