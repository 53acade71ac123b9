#pragma once

#include <QString>

#include <cstddef>
#include <memory>
#include <span>

namespace bytewave {

// Decodes any audio file FFmpeg can read to float PCM at 22,050 Hz, streamed block by block.
//
// Memory is bounded whatever the file's length: the decoder holds one compressed packet and one
// converted block at a time (a block is one codec frame, typically 512-4096 output frames), so a
// three-hour mix needs no more RAM than a three-minute song. Damaged packets and frames are
// skipped and counted (corruptFrames()) rather than ending the stream; a file with no decodable
// audio gives a clear errorString().
//
// Output: interleaved float32, full scale 1.0 (not clipped: a down-mix of a loud 5.1 source can
// go beyond it), kSampleRate Hz, channels() channels. With
// ChannelPolicy::MonoOrStereo a mono source stays mono and anything with two or more channels is
// down-mixed to stereo by libswresample's standard matrix (what the loudness meter needs: BS.1770
// sums the channels' energies, which a mono fold-down would get wrong by 3-6 dB). With
// ChannelPolicy::Mono everything is folded to one channel.
//
// One decoder per thread; not thread-safe. FFmpeg's log output goes to bytewave.analysis.
class AudioDecoder
{
public:
    static constexpr int kSampleRate = 22050; // Hz, the rate every feature is computed at

    enum class ChannelPolicy { Mono, MonoOrStereo };

    struct SourceInfo
    {
        QString codec;          // FFmpeg codec name, e.g. "mp3", "flac", "vorbis"
        int sampleRate = 0;     // Hz, as stored in the file
        int channels = 0;       // as stored in the file
        double durationS = 0;   // the container's estimate, 0 when unknown
    };

    explicit AudioDecoder(ChannelPolicy policy = ChannelPolicy::MonoOrStereo);
    ~AudioDecoder();
    AudioDecoder(const AudioDecoder &) = delete;
    AudioDecoder &operator=(const AudioDecoder &) = delete;

    // Opens path and prepares its best audio stream. Returns false (see errorString()) when the
    // file cannot be opened, is not a media file FFmpeg recognises, or has no decodable audio
    // stream.
    bool open(const QString &path);
    void close();

    // The next block of interleaved samples, valid until the next call to next() or close().
    // An empty span means the stream has ended; errorString() is then empty unless nothing at
    // all could be decoded.
    std::span<const float> next();

    int channels() const;               // output channels: 1 or 2 (0 before open())
    const SourceInfo &sourceInfo() const;
    QString errorString() const;

    qint64 framesDecoded() const;       // output frames (per channel) handed out so far
    qint64 corruptFrames() const;       // packets or frames FFmpeg could not decode, skipped

    // For tests of the bounded-memory design: the largest block handed out and the capacity of
    // the conversion buffer, both in frames. Neither grows with the length of the file.
    std::size_t maxBlockFrames() const;
    std::size_t bufferCapacityFrames() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bytewave
