#include "analysis/audiodecoder.h"

#include "analysis/ffmpeg.h"
#include "core/logging.h"

#include <QFile>

#include <sys/stat.h>

#include <cerrno>
#include <cstdarg>
#include <cstring>
#include <mutex>
#include <vector>

namespace bytewave {

namespace ffmpeg {

namespace {

void logCallback(void *avcl, int level, const char *fmt, va_list args)
{
    if (level > av_log_get_level())
        return;
    // av_log may emit one line in several calls; keep a per-thread line buffer so parallel
    // workers never interleave half lines.
    thread_local QByteArray pending;
    thread_local int printPrefix = 1;
    char line[1024];
    va_list copy;
    va_copy(copy, args);
    av_log_format_line2(avcl, level, fmt, copy, line, sizeof line, &printPrefix);
    va_end(copy);
    pending += line;
    if (!pending.endsWith('\n'))
        return;
    pending.chop(1);
    qCDebug(lcAnalysis).noquote() << "ffmpeg:" << QString::fromUtf8(pending);
    pending.clear();
}

} // namespace

void installLogHandler()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Warnings and errors only: FFmpeg's info/debug chatter costs formatting time per frame.
        av_log_set_level(AV_LOG_WARNING);
        av_log_set_callback(logCallback);
    });
}

} // namespace ffmpeg

namespace {
// Consecutive demuxer errors after which a file is treated as ending there (a damaged tail can
// make some demuxers fail at the same position forever).
constexpr int kMaxConsecutiveReadErrors = 64;
} // namespace

struct AudioDecoder::Private
{
    ChannelPolicy policy;
    ffmpeg::FormatContextPtr format;
    ffmpeg::CodecContextPtr codec;
    ffmpeg::SwrPtr swr;
    ffmpeg::PacketPtr packet;
    ffmpeg::FramePtr frame;
    int streamIndex = -1;
    int outChannels = 0;
    // The input format swr was configured for; a change mid-stream (some MP3s and streams
    // switch rate or layout) re-initialises it.
    int swrInRate = 0;
    int swrInFormat = -1;
    ffmpeg::ChannelLayout swrInLayout; // as the frames describe it (possibly unspecified)
    std::vector<float> out;
    std::size_t maxBlock = 0;
    SourceInfo info;
    QString error;
    qint64 decoded = 0;
    qint64 corrupt = 0;
    int readErrors = 0;
    bool draining = false;   // end of input reached, decoder flushed
    bool swrFlushed = false;
    bool finished = false;

    std::span<const float> convert(const AVFrame *in);
    bool setUpResampler(const AVFrame *in);
    std::span<const float> flushResampler();
    void finish();
};

AudioDecoder::AudioDecoder(ChannelPolicy policy) : d(std::make_unique<Private>())
{
    d->policy = policy;
}

AudioDecoder::~AudioDecoder()
{
    close();
}

void AudioDecoder::close()
{
    d->swr.reset();
    d->codec.reset();
    d->format.reset();
    d->packet.reset();
    d->frame.reset();
    av_channel_layout_uninit(d->swrInLayout.get());
    d->streamIndex = -1;
    d->outChannels = 0;
    d->swrInRate = 0;
    d->swrInFormat = -1;
    d->info = {};
    d->error.clear();
    d->decoded = 0;
    d->corrupt = 0;
    d->readErrors = 0;
    d->draining = false;
    d->swrFlushed = false;
    d->finished = false;
    // The conversion buffer is kept: reusing it across tracks avoids reallocating per track.
}

bool AudioDecoder::open(const QString &path)
{
    close();
    ffmpeg::installLogHandler();

    const QByteArray local = QFile::encodeName(path);
    struct stat st {};
    if (::stat(local.constData(), &st) != 0) {
        d->error = QStringLiteral("cannot open the file: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        d->finished = true;
        return false;
    }
    if (st.st_size == 0) {
        d->error = QStringLiteral("the file is empty");
        d->finished = true;
        return false;
    }
    AVFormatContext *rawFormat = nullptr;
    int ret = avformat_open_input(&rawFormat, local.constData(), nullptr, nullptr);
    if (ret < 0) {
        // The file exists and has bytes, so FFmpeg's EINVAL/EINVALIDDATA mean "not media";
        // its own words go along for whoever debugs it.
        d->error = ret == AVERROR(EACCES) || ret == AVERROR(EIO)
                       ? QStringLiteral("cannot open the file: %1").arg(ffmpeg::errorText(ret))
                       : QStringLiteral("not an audio file FFmpeg recognises (%1)").arg(ffmpeg::errorText(ret));
        d->finished = true;
        return false;
    }
    d->format.reset(rawFormat);

    ret = avformat_find_stream_info(d->format.get(), nullptr);
    if (ret < 0) {
        d->error = QStringLiteral("cannot read the file's streams: %1").arg(ffmpeg::errorText(ret));
        d->finished = true;
        return false;
    }

    const AVCodec *decoder = nullptr;
    ret = av_find_best_stream(d->format.get(), AVMEDIA_TYPE_AUDIO, -1, -1, &decoder, 0);
    if (ret == AVERROR_STREAM_NOT_FOUND) {
        d->error = QStringLiteral("the file has no audio stream");
        d->finished = true;
        return false;
    }
    if (ret < 0 || !decoder) {
        d->error = ret == AVERROR_DECODER_NOT_FOUND
                       ? QStringLiteral("no decoder for this audio format")
                       : QStringLiteral("cannot find an audio stream: %1").arg(ffmpeg::errorText(ret));
        d->finished = true;
        return false;
    }
    d->streamIndex = ret;
    // Only the audio stream is demuxed: cover art and video cost nothing.
    for (unsigned i = 0; i < d->format->nb_streams; ++i) {
        if (int(i) != d->streamIndex)
            d->format->streams[i]->discard = AVDISCARD_ALL;
    }
    const AVStream *stream = d->format->streams[d->streamIndex];

    d->codec.reset(avcodec_alloc_context3(decoder));
    if (!d->codec) {
        d->error = QStringLiteral("out of memory");
        d->finished = true;
        return false;
    }
    ret = avcodec_parameters_to_context(d->codec.get(), stream->codecpar);
    if (ret >= 0) {
        d->codec->pkt_timebase = stream->time_base;
        // One thread per decoder: ByteWave parallelises across tracks, and frame threading would
        // multiply the memory held per worker.
        d->codec->thread_count = 1;
        ret = avcodec_open2(d->codec.get(), decoder, nullptr);
    }
    if (ret < 0) {
        d->error = QStringLiteral("cannot open the %1 decoder: %2")
                       .arg(QString::fromUtf8(decoder->name), ffmpeg::errorText(ret));
        d->finished = true;
        return false;
    }

    d->packet.reset(av_packet_alloc());
    d->frame.reset(av_frame_alloc());
    if (!d->packet || !d->frame) {
        d->error = QStringLiteral("out of memory");
        d->finished = true;
        return false;
    }

    d->info.codec = QString::fromUtf8(avcodec_get_name(d->codec->codec_id)); // "mp3", not "mp3float"
    d->info.sampleRate = d->codec->sample_rate;
    d->info.channels = d->codec->ch_layout.nb_channels;
    if (stream->duration > 0 && stream->time_base.den > 0)
        d->info.durationS = double(stream->duration) * av_q2d(stream->time_base);
    else if (d->format->duration > 0)
        d->info.durationS = double(d->format->duration) / AV_TIME_BASE;
    // The output channel count is known before the first frame so callers can set up.
    const int sourceChannels = std::max(1, d->info.channels);
    d->outChannels = (d->policy == ChannelPolicy::Mono || sourceChannels == 1) ? 1 : 2;
    return true;
}

bool AudioDecoder::Private::setUpResampler(const AVFrame *in)
{
    // An unspecified layout (raw PCM, some WAVs) gets the default for its channel count.
    ffmpeg::ChannelLayout inLayout;
    if (in->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || in->ch_layout.nb_channels <= 0)
        av_channel_layout_default(inLayout.get(), std::max(1, in->ch_layout.nb_channels));
    else if (av_channel_layout_copy(inLayout.get(), &in->ch_layout) < 0)
        return false;

    ffmpeg::ChannelLayout outLayout;
    av_channel_layout_default(outLayout.get(), outChannels);

    SwrContext *raw = nullptr;
    int ret = swr_alloc_set_opts2(&raw, outLayout.get(), AV_SAMPLE_FMT_FLT, kSampleRate, inLayout.get(),
                                  AVSampleFormat(in->format), in->sample_rate, 0, nullptr);
    swr.reset(raw);
    if (ret >= 0)
        ret = swr_init(swr.get());
    av_channel_layout_uninit(swrInLayout.get());
    av_channel_layout_copy(swrInLayout.get(), &in->ch_layout);
    swrInRate = in->sample_rate;
    swrInFormat = in->format;
    if (ret < 0) {
        qCDebug(lcAnalysis) << "cannot set up the resampler:" << ffmpeg::errorText(ret);
        swr.reset();
        return false;
    }
    return true;
}

std::span<const float> AudioDecoder::Private::convert(const AVFrame *in)
{
    if (in->nb_samples <= 0 || in->sample_rate <= 0)
        return {};
    const bool changed = !swr || in->sample_rate != swrInRate || in->format != swrInFormat
                         || av_channel_layout_compare(&in->ch_layout, swrInLayout.get()) != 0;
    if (changed) {
        // Samples still buffered in the old resampler are a few ms; dropping them on a
        // mid-stream format change is inaudible to every feature.
        if (!setUpResampler(in)) {
            ++corrupt;
            return {};
        }
    }
    const int capacity = swr_get_out_samples(swr.get(), in->nb_samples);
    if (capacity <= 0)
        return {};
    const auto needed = std::size_t(capacity) * std::size_t(outChannels);
    if (out.size() < needed)
        out.resize(needed); // grows to the largest frame once, then is reused
    auto *dst = reinterpret_cast<uint8_t *>(out.data());
    const int produced = swr_convert(swr.get(), &dst, capacity,
                                     const_cast<const uint8_t **>(in->extended_data), in->nb_samples);
    if (produced < 0) {
        ++corrupt;
        return {};
    }
    decoded += produced;
    maxBlock = std::max(maxBlock, std::size_t(produced));
    return {out.data(), std::size_t(produced) * std::size_t(outChannels)};
}

std::span<const float> AudioDecoder::Private::flushResampler()
{
    swrFlushed = true;
    if (!swr)
        return {};
    const int capacity = swr_get_out_samples(swr.get(), 0);
    if (capacity <= 0)
        return {};
    const auto needed = std::size_t(capacity) * std::size_t(outChannels);
    if (out.size() < needed)
        out.resize(needed);
    auto *dst = reinterpret_cast<uint8_t *>(out.data());
    const int produced = swr_convert(swr.get(), &dst, capacity, nullptr, 0);
    if (produced <= 0)
        return {};
    decoded += produced;
    maxBlock = std::max(maxBlock, std::size_t(produced));
    return {out.data(), std::size_t(produced) * std::size_t(outChannels)};
}

void AudioDecoder::Private::finish()
{
    finished = true;
    if (decoded == 0 && error.isEmpty()) {
        error = corrupt > 0 ? QStringLiteral("no decodable audio (%1 damaged frames)").arg(corrupt)
                            : QStringLiteral("the audio stream is empty");
    }
}

std::span<const float> AudioDecoder::next()
{
    if (d->finished || !d->codec)
        return {};
    AVCodecContext *ctx = d->codec.get();
    for (;;) {
        int ret = avcodec_receive_frame(ctx, d->frame.get());
        if (ret >= 0) {
            if (d->frame->decode_error_flags != 0 || (d->frame->flags & AV_FRAME_FLAG_CORRUPT))
                ++d->corrupt;
            const auto block = d->convert(d->frame.get());
            av_frame_unref(d->frame.get());
            if (!block.empty())
                return block;
            continue;
        }
        if (ret == AVERROR_EOF) {
            if (!d->swrFlushed) {
                const auto tail = d->flushResampler();
                if (!tail.empty())
                    return tail;
            }
            d->finish();
            return {};
        }
        if (ret != AVERROR(EAGAIN)) {
            // A frame the decoder gave up on; it resynchronises on the next packet.
            ++d->corrupt;
            continue;
        }
        if (d->draining) {
            // EAGAIN while draining should not happen; end rather than spin.
            d->finish();
            return {};
        }

        // The decoder wants input: feed it the next audio packet.
        ret = av_read_frame(d->format.get(), d->packet.get());
        if (ret < 0) {
            if (ret != AVERROR_EOF && ++d->readErrors < kMaxConsecutiveReadErrors) {
                ++d->corrupt;
                continue;
            }
            if (ret != AVERROR_EOF)
                qCDebug(lcAnalysis) << "giving up reading after repeated errors:"
                                    << ffmpeg::errorText(ret);
            d->draining = true;
            avcodec_send_packet(ctx, nullptr);
            continue;
        }
        d->readErrors = 0;
        if (d->packet->stream_index == d->streamIndex) {
            // The decoder was drained to EAGAIN just above, so it accepts this packet; an error
            // here is a packet it cannot decode.
            ret = avcodec_send_packet(ctx, d->packet.get());
            if (ret < 0)
                ++d->corrupt;
        }
        av_packet_unref(d->packet.get());
    }
}

int AudioDecoder::channels() const
{
    return d->outChannels;
}

const AudioDecoder::SourceInfo &AudioDecoder::sourceInfo() const
{
    return d->info;
}

QString AudioDecoder::errorString() const
{
    return d->error;
}

qint64 AudioDecoder::framesDecoded() const
{
    return d->decoded;
}

qint64 AudioDecoder::corruptFrames() const
{
    return d->corrupt;
}

std::size_t AudioDecoder::maxBlockFrames() const
{
    return d->maxBlock;
}

std::size_t AudioDecoder::bufferCapacityFrames() const
{
    return d->outChannels > 0 ? d->out.capacity() / std::size_t(d->outChannels) : d->out.capacity();
}

} // namespace bytewave
