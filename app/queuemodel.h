#pragma once

#include "app/librarysnapshot.h"
#include "core/taste/queueentry.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace bytewave {

// Up Next. setQueue() applies the difference between the shown list and a new ranking as row
// moves, inserts and removals (never a reset), so the view can animate what changed.
class QueueModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Up Next belongs to the player; use App.queue")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role {
        TrackIdRole = Qt::UserRole + 1,
        TitleRole,
        ArtistRole,
        AlbumRole,
        CoverRole,
        DurationRole,
        ReasonRole,
        ScoreRole,
    };
    Q_ENUM(Role)

    explicit QueueModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setQueue(const RankedQueue &queue);
    void setSnapshot(LibrarySnapshotPtr snapshot);
    RankedQueue queue() const { return m_rows; }
    Q_INVOKABLE qint64 trackIdAt(int row) const;

signals:
    void countChanged();

private:
    RankedQueue m_rows;
    LibrarySnapshotPtr m_snapshot;
};

// "image://cover/<key>" for a cover cache key, or an empty string.
QString coverUrlFor(const QString &coverKey);

} // namespace bytewave
