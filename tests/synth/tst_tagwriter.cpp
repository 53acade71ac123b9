#include "analysis/synth/tagwriter.h"

#include "analysis/synth/audioencoder.h"
#include "analysis/synth/coverpainter.h"
#include "synthtesthelpers.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace bytewave::synth;

Q_DECLARE_METATYPE(bytewave::synth::AudioFormat)

class TestTagWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Cover m_cover;

    QString encoded(AudioFormat format, const QString &name)
    {
        std::vector<float> pcm(44100 * 2, 0.0f);
        for (std::size_t i = 0; i < pcm.size(); ++i)
            pcm[i] = 0.2f * float((i / 50) % 2) - 0.1f; // a buzz, so lossy encoders have frames
        const QString path = m_dir.filePath(name + QLatin1Char('.') + formatId(format));
        QString error;
        if (!AudioEncoder::encode(path, format, pcm, 44100, 2, &error))
            qWarning() << error;
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cover = CoverPainter::encode(CoverPainter::render(QStringLiteral("Night Drive"),
                                                    QStringLiteral("Neon Harbor"), Style::Synthwave, 7));
        QVERIFY(!m_cover.data.isEmpty());
    }

    void roundTrip_data()
    {
        QTest::addColumn<AudioFormat>("format");
        QTest::newRow("mp3") << AudioFormat::Mp3;
        QTest::newRow("ogg") << AudioFormat::Ogg;
        QTest::newRow("flac") << AudioFormat::Flac;
    }

    void roundTrip()
    {
        QFETCH(AudioFormat, format);
        const QString path = encoded(format, QStringLiteral("tagged"));
        Tags tags;
        tags.title = QStringLiteral("Café in São Paulo");
        tags.artist = QStringLiteral("Zoë Ekström");
        tags.albumArtist = tags.artist;
        tags.album = QStringLiteral("Night Drive");
        tags.genres = {QStringLiteral("Synthwave"), QStringLiteral("Electronic")};
        tags.year = 2019;
        tags.trackNumber = 3;
        tags.trackTotal = 9;
        QString error;
        QVERIFY2(TagWriter::write(path, format, tags, m_cover, &error), qPrintable(error));

        const auto read = synthtest::readTags(path, format);
        QVERIFY(read.ok);
        QCOMPARE(read.title, tags.title);
        QCOMPARE(read.artist, tags.artist);
        QCOMPARE(read.albumArtist, tags.albumArtist);
        QCOMPARE(read.album, tags.album);
        QCOMPARE(read.genres, tags.genres); // multi-valued, not "Synthwave; Electronic" in one
        QCOMPARE(read.year, 2019);
        QCOMPARE(read.track, 3);
        QCOMPARE(read.pictures, 1);
        QCOMPARE(read.firstPictureMime, m_cover.mimeType.toUtf8());

        // FFmpeg (an independent reader) still decodes the audio and sees the tags and cover.
        const auto info = synthtest::decodeFile(path);
        QVERIFY2(info.ok, qPrintable(info.error));
        QCOMPARE(info.tags.value(QStringLiteral("title")), tags.title);
        QCOMPARE(info.tags.value(QStringLiteral("artist")), tags.artist);
        QVERIFY(info.tags.value(QStringLiteral("genre")).startsWith(QStringLiteral("Synthwave")));
        QVERIFY(info.hasAttachedPicture);
    }

    void rewritingReplacesRatherThanDuplicates()
    {
        const QString path = encoded(AudioFormat::Flac, QStringLiteral("twice"));
        Tags tags;
        tags.title = QStringLiteral("First");
        QString error;
        QVERIFY(TagWriter::write(path, AudioFormat::Flac, tags, m_cover, &error));
        tags.title = QStringLiteral("Second");
        QVERIFY(TagWriter::write(path, AudioFormat::Flac, tags, m_cover, &error));
        const auto read = synthtest::readTags(path, AudioFormat::Flac);
        QCOMPARE(read.title, QStringLiteral("Second"));
        QCOMPARE(read.pictures, 1);
    }

    void notAnAudioFileIsAnError()
    {
        const QString path = m_dir.filePath(QStringLiteral("text.mp3"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not audio at all");
        f.close();
        QString error;
        QVERIFY(!TagWriter::write(path, AudioFormat::Flac, Tags {}, m_cover, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!TagWriter::write(m_dir.filePath(QStringLiteral("missing.ogg")), AudioFormat::Ogg,
                                  Tags {}, m_cover, &error));
    }
};

QTEST_GUILESS_MAIN(TestTagWriter)
#include "tst_tagwriter.moc"
