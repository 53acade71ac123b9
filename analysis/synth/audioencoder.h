#pragma once

// Encodes interleaved float PCM to an MP3 (libmp3lame), Ogg Vorbis (libvorbis) or FLAC file
// in-process with libavcodec/libavformat (FFmpeg 5.1 API, AVChannelLayout). Tags and covers are
// written afterwards by TagWriter; the container here carries only the audio.

#include "analysis/synth/trackparams.h"

#include <QString>

#include <atomic>
#include <span>

namespace bytewave::synth {

struct EncoderSettings
{
    int mp3BitrateKbps = 160; // CBR, the most common setting in real libraries
    int vorbisQuality = 4;    // -q 4, about 128 kb/s for stereo
    int flacCompression = 5;  // FLAC's default level
};

class AudioEncoder
{
public:
    // Writes path (overwriting it). Returns false with *error set when an encoder is missing, the
    // file cannot be created or the disk fills; a partial file is removed. cancel (optional) is
    // polled between frames and stops the encode with error "cancelled".
    static bool encode(const QString &path, AudioFormat format, std::span<const float> interleaved,
                       int sampleRate, int channels, QString *error,
                       const EncoderSettings &settings = {},
                       const std::atomic_bool *cancel = nullptr);

    // Whether this FFmpeg build has the encoder a format needs (Debian's libavcodec59 has all).
    static bool isAvailable(AudioFormat format);

    // Rough bytes per second of audio for size estimates (upper end of what we produce).
    static double bytesPerSecond(AudioFormat format, int channels, const EncoderSettings &settings = {});
};

} // namespace bytewave::synth
