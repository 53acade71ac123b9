#pragma once

#include "app/cli/cli.h"
#include "core/database.h"
#include "core/taste/clock.h"
#include "core/taste/tastesession.h"

#include <memory>

// What the taste commands (queue, signal, why, taste, engine, rebuild-taste) share.
namespace bytewave::cli {

// Adds --at TIME: the command acts as of that time instead of now (simulations, scripts).
void addAtOption(Invocation &inv, const QString &description);

// Opens the database named by --db and loads the taste engine's state from it. Returns null
// and sets *exitCode (after printing why) when either fails.
std::unique_ptr<TasteSession> openTasteSession(Invocation &inv, Database &db, const Clock &clock,
                                               int *exitCode);

// What queue, signal and why work on: "now" (from --at, else the wall clock at start), the
// database and the loaded taste session.
struct TasteContext
{
    ManualClock clock;
    Database db;
    std::unique_ptr<TasteSession> session;

    // After Invocation::parse(). Returns false and sets *exitCode (after printing why) on a
    // malformed --at or when the database or the taste state cannot be loaded.
    bool open(Invocation &inv, int *exitCode);
};

} // namespace bytewave::cli
