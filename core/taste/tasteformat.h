#pragma once

#include "core/taste/queueentry.h"
#include "core/taste/tastestore.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace bytewave {

// Plain-value conversions the CLI commands and the engine line protocol share.

// "2027-03-01T12:00:00Z", "2027-03-01T12:00:00.250+01:00", "2027-03-01" (midnight UTC) or
// milliseconds since the Unix epoch; a time without an offset is UTC. Nothing when unreadable.
std::optional<qint64> parseTimestamp(const QString &text);
// ISO 8601 in UTC with a Z.
QString formatTimestamp(qint64 ms);

// {"id","path","title","artist","album","duration_s"} plus "reason" and "score" when given.
QJsonObject trackJson(const TasteStore::TrackRow &track, const QString &reason = {},
                      std::optional<double> score = std::nullopt);

} // namespace bytewave
