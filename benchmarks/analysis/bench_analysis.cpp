// Speed and memory of audio analysis (issue: "Speed and memory, measured in a benchmark").
//
// 1. Renders a 4-minute, 192 kb/s stereo MP3 from synthesised pop-like audio (ffmpeg CLI).
// 2. Times, on one thread: decoding it to mono 22,050 Hz; decoding it to the analysis format
//    (mono or stereo 22,050 Hz); the features alone on already-decoded PCM; and the whole
//    analysis (decode + features). Prints median CPU and wall times and the ratio
//    whole analysis / decode (target <= 1.3).
// 3. Peak resident memory (VmHWM, sampled from /proc) of a child `bytewave-cli features FILE`
//    analysing a 2-hour file (the 4-minute song concatenated), target <= 60 MB, next to the same
//    child on the 4-minute file.
//
// Usage: bench_analysis [--runs N] [--hours H] [--skip-memory] [--cli PATH] [--dir DIR]

#include "analysis/audiodecoder.h"
#include "analysis/featureextractor.h"
#include "analysis/trackanalyzer.h"
#include "benchutil.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <ctime>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char **environ;

using namespace bytewave;

namespace {

QTextStream out(stdout);

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Timing
{
    std::vector<double> cpu, wall;
    double medianCpu() const { return median(cpu); }
    double medianWall() const { return median(wall); }
    static double median(std::vector<double> v)
    {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0.0 : v[v.size() / 2];
    }
};

template <typename Fn>
void timeOnce(Timing &t, Fn fn)
{
    QElapsedTimer wall;
    wall.start();
    const double cpu0 = threadCpuSeconds();
    fn();
    t.cpu.push_back(threadCpuSeconds() - cpu0);
    t.wall.push_back(wall.nsecsElapsed() / 1e9);
}

qint64 decodeAll(const QString &path, AudioDecoder::ChannelPolicy policy, std::vector<float> *keep = nullptr)
{
    AudioDecoder decoder(policy);
    if (!decoder.open(path))
        return -1;
    qint64 n = 0;
    for (;;) {
        const auto block = decoder.next();
        if (block.empty())
            break;
        n += qint64(block.size());
        if (keep)
            keep->insert(keep->end(), block.begin(), block.end());
    }
    return n;
}

struct ChildResult
{
    bool ok = false;
    double seconds = 0;
    double maxRssMb = 0;
};

// The child's VmHWM (peak resident set of its own address space, KiB), or -1 once it is gone.
qint64 vmHwmKb(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Runs argv as a child and samples its VmHWM until it exits. (wait4's ru_maxrss would be
// simpler but is useless here: Linux carries the parent's resident size into a spawned child's
// maximum, so it reports this benchmark's own ~190 MB of test audio.)
ChildResult runChild(const QStringList &arguments)
{
    std::vector<QByteArray> storage;
    std::vector<char *> argv;
    for (const QString &a : arguments)
        storage.push_back(QFile::encodeName(a));
    for (QByteArray &s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    ChildResult r;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return r;
    qint64 peakKb = 0;
    int status = 0;
    for (;;) {
        peakKb = std::max(peakKb, vmHwmKb(pid));
        const pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid)
            break;
        if (done < 0)
            return r;
        QThread::msleep(10);
    }
    r.seconds = timer.nsecsElapsed() / 1e9;
    r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    r.maxRssMb = double(peakKb) / 1024.0;
    return r;
}

QString cpuModel()
{
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (f.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.startsWith("model name"))
                return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
        }
    }
    return QSysInfo::currentCpuArchitecture();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Speed and memory of ByteWave's audio analysis."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Repetitions per timing (median reported)."), QStringLiteral("N"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("hours"), QStringLiteral("Length of the memory test file."), QStringLiteral("H"), QStringLiteral("2")});
    parser.addOption({QStringLiteral("skip-memory"), QStringLiteral("Only the speed part.")});
    parser.addOption({QStringLiteral("cli"), QStringLiteral("bytewave-cli to measure."), QStringLiteral("PATH"), bench::defaultCli()});
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Work folder (default: a temporary one, removed)."), QStringLiteral("DIR")});
    parser.process(app);
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    if (bench::ffmpeg().isEmpty()) {
        QTextStream(stderr) << "bench_analysis: the ffmpeg CLI is needed\n";
        return 1;
    }
    QTemporaryDir temp;
    const QString dir = parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : temp.path();
    QDir().mkpath(dir);
    const QString song = dir + QStringLiteral("/song-4min-192k.mp3");

    out << "Machine: " << cpuModel() << ", " << QThread::idealThreadCount() << " logical CPUs, "
        << QSysInfo::prettyProductName() << '\n';
#ifdef NDEBUG
    out << "Build: optimised (NDEBUG)\n";
#else
    out << "Build: NOT optimised (debug); numbers are not representative\n";
#endif
    out << "Rendering a 4-minute 192 kb/s stereo MP3 of synthesised audio ...\n";
    out.flush();
    if (!bench::encode(song, bench::synthesiseSong(240.0, 118.0, 1), 2, 44100,
                       {QStringLiteral("-c:a"), QStringLiteral("libmp3lame"), QStringLiteral("-b:a"), QStringLiteral("192k")})) {
        QTextStream(stderr) << "bench_analysis: ffmpeg failed to encode the test song\n";
        return 1;
    }

    // Warm the page cache and FFTW's planner before timing.
    decodeAll(song, AudioDecoder::ChannelPolicy::MonoOrStereo);
    TrackAnalyzer analyzer;
    FeatureExtractor extractor;
    const auto warm = analyzer.analyze(song);
    if (!warm.ok()) {
        QTextStream(stderr) << "bench_analysis: analysis failed: " << warm.error << '\n';
        return 1;
    }

    // The steps take turns, run after run, so that a burst of load on a shared machine slows
    // all of them rather than one; the ratio is the median of each run's own ratio.
    std::vector<float> pcm;
    decodeAll(song, AudioDecoder::ChannelPolicy::MonoOrStereo, &pcm);
    Timing mono, native, features, whole;
    std::vector<double> ratios, nativeRatios;
    for (int i = 0; i < runs; ++i) {
        timeOnce(mono, [&] { decodeAll(song, AudioDecoder::ChannelPolicy::Mono); });
        timeOnce(native, [&] { decodeAll(song, AudioDecoder::ChannelPolicy::MonoOrStereo); });
        timeOnce(features, [&] {
            extractor.reset(2);
            extractor.process(pcm);
            (void)extractor.finish();
        });
        timeOnce(whole, [&] { (void)analyzer.analyze(song); });
        ratios.push_back(whole.cpu.back() / mono.cpu.back());
        nativeRatios.push_back(whole.cpu.back() / native.cpu.back());
    }

    const double audioSeconds = 240.0;
    auto row = [&](const char *what, const Timing &t) {
        out << QStringLiteral("| %1 | %2 s | %3 s | %4x |\n")
                   .arg(QLatin1String(what), -46)
                   .arg(t.medianCpu(), 0, 'f', 3)
                   .arg(t.medianWall(), 0, 'f', 3)
                   .arg(audioSeconds / t.medianCpu(), 0, 'f', 0);
    };
    out << "\nOne thread, median of " << runs << " interleaved runs (CPU time of the thread; wall time beside it):\n\n"
        << "| step | CPU | wall | real time |\n| --- | ---: | ---: | ---: |\n";
    row("decode only, to mono 22,050 Hz", mono);
    row("decode only, to the analysis format (stereo)", native);
    row("features only, on decoded PCM", features);
    row("whole analysis (decode + features)", whole);
    out << QStringLiteral("\nwhole analysis / decode to mono:           %1 (target <= 1.3)\n").arg(Timing::median(ratios), 0, 'f', 2);
    out << QStringLiteral("whole analysis / decode to analysis format: %1\n").arg(Timing::median(nativeRatios), 0, 'f', 2);
    out << QStringLiteral("tempo %1 BPM (rendered at 118), loudness %2 LUFS, key %3\n")
               .arg(warm.features.value(Feature::TempoBpm), 0, 'f', 1)
               .arg(warm.features.value(Feature::LoudnessLufs), 0, 'f', 1)
               .arg(int(warm.features.value(Feature::Key)));
    out.flush();

    if (parser.isSet(QStringLiteral("skip-memory")))
        return 0;

    const QString cli = parser.value(QStringLiteral("cli"));
    if (!QFileInfo(cli).isExecutable()) {
        QTextStream(stderr) << "bench_analysis: " << cli << " not found; build bytewave-cli or pass --cli\n";
        return 1;
    }
    const double hours = std::max(0.1, parser.value(QStringLiteral("hours")).toDouble());
    const int copies = std::max(1, int(std::lround(hours * 3600.0 / audioSeconds)));
    out << "\nBuilding a " << copies * audioSeconds / 3600.0 << "-hour MP3 (the song " << copies
        << " times, 128 kb/s) ...\n";
    out.flush();
    const QString song128 = dir + QStringLiteral("/song-128k.mp3");
    const QString list = dir + QStringLiteral("/concat.txt");
    const QString longFile = dir + QStringLiteral("/long.mp3");
    if (!bench::runFfmpeg({QStringLiteral("-i"), song, QStringLiteral("-c:a"), QStringLiteral("libmp3lame"),
                           QStringLiteral("-b:a"), QStringLiteral("128k"), song128}))
        return 1;
    {
        QFile f(list);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        for (int i = 0; i < copies; ++i)
            f.write("file '" + QFile::encodeName(song128) + "'\n");
    }
    if (!bench::runFfmpeg({QStringLiteral("-f"), QStringLiteral("concat"), QStringLiteral("-safe"), QStringLiteral("0"),
                           QStringLiteral("-i"), list, QStringLiteral("-c"), QStringLiteral("copy"), longFile}))
        return 1;
    const QString noDb = dir + QStringLiteral("/no-library.db"); // never created: FILE needs none
    const ChildResult shortRun = runChild({cli, QStringLiteral("features"), song, QStringLiteral("--db"), noDb});
    const ChildResult longRun = runChild({cli, QStringLiteral("features"), longFile, QStringLiteral("--db"), noDb});
    out << "\nPeak resident memory of `bytewave-cli features FILE` (VmHWM):\n\n"
        << "| file | peak RSS | time |\n| --- | ---: | ---: |\n"
        << QStringLiteral("| 4 min | %1 MB | %2 s |\n").arg(shortRun.maxRssMb, 0, 'f', 1).arg(shortRun.seconds, 0, 'f', 2)
        << QStringLiteral("| %1 h | %2 MB | %3 s |\n")
               .arg(copies * audioSeconds / 3600.0, 0, 'f', 1)
               .arg(longRun.maxRssMb, 0, 'f', 1)
               .arg(longRun.seconds, 0, 'f', 1)
        << "target: <= 60 MB for any length\n";
    if (!shortRun.ok || !longRun.ok)
        out << "warning: a child run failed\n";
    QFile::remove(longFile);
    return shortRun.ok && longRun.ok ? 0 : 1;
}
