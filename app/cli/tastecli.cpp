#include "app/cli/tastecli.h"

#include "core/taste/tasteformat.h"

namespace bytewave::cli {

void addAtOption(Invocation &inv, const QString &description)
{
    inv.parser.addOption({QStringLiteral("at"), description, QStringLiteral("TIME")});
}

bool readAtOption(Invocation &inv, ManualClock &clock, int *exitCode)
{
    if (!inv.parser.isSet(QStringLiteral("at")))
        return true;
    const auto at = parseTimestamp(inv.parser.value(QStringLiteral("at")));
    if (!at) {
        *exitCode = inv.usageError(QStringLiteral("--at takes an ISO 8601 time, e.g. 2027-03-01T12:00:00Z"));
        return false;
    }
    clock.setNowMs(*at);
    return true;
}

std::unique_ptr<TasteSession> openTasteSession(Invocation &inv, Database &db, const Clock &clock,
                                               int *exitCode)
{
    if (!inv.openDatabase(db, exitCode))
        return nullptr;
    auto session = std::make_unique<TasteSession>(db, clock);
    if (!session->load()) {
        *exitCode = inv.error(ExitIoErr, session->errorString());
        return nullptr;
    }
    return session;
}

} // namespace bytewave::cli
