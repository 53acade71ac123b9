#pragma once

// FFmpeg's C headers, included in one place with their warnings silenced (they use old-style
// casts and C idioms that our -Wold-style-cast/-Wpedantic flags reject), and RAII owners for
// every FFmpeg handle the analysis code holds. Private to bytewave_analysis: no public header
// includes this file, so FFmpeg stays a PRIVATE dependency.

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wcast-align"
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/error.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}
#pragma GCC diagnostic pop

#include <QString>

#include <memory>

namespace bytewave::ffmpeg {

struct FormatContextDeleter
{
    void operator()(AVFormatContext *p) const { avformat_close_input(&p); }
};
struct CodecContextDeleter
{
    void operator()(AVCodecContext *p) const { avcodec_free_context(&p); }
};
struct PacketDeleter
{
    void operator()(AVPacket *p) const { av_packet_free(&p); }
};
struct FrameDeleter
{
    void operator()(AVFrame *p) const { av_frame_free(&p); }
};
struct SwrDeleter
{
    void operator()(SwrContext *p) const { swr_free(&p); }
};
// An AVChannelLayout value that frees what it owns (a custom layout's map) when it goes.
struct ChannelLayout
{
    AVChannelLayout layout{};
    ChannelLayout() = default;
    ChannelLayout(const ChannelLayout &) = delete;
    ChannelLayout &operator=(const ChannelLayout &) = delete;
    ~ChannelLayout() { av_channel_layout_uninit(&layout); }
    AVChannelLayout *get() { return &layout; }
    const AVChannelLayout *get() const { return &layout; }
};

using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using SwrPtr = std::unique_ptr<SwrContext, SwrDeleter>;

// FFmpeg's text for an AVERROR code.
inline QString errorText(int code)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, buf, sizeof buf);
    return QString::fromUtf8(buf);
}

// Routes FFmpeg's own log lines to the bytewave.analysis logging category (debug level, so
// a damaged file does not flood the terminal; enable with
// QT_LOGGING_RULES="bytewave.analysis.debug=true"). Safe to call from any thread, any number
// of times.
void installLogHandler();

} // namespace bytewave::ffmpeg
