#include "app/cli/tastecli.h"

#include "core/taste/tasteformat.h"

#include <QJsonObject>

namespace bytewave::cli {
namespace {

int runSignal(Invocation &inv)
{
    inv.parser.addPositionalArgument(
        QStringLiteral("KIND"), QStringLiteral("start, like, dislike, skip, complete, replay, undo "
                                               "(the last signal) or reset (forget everything)."));
    inv.parser.addPositionalArgument(QStringLiteral("TRACK"),
                                     QStringLiteral("The track id (not for undo and reset)."));
    inv.parser.addOption({QStringLiteral("position"),
                          QStringLiteral("Playback position in seconds when it happened (default 0)."),
                          QStringLiteral("S"), QStringLiteral("0")});
    inv.parser.addOption({QStringLiteral("duration"),
                          QStringLiteral("The track's duration in seconds (default: from the library)."),
                          QStringLiteral("S")});
    addAtOption(inv, QStringLiteral("When it happened (ISO 8601, default now)."));
    int code = ExitOk;
    if (!inv.parse(&code, QStringLiteral("Records a listening signal in the signal log, as the "
                                         "player would."),
                   1, 2))
        return code;
    const QStringList args = inv.parser.positionalArguments();
    const QString kindName = args.at(0).toLower();
    const auto kind = signalKindFromName(kindName);
    if (!kind)
        return inv.usageError(QStringLiteral("unknown signal kind '%1'").arg(args.at(0)));
    const bool needsTrack = *kind != SignalKind::Undo && *kind != SignalKind::Reset;
    if (needsTrack != (args.size() == 2))
        return inv.usageError(needsTrack ? QStringLiteral("%1 needs a TRACK id").arg(kindName)
                                         : QStringLiteral("%1 takes no TRACK").arg(kindName));
    qint64 trackId = 0;
    if (needsTrack) {
        bool ok = false;
        trackId = args.at(1).toLongLong(&ok);
        if (!ok || trackId <= 0)
            return inv.usageError(QStringLiteral("TRACK must be a track id (a positive number)"));
    }
    bool ok = false;
    const double position = inv.parser.value(QStringLiteral("position")).toDouble(&ok);
    if (!ok || !(position >= 0))
        return inv.usageError(QStringLiteral("--position takes seconds >= 0"));
    double duration = 0;
    if (inv.parser.isSet(QStringLiteral("duration"))) {
        duration = inv.parser.value(QStringLiteral("duration")).toDouble(&ok);
        if (!ok || !(duration > 0))
            return inv.usageError(QStringLiteral("--duration takes seconds > 0"));
    }
    TasteContext taste;
    if (!taste.open(inv, &code))
        return code;
    TasteSession &session = *taste.session;
    if (needsTrack && session.engine().indexOf(trackId) < 0)
        return inv.error(ExitDataErr, QStringLiteral("there is no track %1").arg(trackId));

    const auto recorded = *kind == SignalKind::Undo
                              ? session.undoLast()
                              : session.record(*kind, trackId, position, duration);
    if (!recorded) {
        const bool nothingToUndo = *kind == SignalKind::Undo && session.engine().lastUndoableSignal() == 0;
        return inv.error(nothingToUndo ? ExitFailure : ExitIoErr, session.errorString());
    }
    if (inv.json()) {
        inv.printJson(QJsonObject{{QStringLiteral("id"), recorded->id},
                                  {QStringLiteral("kind"), signalKindName(recorded->kind)},
                                  {QStringLiteral("track"), recorded->trackId},
                                  {QStringLiteral("ref"), recorded->refId},
                                  {QStringLiteral("at"), formatTimestamp(recorded->atMs)}});
        return ExitOk;
    }
    inv.out << "Recorded " << signalKindName(recorded->kind) << " #" << recorded->id;
    if (recorded->trackId > 0) {
        const int i = session.engine().indexOf(recorded->trackId);
        inv.out << " for " << session.engine().artist(i) << " - " << session.engine().title(i);
    }
    if (recorded->refId > 0)
        inv.out << " (cancels #" << recorded->refId << ')';
    inv.out << " at " << formatTimestamp(recorded->atMs) << '\n';
    inv.out.flush();
    return ExitOk;
}

BYTEWAVE_CLI_COMMAND("signal", "Record a like, dislike, skip, complete, replay, undo or reset", runSignal)

} // namespace
} // namespace bytewave::cli
