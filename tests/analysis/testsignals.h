#pragma once

// Test signals with known answers, generated in code (no committed audio). All at 22,050 Hz
// unless a rate is given; mono unless interleaved by stereo().

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

namespace bytewave::test {

inline constexpr int kRate = 22050;

inline std::vector<float> sine(double hz, double seconds, double amplitude = 1.0, int rate = kRate,
                               double phase = 0.0)
{
    std::vector<float> out(std::size_t(std::lround(seconds * rate)));
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = float(amplitude * std::sin(2.0 * std::numbers::pi * hz * double(i) / rate + phase));
    return out;
}

inline std::vector<float> silence(double seconds, int rate = kRate)
{
    return std::vector<float>(std::size_t(std::lround(seconds * rate)), 0.0f);
}

// Uniform white noise in [-amplitude, amplitude] (flat spectrum), deterministic for a seed.
inline std::vector<float> whiteNoise(double seconds, double amplitude, unsigned seed = 1, int rate = kRate)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    std::vector<float> out(std::size_t(std::lround(seconds * rate)));
    for (float &v : out)
        v = float(amplitude) * dist(rng);
    return out;
}

// A metronome: a 30 ms burst of exponentially decaying noise on every beat, nothing between.
inline std::vector<float> clickTrack(double bpm, double seconds, unsigned seed = 7, int rate = kRate)
{
    std::vector<float> out(std::size_t(std::lround(seconds * rate)), 0.0f);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    const double period = 60.0 / bpm * rate;
    const int length = int(0.03 * rate);
    for (double start = 0; start + length < double(out.size()); start += period) {
        const auto s = std::size_t(std::lround(start));
        for (int i = 0; i < length; ++i)
            out[s + std::size_t(i)] += 0.8f * dist(rng) * float(std::exp(-double(i) / (0.006 * rate)));
    }
    return out;
}

// Notes with a few harmonics (1, 1/2, 1/3 amplitude), like a soft organ: closer to an
// instrument than pure sines, and the extra partials are what real chroma has to cope with.
inline std::vector<float> chord(const std::vector<double> &hz, double seconds, double amplitude = 0.2,
                                int rate = kRate)
{
    std::vector<float> out(std::size_t(std::lround(seconds * rate)), 0.0f);
    for (const double f : hz) {
        for (int h = 1; h <= 3; ++h) {
            if (f * h >= rate / 2.0)
                break;
            const double a = amplitude / h;
            for (std::size_t i = 0; i < out.size(); ++i)
                out[i] += float(a * std::sin(2.0 * std::numbers::pi * f * h * double(i) / rate));
        }
    }
    return out;
}

inline double midiToHz(int midi)
{
    return 440.0 * std::pow(2.0, (midi - 69) / 12.0);
}

inline std::vector<float> concat(std::initializer_list<std::vector<float>> parts)
{
    std::vector<float> out;
    for (const auto &p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

// Interleaves two equal-length channels.
inline std::vector<float> stereo(const std::vector<float> &left, const std::vector<float> &right)
{
    std::vector<float> out(2 * std::min(left.size(), right.size()));
    for (std::size_t i = 0; i < out.size() / 2; ++i) {
        out[2 * i] = left[i];
        out[2 * i + 1] = right[i];
    }
    return out;
}

inline QString ffmpegPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
}

// Runs the ffmpeg CLI (quietly) and reports whether it succeeded.
inline bool runFfmpeg(const QStringList &arguments, QString *error = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(ffmpegPath(), QStringList{QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"),
                                      QStringLiteral("error"), QStringLiteral("-nostdin"), QStringLiteral("-y")}
                              + arguments);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (error)
            *error = QString::fromLocal8Bit(p.readAll());
        return false;
    }
    return true;
}

// Encodes samples (interleaved float, `channels` channels at `rate` Hz) to path with the
// ffmpeg CLI; extra holds the codec options, e.g. {"-c:a", "libmp3lame", "-b:a", "192k"}.
inline bool writeAudio(const QString &path, const std::vector<float> &samples, int channels, int rate,
                       const QStringList &extra, QString *error = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(ffmpegPath(), QStringList{QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                                      QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("f32le"),
                                      QStringLiteral("-ar"), QString::number(rate), QStringLiteral("-ac"),
                                      QString::number(channels), QStringLiteral("-i"), QStringLiteral("pipe:0")}
                              + extra + QStringList{path});
    if (!p.waitForStarted(10000))
        return false;
    p.write(reinterpret_cast<const char *>(samples.data()), qint64(samples.size() * sizeof(float)));
    p.closeWriteChannel();
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (error)
            *error = QString::fromLocal8Bit(p.readAll());
        return false;
    }
    return true;
}

} // namespace bytewave::test
