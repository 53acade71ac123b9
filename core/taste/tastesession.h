#pragma once

#include "core/signallog.h"
#include "core/settingsstore.h"
#include "core/taste/clock.h"
#include "core/taste/tasteengine.h"
#include "core/taste/tastestore.h"

#include <QString>

#include <optional>

namespace bytewave {

class Database;

// The taste engine joined to one database connection: the single code path the app's worker
// thread, the CLI commands (including the engine line protocol) and the simulation use.
//
// Every signal is appended to the signal log first (SignalLog::append returns after the commit)
// and only then applied to the engine, by reading the log back in id order; so the engine's
// state is always what a rebuild from the log would give, even when another process (the CLI
// while the app runs) appends too. Single-threaded: use it on the thread that owns db.
class TasteSession
{
public:
    TasteSession(Database &db, const Clock &clock, const TasteParams &params = {});

    // Reads settings, the library (tracks + features) and the whole signal log.
    bool load();
    // The library changed (rescan, analysis): re-reads tracks and features, re-derives state.
    bool reloadLibrary();
    // Forgets all derived state and re-reads the whole log in one pass (as load() does).
    bool rebuild();
    // Forgets all derived state and re-applies the log one signal at a time, as a running app
    // applies signals as they arrive (rebuild-taste checks that this equals what load() built).
    bool replayOneByOne();
    // Applies rows other connections appended since the last read.
    bool sync();

    // Appends a signal stamped with atMs (default: the clock's now) and applies it. Returns the
    // committed record, or nothing (see errorString()) for an unknown track, a bad position or
    // a database error; nothing is applied then.
    std::optional<SignalRecord> record(SignalKind kind, qint64 trackId, double positionS = 0,
                                       double durationS = 0, std::optional<qint64> atMs = {});
    // Appends an undo for the last undoable signal; nothing when there is none.
    std::optional<SignalRecord> undoLast();

    bool setAdventurousness(double value); // 0..1, persisted
    double adventurousness() const { return m_engine.adventurousness(); }

    RankedQueue queue(int n) { return m_engine.rank(nowMs(), n); }
    qint64 nowMs() const { return m_clock->nowMs(); }
    void setClock(const Clock &clock) { m_clock = &clock; }

    TasteEngine &engine() { return m_engine; }
    TasteStore &store() { return m_store; }
    Database &database() { return m_db; }
    QString errorString() const { return m_error; }

private:
    bool fail(const QString &message);
    // Reads the rows appended since the last read and applies them, in one batch or one at a
    // time.
    bool applyNewRows(bool oneAtATime);

    Database &m_db;
    const Clock *m_clock;
    SettingsStore m_settings;
    TasteStore m_store;
    TasteEngine m_engine;
    qint64 m_lastSignalId = 0;
    QString m_error;
};

} // namespace bytewave
