#include "audiofixtures.h"

#include "core/tagreader.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstdio>
#include <unistd.h>

using namespace bytewave;
using fixtures::Format;

Q_DECLARE_METATYPE(fixtures::Format)

class TestTagReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_cover;

    QString basePath(Format format) const
    {
        return m_dir.filePath(QStringLiteral("base-%1.%2").arg(int(format)).arg(fixtures::extension(format)));
    }

    // A fresh copy of the rendered file for format, with tags written.
    QString tagged(Format format, const fixtures::Tags &tags, const QString &name)
    {
        const QString path = m_dir.filePath(name + QLatin1Char('.') + fixtures::extension(format));
        QFile::remove(path);
        if (!QFile::copy(basePath(format), path))
            return {};
        QFile(path).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        const QString error = fixtures::writeTags(path, format, tags);
        if (!error.isEmpty()) {
            qWarning().noquote() << error;
            return {};
        }
        return path;
    }

    static fixtures::Tags fullTags(const QByteArray &cover)
    {
        fixtures::Tags t;
        t.title = QStringLiteral("Pötö Song «1»");
        t.artist = QStringLiteral("Artist Ä");
        t.albumArtist = QStringLiteral("Various Artists");
        t.album = QStringLiteral("Album 東京");
        t.genres = {QStringLiteral("Rock"), QStringLiteral("Drum & Bass")};
        t.trackNumber = QStringLiteral("3/12");
        t.discNumber = QStringLiteral("2/2");
        t.date = QStringLiteral("2019-05-01");
        t.replayGainTrack = QStringLiteral("-6.50 dB");
        t.replayGainPeak = QStringLiteral("0.988000");
        t.picture = cover;
        return t;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY2(fixtures::haveFfmpeg(), "the ffmpeg tool is needed (scripts/setup.sh --test)");
        m_cover = fixtures::makeCover(200, QColor(200, 80, 40));
        QVERIFY(!m_cover.isEmpty());
        for (const Format format : fixtures::allFormats()) {
            const QString error = fixtures::render(basePath(format), format, 1.0);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
    }

    void readsEveryFormat_data()
    {
        QTest::addColumn<Format>("format");
        QTest::addColumn<int>("sampleRate");
        QTest::newRow("mp3") << Format::Mp3 << 44100;
        QTest::newRow("ogg vorbis") << Format::Ogg << 44100;
        QTest::newRow("opus") << Format::Opus << 48000;
        QTest::newRow("flac") << Format::Flac << 44100;
        QTest::newRow("m4a aac") << Format::M4a << 44100;
        QTest::newRow("m4a alac") << Format::Alac << 44100;
        QTest::newRow("wav") << Format::Wav << 44100;
        QTest::newRow("aiff") << Format::Aiff << 44100;
        QTest::newRow("wavpack") << Format::WavPack << 44100;
    }

    void readsEveryFormat()
    {
        QFETCH(Format, format);
        QFETCH(int, sampleRate);
        const QString path = tagged(format, fullTags(m_cover), QStringLiteral("full"));
        QVERIFY(!path.isEmpty());

        const TagReadResult r = TagReader::read(path);
        const Track &t = r.track;
        QVERIFY2(t.scanError.isEmpty(), qPrintable(t.scanError));
        QCOMPARE(t.path, path);
        QCOMPARE(t.title, QStringLiteral("Pötö Song «1»"));
        QCOMPARE(t.artist, QStringLiteral("Artist Ä"));
        QCOMPARE(t.albumArtist, QStringLiteral("Various Artists"));
        QCOMPARE(t.album, QStringLiteral("Album 東京"));
        QCOMPARE(t.genres, QStringList({QStringLiteral("Rock"), QStringLiteral("Drum & Bass")}));
        QCOMPARE(t.trackNumber, 3);
        QCOMPARE(t.discNumber, 2);
        QCOMPARE(t.year, 2019);
        QCOMPARE(t.codec, fixtures::codecName(format));
        QCOMPARE(t.sampleRate, sampleRate);
        QCOMPARE(t.channels, 2);
        // Encoder padding (AAC, Opus) may add a few tens of milliseconds.
        QVERIFY2(std::abs(t.durationMs - 1000) <= 80, qPrintable(QString::number(t.durationMs)));
        QVERIFY(t.bitrateKbps > 0);
        QVERIFY(t.size > 0);
        QVERIFY(t.mtimeMs > 0);
        QVERIFY2(std::abs(t.replayGainDb - -6.5) < 1e-6, qPrintable(QString::number(t.replayGainDb)));
        QVERIFY2(std::abs(t.replayGainPeak - 0.988) < 1e-6, qPrintable(QString::number(t.replayGainPeak)));
        QCOMPARE(r.picture, m_cover);

        const TagReadResult noPicture = TagReader::read(path, false);
        QVERIFY(noPicture.picture.isEmpty());
        QCOMPARE(noPicture.track.title, t.title);
    }

    void fallsBackWithoutTags_data()
    {
        QTest::addColumn<Format>("format");
        QTest::newRow("mp3") << Format::Mp3;
        QTest::newRow("ogg") << Format::Ogg;
        QTest::newRow("flac") << Format::Flac;
        QTest::newRow("m4a") << Format::M4a;
        QTest::newRow("wav") << Format::Wav;
    }

    void fallsBackWithoutTags()
    {
        QFETCH(Format, format);
        const QString path = tagged(format, {}, QStringLiteral("07 - No Tags.here"));
        QVERIFY(!path.isEmpty());
        const Track t = TagReader::read(path).track;
        QVERIFY2(t.scanError.isEmpty(), qPrintable(t.scanError));
        QCOMPARE(t.title, QStringLiteral("07 - No Tags.here"));
        QCOMPARE(t.artist, QStringLiteral("Unknown artist"));
        QVERIFY(t.genres.isEmpty());
        QCOMPARE(t.trackNumber, 0);
        QCOMPARE(t.year, 0);
        QVERIFY(std::isnan(t.replayGainDb));
    }

    // Genres as they are really written on disk, per tag type.
    void genresOnDisk_data()
    {
        QTest::addColumn<Format>("format");
        QTest::addColumn<bool>("id3v23");
        QTest::addColumn<QStringList>("written");
        QTest::addColumn<QStringList>("expected");
        const QStringList rockPop = {QStringLiteral("Rock"), QStringLiteral("Pop")};
        QTest::newRow("id3v2.4 multi-value") << Format::Mp3 << false << rockPop << rockPop;
        QTest::newRow("id3v2.3 numeric") << Format::Mp3 << true << QStringList{QStringLiteral("(17)")}
                                         << QStringList{QStringLiteral("Rock")};
        QTest::newRow("id3v2.3 slash") << Format::Mp3 << true << QStringList{QStringLiteral("Rock/Pop")} << rockPop;
        QTest::newRow("id3v2.4 semicolon") << Format::Mp3 << false << QStringList{QStringLiteral("Rock; Pop")} << rockPop;
        QTest::newRow("vorbis multiple fields") << Format::Ogg << false << rockPop << rockPop;
        QTest::newRow("vorbis comma") << Format::Ogg << false << QStringList{QStringLiteral("Rock, Pop")} << rockPop;
        QTest::newRow("flac R&B") << Format::Flac << false << QStringList{QStringLiteral("R&B")}
                                  << QStringList{QStringLiteral("R&B")};
        QTest::newRow("flac singer/songwriter")
            << Format::Flac << false << QStringList{QStringLiteral("Singer/Songwriter; Folk")}
            << QStringList{QStringLiteral("Singer/Songwriter"), QStringLiteral("Folk")};
        QTest::newRow("mp4 one genre") << Format::M4a << false << QStringList{QStringLiteral("Drum & Bass")}
                                       << QStringList{QStringLiteral("Drum & Bass")};
    }

    void genresOnDisk()
    {
        QFETCH(Format, format);
        QFETCH(bool, id3v23);
        QFETCH(QStringList, written);
        QFETCH(QStringList, expected);
        fixtures::Tags tags;
        tags.title = QStringLiteral("g");
        tags.genres = written;
        tags.id3v23 = id3v23;
        const QString path = tagged(format, tags, QStringLiteral("genres"));
        QVERIFY(!path.isEmpty());
        const Track t = TagReader::read(path).track;
        QVERIFY2(t.scanError.isEmpty(), qPrintable(t.scanError));
        QCOMPARE(t.genres, expected);
    }

    void splitGenres_data()
    {
        QTest::addColumn<QStringList>("raw");
        QTest::addColumn<QStringList>("expected");
        auto l = [](std::initializer_list<const char *> items) {
            QStringList out;
            for (const char *i : items)
                out << QString::fromUtf8(i);
            return out;
        };
        QTest::newRow("empty") << QStringList() << QStringList();
        QTest::newRow("blank") << l({"  "}) << QStringList();
        QTest::newRow("single") << l({"Jazz"}) << l({"Jazz"});
        QTest::newRow("semicolon") << l({"Rock; Pop"}) << l({"Rock", "Pop"});
        QTest::newRow("semicolon no space") << l({"Rock;Pop"}) << l({"Rock", "Pop"});
        QTest::newRow("slash") << l({"Rock/Pop"}) << l({"Rock", "Pop"});
        QTest::newRow("spaced slash") << l({"Rock / Pop"}) << l({"Rock", "Pop"});
        QTest::newRow("comma") << l({"Rock, Pop"}) << l({"Rock", "Pop"});
        QTest::newRow("pipe") << l({"Rock | Pop"}) << l({"Rock", "Pop"});
        QTest::newRow("ampersand kept") << l({"Drum & Bass"}) << l({"Drum & Bass"});
        QTest::newRow("r&b kept") << l({"R&B"}) << l({"R&B"});
        QTest::newRow("singer/songwriter kept") << l({"Singer/Songwriter"}) << l({"Singer/Songwriter"});
        QTest::newRow("hip-hop/rap kept") << l({"Hip-Hop/Rap"}) << l({"Hip-Hop/Rap"});
        QTest::newRow("discogs folk kept") << l({"Folk, World, & Country"}) << l({"Folk, World, & Country"});
        QTest::newRow("compound among others") << l({"Singer/Songwriter; Rock/Pop"})
                                               << l({"Singer/Songwriter", "Rock", "Pop"});
        QTest::newRow("multi-value") << l({"Rock", "Pop"}) << l({"Rock", "Pop"});
        QTest::newRow("duplicates ignore case") << l({"Rock", "rock; ROCK", "Pop"}) << l({"Rock", "Pop"});
        QTest::newRow("id3v1 reference") << l({"(17)"}) << l({"Rock"});
        QTest::newRow("id3v1 two references") << l({"(17)(24)"}) << l({"Rock", "Soundtrack"});
        QTest::newRow("id3v1 refinement") << l({"(4)Eurodisco"}) << l({"Eurodisco"});
        QTest::newRow("id3v1 bare number") << l({"17"}) << l({"Rock"});
        QTest::newRow("id3v1 zero") << l({"0"}) << l({"Blues"});
        QTest::newRow("id3v1 out of range") << l({"(300)"}) << QStringList();
        QTest::newRow("remix and cover") << l({"(RX)(CR)"}) << l({"Remix", "Cover"});
        QTest::newRow("escaped parenthesis") << l({"((Live) Jazz"}) << l({"(Live) Jazz"});
        QTest::newRow("parenthesised name") << l({"(Live) Jazz"}) << l({"(Live) Jazz"});
        QTest::newRow("trims") << l({"  Ambient ;  Techno  "}) << l({"Ambient", "Techno"});
        QTest::newRow("non-ascii") << l({"Música Mexicana; J-Pop"}) << l({"Música Mexicana", "J-Pop"});
    }

    void splitGenres()
    {
        QFETCH(QStringList, raw);
        QFETCH(QStringList, expected);
        QCOMPARE(TagReader::splitGenres(raw), expected);
    }

    void parseNumber_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected");
        QTest::newRow("of total") << "3/12" << 3;
        QTest::newRow("padded") << "03" << 3;
        QTest::newRow("spaces") << " 7 " << 7;
        QTest::newRow("empty") << "" << 0;
        QTest::newRow("vinyl side") << "A1" << 0;
    }

    void parseNumber()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        QCOMPARE(TagReader::parseNumber(text), expected);
    }

    void parseYear_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected");
        QTest::newRow("year") << "1999" << 1999;
        QTest::newRow("iso date") << "2019-05-01" << 2019;
        QTest::newRow("iso timestamp") << "2019-05-01T10:00:00" << 2019;
        QTest::newRow("words") << "May 1971" << 1971;
        QTest::newRow("zero") << "0" << 0;
        QTest::newRow("too many digits") << "20190" << 0;
        QTest::newRow("empty") << "" << 0;
    }

    void parseYear()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        QCOMPARE(TagReader::parseYear(text), expected);
    }

    void parseGain_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("expected"); // NaN: does not parse
        QTest::newRow("negative dB") << "-6.54 dB" << -6.54;
        QTest::newRow("positive dB") << "+1.20 dB" << 1.2;
        QTest::newRow("no unit") << "-3" << -3.0;
        QTest::newRow("lower-case unit") << "-3.5 db" << -3.5;
        QTest::newRow("comma decimal") << "-6,5 dB" << -6.5;
        QTest::newRow("peak") << "0.988000" << 0.988;
        QTest::newRow("garbage") << "loud" << qQNaN();
        QTest::newRow("absurd") << "-999 dB" << qQNaN();
    }

    void parseGain()
    {
        QFETCH(QString, text);
        QFETCH(double, expected);
        const double got = TagReader::parseGain(text);
        if (std::isnan(expected))
            QVERIFY(std::isnan(got));
        else
            QVERIFY2(std::abs(got - expected) < 1e-9, qPrintable(QString::number(got)));
    }

    void opusR128Gain()
    {
        // R128_TRACK_GAIN -2560 (Q7.8) = -10 dB relative to -23 LUFS = -5 dB ReplayGain.
        const QString withR128 = tagged(Format::Opus, {}, QStringLiteral("r128"));
        QVERIFY(!withR128.isEmpty());
        QVERIFY(setRawVorbisComment(withR128, "R128_TRACK_GAIN", "-2560"));
        const Track t = TagReader::read(withR128).track;
        QVERIFY2(t.scanError.isEmpty(), qPrintable(t.scanError));
        QVERIFY2(std::abs(t.replayGainDb - -5.0) < 1e-9, qPrintable(QString::number(t.replayGainDb)));
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("fails");
        QTest::newRow("zero bytes") << "empty.mp3" << QByteArray() << true;
        QTest::newRow("text named mp3") << "notes.mp3" << QByteArray("just some text, not audio\n").repeated(40) << true;
        QTest::newRow("random bytes ogg") << "noise.ogg" << QByteArray("\x13\x37\xfe\xed", 4).repeated(2000) << true;
        QTest::newRow("random bytes flac") << "noise.flac" << QByteArray("\x00\x11\x22", 3).repeated(3000) << true;
        QTest::newRow("ogg header only") << "header.ogg" << QByteArray("OggS\0\x02", 6) << true;
        QTest::newRow("flac magic only") << "magic.flac" << QByteArray("fLaC") << true;
        QTest::newRow("riff without data") << "riff.wav" << QByteArray("RIFF\x04\0\0\0WAVE", 12) << true;
        QTest::newRow("mp4 box only") << "box.m4a" << QByteArray("\0\0\0\x10" "ftypM4A \0\0\0\0", 16) << true;
        QTest::newRow("unknown extension") << "cover.xyz" << QByteArray("\xff\xd8\xff\xe0", 4) << true;
    }

    void badInput()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(bool, fails);
        const QString path = m_dir.filePath(name);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
        f.close();
        const Track t = TagReader::read(path).track;
        QCOMPARE(!t.scanError.isEmpty(), fails);
        QCOMPARE(t.path, path);
        QVERIFY(!t.title.isEmpty());
        QCOMPARE(t.size, qint64(bytes.size()));
    }

    void truncatedFiles_data()
    {
        QTest::addColumn<Format>("format");
        QTest::newRow("mp3") << Format::Mp3;
        QTest::newRow("ogg") << Format::Ogg;
        QTest::newRow("opus") << Format::Opus;
        QTest::newRow("flac") << Format::Flac;
        QTest::newRow("m4a") << Format::M4a;
        QTest::newRow("wav") << Format::Wav;
    }

    // Cut to a few hundred bytes a file is unreadable; cut in half it may still read (a partial
    // download plays its first half). Either way there is a result and no crash.
    void truncatedFiles()
    {
        QFETCH(Format, format);
        const QString full = tagged(format, fullTags(m_cover), QStringLiteral("cut"));
        QVERIFY(!full.isEmpty());
        QFile f(full);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        f.close();
        for (const qsizetype keep : {qsizetype(37), qsizetype(300), bytes.size() / 2}) {
            const QString path = m_dir.filePath(QStringLiteral("cut-%1.%2").arg(keep).arg(fixtures::extension(format)));
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(bytes.left(keep));
            out.close();
            const Track t = TagReader::read(path).track;
            if (keep < 100)
                QVERIFY2(!t.scanError.isEmpty(), qPrintable(path));
            if (t.scanError.isEmpty())
                QVERIFY(t.durationMs > 0);
        }
    }

    void wrongExtensionIsReadByContent_data()
    {
        QTest::addColumn<Format>("format");
        QTest::addColumn<QString>("name");
        QTest::newRow("flac named mp3") << Format::Flac << "really-flac.mp3";
        QTest::newRow("ogg named flac") << Format::Ogg << "really-ogg.flac";
        QTest::newRow("m4a named ogg") << Format::M4a << "really-m4a.ogg";
        QTest::newRow("wav named mp3") << Format::Wav << "really-wav.mp3";
        QTest::newRow("opus named ogg") << Format::Opus << "really-opus.ogg";
    }

    void wrongExtensionIsReadByContent()
    {
        QFETCH(Format, format);
        QFETCH(QString, name);
        fixtures::Tags tags;
        tags.title = QStringLiteral("Disguised");
        const QString source = tagged(format, tags, QStringLiteral("disguised"));
        QVERIFY(!source.isEmpty());
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        QVERIFY(QFile::copy(source, path));
        const Track t = TagReader::read(path).track;
        QVERIFY2(t.scanError.isEmpty(), qPrintable(t.scanError));
        QCOMPARE(t.codec, fixtures::codecName(format));
        QCOMPARE(t.title, QStringLiteral("Disguised"));
    }

    void nonUtf8NameReadThroughLocalBytes()
    {
        fixtures::Tags tags;
        tags.title = QStringLiteral("Latin-1 name");
        const QString source = tagged(Format::Flac, tags, QStringLiteral("latin1"));
        QVERIFY(!source.isEmpty());
        const QByteArray local = QFile::encodeName(m_dir.path()) + "/caf\xe9.flac";
        QVERIFY(::rename(QFile::encodeName(source).constData(), local.constData()) == 0);
        const Track t = TagReader::read(local, QStringLiteral("display")).track;
        QVERIFY2(t.scanError.isEmpty(), qPrintable(t.scanError));
        QCOMPARE(t.title, QStringLiteral("Latin-1 name"));
        QCOMPARE(t.path, QStringLiteral("display"));
        // QTemporaryDir cannot remove a name Qt cannot decode.
        QVERIFY(::unlink(local.constData()) == 0);
    }

    void contentKey()
    {
        fixtures::Tags tags;
        tags.title = QStringLiteral("key");
        const QString a = tagged(Format::Mp3, tags, QStringLiteral("key-a"));
        QVERIFY(!a.isEmpty());
        const QString b = m_dir.filePath(QStringLiteral("elsewhere-key-b.mp3"));
        QFile::remove(b);
        QVERIFY(QFile::copy(a, b));
        const qint64 size = QFileInfo(a).size();
        const QString keyA = TagReader::contentKey(QFile::encodeName(a), size);
        QCOMPARE(keyA.size(), 32);
        QCOMPARE(TagReader::contentKey(QFile::encodeName(b), size), keyA);
        tags.title = QStringLiteral("retagged");
        QVERIFY(fixtures::writeTags(b, Format::Mp3, tags).isEmpty());
        QVERIFY(TagReader::contentKey(QFile::encodeName(b), QFileInfo(b).size()) != keyA);
        QVERIFY(TagReader::contentKey("/nonexistent/file.mp3", 10).isEmpty());
    }

private:
    static bool setRawVorbisComment(const QString &path, const char *key, const char *value);
};

#include <opusfile.h>
#include <xiphcomment.h>

bool TestTagReader::setRawVorbisComment(const QString &path, const char *key, const char *value)
{
    TagLib::Ogg::Opus::File f(QFile::encodeName(path).constData());
    if (!f.isValid())
        return false;
    f.tag()->addField(key, value, true);
    return f.save();
}

QTEST_GUILESS_MAIN(TestTagReader)
#include "tst_tagreader.moc"
