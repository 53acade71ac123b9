#include "core/signallog.h"

#include "core/database.h"

#include <QSqlError>
#include <QVariant>

#include <array>

namespace bytewave {

namespace {
constexpr std::array<const char *, 8> kKindNames = {"start", "like",   "dislike", "skip",
                                                    "complete", "replay", "undo", "reset"};
} // namespace

QString signalKindName(SignalKind kind)
{
    return QString::fromLatin1(kKindNames.at(static_cast<size_t>(kind)));
}

std::optional<SignalKind> signalKindFromName(const QString &name)
{
    for (size_t i = 0; i < kKindNames.size(); ++i) {
        if (name == QLatin1String(kKindNames[i]))
            return static_cast<SignalKind>(i);
    }
    return std::nullopt;
}

qint64 SignalLog::append(const SignalRecord &s)
{
    QSqlQuery &q = m_db.query(QStringLiteral(
        "INSERT INTO signals (track_id, kind, position_s, duration_s, at_ms, ref_id) "
        "VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(s.trackId > 0 ? QVariant(s.trackId) : QVariant());
    q.addBindValue(signalKindName(s.kind));
    q.addBindValue(s.positionS);
    q.addBindValue(s.durationS);
    q.addBindValue(s.atMs);
    q.addBindValue(s.refId > 0 ? QVariant(s.refId) : QVariant());
    if (!q.exec()) {
        m_error = q.lastError().text();
        return 0;
    }
    return q.lastInsertId().toLongLong();
}

QList<SignalRecord> SignalLog::read(qint64 afterId)
{
    QList<SignalRecord> out;
    QSqlQuery &q = m_db.query(QStringLiteral(
        "SELECT id, track_id, kind, position_s, duration_s, at_ms, ref_id FROM signals "
        "WHERE id > ? ORDER BY id"));
    q.addBindValue(afterId);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return out;
    }
    while (q.next()) {
        const auto kind = signalKindFromName(q.value(2).toString());
        if (!kind)
            continue; // the CHECK constraint makes this unreachable; be robust anyway
        out.append({q.value(0).toLongLong(), q.value(1).toLongLong(), *kind, q.value(3).toDouble(),
                    q.value(4).toDouble(), q.value(5).toLongLong(), q.value(6).toLongLong()});
    }
    return out;
}

qint64 SignalLog::count()
{
    QSqlQuery &q = m_db.query(QStringLiteral("SELECT count(*) FROM signals"));
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace bytewave
