#include "analysis/synth/tagwriter.h"

#include <QFile>

#include <attachedpictureframe.h>
#include <flacfile.h>
#include <flacpicture.h>
#include <id3v2tag.h>
#include <mpegfile.h>
#include <tpropertymap.h>
#include <vorbisfile.h>
#include <xiphcomment.h>

namespace bytewave::synth {

namespace {

TagLib::String toTag(const QString &s)
{
    return TagLib::String(s.toUtf8().constData(), TagLib::String::UTF8);
}

TagLib::StringList toTagList(const QStringList &list)
{
    TagLib::StringList out;
    for (const QString &s : list)
        out.append(toTag(s));
    return out;
}

// Vorbis-comment and ID3 property names are the same in TagLib's unified PropertyMap.
TagLib::PropertyMap properties(const Tags &tags, bool xiph)
{
    TagLib::PropertyMap map;
    auto set = [&map](const char *key, const QString &value) {
        if (!value.isEmpty())
            map.insert(key, TagLib::StringList(toTag(value)));
    };
    set("TITLE", tags.title);
    set("ARTIST", tags.artist);
    set("ALBUMARTIST", tags.albumArtist);
    set("ALBUM", tags.album);
    if (!tags.genres.isEmpty())
        map.insert("GENRE", toTagList(tags.genres));
    if (tags.year > 0)
        set("DATE", QString::number(tags.year));
    if (tags.trackNumber > 0) {
        // ID3 has "n/total" in one frame; Vorbis comments keep the total in its own field.
        if (xiph || tags.trackTotal <= 0)
            set("TRACKNUMBER", QString::number(tags.trackNumber));
        else
            set("TRACKNUMBER", QStringLiteral("%1/%2").arg(tags.trackNumber).arg(tags.trackTotal));
        if (xiph && tags.trackTotal > 0)
            set("TRACKTOTAL", QString::number(tags.trackTotal));
    }
    set("COMMENT", tags.comment);
    return map;
}

TagLib::FLAC::Picture *flacPicture(const Cover &cover)
{
    auto *picture = new TagLib::FLAC::Picture;
    picture->setType(TagLib::FLAC::Picture::FrontCover);
    picture->setMimeType(toTag(cover.mimeType));
    picture->setDescription("Front cover");
    picture->setWidth(cover.width);
    picture->setHeight(cover.height);
    picture->setColorDepth(24);
    picture->setData(TagLib::ByteVector(cover.data.constData(), uint(cover.data.size())));
    return picture;
}

} // namespace

bool TagWriter::write(const QString &path, AudioFormat format, const Tags &tags, const Cover &cover,
                      QString *error)
{
    auto fail = [error, &path](const char *what) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(QLatin1String(what), path);
        return false;
    };
    const QByteArray name = QFile::encodeName(path);
    const bool hasCover = !cover.data.isEmpty();
    switch (format) {
    case AudioFormat::Mp3: {
        TagLib::MPEG::File file(name.constData(), false);
        if (!file.isValid())
            return fail("TagLib cannot open the MP3 file");
        TagLib::ID3v2::Tag *tag = file.ID3v2Tag(true);
        tag->setProperties(properties(tags, false));
        if (hasCover) {
            auto *frame = new TagLib::ID3v2::AttachedPictureFrame;
            frame->setMimeType(toTag(cover.mimeType));
            frame->setType(TagLib::ID3v2::AttachedPictureFrame::FrontCover);
            frame->setDescription("Front cover");
            frame->setPicture(TagLib::ByteVector(cover.data.constData(), uint(cover.data.size())));
            tag->addFrame(frame);
        }
        if (!file.save(TagLib::MPEG::File::ID3v2, TagLib::File::StripOthers, TagLib::ID3v2::v4))
            return fail("TagLib cannot save the MP3 tags");
        return true;
    }
    case AudioFormat::Ogg: {
        TagLib::Ogg::Vorbis::File file(name.constData(), false);
        if (!file.isValid())
            return fail("TagLib cannot open the Ogg Vorbis file");
        TagLib::Ogg::XiphComment *tag = file.tag();
        tag->setProperties(properties(tags, true));
        tag->removeAllPictures();
        if (hasCover)
            tag->addPicture(flacPicture(cover));
        if (!file.save())
            return fail("TagLib cannot save the Ogg tags");
        return true;
    }
    case AudioFormat::Flac: {
        TagLib::FLAC::File file(name.constData(), false);
        if (!file.isValid())
            return fail("TagLib cannot open the FLAC file");
        file.xiphComment(true)->setProperties(properties(tags, true));
        file.removePictures();
        if (hasCover)
            file.addPicture(flacPicture(cover));
        if (!file.save())
            return fail("TagLib cannot save the FLAC tags");
        return true;
    }
    }
    return fail("unknown format");
}

} // namespace bytewave::synth
