#pragma once

#include "app/cli/cli.h"
#include "core/taste/clock.h"
#include "core/taste/tastesession.h"

#include <memory>

// What the taste commands (queue, signal, why, taste, engine, rebuild-taste) share.
namespace bytewave::cli {

// Adds --at TIME: the command acts as of that time instead of now (simulations, scripts).
void addAtOption(Invocation &inv, const QString &description);

// After Invocation::parse(): sets the clock from --at when given. Returns false and sets
// *exitCode on a malformed time.
bool readAtOption(Invocation &inv, ManualClock &clock, int *exitCode);

// Opens the database named by --db and loads the taste engine's state from it. Returns null
// and sets *exitCode (after printing why) when either fails.
std::unique_ptr<TasteSession> openTasteSession(Invocation &inv, Database &db, const Clock &clock,
                                               int *exitCode);

} // namespace bytewave::cli
