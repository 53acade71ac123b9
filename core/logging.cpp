#include "core/logging.h"

Q_LOGGING_CATEGORY(lcDb, "bytewave.db", QtWarningMsg)
Q_LOGGING_CATEGORY(lcScan, "bytewave.scan", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAnalysis, "bytewave.analysis", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTaste, "bytewave.taste", QtWarningMsg)
Q_LOGGING_CATEGORY(lcPlayer, "bytewave.player", QtWarningMsg)
