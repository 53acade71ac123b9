#include "app/cli/tastecli.h"

#include "core/taste/tasteformat.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>

namespace bytewave::cli {
namespace {

int runTaste(Invocation &inv)
{
    inv.parser.addOption({{QStringLiteral("n"), QStringLiteral("count")},
                          QStringLiteral("How many top tracks and artists (default 10)."),
                          QStringLiteral("N"), QStringLiteral("10")});
    int code = ExitOk;
    if (!inv.parse(&code, QStringLiteral("What the taste engine has learned: top tracks and "
                                         "artists, recent signals, settings."),
                   0, 0))
        return code;
    bool ok = false;
    const int n = inv.parser.value(QStringLiteral("n")).toInt(&ok);
    if (!ok || n < 1 || n > 1000)
        return inv.usageError(QStringLiteral("-n takes a number from 1 to 1000"));

    Database db;
    SystemClock clock;
    const auto opened = openTasteSession(inv, db, clock, &code);
    if (!opened)
        return code;
    TasteSession &session = *opened;
    TasteEngine &engine = session.engine();
    const qint64 now = clock.nowMs();
    const QList<TasteTopTrack> tracks = engine.topTracks(now, n);
    const QList<TasteTopArtist> artists = engine.topArtists(now, n);

    struct Recent
    {
        qint64 id;
        QString kind;
        qint64 trackId;
        double positionS;
        qint64 atMs;
        qint64 refId;
    };
    QList<Recent> recent;
    QSqlQuery &q = db.query(QStringLiteral(
        "SELECT id, kind, track_id, position_s, at_ms, ref_id FROM signals ORDER BY id DESC LIMIT ?"));
    q.addBindValue(n);
    if (!q.exec()) {
        db.fail(QStringLiteral("reading signals"), q);
        return inv.error(ExitIoErr, db.errorString());
    }
    while (q.next())
        recent.prepend({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong(),
                        q.value(3).toDouble(), q.value(4).toLongLong(), q.value(5).toLongLong()});
    q.finish();

    const auto nameOf = [&engine](qint64 id) {
        const int i = engine.indexOf(id);
        return i < 0 ? QString() : engine.artist(i) + QStringLiteral(" - ") + engine.title(i);
    };
    const double a = engine.adventurousness();
    if (inv.json()) {
        QJsonArray topTracks;
        for (const auto &t : tracks)
            topTracks.append(QJsonObject{{QStringLiteral("id"), t.trackId},
                                         {QStringLiteral("name"), nameOf(t.trackId)},
                                         {QStringLiteral("mean_reward"), t.meanReward},
                                         {QStringLiteral("evidence"), t.evidence}});
        QJsonArray topArtists;
        for (const auto &t : artists)
            topArtists.append(QJsonObject{{QStringLiteral("artist"), t.artist},
                                          {QStringLiteral("mean_reward"), t.meanReward},
                                          {QStringLiteral("evidence"), t.evidence}});
        QJsonArray signalList;
        for (const auto &s : recent)
            signalList.append(QJsonObject{{QStringLiteral("id"), s.id},
                                          {QStringLiteral("kind"), s.kind},
                                          {QStringLiteral("track"), s.trackId},
                                          {QStringLiteral("position_s"), s.positionS},
                                          {QStringLiteral("at"), formatTimestamp(s.atMs)},
                                          {QStringLiteral("ref"), s.refId}});
        inv.printJson(QJsonObject{{QStringLiteral("adventurousness"), a},
                                  {QStringLiteral("exploration_c"), engine.explorationC()},
                                  {QStringLiteral("half_life_days"), engine.params().halfLifeDays},
                                  {QStringLiteral("no_repeat_hours"), engine.params().noRepeatHours},
                                  {QStringLiteral("tracks"), engine.trackCount()},
                                  {QStringLiteral("analysed"), engine.analysedCount()},
                                  {QStringLiteral("signals"), engine.signalCount()},
                                  {QStringLiteral("top_tracks"), topTracks},
                                  {QStringLiteral("top_artists"), topArtists},
                                  {QStringLiteral("recent_signals"), signalList}});
        return ExitOk;
    }

    QTextStream &out = inv.out;
    const QString mood = a < 0.25 ? QStringLiteral("mostly favourites")
                         : a < 0.65 ? QStringLiteral("a good mix")
                                    : QStringLiteral("explore");
    out << "Adventurousness:  " << QString::number(a, 'f', 2) << " (" << mood << "; UCB1 C = "
        << QString::number(engine.explorationC(), 'f', 3) << ")\n"
        << "Memory:           half-life " << engine.params().halfLifeDays << " days, no repeat within "
        << engine.params().noRepeatHours << " h\n"
        << "Library:          " << engine.trackCount() << " tracks, " << engine.analysedCount()
        << " analysed; " << engine.signalCount() << " signals\n";
    if (tracks.isEmpty()) {
        out << "\nNothing learned yet: like, skip or finish a few tracks.\n";
        out.flush();
        return ExitOk;
    }
    out << "\nTop tracks:\n";
    for (const auto &t : tracks)
        out << QStringLiteral("  %1  ").arg(t.meanReward, 5, 'f', 2) << nameOf(t.trackId) << "  ["
            << t.trackId << "]\n";
    out << "\nTop artists:\n";
    for (const auto &t : artists)
        out << QStringLiteral("  %1  ").arg(t.meanReward, 5, 'f', 2) << t.artist << '\n';
    out << "\nRecent signals:\n";
    for (const auto &s : recent) {
        out << "  #" << s.id << ' ' << formatTimestamp(s.atMs) << ' ' << s.kind;
        if (s.trackId > 0)
            out << ' ' << nameOf(s.trackId);
        if (s.kind == QStringLiteral("skip"))
            out << " at " << QString::number(s.positionS, 'f', 1) << " s";
        if (s.refId > 0)
            out << " (cancels #" << s.refId << ')';
        out << '\n';
    }
    out.flush();
    return ExitOk;
}

BYTEWAVE_CLI_COMMAND("taste", "What the taste engine has learned: top tracks, artists, recent signals", runTaste)

} // namespace
} // namespace bytewave::cli
