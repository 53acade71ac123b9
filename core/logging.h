#pragma once

#include <QLoggingCategory>

// One logging category per subsystem; enable with QT_LOGGING_RULES="bytewave.*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcDb)
Q_DECLARE_LOGGING_CATEGORY(lcScan)
Q_DECLARE_LOGGING_CATEGORY(lcAnalysis)
Q_DECLARE_LOGGING_CATEGORY(lcTaste)
Q_DECLARE_LOGGING_CATEGORY(lcPlayer)
