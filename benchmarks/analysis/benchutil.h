#pragma once

// Helpers shared by the analysis benchmark and the tempo evaluation: running the ffmpeg CLI and
// bytewave-cli, and a small deterministic music-like synthesiser for test material.

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

namespace bytewave::bench {

inline QString ffmpeg()
{
    return QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
}

// bytewave-cli next to this build: <build>/benchmarks/analysis/X -> <build>/app/bytewave-cli.
inline QString defaultCli()
{
    return QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../../app/bytewave-cli"));
}

// Pipes interleaved float samples into the ffmpeg CLI, which encodes them to path.
inline bool encode(const QString &path, const std::vector<float> &samples, int channels, int rate,
                   const QStringList &codec)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(ffmpeg(), QStringList{QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                                  QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("f32le"), QStringLiteral("-ar"),
                                  QString::number(rate), QStringLiteral("-ac"), QString::number(channels),
                                  QStringLiteral("-i"), QStringLiteral("pipe:0")}
                          + codec + QStringList{path});
    if (!p.waitForStarted(10000))
        return false;
    const auto *data = reinterpret_cast<const char *>(samples.data());
    const qint64 total = qint64(samples.size() * sizeof(float));
    for (qint64 at = 0; at < total;) {
        const qint64 n = p.write(data + at, std::min<qint64>(total - at, 1 << 20));
        if (n < 0)
            return false;
        at += n;
        p.waitForBytesWritten(-1);
    }
    p.closeWriteChannel();
    return p.waitForFinished(-1) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

inline bool runFfmpeg(const QStringList &arguments)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(ffmpeg(), QStringList{QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                                  QStringLiteral("-nostdin"), QStringLiteral("-y")}
                          + arguments);
    return p.waitForFinished(-1) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// A stereo, 44.1 kHz pop-like loop: kick on the beats, snare on 2 and 4, closed hi-hat on the
// eighths, a bass line and a chord pad changing every bar, a little hiss. Deterministic.
inline std::vector<float> synthesiseSong(double seconds, double bpm, unsigned seed, int rate = 44100)
{
    const auto frames = std::size_t(seconds * rate);
    std::vector<float> out(2 * frames, 0.0f);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> noise(-1.0f, 1.0f);
    const double beat = 60.0 / bpm;
    const int chords[4][3] = {{57, 60, 64}, {53, 57, 60}, {48, 52, 55}, {55, 59, 62}}; // Am F C G
    auto hz = [](int midi) { return 440.0 * std::pow(2.0, (midi - 69) / 12.0); };
    double phase[4] = {};
    for (std::size_t i = 0; i < frames; ++i) {
        const double t = double(i) / rate;
        const double inBeat = std::fmod(t, beat);
        const auto beatIndex = long(t / beat);
        const int bar = int((beatIndex / 4) % 4);
        double l = 0, r = 0;
        // Kick: a 50 Hz sine with a fast pitch drop and decay.
        const double kick = std::exp(-inBeat * 18.0) * std::sin(2 * std::numbers::pi * (50 + 80 * std::exp(-inBeat * 40)) * inBeat);
        l += 0.6 * kick;
        r += 0.6 * kick;
        // Snare on 2 and 4: noise burst.
        if (beatIndex % 2 == 1) {
            const double s = 0.35 * std::exp(-inBeat * 25.0) * noise(rng);
            l += s;
            r += s;
        }
        // Hi-hat on every eighth.
        const double inEighth = std::fmod(t, beat / 2);
        const double hat = 0.08 * std::exp(-inEighth * 120.0) * noise(rng);
        l += hat * 0.7;
        r += hat;
        // Pad and bass.
        for (int n = 0; n < 3; ++n) {
            phase[n] += 2 * std::numbers::pi * hz(chords[bar][n]) / rate;
            const double v = 0.06 * (std::sin(phase[n]) + 0.3 * std::sin(2 * phase[n]));
            l += v * (n == 0 ? 1.2 : 0.8);
            r += v * (n == 2 ? 1.2 : 0.8);
        }
        phase[3] += 2 * std::numbers::pi * hz(chords[bar][0] - 24) / rate;
        const double bass = 0.25 * std::sin(phase[3]) * (0.6 + 0.4 * std::exp(-inBeat * 6));
        l += bass;
        r += bass;
        const double hiss = 0.004 * noise(rng);
        out[2 * i] = float(std::tanh(l + hiss));
        out[2 * i + 1] = float(std::tanh(r + hiss));
    }
    return out;
}

} // namespace bytewave::bench
