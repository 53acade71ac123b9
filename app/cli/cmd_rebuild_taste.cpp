#include "app/cli/tastecli.h"

#include <QElapsedTimer>
#include <QJsonObject>

namespace bytewave::cli {
namespace {

int runRebuildTaste(Invocation &inv)
{
    int code = ExitOk;
    if (!inv.parse(&code, QStringLiteral(
                              "Re-derives everything the taste engine knows from the signal log and "
                              "the analysed features alone, and checks that it equals the state "
                              "built signal by signal (same state, same queue)."),
                   0, 0))
        return code;
    Database db;
    SystemClock wall;
    const ManualClock clock(wall.nowMs()); // one "now" for both rankings

    QElapsedTimer timer;
    timer.start();
    // Loading derives everything from scratch: the library, then the whole log in one pass.
    const auto opened = openTasteSession(inv, db, clock, &code);
    if (!opened)
        return code;
    TasteSession &session = *opened;
    const qint64 loadMs = timer.elapsed();
    const quint64 rebuilt = session.engine().stateChecksum();
    const RankedQueue fromScratch = session.queue(50);

    // The state a running app holds: every signal applied on its own, as it arrived.
    timer.restart();
    if (!session.replayOneByOne())
        return inv.error(ExitIoErr, session.errorString());
    const qint64 replayMs = timer.elapsed();
    const bool same = session.engine().stateChecksum() == rebuilt && session.queue(50) == fromScratch;

    if (inv.json()) {
        inv.printJson(QJsonObject{{QStringLiteral("ok"), same},
                                  {QStringLiteral("tracks"), session.engine().trackCount()},
                                  {QStringLiteral("analysed"), session.engine().analysedCount()},
                                  {QStringLiteral("signals"), session.engine().signalCount()},
                                  {QStringLiteral("load_ms"), loadMs},
                                  {QStringLiteral("rebuild_ms"), replayMs},
                                  {QStringLiteral("checksum"), QString::number(rebuilt, 16)}});
    } else {
        inv.out << "Rebuilt the taste of " << session.engine().trackCount() << " tracks ("
                << session.engine().analysedCount() << " analysed) from "
                << session.engine().signalCount() << " signals in " << replayMs
                << " ms (load " << loadMs << " ms).\n"
                << (same ? "The rebuilt state and queue equal the incremental ones.\n"
                         : "MISMATCH: the rebuilt state differs from the incremental one.\n");
        inv.out.flush();
    }
    return same ? ExitOk : inv.error(ExitSoftware, QStringLiteral("rebuild differs from the incremental state"));
}

BYTEWAVE_CLI_COMMAND("rebuild-taste", "Re-derive the taste engine's state from the signal log and check it", runRebuildTaste)

} // namespace
} // namespace bytewave::cli
