#include "app/cli/tastecli.h"

#include "core/taste/tasteformat.h"

#include <QJsonArray>
#include <QJsonObject>

namespace bytewave::cli {
namespace {

int runWhy(Invocation &inv)
{
    inv.parser.addPositionalArgument(QStringLiteral("TRACK"), QStringLiteral("The track id."));
    addAtOption(inv, QStringLiteral("Explain as of TIME (ISO 8601, default now)."));
    int code = ExitOk;
    if (!inv.parse(&code, QStringLiteral("Why the taste engine ranks a track where it does: its "
                                         "score, what it learned, and from which tracks."),
                   1, 1))
        return code;
    bool ok = false;
    const qint64 trackId = inv.parser.positionalArguments().constFirst().toLongLong(&ok);
    if (!ok || trackId <= 0)
        return inv.usageError(QStringLiteral("TRACK must be a track id (a positive number)"));
    TasteContext taste;
    if (!taste.open(inv, &code))
        return code;
    TasteSession &session = *taste.session;
    TasteEngine &engine = session.engine();
    const TrackExplanation x = engine.explain(trackId, taste.clock.nowMs());
    if (!x.found)
        return inv.error(ExitDataErr, QStringLiteral("there is no track %1").arg(trackId));
    const auto nameOf = [&engine](qint64 id) {
        const int i = engine.indexOf(id);
        return i < 0 ? QString::number(id) : engine.artist(i) + QStringLiteral(" - ") + engine.title(i);
    };

    if (inv.json()) {
        QJsonArray contributions;
        for (const auto &c : x.contributions)
            contributions.append(QJsonObject{{QStringLiteral("track"), c.sourceTrackId},
                                             {QStringLiteral("similarity"), c.similarity},
                                             {QStringLiteral("evidence"), c.evidence},
                                             {QStringLiteral("reward"), c.reward}});
        QJsonArray neighbours;
        for (const auto &nb : x.neighbours)
            neighbours.append(QJsonObject{{QStringLiteral("track"), engine.trackId(nb.index)},
                                          {QStringLiteral("similarity"), double(nb.similarity)}});
        QJsonObject o{{QStringLiteral("id"), x.trackId},
                      {QStringLiteral("title"), x.title},
                      {QStringLiteral("artist"), x.artist},
                      {QStringLiteral("reason"), x.reason},
                      {QStringLiteral("score"), x.score},
                      {QStringLiteral("mean_reward"), x.meanReward},
                      {QStringLiteral("neighbour_prior"), x.neighbourPrior},
                      {QStringLiteral("exploration"), x.exploration},
                      {QStringLiteral("own_evidence"), x.ownEvidence},
                      {QStringLiteral("own_reward"), x.ownReward},
                      {QStringLiteral("plays"), x.plays},
                      {QStringLiteral("neighbour_evidence"), x.neighbourEvidence},
                      {QStringLiteral("profile_reward"), x.profileReward},
                      {QStringLiteral("profile_share"), x.profileShare},
                      {QStringLiteral("profile_base"), x.profileBase},
                      {QStringLiteral("tiredness"), x.tiredness},
                      {QStringLiteral("queue_position"), x.queuePosition},
                      {QStringLiteral("banned"), x.banned},
                      {QStringLiteral("cooling"), x.cooling},
                      {QStringLiteral("no_repeat_hours"), x.noRepeatHours},
                      {QStringLiteral("missing"), x.missing},
                      {QStringLiteral("analysed"), x.analysed},
                      {QStringLiteral("contributions"), contributions},
                      {QStringLiteral("neighbours"), neighbours}};
        if (x.lastHeardMs > 0)
            o.insert(QStringLiteral("last_heard"), formatTimestamp(x.lastHeardMs));
        inv.printJson(o);
        return ExitOk;
    }

    QTextStream &out = inv.out;
    const auto num = [](double v) { return QString::number(v, 'f', 3); };
    out << x.artist << " - " << x.title << "  [" << x.trackId << "]\n";
    if (x.queuePosition >= 0)
        out << "Queue position:   " << x.queuePosition + 1 << " of 50: " << x.reason << '\n';
    else
        out << "Queue position:   not in the next 50 ("
            << (x.missing    ? QStringLiteral("the file is missing")
                : x.banned   ? QStringLiteral("disliked; not queued until forgiven")
                : x.cooling  ? QStringLiteral("played recently")
                             : QStringLiteral("others score higher"))
            << ")\n";
    out << "No repeat within: " << QString::number(x.noRepeatHours, 'f', 0) << " h\n";
    out << "Score:            " << num(x.score) << " = mean reward " << num(x.meanReward)
        << " + exploration " << num(x.exploration) << '\n'
        << "Own signals:      evidence " << num(x.ownEvidence) << ", mean reward "
        << num(x.ownReward) << ", plays " << num(x.plays) << " (decayed)\n"
        << "From neighbours:  prior " << num(x.neighbourPrior) << " from evidence "
        << num(x.neighbourEvidence) << ", over a base of " << num(x.profileBase) << '\n'
        << "Sound profile:    predicts " << num(x.profileReward) << " from the sound alone; counts "
        << QString::number(100 * x.profileShare, 'f', 0) << " % for this listener\n"
        << "Tiredness:        " << QString::number(100 * x.tiredness, 'f', 0)
        << " % chance of a tired skip now\n"
        << "Last heard:       "
        << (x.lastHeardMs > 0 ? formatTimestamp(x.lastHeardMs) + QStringLiteral(" (")
                                    + humanSpan(taste.clock.nowMs() - x.lastHeardMs) + QStringLiteral(" ago)")
                              : QStringLiteral("never"))
        << '\n'
        << "Analysed:         " << (x.analysed ? "yes" : "no (ranked from metadata)") << '\n';
    if (!x.contributions.isEmpty()) {
        out << "Learned from:\n";
        for (qsizetype r = 0; r < std::min<qsizetype>(5, x.contributions.size()); ++r) {
            const auto &c = x.contributions[r];
            out << "  " << nameOf(c.sourceTrackId) << ": similarity " << num(c.similarity)
                << ", reward " << num(c.reward) << ", weight " << num(c.evidence) << '\n';
        }
    }
    if (!x.neighbours.isEmpty()) {
        out << "Most similar tracks:\n";
        for (const auto &nb : x.neighbours)
            out << "  " << nameOf(engine.trackId(nb.index)) << ": " << num(nb.similarity) << '\n';
    }
    out.flush();
    return ExitOk;
}

BYTEWAVE_CLI_COMMAND("why", "Why the taste engine ranks a track where it does", runWhy)

} // namespace
} // namespace bytewave::cli
