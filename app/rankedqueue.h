#pragma once

// The ranked Up Next list as the taste engine emits it. With the engine in the tree this is
// its own header; the fallback below has the same shape for a build without it.

#if __has_include("core/taste/queueentry.h")
#include "core/taste/queueentry.h"
#else

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

#endif
