#include "app/cli/tastecli.h"

#include "core/signallog.h"
#include "core/taste/tasteformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <cmath>
#include <iostream>
#include <string>

namespace bytewave::cli {
namespace {

// The wall clock until a script sets the time with {"op":"clock"}; from then on that time,
// until the next clock op (so a simulation controls every timestamp).
class ProtocolClock final : public Clock
{
public:
    qint64 nowMs() const override { return m_fixed ? m_fixedMs : m_wall.nowMs(); }
    void set(qint64 ms)
    {
        m_fixed = true;
        m_fixedMs = ms;
    }

private:
    SystemClock m_wall;
    bool m_fixed = false;
    qint64 m_fixedMs = 0;
};

class Protocol
{
public:
    Protocol(TasteSession &session, ProtocolClock &clock) : m_session(session), m_clock(clock) {}

    QJsonObject handle(const QByteArray &line)
    {
        if (line.isEmpty())
            return failure(QStringLiteral("empty line: expected one JSON object"));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return failure(QStringLiteral("malformed JSON: %1").arg(parseError.errorString()));
        if (!doc.isObject())
            return failure(QStringLiteral("each line must be one JSON object"));
        const QJsonObject request = doc.object();
        const QString op = request.value(QStringLiteral("op")).toString();
        if (op == QStringLiteral("next"))
            return next();
        if (op == QStringLiteral("queue"))
            return queue(request);
        if (op == QStringLiteral("signal"))
            return signal(request);
        if (op == QStringLiteral("set"))
            return set(request);
        if (op == QStringLiteral("clock"))
            return clock(request);
        if (op == QStringLiteral("stats"))
            return stats();
        if (op == QStringLiteral("undo"))
            return undo();
        if (op == QStringLiteral("why"))
            return why(request);
        if (!request.contains(QStringLiteral("op")))
            return failure(QStringLiteral("missing \"op\""));
        return failure(QStringLiteral("unknown op '%1' (next, queue, signal, set, clock, stats, undo, why)")
                           .arg(request.value(QStringLiteral("op")).toVariant().toString()));
    }

private:
    static QJsonObject failure(const QString &message)
    {
        return {{QStringLiteral("ok"), false}, {QStringLiteral("error"), message}};
    }
    static QJsonObject success(QJsonObject fields = {})
    {
        fields.insert(QStringLiteral("ok"), true);
        return fields;
    }

    // A positive integer track id, or 0 with *error set.
    qint64 trackOf(const QJsonObject &request, QString *error)
    {
        const QJsonValue v = request.value(QStringLiteral("track"));
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 1 || d != std::floor(d) || d > 9e15) {
            *error = QStringLiteral("\"track\" must be a track id (a positive integer)");
            return 0;
        }
        const qint64 id = qint64(d);
        if (m_session.engine().indexOf(id) < 0) {
            *error = QStringLiteral("unknown track %1").arg(id);
            return 0;
        }
        return id;
    }

    std::optional<QJsonObject> describe(const QueueEntry &e)
    {
        const auto row = m_session.store().track(e.trackId);
        if (!row)
            return std::nullopt;
        return trackJson(*row, e.reason, e.score);
    }

    QJsonObject next()
    {
        const RankedQueue q = m_session.queue(1);
        if (q.isEmpty())
            return failure(QStringLiteral("the library has no playable tracks"));
        const auto track = describe(q.constFirst());
        if (!track)
            return failure(QStringLiteral("track %1 vanished from the database").arg(q.constFirst().trackId));
        if (!m_session.record(SignalKind::Start, q.constFirst().trackId))
            return failure(m_session.errorString());
        return success({{QStringLiteral("track"), *track}});
    }

    QJsonObject queue(const QJsonObject &request)
    {
        int n = 10;
        if (request.contains(QStringLiteral("n"))) {
            const QJsonValue v = request.value(QStringLiteral("n"));
            const double d = v.toDouble(-1);
            if (!v.isDouble() || d < 1 || d > 10000 || d != std::floor(d))
                return failure(QStringLiteral("\"n\" must be an integer from 1 to 10000"));
            n = int(d);
        }
        QJsonArray tracks;
        for (const QueueEntry &e : m_session.queue(n)) {
            if (const auto t = describe(e))
                tracks.append(*t);
        }
        return success({{QStringLiteral("tracks"), tracks}});
    }

    QJsonObject signal(const QJsonObject &request)
    {
        const QString kindName = request.value(QStringLiteral("kind")).toString();
        const auto kind = signalKindFromName(kindName);
        if (!kind || *kind == SignalKind::Undo || *kind == SignalKind::Reset)
            return failure(QStringLiteral("\"kind\" must be one of like, dislike, skip, complete, "
                                          "replay, start"));
        QString error;
        const qint64 track = trackOf(request, &error);
        if (track == 0)
            return failure(error);
        double position = 0;
        if (request.contains(QStringLiteral("position_s"))) {
            const QJsonValue v = request.value(QStringLiteral("position_s"));
            if (!v.isDouble() || !(v.toDouble() >= 0))
                return failure(QStringLiteral("\"position_s\" must be a number of seconds >= 0"));
            position = v.toDouble();
        }
        double duration = 0;
        if (request.contains(QStringLiteral("duration_s"))) {
            const QJsonValue v = request.value(QStringLiteral("duration_s"));
            if (!v.isDouble() || !(v.toDouble() > 0))
                return failure(QStringLiteral("\"duration_s\" must be a number of seconds > 0"));
            duration = v.toDouble();
        }
        const auto recorded = m_session.record(*kind, track, position, duration);
        if (!recorded)
            return failure(m_session.errorString());
        return success({{QStringLiteral("id"), recorded->id}});
    }

    QJsonObject set(const QJsonObject &request)
    {
        if (request.size() != 2 || !request.contains(QStringLiteral("adventurousness")))
            return failure(QStringLiteral("set takes exactly one setting: \"adventurousness\""));
        const QJsonValue v = request.value(QStringLiteral("adventurousness"));
        if (!v.isDouble() || !(v.toDouble() >= 0 && v.toDouble() <= 1))
            return failure(QStringLiteral("\"adventurousness\" must be a number from 0 to 1"));
        if (!m_session.setAdventurousness(v.toDouble()))
            return failure(m_session.errorString());
        return success();
    }

    QJsonObject clock(const QJsonObject &request)
    {
        const QJsonValue v = request.value(QStringLiteral("now"));
        std::optional<qint64> ms;
        if (v.isString())
            ms = parseTimestamp(v.toString());
        else if (v.isDouble() && v.toDouble() == std::floor(v.toDouble()))
            ms = qint64(v.toDouble());
        if (!ms)
            return failure(QStringLiteral("\"now\" must be an ISO 8601 time such as "
                                          "\"2027-03-01T12:00:00Z\""));
        m_clock.set(*ms);
        return success();
    }

    QJsonObject stats()
    {
        Database &db = m_session.database();
        QSqlQuery &q = db.query(QStringLiteral("SELECT count(*) FROM signals"));
        const qint64 signalCount = q.exec() && q.next() ? q.value(0).toLongLong() : -1;
        q.finish();
        if (signalCount < 0)
            return failure(QStringLiteral("reading the signal log: %1").arg(db.errorString()));
        return success({{QStringLiteral("tracks"), m_session.engine().trackCount()},
                        {QStringLiteral("analysed"), m_session.engine().analysedCount()},
                        {QStringLiteral("signals"), signalCount},
                        {QStringLiteral("adventurousness"), m_session.adventurousness()},
                        {QStringLiteral("now"), formatTimestamp(m_clock.nowMs())}});
    }

    QJsonObject undo()
    {
        const auto recorded = m_session.undoLast();
        if (!recorded)
            return failure(m_session.errorString());
        return success({{QStringLiteral("id"), recorded->id}, {QStringLiteral("ref"), recorded->refId}});
    }

    QJsonObject why(const QJsonObject &request)
    {
        QString error;
        const qint64 track = trackOf(request, &error);
        if (track == 0)
            return failure(error);
        const TrackExplanation x = m_session.engine().explain(track, m_clock.nowMs());
        return success({{QStringLiteral("track"), track},
                        {QStringLiteral("reason"), x.reason},
                        {QStringLiteral("score"), x.score},
                        {QStringLiteral("mean_reward"), x.meanReward},
                        {QStringLiteral("exploration"), x.exploration},
                        {QStringLiteral("queue_position"), x.queuePosition},
                        {QStringLiteral("banned"), x.banned}});
    }

    TasteSession &m_session;
    ProtocolClock &m_clock;
};

int runEngine(Invocation &inv)
{
    int code = ExitOk;
    if (!inv.parse(&code, QStringLiteral(
                              "A JSON line protocol to the taste engine for scripts and evaluation, "
                              "on the same code path and database as the app. Each stdin line is "
                              "one JSON object; each gets exactly one JSON line on stdout:\n"
                              "  {\"op\":\"next\"}  the track to play now (it then counts as started)\n"
                              "  {\"op\":\"queue\",\"n\":10}\n"
                              "  {\"op\":\"signal\",\"track\":42,\"kind\":\"skip\",\"position_s\":12.5}\n"
                              "  {\"op\":\"set\",\"adventurousness\":0.7}\n"
                              "  {\"op\":\"clock\",\"now\":\"2027-03-01T12:00:00Z\"}  (signals are "
                              "stamped with it)\n"
                              "  {\"op\":\"stats\"}, {\"op\":\"undo\"}, {\"op\":\"why\",\"track\":42}\n"
                              "Errors answer {\"ok\":false,\"error\":\"...\"} and the session goes on."),
                   0, 0))
        return code;
    Database db;
    ProtocolClock clock;
    const auto session = openTasteSession(inv, db, clock, &code);
    if (!session)
        return code;
    Protocol protocol(*session, clock);

    std::string line;
    while (std::getline(std::cin, line)) {
        // Every line gets its answer, a blank one too, so a script never waits forever.
        inv.printJson(protocol.handle(QByteArray::fromStdString(line).trimmed()));
    }
    return ExitOk;
}

BYTEWAVE_CLI_COMMAND("engine", "A JSON line protocol to the taste engine (scripts, simulations)", runEngine)

} // namespace
} // namespace bytewave::cli
