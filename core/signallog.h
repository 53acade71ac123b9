#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace bytewave {

class Database;

// What the listener did. The taste engine derives everything from a log of these.
enum class SignalKind {
    Start,    // a track began playing
    Like,     // explicit positive
    Dislike,  // explicit negative
    Skip,     // moved on before the end; position_s says when
    Complete, // played to the natural end without a skip or like (listen-through)
    Replay,   // the user played the same track again on purpose
    Undo,     // cancels the signal named by refId
    Reset,    // forget everything before this row ("reset taste")
};

QString signalKindName(SignalKind kind);
std::optional<SignalKind> signalKindFromName(const QString &name);

struct SignalRecord
{
    qint64 id = 0;        // assigned by the log
    qint64 trackId = 0;   // 0 for Reset
    SignalKind kind = SignalKind::Start;
    double positionS = 0; // playback position when the signal was given, seconds
    double durationS = 0; // the track's duration, seconds (0 when unknown)
    qint64 atMs = 0;      // wall-clock time, ms since the Unix epoch (UTC)
    qint64 refId = 0;     // for Undo: the signal it cancels
};

// The append-only signal log. append() returns only after the row is committed with
// synchronous=FULL, so a caller may acknowledge the signal to the user the moment it returns.
class SignalLog
{
public:
    explicit SignalLog(Database &db) : m_db(db) {}

    // Appends one signal; returns its id, or 0 on failure (see errorString()).
    qint64 append(const SignalRecord &signal);
    // Signals with id > afterId, oldest first.
    QList<SignalRecord> read(qint64 afterId = 0);
    qint64 count();
    QString errorString() const { return m_error; }

private:
    Database &m_db;
    QString m_error;
};

} // namespace bytewave
