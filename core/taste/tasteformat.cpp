#include "core/taste/tasteformat.h"

#include <QDateTime>
#include <QTimeZone>

namespace bytewave {

std::optional<qint64> parseTimestamp(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 ms = t.toLongLong(&isNumber);
    if (isNumber)
        return ms;
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(t, Qt::ISODate);
    if (!dt.isValid()) {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        if (!d.isValid())
            return std::nullopt;
        dt = QDateTime(d, QTime(0, 0), QTimeZone::utc());
    }
    // Without an explicit offset Qt reads local time; ByteWave's timestamps are UTC.
    if (dt.timeSpec() == Qt::LocalTime)
        dt = QDateTime(dt.date(), dt.time(), QTimeZone::utc());
    return dt.toMSecsSinceEpoch();
}

QString formatTimestamp(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODate);
}

QJsonObject trackJson(const TasteStore::TrackRow &track, const QString &reason,
                      std::optional<double> score)
{
    QJsonObject o{{QStringLiteral("id"), track.id},
                  {QStringLiteral("path"), track.path},
                  {QStringLiteral("title"), track.title},
                  {QStringLiteral("artist"), track.artist},
                  {QStringLiteral("album"), track.album},
                  {QStringLiteral("duration_s"), track.durationS}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (score)
        o.insert(QStringLiteral("score"), *score);
    return o;
}

} // namespace bytewave
