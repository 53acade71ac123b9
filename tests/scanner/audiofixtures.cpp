#include "audiofixtures.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QProcess>

#include <aifffile.h>
#include <apetag.h>
#include <attachedpictureframe.h>
#include <flacfile.h>
#include <flacpicture.h>
#include <id3v2tag.h>
#include <mp4coverart.h>
#include <mp4file.h>
#include <mp4tag.h>
#include <mpegfile.h>
#include <opusfile.h>
#include <textidentificationframe.h>
#include <tpropertymap.h>
#include <vorbisfile.h>
#include <wavfile.h>
#include <wavpackfile.h>
#include <xiphcomment.h>

namespace bytewave::fixtures {

namespace {

TagLib::String tstr(const QString &s)
{
    return TagLib::String(s.toStdString(), TagLib::String::UTF8);
}

TagLib::ByteVector tbytes(const QByteArray &b)
{
    return TagLib::ByteVector(b.constData(), unsigned(b.size()));
}

TagLib::PropertyMap propertiesFor(const Tags &tags)
{
    TagLib::PropertyMap map;
    auto put = [&](const char *key, const QString &value) {
        if (!value.isEmpty())
            map.insert(key, TagLib::StringList(tstr(value)));
    };
    put("TITLE", tags.title);
    put("ARTIST", tags.artist);
    put("ALBUMARTIST", tags.albumArtist);
    put("ALBUM", tags.album);
    put("TRACKNUMBER", tags.trackNumber);
    put("DISCNUMBER", tags.discNumber);
    put("DATE", tags.date);
    put("REPLAYGAIN_TRACK_GAIN", tags.replayGainTrack);
    put("REPLAYGAIN_TRACK_PEAK", tags.replayGainPeak);
    if (!tags.genres.isEmpty()) {
        TagLib::StringList genres;
        for (const QString &g : tags.genres)
            genres.append(tstr(g));
        map.insert("GENRE", genres);
    }
    return map;
}

QByteArray mimeOf(const QByteArray &picture)
{
    return picture.startsWith("\x89PNG") ? QByteArrayLiteral("image/png")
                                         : QByteArrayLiteral("image/jpeg");
}

void addId3Picture(TagLib::ID3v2::Tag *tag, const QByteArray &picture)
{
    if (picture.isEmpty())
        return;
    auto *frame = new TagLib::ID3v2::AttachedPictureFrame;
    frame->setPicture(tbytes(picture));
    frame->setMimeType(TagLib::String(mimeOf(picture).constData()));
    frame->setType(TagLib::ID3v2::AttachedPictureFrame::FrontCover);
    tag->addFrame(frame);
}

TagLib::FLAC::Picture *flacPicture(const QByteArray &picture)
{
    auto *p = new TagLib::FLAC::Picture;
    p->setData(tbytes(picture));
    p->setMimeType(TagLib::String(mimeOf(picture).constData()));
    p->setType(TagLib::FLAC::Picture::FrontCover);
    return p;
}

// ID3v2 genres are written as raw TCON text so the tests control exactly what is on disk
// ("(17)", "Rock/Pop", several values).
void setId3Genres(TagLib::ID3v2::Tag *tag, const QStringList &genres)
{
    tag->removeFrames("TCON");
    if (genres.isEmpty())
        return;
    auto *frame = new TagLib::ID3v2::TextIdentificationFrame("TCON", TagLib::String::UTF8);
    TagLib::StringList values;
    for (const QString &g : genres)
        values.append(tstr(g));
    frame->setText(values);
    tag->addFrame(frame);
}

} // namespace

QString extension(Format format)
{
    switch (format) {
    case Format::Mp3: return QStringLiteral("mp3");
    case Format::Ogg: return QStringLiteral("ogg");
    case Format::Opus: return QStringLiteral("opus");
    case Format::Flac: return QStringLiteral("flac");
    case Format::M4a: return QStringLiteral("m4a");
    case Format::Alac: return QStringLiteral("m4a");
    case Format::Wav: return QStringLiteral("wav");
    case Format::Aiff: return QStringLiteral("aiff");
    case Format::WavPack: return QStringLiteral("wv");
    }
    return {};
}

QString codecName(Format format)
{
    switch (format) {
    case Format::Mp3: return QStringLiteral("mp3");
    case Format::Ogg: return QStringLiteral("vorbis");
    case Format::Opus: return QStringLiteral("opus");
    case Format::Flac: return QStringLiteral("flac");
    case Format::M4a: return QStringLiteral("aac");
    case Format::Alac: return QStringLiteral("alac");
    case Format::Wav: return QStringLiteral("pcm");
    case Format::Aiff: return QStringLiteral("pcm");
    case Format::WavPack: return QStringLiteral("wavpack");
    }
    return {};
}

QList<Format> allFormats()
{
    return {Format::Mp3, Format::Ogg,  Format::Opus, Format::Flac,   Format::M4a,
            Format::Alac, Format::Wav, Format::Aiff, Format::WavPack};
}

bool haveFfmpeg()
{
    QProcess p;
    p.start(QStringLiteral("ffmpeg"), {QStringLiteral("-hide_banner"), QStringLiteral("-version")});
    return p.waitForFinished(20000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QString render(const QString &path, Format format, double seconds, double frequencyHz)
{
    seconds = std::clamp(seconds, 0.1, 30.0);
    QStringList codec;
    switch (format) {
    case Format::Mp3: codec = {QStringLiteral("-c:a"), QStringLiteral("libmp3lame"), QStringLiteral("-b:a"), QStringLiteral("128k")}; break;
    case Format::Ogg: codec = {QStringLiteral("-c:a"), QStringLiteral("libvorbis"), QStringLiteral("-q:a"), QStringLiteral("3")}; break;
    case Format::Opus: codec = {QStringLiteral("-c:a"), QStringLiteral("libopus"), QStringLiteral("-b:a"), QStringLiteral("96k"), QStringLiteral("-ar"), QStringLiteral("48000")}; break;
    case Format::Flac: codec = {QStringLiteral("-c:a"), QStringLiteral("flac")}; break;
    case Format::M4a: codec = {QStringLiteral("-c:a"), QStringLiteral("aac"), QStringLiteral("-b:a"), QStringLiteral("128k")}; break;
    case Format::Alac: codec = {QStringLiteral("-c:a"), QStringLiteral("alac")}; break;
    case Format::Wav: codec = {QStringLiteral("-c:a"), QStringLiteral("pcm_s16le")}; break;
    case Format::Aiff: codec = {QStringLiteral("-c:a"), QStringLiteral("pcm_s16be")}; break;
    case Format::WavPack: codec = {QStringLiteral("-c:a"), QStringLiteral("wavpack")}; break;
    }
    // A tone plus quiet noise, so lossy encoders have something real to code.
    const QString source = QStringLiteral("aevalsrc=0.5*sin(2*PI*%1*t)+0.02*(random(0)-0.5)|"
                                          "0.5*sin(2*PI*%1*1.01*t)+0.02*(random(1)-0.5)"
                                          ":s=44100:d=%2")
                               .arg(frequencyHz)
                               .arg(seconds);
    QStringList args = {QStringLiteral("-nostdin"), QStringLiteral("-hide_banner"),
                        QStringLiteral("-loglevel"), QStringLiteral("error"),
                        QStringLiteral("-y"),       QStringLiteral("-f"),
                        QStringLiteral("lavfi"),    QStringLiteral("-i"),
                        source,                     QStringLiteral("-map_metadata"),
                        QStringLiteral("-1")};
    args << codec;
    if (format == Format::M4a || format == Format::Alac)
        args << QStringLiteral("-f") << QStringLiteral("ipod");
    args << path;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("ffmpeg"), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return QStringLiteral("ffmpeg did not finish for ") + path;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("ffmpeg failed for %1: %2").arg(path, QString::fromLocal8Bit(p.readAll()));
    return {};
}

QString writeTags(const QString &path, Format format, const Tags &tags)
{
    const QByteArray local = QFile::encodeName(path);
    const TagLib::PropertyMap properties = propertiesFor(tags);
    bool saved = false;
    switch (format) {
    case Format::Mp3: {
        TagLib::MPEG::File f(local.constData());
        if (!f.isValid())
            return QStringLiteral("TagLib cannot open ") + path;
        f.strip();
        auto *tag = f.ID3v2Tag(true);
        tag->setProperties(properties);
        setId3Genres(tag, tags.genres);
        addId3Picture(tag, tags.picture);
        saved = f.save(TagLib::MPEG::File::ID3v2, TagLib::File::StripOthers,
                       tags.id3v23 ? TagLib::ID3v2::v3 : TagLib::ID3v2::v4);
        break;
    }
    case Format::Ogg: {
        TagLib::Ogg::Vorbis::File f(local.constData());
        if (!f.isValid())
            return QStringLiteral("TagLib cannot open ") + path;
        f.tag()->setProperties(properties);
        f.tag()->removeAllPictures();
        if (!tags.picture.isEmpty())
            f.tag()->addPicture(flacPicture(tags.picture));
        saved = f.save();
        break;
    }
    case Format::Opus: {
        TagLib::Ogg::Opus::File f(local.constData());
        if (!f.isValid())
            return QStringLiteral("TagLib cannot open ") + path;
        f.tag()->setProperties(properties);
        f.tag()->removeAllPictures();
        if (!tags.picture.isEmpty())
            f.tag()->addPicture(flacPicture(tags.picture));
        saved = f.save();
        break;
    }
    case Format::Flac: {
        TagLib::FLAC::File f(local.constData());
        if (!f.isValid())
            return QStringLiteral("TagLib cannot open ") + path;
        f.xiphComment(true)->setProperties(properties);
        f.removePictures();
        if (!tags.picture.isEmpty())
            f.addPicture(flacPicture(tags.picture));
        saved = f.save();
        break;
    }
    case Format::M4a:
    case Format::Alac: {
        TagLib::MP4::File f(local.constData());
        if (!f.isValid())
            return QStringLiteral("TagLib cannot open ") + path;
        TagLib::MP4::Tag *tag = f.tag();
        tag->setProperties(properties);
        // Written as the freeform atoms foobar2000 and iTunes-era taggers use.
        if (!tags.replayGainTrack.isEmpty())
            tag->setItem("----:com.apple.iTunes:replaygain_track_gain",
                         TagLib::StringList(tstr(tags.replayGainTrack)));
        if (!tags.replayGainPeak.isEmpty())
            tag->setItem("----:com.apple.iTunes:replaygain_track_peak",
                         TagLib::StringList(tstr(tags.replayGainPeak)));
        if (!tags.picture.isEmpty()) {
            TagLib::MP4::CoverArtList covers;
            covers.append(TagLib::MP4::CoverArt(tags.picture.startsWith("\x89PNG")
                                                    ? TagLib::MP4::CoverArt::PNG
                                                    : TagLib::MP4::CoverArt::JPEG,
                                                tbytes(tags.picture)));
            tag->setItem("covr", covers);
        }
        saved = f.save();
        break;
    }
    case Format::Wav: {
        TagLib::RIFF::WAV::File f(local.constData());
        if (!f.isValid())
            return QStringLiteral("TagLib cannot open ") + path;
        auto *tag = f.ID3v2Tag();
        tag->setProperties(properties);
        setId3Genres(tag, tags.genres);
        addId3Picture(tag, tags.picture);
        saved = f.save(TagLib::RIFF::WAV::File::ID3v2, TagLib::File::StripOthers);
        break;
    }
    case Format::Aiff: {
        TagLib::RIFF::AIFF::File f(local.constData());
        if (!f.isValid())
            return QStringLiteral("TagLib cannot open ") + path;
        auto *tag = f.tag();
        tag->setProperties(properties);
        setId3Genres(tag, tags.genres);
        addId3Picture(tag, tags.picture);
        saved = f.save();
        break;
    }
    case Format::WavPack: {
        TagLib::WavPack::File f(local.constData());
        if (!f.isValid())
            return QStringLiteral("TagLib cannot open ") + path;
        auto *tag = f.APETag(true);
        tag->setProperties(properties);
        if (!tags.picture.isEmpty()) {
            TagLib::APE::Item item;
            item.setKey("COVER ART (FRONT)");
            item.setBinaryData(TagLib::ByteVector("cover.jpg", 10) + tbytes(tags.picture));
            tag->setItem("COVER ART (FRONT)", item);
        }
        saved = f.save();
        break;
    }
    }
    return saved ? QString() : QStringLiteral("TagLib could not save ") + path;
}

QByteArray makeCover(int size, QColor color, const char *imageFormat)
{
    QImage image(size, size, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient gradient(0, 0, size, size);
    gradient.setColorAt(0, color);
    gradient.setColorAt(1, color.darker(300));
    painter.fillRect(image.rect(), gradient);
    painter.fillRect(QRect(size / 4, size / 4, size / 2, size / 2), color.lighter(150));
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, imageFormat, 90);
    return bytes;
}

QByteArray ffprobeJson(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("ffprobe"),
            {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_format"),
             QStringLiteral("-show_streams"), QStringLiteral("-print_format"),
             QStringLiteral("json"), path});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

} // namespace bytewave::fixtures
