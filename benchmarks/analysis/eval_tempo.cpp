// Tempo accuracy on a labelled set (issue: "Accuracy, evaluated and printed"), and key accuracy
// on the same files where the set labels keys.
//
// Renders a labelled library with `bytewave-cli make-demo-library` (or reads one already
// rendered: DIR/manifest.json, contract in /work/notes/manifest.md), estimates every track's
// tempo with ByteWave's analyser and, when the aubio CLI is installed (Debian aubio-tools), with
// `aubio tempo FILE`, and prints Accuracy1 (within 4 % of the label) and Accuracy2 (also at
// x2, x3, 1/2, 1/3 of it) overall and per style, side by side. For make-demo-library sets it also
// prints the share of exact keys and the MIREX weighted key score (1 for the key, 0.5 the key a
// fifth above in the same mode, 0.3 the relative, 0.2 the parallel key).
//
// Usage:
//   eval_tempo [DIR] [--tracks 200] [--seed 1] [--duration 30] [--jobs N] [--no-aubio] [--list]
//   eval_tempo --clicks [DIR]   a self-made set (metronomes and a synthetic song at random
//                               tempos) for checking the program itself
// Without DIR the set is rendered into a temporary folder and removed afterwards.

#include "analysis/keyestimator.h"
#include "analysis/trackanalyzer.h"
#include "benchutil.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <atomic>
#include <cmath>
#include <thread>

using namespace bytewave;

namespace {

QTextStream out(stdout);
QTextStream err(stderr);

struct Item
{
    QString file;  // absolute
    QString style;
    double label = 0;
    double bytewave = 0;
    double aubio = -1; // -1: not run
    double onsetRate = 0; // ByteWave's onsets per second (the tempo prior's density cue)
    int keyLabel = -1;    // tonic pitch class; -1: the set has no key labels
    int modeLabel = 0;    // KeyEstimator::Mode
    int key = -1;         // ByteWave's estimate
    int mode = 0;
    QString error;
};

// MIREX's weighted key score of an estimate against a label (as mir_eval.key.weighted_score
// with its defaults: only the fifth above counts as a fifth).
double keyScore(int key, int mode, int labelKey, int labelMode)
{
    if (key < 0)
        return 0;
    if (mode == labelMode && key == labelKey)
        return 1.0;
    if (mode == labelMode && key == (labelKey + 7) % 12)
        return 0.5;
    // Relative keys: C major and A minor.
    if (labelMode == KeyEstimator::Major && mode == KeyEstimator::Minor && key == (labelKey + 9) % 12)
        return 0.3;
    if (labelMode == KeyEstimator::Minor && mode == KeyEstimator::Major && key == (labelKey + 3) % 12)
        return 0.3;
    if (key == labelKey)
        return 0.2; // parallel
    return 0;
}

bool accuracy1(double estimate, double label)
{
    return estimate > 0 && std::abs(estimate - label) <= 0.04 * label;
}

bool accuracy2(double estimate, double label)
{
    for (double factor : {1.0, 2.0, 3.0, 0.5, 1.0 / 3.0}) {
        if (accuracy1(estimate, label * factor))
            return true;
    }
    return false;
}

double aubioTempo(const QString &aubio, const QString &file)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(aubio, {QStringLiteral("tempo"), file});
    if (!p.waitForFinished(300000))
        return 0;
    // The last line is "<bpm> bpm".
    static const QRegularExpression bpm(QStringLiteral("([0-9]+(?:\\.[0-9]+)?)\\s*bpm"));
    double value = 0;
    auto it = bpm.globalMatch(QString::fromUtf8(p.readAllStandardOutput()));
    while (it.hasNext())
        value = it.next().captured(1).toDouble();
    return value;
}

QList<Item> readManifest(const QString &dir, QString *error)
{
    QFile f(dir + QStringLiteral("/manifest.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(f.fileName());
        return {};
    }
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    QList<Item> items;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("tracks")).toArray()) {
        const QJsonObject t = v.toObject();
        Item item;
        item.file = dir + u'/' + t.value(QStringLiteral("file")).toString();
        item.style = t.value(QStringLiteral("style")).toString(QStringLiteral("?"));
        item.label = t.value(QStringLiteral("tempo_bpm")).toDouble();
        if (t.contains(QStringLiteral("key_index"))) {
            item.keyLabel = t.value(QStringLiteral("key_index")).toInt();
            item.modeLabel = t.value(QStringLiteral("mode")).toString() == QStringLiteral("minor") ? KeyEstimator::Minor
                                                                                                  : KeyEstimator::Major;
        }
        if (item.label > 0)
            items.append(item);
    }
    if (items.isEmpty())
        *error = QStringLiteral("%1 lists no track with a tempo").arg(f.fileName());
    return items;
}

// A self-made set: plain metronomes, metronomes with soft off-beats, and the synthetic song.
QList<Item> renderClicks(const QString &dir, int tracks, unsigned seed, double duration)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> tempo(60.0, 200.0);
    std::uniform_real_distribution<float> noise(-1.0f, 1.0f);
    QList<Item> items;
    for (int i = 0; i < tracks; ++i) {
        Item item;
        item.label = std::round(tempo(rng) * 10) / 10;
        const int kind = i % 3;
        item.style = kind == 0 ? QStringLiteral("metronome") : kind == 1 ? QStringLiteral("accented") : QStringLiteral("song");
        item.file = dir + QStringLiteral("/%1-%2.flac").arg(i, 3, 10, QLatin1Char('0')).arg(item.style);
        std::vector<float> pcm;
        if (kind == 2) {
            pcm = bench::synthesiseSong(duration, item.label, seed + unsigned(i));
        } else {
            const int rate = 44100;
            pcm.assign(std::size_t(2 * duration * rate), 0.0f);
            const double period = 60.0 / item.label * rate;
            const int step = kind == 1 ? 2 : 1;
            for (int k = 0;; ++k) {
                const auto start = std::size_t(std::lround(k * period / step));
                if (2 * (start + 2000) >= pcm.size())
                    break;
                const float gain = (k % step == 0) ? 0.8f : 0.25f;
                for (int j = 0; j < 1300; ++j) {
                    const float v = gain * noise(rng) * float(std::exp(-j / 260.0));
                    pcm[2 * (start + std::size_t(j))] += v;
                    pcm[2 * (start + std::size_t(j)) + 1] += v;
                }
            }
        }
        if (!bench::encode(item.file, pcm, 2, 44100, {QStringLiteral("-c:a"), QStringLiteral("flac")})) {
            err << "eval_tempo: ffmpeg failed for " << item.file << '\n';
            return {};
        }
        items.append(item);
    }
    return items;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Tempo accuracy of ByteWave (and aubio) on a labelled set."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Rendered set (with manifest.json) or where to render it."), QStringLiteral("[DIR]"));
    parser.addOption({QStringLiteral("tracks"), QStringLiteral("Tracks to render."), QStringLiteral("N"), QStringLiteral("200")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Generator seed."), QStringLiteral("S"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("duration"), QStringLiteral("Seconds per track."), QStringLiteral("SECONDS"), QStringLiteral("30")});
    parser.addOption({QStringLiteral("jobs"), QStringLiteral("Threads."), QStringLiteral("N"), QString::number(std::max(1, QThread::idealThreadCount()))});
    parser.addOption({QStringLiteral("cli"), QStringLiteral("bytewave-cli with make-demo-library."), QStringLiteral("PATH"), bench::defaultCli()});
    parser.addOption({QStringLiteral("clicks"), QStringLiteral("Render a self-made click/synth set instead of make-demo-library's.")});
    parser.addOption({QStringLiteral("no-aubio"), QStringLiteral("Do not run aubio even if installed.")});
    parser.addOption({QStringLiteral("list"), QStringLiteral("Print every track's label and estimates.")});
    parser.process(app);

    const int tracks = std::clamp(parser.value(QStringLiteral("tracks")).toInt(), 1, 5000);
    const auto seed = parser.value(QStringLiteral("seed")).toUInt();
    const double duration = std::clamp(parser.value(QStringLiteral("duration")).toDouble(), 5.0, 600.0);
    const int jobs = std::max(1, parser.value(QStringLiteral("jobs")).toInt());

    QTemporaryDir temp;
    QString dir = parser.positionalArguments().value(0);
    if (dir.isEmpty())
        dir = temp.path();
    dir = QDir(dir).absolutePath();
    QDir().mkpath(dir);

    QList<Item> items;
    QString error;
    QElapsedTimer clock;
    clock.start();
    if (parser.isSet(QStringLiteral("clicks"))) {
        out << "Rendering " << tracks << " self-made tracks into " << dir << " ...\n";
        out.flush();
        items = renderClicks(dir, tracks, seed, duration);
    } else {
        if (!QFile::exists(dir + QStringLiteral("/manifest.json"))) {
            const QString cli = parser.value(QStringLiteral("cli"));
            out << "Rendering " << tracks << " tracks x " << duration << " s with make-demo-library into " << dir << " ...\n";
            out.flush();
            QProcess p;
            p.setProcessChannelMode(QProcess::ForwardedChannels);
            p.start(cli, {QStringLiteral("make-demo-library"), dir, QStringLiteral("--tracks"), QString::number(tracks),
                          QStringLiteral("--seed"), QString::number(seed), QStringLiteral("--duration"), QString::number(duration)});
            if (!p.waitForFinished(-1) || p.exitCode() != 0) {
                err << "eval_tempo: `" << cli << " make-demo-library` failed or does not exist yet ("
                    << p.errorString() << "); try --clicks\n";
                return 1;
            }
        }
        items = readManifest(dir, &error);
    }
    if (items.isEmpty()) {
        err << "eval_tempo: " << (error.isEmpty() ? QStringLiteral("no tracks") : error) << '\n';
        return 1;
    }
    out << "Rendered/loaded " << items.size() << " tracks in " << clock.elapsed() / 1000.0 << " s\n";

    const QString aubio = parser.isSet(QStringLiteral("no-aubio")) ? QString()
                                                                   : QStandardPaths::findExecutable(QStringLiteral("aubio"));
    out << "Estimating with ByteWave" << (aubio.isEmpty() ? "" : " and aubio") << " on " << jobs << " threads ...\n";
    out.flush();
    clock.restart();
    std::atomic<int> next{0};
    std::atomic<double> bytewaveSeconds{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < jobs; ++t) {
        threads.emplace_back([&] {
            TrackAnalyzer analyzer;
            for (int i = next++; i < items.size(); i = next++) {
                Item &item = items[i];
                QElapsedTimer one;
                one.start();
                const auto r = analyzer.analyze(item.file);
                bytewaveSeconds = bytewaveSeconds + one.nsecsElapsed() / 1e9;
                if (r.ok()) {
                    item.bytewave = r.features.value(Feature::TempoBpm);
                    item.onsetRate = r.features.value(Feature::OnsetRate);
                    item.key = int(r.features.value(Feature::Key));
                    item.mode = int(r.features.value(Feature::Mode));
                }
                else
                    item.error = r.error;
                if (!aubio.isEmpty())
                    item.aubio = aubioTempo(aubio, item.file);
            }
        });
    }
    for (auto &t : threads)
        t.join();
    out << "Done in " << clock.elapsed() / 1000.0 << " s (ByteWave: " << bytewaveSeconds / items.size()
        << " s per track)\n\n";

    struct Score
    {
        int n = 0, b1 = 0, b2 = 0, a1 = 0, a2 = 0;
    };
    QMap<QString, Score> byStyle;
    Score all;
    for (const Item &item : std::as_const(items)) {
        for (Score *s : {&byStyle[item.style], &all}) {
            ++s->n;
            s->b1 += accuracy1(item.bytewave, item.label);
            s->b2 += accuracy2(item.bytewave, item.label);
            s->a1 += accuracy1(item.aubio, item.label);
            s->a2 += accuracy2(item.aubio, item.label);
        }
    }
    const bool withAubio = !aubio.isEmpty();
    auto pct = [](int k, int n) { return QStringLiteral("%1 %").arg(100.0 * k / std::max(1, n), 5, 'f', 1); };
    out << "| style | tracks | ByteWave Acc1 | ByteWave Acc2 |" << (withAubio ? " aubio Acc1 | aubio Acc2 |" : "") << '\n'
        << "| --- | ---: | ---: | ---: |" << (withAubio ? " ---: | ---: |" : "") << '\n';
    auto line = [&](const QString &name, const Score &s) {
        out << "| " << name << " | " << s.n << " | " << pct(s.b1, s.n) << " | " << pct(s.b2, s.n) << " |";
        if (withAubio)
            out << ' ' << pct(s.a1, s.n) << " | " << pct(s.a2, s.n) << " |";
        out << '\n';
    };
    for (auto it = byStyle.cbegin(); it != byStyle.cend(); ++it)
        line(it.key(), it.value());
    line(QStringLiteral("**all**"), all);
    out << "\nAccuracy1: within 4 % of the label. Accuracy2: within 4 % of the label x 1, 2, 3, 1/2 or 1/3.\n";

    struct KeyScore
    {
        int n = 0, exact = 0;
        double weighted = 0;
    };
    QMap<QString, KeyScore> keysByStyle;
    KeyScore keys;
    for (const Item &item : std::as_const(items)) {
        if (item.keyLabel < 0)
            continue;
        for (KeyScore *s : {&keysByStyle[item.style], &keys}) {
            const double score = keyScore(item.key, item.mode, item.keyLabel, item.modeLabel);
            ++s->n;
            s->exact += score == 1.0;
            s->weighted += score;
        }
    }
    if (keys.n > 0) {
        auto share = [](double k, int n) { return QStringLiteral("%1 %").arg(100.0 * k / std::max(1, n), 5, 'f', 1); };
        out << "\n| style | tracks | key exact | key MIREX score |\n| --- | ---: | ---: | ---: |\n";
        auto keyLine = [&](const QString &name, const KeyScore &s) {
            out << "| " << name << " | " << s.n << " | " << share(s.exact, s.n) << " | " << share(s.weighted, s.n) << " |\n";
        };
        for (auto it = keysByStyle.cbegin(); it != keysByStyle.cend(); ++it)
            keyLine(it.key(), it.value());
        keyLine(QStringLiteral("**all**"), keys);
        out << "\nKey: MIREX weighted score, 1 for the labelled key, 0.5 the key a fifth above in the same mode,\n"
               "0.3 the relative key, 0.2 the parallel key.\n";
    }

    if (parser.isSet(QStringLiteral("list"))) {
        out << "\n| file | style | label | ByteWave | aubio | onsets/s | key | ByteWave key |\n"
               "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |\n";
        const auto keyName = [](int key, int mode) {
            return key < 0 ? QStringLiteral("-") : KeyEstimator::keyName(key, KeyEstimator::Mode(mode));
        };
        for (const Item &item : std::as_const(items)) {
            out << "| " << QFileInfo(item.file).fileName() << " | " << item.style << " | " << item.label << " | "
                << (item.error.isEmpty() ? QString::number(item.bytewave, 'f', 1) : item.error) << " | "
                << (item.aubio < 0 ? QStringLiteral("-") : QString::number(item.aubio, 'f', 1)) << " | "
                << QString::number(item.onsetRate, 'f', 2) << " | " << keyName(item.keyLabel, item.modeLabel) << " | "
                << keyName(item.key, item.mode) << " |" << (accuracy1(item.bytewave, item.label) ? "" : "  <-") << '\n';
        }
    }
    return 0;
}
