#include "analysis/synth/audioencoder.h"

#include "synthtesthelpers.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bytewave::synth;

Q_DECLARE_METATYPE(bytewave::synth::AudioFormat)

namespace {

std::vector<float> tone(double seconds, int rate, int channels)
{
    const auto frames = std::size_t(seconds * rate);
    std::vector<float> pcm(frames * std::size_t(channels));
    for (std::size_t i = 0; i < frames; ++i) {
        for (int c = 0; c < channels; ++c)
            pcm[i * std::size_t(channels) + std::size_t(c)] =
                float(0.4 * std::sin(2.0 * M_PI * (220.0 + 110.0 * c) * double(i) / rate));
    }
    return pcm;
}

} // namespace

class TestAudioEncoder : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void encodesAndDecodes_data()
    {
        QTest::addColumn<AudioFormat>("format");
        QTest::addColumn<int>("channels");
        QTest::addColumn<QString>("codec");
        QTest::newRow("mp3 stereo") << AudioFormat::Mp3 << 2 << QStringLiteral("mp3");
        QTest::newRow("mp3 mono") << AudioFormat::Mp3 << 1 << QStringLiteral("mp3");
        QTest::newRow("ogg stereo") << AudioFormat::Ogg << 2 << QStringLiteral("vorbis");
        QTest::newRow("ogg mono") << AudioFormat::Ogg << 1 << QStringLiteral("vorbis");
        QTest::newRow("flac stereo") << AudioFormat::Flac << 2 << QStringLiteral("flac");
        QTest::newRow("flac mono") << AudioFormat::Flac << 1 << QStringLiteral("flac");
    }

    void encodesAndDecodes()
    {
        QFETCH(AudioFormat, format);
        QFETCH(int, channels);
        QFETCH(QString, codec);
        QVERIFY(AudioEncoder::isAvailable(format));
        const QString path = m_dir.filePath(QStringLiteral("tone-%1-%2.%3")
                                                .arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')))
                                                .arg(channels)
                                                .arg(formatId(format)));
        QString error;
        const auto pcm = tone(2.0, 44100, channels);
        QVERIFY2(AudioEncoder::encode(path, format, pcm, 44100, channels, &error), qPrintable(error));
        const auto info = synthtest::decodeFile(path);
        QVERIFY2(info.ok, qPrintable(info.error));
        QVERIFY(info.codec.startsWith(codec));
        QCOMPARE(info.sampleRate, 44100);
        QCOMPARE(info.channels, channels);
        QCOMPARE(info.corruptPackets, 0);
        // Lossy codecs add encoder delay/padding; FLAC is exact.
        if (format == AudioFormat::Flac)
            QCOMPARE(info.samples, qint64(2 * 44100));
        else
            QVERIFY2(std::abs(info.seconds - 2.0) < 0.1, qPrintable(QString::number(info.seconds)));
        // The size estimate used to refuse huge libraries really is an upper end.
        QVERIFY(QFileInfo(path).size() < AudioEncoder::bytesPerSecond(format, channels) * 2.0 + 8192);
    }

    void unwritablePathFailsCleanly()
    {
        QString error;
        const auto pcm = tone(0.5, 44100, 2);
        const QString path = m_dir.filePath(QStringLiteral("no/such/folder/x.mp3"));
        QVERIFY(!AudioEncoder::encode(path, AudioFormat::Mp3, pcm, 44100, 2, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFileInfo::exists(path));
    }

    void badLayoutIsRefused()
    {
        QString error;
        const auto pcm = tone(0.5, 44100, 2);
        QVERIFY(!AudioEncoder::encode(m_dir.filePath(QStringLiteral("six.flac")), AudioFormat::Flac,
                                      pcm, 44100, 6, &error));
        QVERIFY(!error.isEmpty());
    }

    void cancelStopsAndRemovesThePartialFile()
    {
        std::atomic_bool cancel {true};
        QString error;
        const auto pcm = tone(3.0, 44100, 2);
        const QString path = m_dir.filePath(QStringLiteral("cancelled.ogg"));
        QVERIFY(!AudioEncoder::encode(path, AudioFormat::Ogg, pcm, 44100, 2, &error, {}, &cancel));
        QCOMPARE(error, QStringLiteral("cancelled"));
        QVERIFY(!QFileInfo::exists(path));
    }

    void emptyInputGivesAValidEmptyFile()
    {
        QString error;
        const QString path = m_dir.filePath(QStringLiteral("empty.flac"));
        QVERIFY2(AudioEncoder::encode(path, AudioFormat::Flac, {}, 44100, 2, &error), qPrintable(error));
        QVERIFY(QFileInfo(path).size() > 0);
    }
};

QTEST_GUILESS_MAIN(TestAudioEncoder)
#include "tst_audioencoder.moc"
