#pragma once

// Shared checks for the synth tests: decoding a file with libavformat (independently of the
// encoder), reading tags back with TagLib, and validating a manifest against the contract.

#include "analysis/synth/trackparams.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QScopeGuard>
#include <QString>
#include <QStringList>

#include <attachedpictureframe.h>
#include <flacfile.h>
#include <id3v2tag.h>
#include <mpegfile.h>
#include <tpropertymap.h>
#include <vorbisfile.h>
#include <xiphcomment.h>

extern "C" {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wpedantic"
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#pragma GCC diagnostic pop
}

namespace synthtest {

struct DecodedInfo
{
    bool ok = false;
    QString error;
    QString codec;
    int sampleRate = 0;
    int channels = 0;
    double seconds = 0.0;    // from decoded samples
    qint64 samples = 0;      // per channel
    int corruptPackets = 0;
    bool hasAttachedPicture = false;
    QMap<QString, QString> tags; // container + stream metadata, keys lower-cased
};

// Opens and fully decodes the audio stream; counts samples so the duration is what a decoder
// really produces, not a header's claim.
inline DecodedInfo decodeFile(const QString &path)
{
    DecodedInfo info;
    const QByteArray name = QFile::encodeName(path);
    AVFormatContext *fmt = nullptr;
    if (avformat_open_input(&fmt, name.constData(), nullptr, nullptr) < 0) {
        info.error = QStringLiteral("cannot open");
        return info;
    }
    auto closeFormat = qScopeGuard([&fmt] { avformat_close_input(&fmt); });
    if (avformat_find_stream_info(fmt, nullptr) < 0) {
        info.error = QStringLiteral("no stream info");
        return info;
    }
    auto addTags = [&info](AVDictionary *dict) {
        const AVDictionaryEntry *e = nullptr;
        while ((e = av_dict_get(dict, "", e, AV_DICT_IGNORE_SUFFIX)))
            info.tags.insert(QString::fromUtf8(e->key).toLower(), QString::fromUtf8(e->value));
    };
    addTags(fmt->metadata);
    int audio = -1;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        AVStream *s = fmt->streams[i];
        if (s->disposition & AV_DISPOSITION_ATTACHED_PIC)
            info.hasAttachedPicture = true;
        else if (s->codecpar->codec_type == AVMEDIA_TYPE_AUDIO && audio < 0) {
            audio = int(i);
            addTags(s->metadata);
        }
    }
    if (audio < 0) {
        info.error = QStringLiteral("no audio stream");
        return info;
    }
    AVStream *stream = fmt->streams[audio];
    const AVCodec *codec = avcodec_find_decoder(stream->codecpar->codec_id);
    AVCodecContext *ctx = avcodec_alloc_context3(codec);
    auto freeCodec = qScopeGuard([&ctx] { avcodec_free_context(&ctx); });
    if (!codec || !ctx || avcodec_parameters_to_context(ctx, stream->codecpar) < 0
        || avcodec_open2(ctx, codec, nullptr) < 0) {
        info.error = QStringLiteral("cannot open decoder");
        return info;
    }
    info.codec = QString::fromUtf8(codec->name);
    info.sampleRate = ctx->sample_rate;
    info.channels = ctx->ch_layout.nb_channels;
    AVPacket *packet = av_packet_alloc();
    AVFrame *frame = av_frame_alloc();
    auto freeFrames = qScopeGuard([&packet, &frame] {
        av_packet_free(&packet);
        av_frame_free(&frame);
    });
    auto receive = [&] {
        while (avcodec_receive_frame(ctx, frame) >= 0) {
            info.samples += frame->nb_samples;
            av_frame_unref(frame);
        }
    };
    while (av_read_frame(fmt, packet) >= 0) {
        if (packet->stream_index == audio) {
            if (avcodec_send_packet(ctx, packet) < 0)
                ++info.corruptPackets;
            receive();
        }
        av_packet_unref(packet);
    }
    avcodec_send_packet(ctx, nullptr);
    receive();
    info.seconds = info.sampleRate > 0 ? double(info.samples) / info.sampleRate : 0.0;
    info.ok = info.samples > 0;
    return info;
}

struct ReadTags
{
    bool ok = false;
    QString title, artist, albumArtist, album;
    QStringList genres;
    int year = 0;
    int track = 0;
    int pictures = 0;
    QByteArray firstPictureMime;
};

inline QString fromTag(const TagLib::String &s)
{
    return QString::fromStdString(s.to8Bit(true));
}

inline ReadTags readTags(const QString &path, bytewave::synth::AudioFormat format)
{
    using bytewave::synth::AudioFormat;
    ReadTags r;
    const QByteArray name = QFile::encodeName(path);
    auto fromProps = [&r](const TagLib::PropertyMap &p, const TagLib::Tag *tag) {
        r.title = fromTag(tag->title());
        r.artist = fromTag(tag->artist());
        r.album = fromTag(tag->album());
        r.year = int(tag->year());
        r.track = int(tag->track());
        if (p.contains("ALBUMARTIST"))
            r.albumArtist = fromTag(p["ALBUMARTIST"].front());
        if (p.contains("GENRE")) {
            for (const auto &g : p["GENRE"])
                r.genres << fromTag(g);
        }
    };
    switch (format) {
    case AudioFormat::Mp3: {
        TagLib::MPEG::File f(name.constData());
        if (!f.isValid() || !f.ID3v2Tag())
            return r;
        fromProps(f.ID3v2Tag()->properties(), f.ID3v2Tag());
        const auto frames = f.ID3v2Tag()->frameListMap()["APIC"];
        r.pictures = int(frames.size());
        if (!frames.isEmpty()) {
            auto *apic = dynamic_cast<TagLib::ID3v2::AttachedPictureFrame *>(frames.front());
            if (apic)
                r.firstPictureMime = QByteArray(apic->mimeType().toCString());
        }
        break;
    }
    case AudioFormat::Ogg: {
        TagLib::Ogg::Vorbis::File f(name.constData());
        if (!f.isValid() || !f.tag())
            return r;
        fromProps(f.tag()->properties(), f.tag());
        const auto pictures = f.tag()->pictureList();
        r.pictures = int(pictures.size());
        if (!pictures.isEmpty())
            r.firstPictureMime = QByteArray(pictures.front()->mimeType().toCString());
        break;
    }
    case AudioFormat::Flac: {
        TagLib::FLAC::File f(name.constData());
        if (!f.isValid() || !f.xiphComment())
            return r;
        fromProps(f.xiphComment()->properties(), f.xiphComment());
        const auto pictures = f.pictureList();
        r.pictures = int(pictures.size());
        if (!pictures.isEmpty())
            r.firstPictureMime = QByteArray(pictures.front()->mimeType().toCString());
        break;
    }
    }
    r.ok = true;
    return r;
}

// Checks one manifest against the contract (notes/manifest.md, docs/demo-library.md): every
// field present with the right type and range. Returns an empty string when it holds.
inline QString checkManifestContract(const QJsonObject &root)
{
    if (root.value(QStringLiteral("generator")).toString() != QStringLiteral("bytewave make-demo-library"))
        return QStringLiteral("generator");
    if (root.value(QStringLiteral("format_version")).toInt() != 1)
        return QStringLiteral("format_version");
    if (!root.value(QStringLiteral("seed")).isDouble())
        return QStringLiteral("seed");
    if (!root.value(QStringLiteral("tracks")).isArray())
        return QStringLiteral("tracks");
    static const QStringList strings {QStringLiteral("file"),  QStringLiteral("format"),
                                      QStringLiteral("title"), QStringLiteral("artist"),
                                      QStringLiteral("album"), QStringLiteral("genre"),
                                      QStringLiteral("style"), QStringLiteral("key"),
                                      QStringLiteral("mode"),  QStringLiteral("timbre")};
    static const QStringList numbers {QStringLiteral("year"),       QStringLiteral("track_number"),
                                      QStringLiteral("tempo_bpm"),  QStringLiteral("swing"),
                                      QStringLiteral("key_index"),  QStringLiteral("brightness"),
                                      QStringLiteral("energy"),     QStringLiteral("loudness_lufs"),
                                      QStringLiteral("noise"),      QStringLiteral("duration_s")};
    int index = 0;
    for (const QJsonValue v : root.value(QStringLiteral("tracks")).toArray()) {
        const QJsonObject t = v.toObject();
        const QString where = QStringLiteral("track %1: ").arg(index++);
        for (const QString &key : strings) {
            if (!t.value(key).isString() || t.value(key).toString().isEmpty())
                return where + key;
        }
        for (const QString &key : numbers) {
            if (!t.value(key).isDouble())
                return where + key;
        }
        if (!QStringList {QStringLiteral("mp3"), QStringLiteral("ogg"), QStringLiteral("flac")}.contains(t.value(QStringLiteral("format")).toString()))
            return where + QStringLiteral("format value");
        if (!t.value(QStringLiteral("file")).toString().endsWith(QLatin1Char('.') + t.value(QStringLiteral("format")).toString()))
            return where + QStringLiteral("file extension");
        if (!QStringList {QStringLiteral("major"), QStringLiteral("minor")}.contains(t.value(QStringLiteral("mode")).toString()))
            return where + QStringLiteral("mode value");
        const int key = t.value(QStringLiteral("key_index")).toInt();
        if (key < 0 || key > 11 || bytewave::synth::keyName(key) != t.value(QStringLiteral("key")).toString())
            return where + QStringLiteral("key value");
        for (const char *unit : {"brightness", "energy", "noise"}) {
            const double x = t.value(QLatin1String(unit)).toDouble();
            if (x < 0.0 || x > 1.0)
                return where + QLatin1String(unit) + QStringLiteral(" range");
        }
        const double tempo = t.value(QStringLiteral("tempo_bpm")).toDouble();
        if (tempo < 60.0 || tempo > 200.0)
            return where + QStringLiteral("tempo range");
        const double swing = t.value(QStringLiteral("swing")).toDouble();
        if (swing < 0.0 || swing > 0.34)
            return where + QStringLiteral("swing range");
        if (!bytewave::synth::styleFromId(t.value(QStringLiteral("style")).toString()))
            return where + QStringLiteral("style value");
        if (!bytewave::synth::timbreFromId(t.value(QStringLiteral("timbre")).toString()))
            return where + QStringLiteral("timbre value");
    }
    return {};
}

} // namespace synthtest
