#include "core/taste/tastesession.h"

#include "core/database.h"
#include "core/logging.h"

#include <algorithm>
#include <cmath>

namespace bytewave {

TasteSession::TasteSession(Database &db, const Clock &clock, const TasteParams &params)
    : m_db(db), m_clock(&clock), m_settings(db), m_store(db), m_engine(params)
{
}

bool TasteSession::fail(const QString &message)
{
    m_error = message;
    qCWarning(lcTaste).noquote() << message;
    return false;
}

bool TasteSession::load()
{
    TasteParams params = m_engine.params();
    // Only sane values are taken from the settings; anything else keeps the default.
    const double halfLife = m_settings.number(halfLifeDaysKey(), params.halfLifeDays);
    if (std::isfinite(halfLife) && halfLife >= 1 && halfLife <= 3650)
        params.halfLifeDays = halfLife;
    const double window = m_settings.number(noRepeatHoursKey(), params.noRepeatHours);
    if (std::isfinite(window) && window >= 0 && window <= 24 * 365)
        params.noRepeatHours = window;
    m_engine.setParams(params);
    m_engine.setAdventurousness(m_settings.number(adventurousnessKey(), kDefaultAdventurousness));

    m_engine.clearSignals();
    m_lastSignalId = 0;
    if (!reloadLibrary())
        return false;
    return sync();
}

bool TasteSession::reloadLibrary()
{
    TasteLibrary library;
    if (!m_store.loadLibrary(&library))
        return fail(m_store.errorString());
    m_engine.setLibrary(std::move(library));
    return true;
}

bool TasteSession::rebuild()
{
    m_engine.clearSignals();
    m_lastSignalId = 0;
    return sync();
}

bool TasteSession::replayOneByOne()
{
    m_engine.clearSignals();
    m_lastSignalId = 0;
    return applyNewRows(true);
}

bool TasteSession::sync()
{
    return applyNewRows(false);
}

bool TasteSession::applyNewRows(bool oneAtATime)
{
    SignalLog log(m_db);
    const QList<SignalRecord> rows = log.read(m_lastSignalId);
    if (!log.errorString().isEmpty())
        return fail(QStringLiteral("reading the signal log: %1").arg(log.errorString()));
    if (rows.isEmpty())
        return true;
    if (oneAtATime || rows.size() == 1) {
        for (const SignalRecord &row : rows)
            m_engine.apply(row);
    } else {
        m_engine.applyAll(rows);
    }
    m_lastSignalId = rows.constLast().id;
    return true;
}

std::optional<SignalRecord> TasteSession::record(SignalKind kind, qint64 trackId, double positionS,
                                                 double durationS, std::optional<qint64> atMs)
{
    m_error.clear();
    if (kind == SignalKind::Undo) {
        fail(QStringLiteral("an undo names the signal it cancels: use undoLast()"));
        return std::nullopt;
    }
    if (kind != SignalKind::Reset && m_engine.indexOf(trackId) < 0) {
        fail(QStringLiteral("unknown track %1").arg(trackId));
        return std::nullopt;
    }
    if (!std::isfinite(positionS) || positionS < 0) {
        fail(QStringLiteral("the position must be a number of seconds >= 0"));
        return std::nullopt;
    }
    if (!std::isfinite(durationS) || durationS < 0)
        durationS = 0;
    if (durationS <= 0 && kind != SignalKind::Reset)
        durationS = m_engine.durationS(m_engine.indexOf(trackId));
    SignalRecord s;
    s.trackId = kind == SignalKind::Reset ? 0 : trackId;
    s.kind = kind;
    s.positionS = positionS;
    s.durationS = durationS;
    s.atMs = atMs.value_or(nowMs());
    SignalLog log(m_db);
    s.id = log.append(s);
    if (s.id <= 0) {
        fail(QStringLiteral("could not save the signal: %1").arg(log.errorString()));
        return std::nullopt;
    }
    // Read back in id order (this row and any another connection appended first).
    if (!sync())
        return std::nullopt;
    return s;
}

std::optional<SignalRecord> TasteSession::undoLast()
{
    m_error.clear();
    if (!sync())
        return std::nullopt;
    const std::optional<SignalRecord> target = m_engine.lastUndoable();
    if (!target) {
        fail(QStringLiteral("there is nothing to undo"));
        return std::nullopt;
    }
    SignalLog log(m_db);
    SignalRecord s;
    s.kind = SignalKind::Undo;
    s.trackId = target->trackId;
    s.refId = target->id;
    s.atMs = nowMs();
    s.id = log.append(s);
    if (s.id <= 0) {
        fail(QStringLiteral("could not save the undo: %1").arg(log.errorString()));
        return std::nullopt;
    }
    if (!sync())
        return std::nullopt;
    return s;
}

bool TasteSession::setAdventurousness(double value)
{
    if (!std::isfinite(value))
        return fail(QStringLiteral("adventurousness must be a number from 0 to 1"));
    value = std::clamp(value, 0.0, 1.0);
    if (!m_settings.setNumber(adventurousnessKey(), value))
        return fail(QStringLiteral("could not save the adventurousness: %1").arg(m_db.errorString()));
    m_engine.setAdventurousness(value);
    return true;
}

} // namespace bytewave
