#include "app/cli/cli.h"

#include "analysis/synth/demolibrary.h"

#include <QJsonArray>
#include <QJsonObject>

#include <atomic>
#include <csignal>

namespace bytewave::cli {
namespace {

using namespace bytewave::synth;

// Ctrl-C stops the generator cleanly: finished tracks stay, half-written ones are removed, and
// the manifest lists what is on disk.
std::atomic_bool g_interrupted {false};

extern "C" void onInterrupt(int)
{
    g_interrupted = true;
}

QString megabytes(qint64 bytes)
{
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

int runMakeDemoLibrary(Invocation &inv)
{
    auto &p = inv.parser;
    p.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Folder to create the library in (new or empty)."));
    p.addOption({QStringLiteral("tracks"), QStringLiteral("Number of tracks, 1-%1 (default 60).").arg(DemoOptions::kMaxTracks), QStringLiteral("N"), QStringLiteral("60")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed; the same seed gives the same library (default 1)."), QStringLiteral("S"), QStringLiteral("1")});
    p.addOption({QStringLiteral("duration"), QStringLiteral("Seconds per track, %1-%2 (default 30).").arg(DemoOptions::kMinDuration).arg(DemoOptions::kMaxDuration), QStringLiteral("SECONDS"), QStringLiteral("30")});
    p.addOption({QStringLiteral("formats"), QStringLiteral("Comma-separated formats, rotated track by track (default mp3,ogg,flac)."), QStringLiteral("LIST"), QStringLiteral("mp3,ogg,flac")});
    p.addOption({QStringLiteral("jobs"), QStringLiteral("Worker threads (default: one per core)."), QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("mono"), QStringLiteral("Write mono files instead of stereo.")});
    p.addOption({QStringLiteral("replace"), QStringLiteral("Replace a demo library previously generated in DIR (only its files).")});
    p.addOption({QStringLiteral("force"), QStringLiteral("Generate even when the estimate exceeds %1.").arg(megabytes(DemoOptions::kDefaultMaxBytes))});
    int code = ExitOk;
    if (!inv.parse(&code,
                   QStringLiteral("Synthesises a labelled demo music library (drums, bass, chords in many "
                                  "styles, keys and tempos) as tagged MP3/Ogg/FLAC files with covers, "
                                  "plus DIR/manifest.json with every track's generation parameters."),
                   1, 1))
        return code;

    DemoOptions o;
    o.directory = p.positionalArguments().constFirst();
    bool ok = false;
    o.tracks = p.value(QStringLiteral("tracks")).toInt(&ok);
    if (!ok)
        return inv.usageError(QStringLiteral("--tracks needs a whole number"));
    o.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return inv.usageError(QStringLiteral("--seed needs a whole number from 0 to %1").arg(DemoOptions::kMaxSeed));
    o.durationSeconds = p.value(QStringLiteral("duration")).toDouble(&ok);
    if (!ok)
        return inv.usageError(QStringLiteral("--duration needs a number of seconds"));
    o.jobs = p.value(QStringLiteral("jobs")).toInt(&ok);
    if (!ok)
        return inv.usageError(QStringLiteral("--jobs needs a whole number"));
    o.formats.clear();
    for (const QString &name : p.value(QStringLiteral("formats")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto format = formatFromId(name.trimmed());
        if (!format)
            return inv.usageError(QStringLiteral("unknown format '%1' (use mp3, ogg, flac)").arg(name.trimmed()));
        if (!o.formats.contains(*format))
            o.formats.append(*format);
    }
    o.channels = p.isSet(QStringLiteral("mono")) ? 1 : 2;
    o.replace = p.isSet(QStringLiteral("replace"));
    o.force = p.isSet(QStringLiteral("force"));
    if (const QString problem = DemoLibrary::validate(o); !problem.isEmpty())
        return inv.usageError(problem);

    const qint64 estimate = DemoLibrary::estimateBytes(o);
    QStringList formatNames;
    for (AudioFormat f : std::as_const(o.formats))
        formatNames << formatId(f);
    if (!inv.json()) {
        inv.err << "Generating " << o.tracks << " tracks of " << o.durationSeconds << " s ("
                << formatNames.join(QLatin1Char('/')) << ", seed " << o.seed << ") in " << o.directory
                << ": about " << megabytes(estimate) << ".\n";
        inv.err.flush();
    }

    g_interrupted = false;
    const auto previousInt = std::signal(SIGINT, onInterrupt);
    const auto previousTerm = std::signal(SIGTERM, onInterrupt);
    DemoResult result;
    {
        Progress bar(inv.err, QStringLiteral("Tracks"));
        result = DemoLibrary::generate(
            o, [&bar, &inv](int done, int total) {
                if (!inv.json())
                    bar.update(done, total);
            },
            &g_interrupted);
    }
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);

    using Status = DemoResult::Status;
    switch (result.status) {
    case Status::InvalidOptions:
    case Status::TooLarge:
        return inv.usageError(result.error);
    case Status::NotEmpty:
    case Status::CannotCreate:
        return inv.error(ExitCantCreate, result.error);
    default:
        break;
    }
    for (const QString &e : std::as_const(result.trackErrors))
        inv.err << "bytewave-cli make-demo-library: " << e << '\n';
    inv.err.flush();

    if (inv.json()) {
        QJsonArray formats;
        for (const QString &f : std::as_const(formatNames))
            formats.append(f);
        inv.printJson(QJsonObject {
            {QStringLiteral("ok"), result.ok()},
            {QStringLiteral("directory"), o.directory},
            {QStringLiteral("manifest"), result.manifestPath},
            {QStringLiteral("tracks"), int(result.tracks.size())},
            {QStringLiteral("requested_tracks"), o.tracks},
            {QStringLiteral("failed"), int(result.trackErrors.size())},
            {QStringLiteral("artists"), result.artists},
            {QStringLiteral("albums"), result.albums},
            {QStringLiteral("bytes"), double(result.bytes)},
            {QStringLiteral("estimated_bytes"), double(estimate)},
            {QStringLiteral("seconds"), result.seconds},
            {QStringLiteral("seed"), double(o.seed)},
            {QStringLiteral("formats"), formats},
            {QStringLiteral("error"), result.error},
        });
    } else {
        auto count = [](qsizetype n, const char *one, const char *many) {
            return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
        };
        inv.out << "Wrote " << count(qsizetype(result.tracks.size()), "track", "tracks") << " ("
                << count(result.artists, "artist", "artists") << ", "
                << count(result.albums, "album", "albums") << "), " << megabytes(result.bytes) << " in "
                << QString::number(result.seconds, 'f', 1) << " s.\n"
                << "Manifest: " << result.manifestPath << '\n';
        inv.out.flush();
    }
    if (result.status == Status::Cancelled)
        return inv.error(ExitFailure, result.error);
    if (result.status == Status::Partial)
        return inv.error(ExitFailure, result.error);
    return ExitOk;
}

BYTEWAVE_CLI_COMMAND("make-demo-library", "Synthesise a labelled, tagged demo music library", runMakeDemoLibrary)

} // namespace
} // namespace bytewave::cli
