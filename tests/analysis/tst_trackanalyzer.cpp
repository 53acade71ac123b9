#include "analysis/trackanalyzer.h"
#include "testsignals.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bytewave;
using namespace bytewave::test;

namespace {
QStringList words(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *w : list)
        out.append(QString::fromLatin1(w));
    return out;
}
} // namespace

class TestTrackAnalyzer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TrackAnalyzer m_analyzer;
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    static void verifyFinite(const FeatureVector &f)
    {
        for (float v : f.values())
            QVERIFY(std::isfinite(v));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (ffmpegPath().isEmpty())
            QSKIP("the ffmpeg CLI is needed to generate test files");
    }

    void clickTrackMp3()
    {
        QVERIFY(writeAudio(path("clicks.mp3"), clickTrack(120, 20.0), 1, kRate,
                           words({"-ar", "44100", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "192k"})));
        const auto r = m_analyzer.analyze(path("clicks.mp3"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.source.codec, QStringLiteral("mp3"));
        QCOMPARE(r.source.channels, 2);
        QVERIFY(std::abs(r.features.value(Feature::TempoBpm) - 120.0f) < 1.2f);
        QVERIFY(std::abs(r.features.value(Feature::DurationS) - 20.0f) < 0.2f);
        QCOMPARE(r.corruptFrames, 0);
        verifyFinite(r.features);
    }

    // The "bad input" list of the issue: unusual layouts and rates, silence, noise, too short,
    // not audio. None crashes; each gives finite features or a clear error.
    void badInputs_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("error"); // empty: must succeed
        QTest::newRow("5.1 at 48 kHz") << "sine=f=330:d=4:sample_rate=48000" << words({"-af", "aformat=channel_layouts=5.1", "-c:a", "flac"}) << "";
        QTest::newRow("96 kHz stereo") << "sine=f=330:d=4:sample_rate=96000" << words({"-ac", "2", "-c:a", "flac"}) << "";
        QTest::newRow("mono 8 kHz") << "sine=f=330:d=4:sample_rate=8000" << words({"-c:a", "pcm_s16le"}) << "";
        QTest::newRow("silence") << "anullsrc=r=44100:cl=stereo:d=5" << words({"-t", "5", "-c:a", "flac"}) << "";
        QTest::newRow("pure noise") << "anoisesrc=d=5:c=white:a=0.5" << words({"-c:a", "flac"}) << "";
        QTest::newRow("0.5 s") << "sine=f=330:d=0.5" << words({"-c:a", "flac"}) << "too short";
    }

    void badInputs()
    {
        QFETCH(QString, source);
        QFETCH(QStringList, options);
        QFETCH(QString, error);
        const QString suffix = options.contains(QStringLiteral("pcm_s16le")) ? QStringLiteral(".wav") : QStringLiteral(".flac");
        const QString file = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_') + suffix);
        QVERIFY(runFfmpeg(QStringList{QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), source} + options
                          + QStringList{file}));
        const auto r = m_analyzer.analyze(file);
        if (error.isEmpty()) {
            QVERIFY2(r.ok(), qPrintable(r.error));
            verifyFinite(r.features);
        } else {
            QVERIFY(!r.ok());
            QVERIFY2(r.error.contains(error), qPrintable(r.error));
        }
    }

    // A file cut off part-way (a copy interrupted, a full disk) is analysed from what is there:
    // the tempo of the part that survived, finite values, its real duration.
    void truncatedFile_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("options");
        QTest::newRow("mp3") << "cut.mp3" << words({"-ar", "44100", "-c:a", "libmp3lame", "-b:a", "128k"});
        QTest::newRow("flac") << "cut.flac" << words({"-c:a", "flac"});
        QTest::newRow("ogg") << "cut.ogg" << words({"-c:a", "libvorbis"});
    }

    void truncatedFile()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, options);
        const QString file = m_dir.filePath(name);
        QVERIFY(writeAudio(file, clickTrack(120, 20.0), 1, kRate, options));
        QFile f(file);
        QVERIFY(f.resize(f.size() * 2 / 5)); // the first ~8 s, cut mid-frame
        const auto r = m_analyzer.analyze(file);
        QVERIFY2(r.ok(), qPrintable(r.error));
        verifyFinite(r.features);
        const float seconds = r.features.value(Feature::DurationS);
        QVERIFY2(seconds > 5.0f && seconds < 10.0f, qPrintable(QString::number(seconds)));
        QVERIFY2(std::abs(r.features.value(Feature::TempoBpm) - 120.0f) < 1.2f,
                 qPrintable(QString::number(r.features.value(Feature::TempoBpm))));
    }

    void notAudio()
    {
        QFile f(path("readme.ogg"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("plain text, not Ogg\n").repeated(100));
        f.close();
        const auto r = m_analyzer.analyze(path("readme.ogg"));
        QCOMPARE(r.status, TrackAnalyzer::Result::Status::Failed);
        QVERIFY(!r.error.isEmpty());
    }

    void interruptStopsAtOnce()
    {
        QVERIFY(writeAudio(path("long.flac"), whiteNoise(30.0, 0.2), 1, kRate, words({"-c:a", "flac"})));
        const std::atomic<bool> stop{true};
        const auto r = m_analyzer.analyze(path("long.flac"), &stop);
        QCOMPARE(r.status, TrackAnalyzer::Result::Status::Interrupted);
        // And the analyser is fine afterwards.
        const auto again = m_analyzer.analyze(path("long.flac"));
        QVERIFY(again.ok());
    }
};

QTEST_GUILESS_MAIN(TestTrackAnalyzer)
#include "tst_trackanalyzer.moc"
