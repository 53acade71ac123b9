#include "app/cli/tastecli.h"

#include "core/taste/tasteformat.h"

namespace bytewave::cli {

void addAtOption(Invocation &inv, const QString &description)
{
    inv.parser.addOption({QStringLiteral("at"), description, QStringLiteral("TIME")});
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

bool TasteContext::open(Invocation &inv, int *exitCode)
{
    if (inv.parser.isSet(QStringLiteral("at"))) {
        const auto at = parseTimestamp(inv.parser.value(QStringLiteral("at")));
        if (!at) {
            *exitCode = inv.usageError(QStringLiteral("--at takes an ISO 8601 time, e.g. 2027-03-01T12:00:00Z"));
            return false;
        }
        clock.setNowMs(*at);
    }
    session = openTasteSession(inv, db, clock, exitCode);
    return session != nullptr;
}

} // namespace bytewave::cli
