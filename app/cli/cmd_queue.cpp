#include "app/cli/tastecli.h"

#include "core/taste/tasteformat.h"

#include <QJsonArray>
#include <QJsonObject>

namespace bytewave::cli {
namespace {

int runQueue(Invocation &inv)
{
    inv.parser.addOption({{QStringLiteral("n"), QStringLiteral("count")},
                          QStringLiteral("How many tracks (default 20)."), QStringLiteral("N"),
                          QStringLiteral("20")});
    addAtOption(inv, QStringLiteral("Rank as of TIME (ISO 8601, default now)."));
    int code = ExitOk;
    if (!inv.parse(&code, QStringLiteral("The Up Next queue the taste engine would play, with the "
                                         "reason for each track."),
                   0, 0))
        return code;
    bool ok = false;
    const int n = inv.parser.value(QStringLiteral("n")).toInt(&ok);
    if (!ok || n < 1 || n > 10000)
        return inv.usageError(QStringLiteral("-n takes a number from 1 to 10000"));
    TasteContext taste;
    if (!taste.open(inv, &code))
        return code;
    TasteSession &session = *taste.session;

    const RankedQueue queue = session.queue(n);
    QJsonArray tracks;
    int position = 0;
    for (const QueueEntry &e : queue) {
        const auto row = session.store().track(e.trackId);
        if (!row)
            continue;
        if (inv.json()) {
            tracks.append(trackJson(*row, e.reason, e.score));
            continue;
        }
        inv.out << QStringLiteral("%1. ").arg(++position, 3) << row->artist << " - " << row->title
                << "  [" << row->id << "]\n       " << e.reason << '\n';
    }
    if (inv.json()) {
        inv.printJson(QJsonObject{{QStringLiteral("tracks"), tracks}});
    } else if (queue.isEmpty()) {
        inv.out << "The queue is empty: the library has no playable tracks. Run 'bytewave-cli scan' first.\n";
    }
    inv.out.flush();
    return ExitOk;
}

BYTEWAVE_CLI_COMMAND("queue", "The Up Next queue the taste engine would play, with reasons", runQueue)

} // namespace
} // namespace bytewave::cli
