#include "app/queuemodel.h"

#include <QSet>
#include <QUrl>

namespace bytewave {

QString coverUrlFor(const QString &coverKey)
{
    if (coverKey.isEmpty())
        return {};
    return QStringLiteral("image://cover/") + QString::fromLatin1(QUrl::toPercentEncoding(coverKey));
}

QueueModel::QueueModel(QObject *parent) : QAbstractListModel(parent)
{
    connect(this, &QAbstractItemModel::rowsInserted, this, &QueueModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &QueueModel::countChanged);
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueEntry &entry = m_rows.at(index.row());
    const TrackInfo *track = m_snapshot ? m_snapshot->track(entry.trackId) : nullptr;
    switch (role) {
    case TrackIdRole:
        return entry.trackId;
    case ReasonRole:
        return entry.reason;
    case ScoreRole:
        return entry.score;
    case TitleRole:
    case Qt::DisplayRole:
        return track ? track->title : QString();
    case ArtistRole:
        return track ? track->artist : QString();
    case AlbumRole:
        return track ? track->album : QString();
    case CoverRole:
        return track ? coverUrlFor(track->cover) : QString();
    case DurationRole:
        return track ? track->durationS : 0.0;
    default:
        return {};
    }
}

QHash<int, QByteArray> QueueModel::roleNames() const
{
    return {{TrackIdRole, "trackId"}, {TitleRole, "title"},       {ArtistRole, "artist"},
            {AlbumRole, "album"},     {CoverRole, "cover"},       {DurationRole, "duration"},
            {ReasonRole, "reason"},   {ScoreRole, "score"}};
}

qint64 QueueModel::trackIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).trackId : 0;
}

void QueueModel::setSnapshot(LibrarySnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1));
}

void QueueModel::setQueue(const RankedQueue &incoming)
{
    // A track appears at most once; the engine promises it, but a stray duplicate must not
    // break the diff below.
    RankedQueue target;
    QSet<qint64> targetIds;
    for (const QueueEntry &e : incoming) {
        if (!targetIds.contains(e.trackId)) {
            targetIds.insert(e.trackId);
            target.append(e);
        }
    }

    // 1. Remove rows that are gone, in contiguous blocks from the bottom.
    for (int i = int(m_rows.size()) - 1; i >= 0;) {
        if (targetIds.contains(m_rows.at(i).trackId)) {
            --i;
            continue;
        }
        int first = i;
        while (first > 0 && !targetIds.contains(m_rows.at(first - 1).trackId))
            --first;
        beginRemoveRows({}, first, i);
        m_rows.remove(first, i - first + 1);
        endRemoveRows();
        i = first - 1;
    }

    // 2. Walk the target: keep, move up, or insert. Every remaining row is in the target, so
    //    afterwards the lists are equal.
    for (int i = 0; i < target.size(); ++i) {
        const QueueEntry &want = target.at(i);
        if (i < m_rows.size() && m_rows.at(i).trackId == want.trackId) {
            // same row
        } else {
            int from = -1;
            for (int j = i + 1; j < m_rows.size(); ++j) {
                if (m_rows.at(j).trackId == want.trackId) {
                    from = j;
                    break;
                }
            }
            if (from >= 0) {
                beginMoveRows({}, from, from, {}, i);
                m_rows.move(from, i);
                endMoveRows();
            } else {
                beginInsertRows({}, i, i);
                m_rows.insert(i, want);
                endInsertRows();
                continue;
            }
        }
        QueueEntry &have = m_rows[i];
        if (have.reason != want.reason || have.score != want.score) {
            have.reason = want.reason;
            have.score = want.score;
            emit dataChanged(index(i), index(i), {ReasonRole, ScoreRole});
        }
    }
}

} // namespace bytewave
