#include "analysis/audiodecoder.h"
#include "testsignals.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace bytewave;
using namespace bytewave::test;

namespace {

struct Decoded
{
    bool opened = false;
    QString error;
    int channels = 0;
    qint64 frames = 0;
    qint64 corrupt = 0;
    double rms = 0;
    double zeroCrossingHz = 0; // of channel 0
    std::size_t maxBlock = 0;
};

Decoded decodeAll(const QString &path, AudioDecoder::ChannelPolicy policy = AudioDecoder::ChannelPolicy::MonoOrStereo)
{
    Decoded d;
    AudioDecoder decoder(policy);
    d.opened = decoder.open(path);
    if (!d.opened) {
        d.error = decoder.errorString();
        return d;
    }
    d.channels = decoder.channels();
    double sumSquares = 0;
    long long crossings = 0;
    float previous = 0;
    for (;;) {
        const auto block = decoder.next();
        if (block.empty())
            break;
        for (std::size_t i = 0; i < block.size(); ++i)
            sumSquares += double(block[i]) * block[i];
        // Crossings with hysteresis (+-0.01), so encoder noise around silence does not count.
        for (std::size_t i = 0; i < block.size(); i += std::size_t(d.channels)) {
            const float v = block[i];
            if ((v > 0.01f && previous < 0) || (v < -0.01f && previous > 0))
                ++crossings;
            if (std::abs(v) > 0.01f)
                previous = v;
        }
    }
    d.error = decoder.errorString();
    d.frames = decoder.framesDecoded();
    d.corrupt = decoder.corruptFrames();
    d.maxBlock = decoder.maxBlockFrames();
    if (d.frames > 0) {
        d.rms = std::sqrt(sumSquares / double(d.frames * d.channels));
        d.zeroCrossingHz = crossings / 2.0 / (double(d.frames) / AudioDecoder::kSampleRate);
    }
    return d;
}

QStringList words(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *w : list)
        out.append(QString::fromLatin1(w));
    return out;
}

qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

class TestAudioDecoder : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // A tone written by the ffmpeg CLI: 440 Hz at -6 dBFS.
    bool makeTone(const QString &name, double seconds, int rate, const QString &layout, const QStringList &codec)
    {
        QString error;
        const bool ok = runFfmpeg(QStringList{QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                              QStringLiteral("sine=f=440:d=%1:sample_rate=%2").arg(seconds).arg(rate),
                                              QStringLiteral("-af"),
                                              QStringLiteral("volume=4,aformat=channel_layouts=%1").arg(layout)}
                                      + codec + QStringList{path(name)},
                                  &error);
        if (!ok)
            qWarning().noquote() << "ffmpeg failed for" << name << error;
        return ok;
    }

    void writeBytes(const QString &name, const QByteArray &bytes)
    {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(bytes), bytes.size());
    }

    QByteArray readBytes(const QString &name)
    {
        QFile f(path(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (ffmpegPath().isEmpty())
            QSKIP("the ffmpeg CLI is needed to generate test files (scripts/setup.sh --test installs it)");
    }

    void decodesFormats_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("rate");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QStringList>("codec");
        QTest::addColumn<int>("channels");
        QTest::newRow("mp3 44.1 kHz stereo") << "a.mp3" << 44100 << "stereo"
                                             << words({"-c:a", "libmp3lame", "-b:a", "128k"}) << 2;
        QTest::newRow("ogg vorbis 48 kHz mono") << "b.ogg" << 48000 << "mono" << words({"-c:a", "libvorbis"}) << 1;
        QTest::newRow("flac 96 kHz stereo") << "c.flac" << 96000 << "stereo" << words({"-c:a", "flac"}) << 2;
        QTest::newRow("wav 5.1 48 kHz") << "d.wav" << 48000 << "5.1" << words({"-c:a", "pcm_s16le"}) << 2;
        QTest::newRow("opus 48 kHz stereo") << "e.opus" << 48000 << "stereo" << words({"-c:a", "libopus"}) << 2;
        QTest::newRow("aac m4a 44.1 kHz") << "f.m4a" << 44100 << "stereo" << words({"-c:a", "aac"}) << 2;
        QTest::newRow("wav 8 kHz mono u8") << "g.wav" << 8000 << "mono" << words({"-c:a", "pcm_u8"}) << 1;
    }

    void decodesFormats()
    {
        QFETCH(QString, name);
        QFETCH(int, rate);
        QFETCH(QString, layout);
        QFETCH(QStringList, codec);
        QFETCH(int, channels);
        QVERIFY(makeTone(name, 3.0, rate, layout, codec));
        const Decoded d = decodeAll(path(name));
        QVERIFY2(d.opened, qPrintable(d.error));
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.channels, channels);
        QCOMPARE(d.corrupt, 0);
        // Encoders pad a little; the length is right to within 0.1 s.
        QVERIFY2(std::abs(double(d.frames) / AudioDecoder::kSampleRate - 3.0) < 0.1, qPrintable(QString::number(d.frames)));
        // It is still a 440 Hz tone after resampling to 22,050 Hz.
        QVERIFY2(std::abs(d.zeroCrossingHz - 440.0) < 5.0, qPrintable(QString::number(d.zeroCrossingHz)));
        QVERIFY(d.rms > 0.05);
    }

    void monoPolicyFoldsDown()
    {
        QVERIFY(makeTone(QStringLiteral("m.flac"), 1.0, 44100, QStringLiteral("stereo"), {QStringLiteral("-c:a"), QStringLiteral("flac")}));
        const Decoded d = decodeAll(path(QStringLiteral("m.flac")), AudioDecoder::ChannelPolicy::Mono);
        QVERIFY(d.opened);
        QCOMPARE(d.channels, 1);
    }

    void unreadableInputs_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero bytes") << "empty.mp3" << QByteArray() << "empty";
        QTest::newRow("text") << "notes.mp3" << QByteArray("These are not the sounds you are looking for.\n").repeated(50)
                              << "not an audio file";
        QByteArray noise(4096, '\0');
        std::mt19937 rng(3);
        for (char &c : noise)
            c = char(rng() & 0xff);
        QTest::newRow("random bytes") << "noise.flac" << noise << "";
    }

    void unreadableInputs()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        writeBytes(name, bytes);
        const Decoded d = decodeAll(path(name));
        QVERIFY2(!d.opened || d.frames == 0, qPrintable(QString::number(d.frames)));
        QVERIFY(!d.error.isEmpty());
        if (!expected.isEmpty())
            QVERIFY2(d.error.contains(expected), qPrintable(d.error));
    }

    void missingFile()
    {
        const Decoded d = decodeAll(path(QStringLiteral("does-not-exist.mp3")));
        QVERIFY(!d.opened);
        QVERIFY2(d.error.contains(QStringLiteral("cannot open")), qPrintable(d.error));
    }

    void imageIsNotAudio()
    {
        QVERIFY(runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                           QStringLiteral("color=c=red:s=16x16"), QStringLiteral("-frames:v"), QStringLiteral("1"),
                           path(QStringLiteral("cover.png"))}));
        const Decoded d = decodeAll(path(QStringLiteral("cover.png")));
        QVERIFY(!d.opened);
        QVERIFY2(d.error.contains(QStringLiteral("no audio stream")), qPrintable(d.error));
    }

    void truncatedFiles_data()
    {
        QTest::addColumn<QString>("codec");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("mp3") << "libmp3lame" << "mp3";
        QTest::newRow("flac") << "flac" << "flac";
        QTest::newRow("ogg") << "libvorbis" << "ogg";
    }

    // Cut in the header: a clear error. Cut in the middle: the first part decodes.
    void truncatedFiles()
    {
        QFETCH(QString, codec);
        QFETCH(QString, suffix);
        const QString name = QStringLiteral("whole.") + suffix;
        QVERIFY(makeTone(name, 10.0, 44100, QStringLiteral("stereo"), {QStringLiteral("-c:a"), codec}));
        const QByteArray whole = readBytes(name);
        QVERIFY(whole.size() > 1000);

        writeBytes(QStringLiteral("head.") + suffix, whole.left(60));
        const Decoded head = decodeAll(path(QStringLiteral("head.") + suffix));
        QVERIFY(!head.opened || head.frames == 0);
        QVERIFY(!head.error.isEmpty());

        writeBytes(QStringLiteral("half.") + suffix, whole.left(whole.size() / 2));
        const Decoded half = decodeAll(path(QStringLiteral("half.") + suffix));
        QVERIFY2(half.opened && half.error.isEmpty(), qPrintable(half.error));
        const double seconds = double(half.frames) / AudioDecoder::kSampleRate;
        QVERIFY2(seconds > 3.0 && seconds < 7.0, qPrintable(QString::number(seconds)));
    }

    // Garbage over a stretch in the middle: the damaged frames are skipped and counted, the rest
    // decodes, and the stream does not stop there.
    void corruptMiddleIsSkippedAndCounted_data()
    {
        QTest::addColumn<QString>("codec");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("mp3") << "libmp3lame" << "mp3";
        QTest::newRow("flac") << "flac" << "flac";
    }

    void corruptMiddleIsSkippedAndCounted()
    {
        QFETCH(QString, codec);
        QFETCH(QString, suffix);
        const QString name = QStringLiteral("clean.") + suffix;
        QVERIFY(makeTone(name, 20.0, 44100, QStringLiteral("stereo"), {QStringLiteral("-c:a"), codec}));
        QByteArray bytes = readBytes(name);
        std::mt19937 rng(11);
        const auto from = qsizetype(bytes.size() * 0.45);
        const auto to = qsizetype(bytes.size() * 0.55);
        for (qsizetype i = from; i < to; ++i)
            bytes[i] = char(rng() & 0xff);
        writeBytes(QStringLiteral("damaged.") + suffix, bytes);
        const Decoded d = decodeAll(path(QStringLiteral("damaged.") + suffix));
        QVERIFY2(d.opened && d.error.isEmpty(), qPrintable(d.error));
        QVERIFY2(d.corrupt > 0, qPrintable(QString::number(d.corrupt)));
        const double seconds = double(d.frames) / AudioDecoder::kSampleRate;
        // Most of the 20 s survives, including what follows the damage.
        QVERIFY2(seconds > 15.0 && seconds < 21.0, qPrintable(QString::number(seconds)));
    }

    // A 10-minute file decodes in blocks that never grow with its length: nothing accumulates.
    void longFileStreamsInBoundedBlocks()
    {
        const QString name = QStringLiteral("long.mp3");
        QVERIFY(runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                           QStringLiteral("sine=f=440:d=600:sample_rate=22050"), QStringLiteral("-ac"), QStringLiteral("1"),
                           QStringLiteral("-c:a"), QStringLiteral("libmp3lame"), QStringLiteral("-b:a"), QStringLiteral("32k"),
                           path(name)}));
        AudioDecoder decoder;
        QVERIFY(decoder.open(path(name)));
        const qint64 rssBefore = residentKb();
        qint64 rssPeak = rssBefore;
        qint64 blocks = 0;
        for (;;) {
            const auto block = decoder.next();
            if (block.empty())
                break;
            if (++blocks % 2048 == 0)
                rssPeak = std::max(rssPeak, residentKb());
        }
        QVERIFY(decoder.errorString().isEmpty());
        QVERIFY(std::abs(double(decoder.framesDecoded()) / AudioDecoder::kSampleRate - 600.0) < 1.0);
        // One MP3 frame at a time (1152 samples), and a buffer sized for one block.
        QVERIFY2(decoder.maxBlockFrames() <= 8192, qPrintable(QString::number(decoder.maxBlockFrames())));
        QVERIFY(decoder.bufferCapacityFrames() <= 16384);
        QVERIFY(blocks > 10000);
#if !defined(__SANITIZE_ADDRESS__)
        // 10 minutes of decoded PCM would be 53 MB; streaming keeps growth to a few MB at most.
        QVERIFY2(rssPeak - rssBefore < 16 * 1024, qPrintable(QString::number(rssPeak - rssBefore)));
#endif
    }
};

QTEST_GUILESS_MAIN(TestAudioDecoder)
#include "tst_audiodecoder.moc"
