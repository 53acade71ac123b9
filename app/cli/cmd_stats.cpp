#include "app/cli/cli.h"

#include "analysis/analysisstore.h"

#include "core/signallog.h"

#include <QJsonObject>
#include <QSqlQuery>

namespace bytewave::cli {
namespace {

int runStats(Invocation &inv)
{
    int code = ExitOk;
    if (!inv.parse(&code, QStringLiteral("Counts of tracks, analysis results and signals."), 0, 0))
        return code;
    Database db;
    if (!inv.openDatabase(db, &code))
        return code;

    QSqlQuery &q = db.query(QStringLiteral(
        "SELECT count(*), "
        "       coalesce(sum(missing), 0), "
        "       coalesce(sum(scan_error IS NOT NULL AND missing = 0), 0), "
        "       coalesce(sum(duration_ms), 0), "
        "       count(DISTINCT artist), "
        "       count(DISTINCT album_artist || char(31) || album) "
        "FROM tracks"));
    if (!q.exec() || !q.next())
        return inv.error(ExitIoErr, db.errorString());
    const qint64 tracks = q.value(0).toLongLong();
    const qint64 missing = q.value(1).toLongLong();
    const qint64 failed = q.value(2).toLongLong();
    const qint64 durationMs = q.value(3).toLongLong();
    const qint64 artists = q.value(4).toLongLong();
    const qint64 albums = q.value(5).toLongLong();

    // Current analyses only (this extractor version, the file unchanged since).
    AnalysisStore store(db);
    const auto counts = store.counts();
    if (!counts)
        return inv.error(ExitIoErr, store.errorString());
    const qint64 analysed = counts->current - counts->failed;
    const qint64 analysisFailed = counts->failed;
    const qint64 signalCount = SignalLog(db).count();

    if (inv.json()) {
        inv.printJson(QJsonObject{{QStringLiteral("tracks"), tracks},
                                  {QStringLiteral("missing"), missing},
                                  {QStringLiteral("scan_failed"), failed},
                                  {QStringLiteral("artists"), artists},
                                  {QStringLiteral("albums"), albums},
                                  {QStringLiteral("duration_s"), durationMs / 1000.0},
                                  {QStringLiteral("analysed"), analysed},
                                  {QStringLiteral("analysis_failed"), analysisFailed},
                                  {QStringLiteral("signals"), signalCount},
                                  {QStringLiteral("database"), db.path()}});
        return ExitOk;
    }
    inv.out << "Database:        " << db.path() << '\n'
            << "Tracks:          " << tracks << " (" << missing << " missing, " << failed
            << " unreadable)\n"
            << "Artists:         " << artists << '\n'
            << "Albums:          " << albums << '\n'
            << "Total duration:  "
            << QStringLiteral("%1 h %2 min").arg(durationMs / 3600000).arg(durationMs / 60000 % 60, 2, 10, QLatin1Char('0'))
            << '\n'
            << "Analysed:        " << analysed << " (" << analysisFailed << " failed)\n"
            << "Signals:         " << signalCount << '\n';
    return ExitOk;
}

BYTEWAVE_CLI_COMMAND("stats", "Counts of tracks, analysis results and signals", runStats)

} // namespace
} // namespace bytewave::cli
