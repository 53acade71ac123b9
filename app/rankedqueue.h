#pragma once

// The ranked Up Next list as the taste engine emits it. Until ByteWave::Taste lands this header
// defines the types with the engine's announced shape; then it includes the engine's header.

#include <QList>
#include <QString>

namespace bytewave {

struct QueueEntry
{
    qint64 trackId = 0;
    double score = 0;
    QString reason; // one short line for the listener, e.g. "Because you liked <title>"
};
using RankedQueue = QList<QueueEntry>; // immutable once emitted

} // namespace bytewave
