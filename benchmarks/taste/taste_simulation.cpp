// Does the taste engine learn? Simulated listeners with hidden tastes over make-demo-library's
// generation parameters (style, tempo, brightness, energy, artist; never ByteWave's own
// features) listen for hundreds of plays and simulated months. The engine is driven through
// TasteSession on a real database, the exact code path of the app's worker and of
// `bytewave-cli engine`; each run starts from a fresh copy of the database.
//
//   Real pipeline (once make-demo-library, scan and analyze exist; see run_simulation.sh):
//     taste-simulation --manifest DIR/manifest.json --db library.db
//   SYNTHETIC library and SYNTHETIC feature vectors (synthlibrary.h), for development:
//     taste-simulation --synthetic [--tracks 440]
//
// Per listener it prints satisfaction (share of plays finished or liked) over plays 21-200,
// the early-skip rate (skips in the first 30 s), and distinct tracks heard, for the engine, a
// plain shuffle and an oracle that knows the hidden taste (and keeps the same queue rules:
// no repeat within the no-repeat window, no artist twice in a row where avoidable), then
// distinct tracks and satisfaction across adventurousness levels, with a verdict on whether
// distinct tracks rise with the slider that allows for the runs' noise (judgeRise()). The exit
// status is 0 only when every listener meets the satisfaction targets and (judged with at
// least 10 runs) rises.

#include "synthlibrary.h"

#include "core/database.h"
#include "core/taste/clock.h"
#include "core/taste/tasteparams.h"
#include "core/taste/tastesession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <random>
#include <set>

using namespace bytewave;

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kDay = 24 * 3600 * kSecond;
constexpr qint64 kEpoch = 1798761600000; // 2027-01-01T00:00:00Z

// What the listener knows about a track: the generation parameters from the manifest.
struct SimTrack
{
    qint64 id = 0;
    QString artist;
    QString style;
    double tempoBpm = 0;
    double brightness = 0;
    double energy = 0;
    double durationS = 200;
    bool known = true; // false: not in the manifest (the listener has no opinion)
};

struct History
{
    QHash<qint64, qint64> lastHeard; // track id -> time
    qint64 firstPlayMs = 0;
};

struct Listener
{
    QString name;
    QString taste; // one line for the table
    int playsPerSession = 10;
    double sessionGapDays = 1.0;
    // Probability the listener finishes (or likes) the track now.
    std::function<double(const SimTrack &, const History &, qint64 nowMs)> affinity;
};

enum class Outcome { Finished, EarlySkip, LateSkip };

struct Reaction
{
    Outcome outcome = Outcome::Finished;
    bool liked = false;
    bool disliked = false;
    double positionS = 0;   // skip position, or like/dislike position
    double likeAtS = 0;
};

Reaction react(double a, const SimTrack &t, std::mt19937_64 &rng)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Reaction r;
    if (u(rng) < a) {
        r.outcome = Outcome::Finished;
        r.liked = u(rng) < std::max(0.0, a - 0.6) * 0.8;
        r.likeAtS = t.durationS * (0.1 + 0.5 * u(rng));
        return r;
    }
    if (a < 0.4) {
        r.outcome = Outcome::EarlySkip;
        // In the first seconds: 3-25 s, and within the first quarter of a short track (the
        // demo library's tracks are 24 s long; a listener judges them in their first seconds).
        r.positionS = std::min(3 + 22 * u(rng), std::max(1.0, 0.25 * t.durationS));
        r.disliked = a < 0.15 && u(rng) < 0.1;
    } else {
        r.outcome = Outcome::LateSkip;
        r.positionS = t.durationS * (0.4 + 0.5 * u(rng));
    }
    return r;
}

// --- policies -------------------------------------------------------------------------------

class Policy
{
public:
    virtual ~Policy() = default;
    virtual qint64 next(qint64 nowMs) = 0;
    virtual void feedback(const SimTrack &, qint64 /*startMs*/, const Reaction &) {}
};

class ShufflePolicy final : public Policy
{
public:
    ShufflePolicy(std::vector<qint64> ids, std::uint64_t seed) : m_ids(std::move(ids)), m_rng(seed) {}
    qint64 next(qint64) override
    {
        if (m_pos >= m_ids.size()) {
            std::shuffle(m_ids.begin(), m_ids.end(), m_rng);
            m_pos = 0;
        }
        return m_ids[m_pos++];
    }

private:
    std::vector<qint64> m_ids;
    std::mt19937_64 m_rng;
    size_t m_pos = m_ids.size();
};

class OraclePolicy final : public Policy
{
public:
    OraclePolicy(const std::vector<SimTrack> &tracks, const Listener &listener, const History &history,
                 double noRepeatHours, std::uint64_t seed)
        : m_tracks(tracks), m_listener(listener), m_history(history),
          m_windowMs(qint64(noRepeatHours * 3600 * 1000)), m_rng(seed)
    {
    }
    qint64 next(qint64 nowMs) override
    {
        std::uniform_real_distribution<double> jitter(0.0, 1e-6);
        double best = -1;
        const SimTrack *pick = nullptr;
        double bestOther = -1;
        const SimTrack *pickOther = nullptr; // best of another artist than the last
        for (const SimTrack &t : m_tracks) {
            const auto heard = m_history.lastHeard.constFind(t.id);
            if (heard != m_history.lastHeard.constEnd() && nowMs - *heard < m_windowMs)
                continue;
            const double a = m_listener.affinity(t, m_history, nowMs) + jitter(m_rng);
            if (a > best) {
                best = a;
                pick = &t;
            }
            if (t.artist != m_lastArtist && a > bestOther) {
                bestOther = a;
                pickOther = &t;
            }
        }
        if (pickOther)
            pick = pickOther;
        if (!pick) // everything played within the window: the longest unheard
            pick = &*std::min_element(m_tracks.begin(), m_tracks.end(), [this](const auto &a, const auto &b) {
                return m_history.lastHeard.value(a.id) < m_history.lastHeard.value(b.id);
            });
        m_lastArtist = pick->artist;
        return pick->id;
    }

private:
    const std::vector<SimTrack> &m_tracks;
    const Listener &m_listener;
    const History &m_history;
    qint64 m_windowMs;
    std::mt19937_64 m_rng;
    QString m_lastArtist;
};

class EnginePolicy final : public Policy
{
public:
    EnginePolicy(TasteSession &session, ManualClock &clock) : m_session(session), m_clock(clock) {}
    qint64 next(qint64 nowMs) override
    {
        m_clock.setNowMs(nowMs);
        const RankedQueue q = m_session.queue(1);
        if (q.isEmpty())
            qFatal("the engine returned an empty queue");
        record(SignalKind::Start, q.constFirst().trackId, 0, nowMs);
        return q.constFirst().trackId;
    }
    void feedback(const SimTrack &t, qint64 startMs, const Reaction &r) override
    {
        const auto at = [startMs](double s) { return startMs + qint64(s * 1000); };
        if (r.outcome == Outcome::Finished) {
            if (r.liked)
                record(SignalKind::Like, t.id, r.likeAtS, at(r.likeAtS));
            record(SignalKind::Complete, t.id, t.durationS, at(t.durationS));
            return;
        }
        if (r.disliked)
            record(SignalKind::Dislike, t.id, r.positionS, at(r.positionS - 0.5));
        record(SignalKind::Skip, t.id, r.positionS, at(r.positionS));
    }

private:
    void record(SignalKind kind, qint64 track, double position, qint64 atMs)
    {
        if (!m_session.record(kind, track, position, 0, atMs))
            qFatal("recording a signal failed: %s", qPrintable(m_session.errorString()));
    }
    TasteSession &m_session;
    ManualClock &m_clock;
};

// --- listeners ------------------------------------------------------------------------------

QString mostCommon(const std::vector<SimTrack> &tracks, const std::function<QString(const SimTrack &)> &key,
                   int rank = 0, const std::function<bool(const SimTrack &)> &filter = {})
{
    QHash<QString, int> count;
    for (const SimTrack &t : tracks) {
        if (t.known && (!filter || filter(t)))
            ++count[key(t)];
    }
    std::vector<std::pair<int, QString>> sorted;
    for (auto it = count.cbegin(); it != count.cend(); ++it)
        sorted.emplace_back(-it.value(), it.key());
    std::sort(sorted.begin(), sorted.end());
    if (sorted.empty())
        return {};
    return sorted[size_t(std::min<int>(rank, int(sorted.size()) - 1))].second;
}

std::vector<Listener> makeListeners(const std::vector<SimTrack> &tracks)
{
    std::vector<Listener> out;
    // Styles by how common they are: pick ordinary ones, not the biggest, for fairness.
    const auto styleKey = [](const SimTrack &t) { return t.style; };
    const QString loved = mostCommon(tracks, styleKey, 2);
    const QString before = mostCommon(tracks, styleKey, 3);
    const QString after = mostCommon(tracks, styleKey, 5);
    const QString favArtist = mostCommon(tracks, [](const SimTrack &t) { return t.artist; }, 1);
    QString favArtistStyle;
    for (const SimTrack &t : tracks) {
        if (t.artist == favArtist)
            favArtistStyle = t.style;
    }
    const QStringList tiredStyles = {mostCommon(tracks, styleKey, 0), mostCommon(tracks, styleKey, 4),
                                     mostCommon(tracks, styleKey, 6)};

    out.push_back({QStringLiteral("genre lover"), QStringLiteral("loves %1, little else").arg(loved), 10, 1.0,
                   [loved](const SimTrack &t, const History &, qint64) {
                       return t.style == loved ? 0.9 : 0.08;
                   }});
    out.push_back({QStringLiteral("tempo lover"), QStringLiteral("118-130 BPM in any style"), 10, 1.0,
                   [](const SimTrack &t, const History &, qint64) {
                       const double z = (t.tempoBpm - 124.0) / 5.0;
                       return 0.06 + 0.86 * std::exp(-0.5 * z * z * z * z / 4.0);
                   }});
    // The brightest, most energetic quarter of the library (relative, so it means the same in
    // any library): the upper quartile of (brightness + energy) / 2.
    std::vector<double> loudness;
    for (const SimTrack &t : tracks) {
        if (t.known)
            loudness.push_back(0.5 * (t.brightness + t.energy));
    }
    std::sort(loudness.begin(), loudness.end());
    const double upperQuartile = loudness.empty() ? 0.6 : loudness[loudness.size() * 3 / 4];
    out.push_back({QStringLiteral("bright+energetic"),
                   QStringLiteral("the brightest, most energetic quarter (mean of the two > %1)").arg(upperQuartile, 0, 'f', 2),
                   10, 1.0,
                   [upperQuartile](const SimTrack &t, const History &, qint64) {
                       const double s = 0.5 * (t.brightness + t.energy);
                       return 0.05 + 0.87 / (1.0 + std::exp(-(s - upperQuartile) / 0.03));
                   }});
    out.push_back({QStringLiteral("artist fan"),
                   QStringLiteral("adores %1, likes other %2").arg(favArtist, favArtistStyle), 8, 1.0,
                   [favArtist, favArtistStyle](const SimTrack &t, const History &, qint64) {
                       return t.artist == favArtist ? 0.95 : t.style == favArtistStyle ? 0.6 : 0.06;
                   }});
    out.push_back({QStringLiteral("taste changes"),
                   QStringLiteral("%1, then %2 after four months").arg(before, after), 1, 1.0,
                   [before, after](const SimTrack &t, const History &h, qint64 now) {
                       const bool changed = h.firstPlayMs > 0 && now - h.firstPlayMs >= 120 * kDay;
                       if (!changed)
                           return t.style == before ? 0.9 : 0.08;
                       return t.style == after ? 0.9 : t.style == before ? 0.15 : 0.08;
                   }});
    out.push_back({QStringLiteral("tires quickly"),
                   QStringLiteral("%1; skips a track heard in the last 4 days").arg(tiredStyles.join(QStringLiteral(", "))),
                   25, 1.0,
                   [tiredStyles](const SimTrack &t, const History &h, qint64 now) {
                       const auto heard = h.lastHeard.constFind(t.id);
                       if (heard != h.lastHeard.constEnd() && now - *heard < 4 * kDay)
                           return 0.1;
                       return tiredStyles.contains(t.style) ? 0.9 : 0.1;
                   }});
    for (Listener &l : out) {
        // A listener with no opinion on a track not in the manifest.
        auto inner = l.affinity;
        l.affinity = [inner](const SimTrack &t, const History &h, qint64 now) {
            return t.known ? inner(t, h, now) : 0.05;
        };
    }
    return out;
}

// --- one run ----------------------------------------------------------------------------------

struct RunStats
{
    int plays = 0;
    int windowPlays = 0;     // plays 21..200
    int windowSatisfied = 0;
    int windowEarlySkips = 0;
    std::set<qint64> distinct;
    double satisfaction() const { return windowPlays ? double(windowSatisfied) / windowPlays : 0; }
    double earlySkipRate() const { return windowPlays ? double(windowEarlySkips) / windowPlays : 0; }
};

bool g_trace = false;
QString g_keepDb; // --keep-db: a copy of the last engine run's database, for `bytewave-cli why`

RunStats run(Policy &policy, const Listener &listener, History &history,
             const QHash<qint64, const SimTrack *> &byId, int plays, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    RunStats stats;
    qint64 now = kEpoch + 18 * 3600 * kSecond;
    int inSession = 0;
    for (int p = 1; p <= plays; ++p) {
        const qint64 id = policy.next(now);
        const SimTrack *t = byId.value(id);
        if (!t)
            qFatal("policy picked unknown track %lld", id);
        if (history.firstPlayMs == 0)
            history.firstPlayMs = now;
        const double a = listener.affinity(*t, history, now);
        const Reaction r = react(a, *t, rng);
        policy.feedback(*t, now, r);
        if (g_trace)
            QTextStream(stdout) << "  play " << p << " day " << (now - kEpoch) / kDay << ": #" << id << ' ' << t->style << ' '
                                << t->artist << ' ' << qRound(t->tempoBpm) << " BPM a=" << QString::number(a, 'f', 2)
                                << (r.outcome == Outcome::Finished ? " finished" : r.outcome == Outcome::EarlySkip ? " EARLY SKIP" : " late skip")
                                << (r.liked ? " +like" : "") << (r.disliked ? " +dislike" : "") << '\n';
        history.lastHeard.insert(id, now);
        ++stats.plays;
        stats.distinct.insert(id);
        if (p >= 21 && p <= 200) {
            ++stats.windowPlays;
            if (r.outcome == Outcome::Finished || r.liked)
                ++stats.windowSatisfied;
            if (r.outcome == Outcome::EarlySkip)
                ++stats.windowEarlySkips;
        }
        const double listened = r.outcome == Outcome::Finished ? t->durationS : r.positionS;
        now += qint64((listened + 4) * 1000);
        if (++inSession >= listener.playsPerSession) {
            inSession = 0;
            // The next session starts sessionGapDays later, around 18:00 +- 2 h.
            const qint64 day = (now - kEpoch) / kDay + qint64(std::max(1.0, listener.sessionGapDays));
            now = kEpoch + day * kDay + 16 * 3600 * kSecond + qint64(u(rng) * 4 * 3600) * kSecond;
        }
    }
    return stats;
}

// --- libraries ------------------------------------------------------------------------------

bool fail(const QString &message)
{
    QTextStream(stderr) << "taste-simulation: " << message << '\n';
    return false;
}

// SYNTHETIC: writes the generated library into a fresh database (tracks + analysis rows whose
// similarity blobs are the synthetic vectors).
bool writeSyntheticDatabase(const QString &path, const synth::GeneratedLibrary &lib, std::vector<SimTrack> *tracks)
{
    Database db;
    if (!db.open(path))
        return fail(db.errorString());
    const bool ok = db.transaction([&] {
        for (size_t i = 0; i < lib.tracks.size(); ++i) {
            const synth::GeneratedTrack &g = lib.tracks[i];
            QSqlQuery &q = db.query(QStringLiteral(
                "INSERT INTO tracks (id, path, size, mtime_ms, title, artist, album_artist, album, genres, "
                "duration_ms, added_ms, updated_ms) VALUES (?, ?, 1, 1, ?, ?, ?, ?, ?, ?, 0, 0)"));
            q.addBindValue(g.id);
            q.addBindValue(QString(QStringLiteral("/synthetic/") + g.file));
            q.addBindValue(g.title);
            q.addBindValue(g.artist);
            q.addBindValue(g.artist);
            q.addBindValue(g.album);
            q.addBindValue(g.genre);
            q.addBindValue(qint64(g.durationS * 1000));
            if (!q.exec())
                return db.fail(QStringLiteral("insert track"), q);
            QByteArray blob(lib.dimension * 4, Qt::Uninitialized);
            for (int k = 0; k < lib.dimension; ++k) {
                quint32 bits;
                std::memcpy(&bits, &lib.vectors[i * size_t(lib.dimension) + size_t(k)], 4);
                qToLittleEndian(bits, blob.data() + 4 * k);
            }
            QSqlQuery &a = db.query(QStringLiteral(
                "INSERT INTO analysis (track_id, extractor_version, source_size, source_mtime_ms, analysed_ms, "
                "similarity, duration_s) VALUES (?, 1, 1, 1, 0, ?, ?)"));
            a.addBindValue(g.id);
            a.addBindValue(blob);
            a.addBindValue(g.durationS);
            if (!a.exec())
                return db.fail(QStringLiteral("insert analysis"), a);
            tracks->push_back({g.id, g.artist, g.style, g.tempoBpm, g.brightness, g.energy, g.durationS, true});
        }
        return true;
    });
    return ok || fail(db.errorString());
}

// Real pipeline: the manifest's generation parameters, matched to the scanned tracks by path.
bool readManifest(const QString &manifestPath, const QString &dbPath, std::vector<SimTrack> *tracks)
{
    QFile f(manifestPath);
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1").arg(manifestPath));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (!doc.isObject())
        return fail(QStringLiteral("%1 is not a manifest: %2").arg(manifestPath, error.errorString()));
    const QDir root = QFileInfo(manifestPath).absoluteDir();
    QHash<QString, QJsonObject> byPath;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("tracks")).toArray()) {
        const QJsonObject o = v.toObject();
        byPath.insert(QFileInfo(root.filePath(o.value(QStringLiteral("file")).toString())).canonicalFilePath(), o);
    }
    Database db;
    if (!db.open(dbPath, Database::Mode::ReadOnly))
        return fail(db.errorString());
    QSqlQuery &q = db.query(QStringLiteral("SELECT id, path, artist, duration_ms FROM tracks WHERE missing = 0"));
    if (!q.exec())
        return fail(q.lastError().text());
    int matched = 0;
    while (q.next()) {
        SimTrack t;
        t.id = q.value(0).toLongLong();
        t.artist = q.value(2).toString();
        t.durationS = q.value(3).toDouble() / 1000.0;
        const auto it = byPath.constFind(QFileInfo(q.value(1).toString()).canonicalFilePath());
        if (it == byPath.constEnd()) {
            t.known = false;
        } else {
            ++matched;
            t.style = it->value(QStringLiteral("style")).toString();
            t.tempoBpm = it->value(QStringLiteral("tempo_bpm")).toDouble();
            t.brightness = it->value(QStringLiteral("brightness")).toDouble();
            t.energy = it->value(QStringLiteral("energy")).toDouble();
            t.artist = it->value(QStringLiteral("artist")).toString();
            if (t.durationS <= 0)
                t.durationS = it->value(QStringLiteral("duration_s")).toDouble(30);
        }
        tracks->push_back(t);
    }
    if (matched == 0)
        return fail(QStringLiteral("no scanned track matches the manifest; scan %1 first").arg(root.path()));
    return true;
}

bool copyDatabase(const QString &from, const QString &to)
{
    QFile::remove(to);
    Database db;
    if (!db.open(from, Database::Mode::ReadOnly))
        return fail(db.errorString());
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("VACUUM INTO '%1'").arg(QString(to).replace(QLatin1Char('\''), QStringLiteral("''")))))
        return fail(QStringLiteral("copying the database: %1").arg(q.lastError().text()));
    return true;
}

struct Cell
{
    double satisfaction = 0;
    double earlySkips = 0;
    double distinct = 0;
};

// "Distinct tracks heard rises with adventurousness", judged against the noise. The runs at
// every level share their seeds, so the per-run differences between two levels are paired
// and their standard error is the noise of that step. A step may be flat within the noise
// (mean change >= -2 SE) but not fall; from the lowest level to the highest the count must
// rise clearly: more than 2 SE and at least 10 % (a rise a listener notices, not a
// statistically detectable trickle). Fewer than kMinRunsToJudge runs are not judged.
constexpr int kMinRunsToJudge = 10;

struct RiseVerdict
{
    bool rises = false;
    bool judged = false;
    QString steps;   // "+1.2±3.0, ..." per adjacent pair
    QString verdict; // "yes", "NO (...)", "not judged (...)"
};

// mean and 2 * standard error of b[r] - a[r]
std::pair<double, double> pairedChange(const std::vector<double> &a, const std::vector<double> &b)
{
    const size_t n = std::min(a.size(), b.size());
    if (n == 0)
        return {0.0, 0.0};
    double mean = 0;
    for (size_t r = 0; r < n; ++r)
        mean += (b[r] - a[r]) / double(n);
    double var = 0;
    for (size_t r = 0; r < n; ++r)
        var += (b[r] - a[r] - mean) * (b[r] - a[r] - mean);
    var = n > 1 ? var / double(n - 1) : 0.0;
    return {mean, 2.0 * std::sqrt(var / double(n))};
}

RiseVerdict judgeRise(const std::vector<std::vector<double>> &distinctByLevel)
{
    RiseVerdict v;
    if (distinctByLevel.size() < 2) {
        v.verdict = QStringLiteral("not judged (one level)");
        return v;
    }
    QStringList steps;
    QStringList falls;
    for (size_t l = 1; l < distinctByLevel.size(); ++l) {
        const auto [mean, twoSe] = pairedChange(distinctByLevel[l - 1], distinctByLevel[l]);
        steps << QStringLiteral("%1%2±%3").arg(mean >= 0 ? QStringLiteral("+") : QString()).arg(mean, 0, 'f', 1).arg(twoSe, 0, 'f', 1);
        if (mean < -twoSe)
            falls << QString::number(l);
    }
    v.steps = steps.join(QStringLiteral(", "));
    const auto [total, totalTwoSe] = pairedChange(distinctByLevel.front(), distinctByLevel.back());
    double first = 0;
    for (const double d : distinctByLevel.front())
        first += d / double(distinctByLevel.front().size());
    const int runs = int(distinctByLevel.front().size());
    if (runs < kMinRunsToJudge) {
        v.verdict = QStringLiteral("not judged (%1 runs)").arg(runs);
        return v;
    }
    v.judged = true;
    const bool clearRise = total > totalTwoSe && total >= 0.1 * first;
    v.rises = falls.isEmpty() && clearRise;
    if (v.rises)
        v.verdict = QStringLiteral("yes");
    else if (!falls.isEmpty())
        v.verdict = QStringLiteral("NO (falls at step %1)").arg(falls.join(QStringLiteral(", ")));
    else
        v.verdict = QStringLiteral("NO (no clear rise)");
    return v;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Simulated listeners against the taste engine."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("manifest"), QStringLiteral("make-demo-library's manifest.json."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("db"), QStringLiteral("The scanned and analysed database of that library."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("synthetic"), QStringLiteral("Use a SYNTHETIC library with SYNTHETIC feature vectors.")});
    parser.addOption({QStringLiteral("tracks"), QStringLiteral("Synthetic library size (default 440)."), QStringLiteral("N"), QStringLiteral("440")});
    parser.addOption({QStringLiteral("plays"), QStringLiteral("Plays per listener (default 200)."), QStringLiteral("N"), QStringLiteral("200")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs per listener, averaged (default 3)."), QStringLiteral("N"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed (default 7)."), QStringLiteral("S"), QStringLiteral("7")});
    parser.addOption({QStringLiteral("listener"), QStringLiteral("Only listeners whose name contains TEXT."), QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("adventurousness"), QStringLiteral("The engine's setting for the main table (default: the app's default)."),
                      QStringLiteral("A"), QString::number(kDefaultAdventurousness)});
    parser.addOption({QStringLiteral("levels"), QStringLiteral("Adventurousness levels for the distinct-tracks table (default 0,0.35,0.7,1; empty to skip)."),
                      QStringLiteral("LIST"), QStringLiteral("0,0.35,0.7,1")});
    parser.addOption({QStringLiteral("trace"), QStringLiteral("Print every play of the engine runs.")});
    parser.addOption({QStringLiteral("keep-db"), QStringLiteral("Keep a copy of the last engine run's database."), QStringLiteral("FILE")});
    parser.process(app);
    g_trace = parser.isSet(QStringLiteral("trace"));
    g_keepDb = parser.value(QStringLiteral("keep-db"));

    bool ok = true;
    const int plays = parser.value(QStringLiteral("plays")).toInt(&ok);
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const std::uint64_t seed = parser.value(QStringLiteral("seed")).toULongLong();
    const double adventurousness = parser.value(QStringLiteral("adventurousness")).toDouble();
    std::vector<double> levels;
    for (const QString &l : parser.value(QStringLiteral("levels")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        levels.push_back(l.toDouble());
    if (!ok || plays < 21)
        return fail(QStringLiteral("--plays must be at least 21")), 64;

    QTemporaryDir tmp;
    if (!tmp.isValid())
        return fail(QStringLiteral("no temporary folder")), 73;
    QString templateDb;
    std::vector<SimTrack> tracks;
    QString source;
    if (parser.isSet(QStringLiteral("synthetic"))) {
        const int n = parser.value(QStringLiteral("tracks")).toInt();
        const synth::GeneratedLibrary lib = synth::generateLibrary(std::clamp(n, 30, 20000), 36, seed);
        templateDb = tmp.filePath(QStringLiteral("template.db"));
        if (!writeSyntheticDatabase(templateDb, lib, &tracks))
            return 74;
        source = QStringLiteral("SYNTHETIC library (%1 tracks) with SYNTHETIC %2-dim feature vectors (benchmarks/taste/synthlibrary.cpp)")
                     .arg(tracks.size()).arg(lib.dimension);
    } else if (parser.isSet(QStringLiteral("manifest")) && parser.isSet(QStringLiteral("db"))) {
        templateDb = parser.value(QStringLiteral("db"));
        if (!readManifest(parser.value(QStringLiteral("manifest")), templateDb, &tracks))
            return 66;
        Database db;
        db.open(templateDb, Database::Mode::ReadOnly);
        QSqlQuery q(db.connection());
        q.exec(QStringLiteral("SELECT count(*) FROM analysis WHERE similarity IS NOT NULL AND error IS NULL"));
        const qint64 analysed = q.next() ? q.value(0).toLongLong() : 0;
        source = QStringLiteral("REAL pipeline: make-demo-library -> scan -> analyze (%1 tracks, %2 analysed), %3")
                     .arg(tracks.size()).arg(analysed).arg(parser.value(QStringLiteral("manifest")));
    } else {
        return fail(QStringLiteral("give --synthetic, or --manifest FILE and --db FILE")), 64;
    }

    QHash<qint64, const SimTrack *> byId;
    std::vector<qint64> ids;
    for (const SimTrack &t : tracks) {
        byId.insert(t.id, &t);
        ids.push_back(t.id);
    }
    std::vector<Listener> listeners = makeListeners(tracks);
    const QString only = parser.value(QStringLiteral("listener"));
    const TasteParams params;

    QTextStream out(stdout);
    out << "Taste simulation: " << source << "\n"
        << plays << " plays per listener, " << runs << " runs each (seed " << seed << "); satisfaction and "
        << "early skips over plays 21-" << std::min(plays, 200) << "; engine at adventurousness "
        << adventurousness << "\n\n";
    out.flush();

    const auto engineRun = [&](const Listener &listener, double level, std::uint64_t runSeed) {
        const QString path = tmp.filePath(QStringLiteral("run.db"));
        if (!copyDatabase(templateDb, path))
            qFatal("cannot copy the database");
        RunStats stats;
        {
            Database db;
            if (!db.open(path))
                qFatal("%s", qPrintable(db.errorString()));
            ManualClock clock(kEpoch);
            TasteSession session(db, clock);
            if (!session.load() || !session.setAdventurousness(level))
                qFatal("%s", qPrintable(session.errorString()));
            EnginePolicy policy(session, clock);
            History history;
            stats = run(policy, listener, history, byId, plays, runSeed);
        }
        if (!g_keepDb.isEmpty()) {
            QFile::remove(g_keepDb);
            QFile::copy(path, g_keepDb);
        }
        QFile::remove(path);
        return stats;
    };

    QElapsedTimer timer;
    timer.start();
    bool allPass = true;
    bool allRise = true;
    bool anyJudged = false;
    QStringList levelRows;
    out << "| listener | hidden taste | engine | shuffle | oracle | engine / shuffle | engine / oracle | "
           "early skips (engine / shuffle / oracle) | distinct tracks (engine / shuffle / oracle) |\n"
           "|---|---|---|---|---|---|---|---|---|\n";
    out.flush();
    for (const Listener &listener : listeners) {
        if (!only.isEmpty() && !listener.name.contains(only))
            continue;
        Cell e, s, o;
        std::vector<Cell> byLevel(levels.size());
        std::vector<std::vector<double>> distinctByLevel(levels.size()); // per run, for the judgement
        for (int r = 0; r < runs; ++r) {
            const std::uint64_t runSeed = seed * 1000003ULL + std::uint64_t(r) * 7919ULL + qHash(listener.name);
            const auto add = [runs](Cell &c, const RunStats &st) {
                c.satisfaction += st.satisfaction() / runs;
                c.earlySkips += st.earlySkipRate() / runs;
                c.distinct += double(st.distinct.size()) / runs;
            };
            add(e, engineRun(listener, adventurousness, runSeed));
            const bool tracing = g_trace;
            g_trace = false;
            {
                ShufflePolicy shuffle(ids, runSeed ^ 0x5bd1e995);
                History h;
                add(s, run(shuffle, listener, h, byId, plays, runSeed));
            }
            {
                History h;
                OraclePolicy oracle(tracks, listener, h, params.noRepeatHours, runSeed ^ 0x9e3779b9);
                add(o, run(oracle, listener, h, byId, plays, runSeed));
            }
            g_trace = tracing;
            for (size_t l = 0; l < levels.size(); ++l) {
                const RunStats st = engineRun(listener, levels[l], runSeed);
                add(byLevel[l], st);
                distinctByLevel[l].push_back(double(st.distinct.size()));
            }
        }
        const double vsShuffle = s.satisfaction > 0 ? e.satisfaction / s.satisfaction : 0;
        const double vsOracle = o.satisfaction > 0 ? e.satisfaction / o.satisfaction : 0;
        const bool pass = vsShuffle >= 2.0 && vsOracle >= 0.8;
        allPass = allPass && pass;
        out << "| " << listener.name << " | " << listener.taste << " | "
            << QString::number(e.satisfaction, 'f', 2) << " | " << QString::number(s.satisfaction, 'f', 2)
            << " | " << QString::number(o.satisfaction, 'f', 2) << " | " << QString::number(vsShuffle, 'f', 1)
            << "x | " << QString::number(100 * vsOracle, 'f', 0) << " %" << (pass ? "" : " (MISSED)") << " | "
            << QString::number(e.earlySkips, 'f', 2) << " / " << QString::number(s.earlySkips, 'f', 2) << " / "
            << QString::number(o.earlySkips, 'f', 2) << " | " << QString::number(e.distinct, 'f', 0) << " / "
            << QString::number(s.distinct, 'f', 0) << " / " << QString::number(o.distinct, 'f', 0) << " |\n";
        out.flush();
        if (!levels.empty()) {
            QString row = QStringLiteral("| %1 |").arg(listener.name);
            for (size_t l = 0; l < levels.size(); ++l)
                row += QStringLiteral(" %1 (%2) |").arg(byLevel[l].distinct, 0, 'f', 0).arg(byLevel[l].satisfaction, 0, 'f', 2);
            const RiseVerdict verdict = judgeRise(distinctByLevel);
            row += QStringLiteral(" %1 | %2 |").arg(verdict.steps, verdict.verdict);
            allRise = allRise && (verdict.rises || !verdict.judged);
            anyJudged = anyJudged || verdict.judged;
            levelRows << row;
        }
    }
    if (!levelRows.isEmpty()) {
        out << "\nDistinct tracks heard (satisfaction) by adventurousness:\n\n| listener |";
        for (const double l : levels)
            out << " a = " << l << " |";
        out << " steps (mean change ± 2 SE) | rises |\n|---|";
        for (size_t l = 0; l < levels.size(); ++l)
            out << "---|";
        out << "---|---|\n";
        for (const QString &row : std::as_const(levelRows))
            out << row << '\n';
        out << "\n\"Rises\" (runs paired by seed; SE of the per-run differences): no step between adjacent levels\n"
               "falls by more than 2 SE, and the first level to the last rises by more than 2 SE and by at least\n"
               "10 % of the first level's count; judged with at least "
            << kMinRunsToJudge << " runs. "
            << (!anyJudged ? "Not judged: too few runs." : allRise ? "Every listener rises." : "NOT every listener rises.") << '\n';
    }
    out << "\n" << (allPass ? "All listeners meet the targets" : "Some listeners MISS the targets")
        << " (>= 2x shuffle and >= 80 % of the oracle). " << timer.elapsed() / 1000 << " s.\n";
    return allPass && (levelRows.isEmpty() || allRise) ? 0 : 1;
}
