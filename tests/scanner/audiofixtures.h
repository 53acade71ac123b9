#pragma once

// Test audio made by code: short tones rendered with the ffmpeg command-line tool, tagged with
// TagLib. Shared by the scanner and CLI tests and the scanner benchmark; nothing is committed.

#include <QByteArray>
#include <QColor>
#include <QString>
#include <QStringList>

namespace bytewave::fixtures {

enum class Format { Mp3, Ogg, Opus, Flac, M4a, Alac, Wav, Aiff, WavPack };

QString extension(Format format);     // "mp3", "ogg", ..., "m4a" for Alac too
QString codecName(Format format);     // what TagReader reports: "mp3", "vorbis", ...
QList<Format> allFormats();

// True when the ffmpeg tool runs (scripts/setup.sh --test installs it).
bool haveFfmpeg();

// Renders seconds of a tone at frequencyHz with a little noise (stereo, 44.1 kHz; 48 kHz for
// Opus) into path. Returns an empty string on success, else what went wrong. Bounded: at most
// 30 s of audio and 60 s of ffmpeg time.
QString render(const QString &path, Format format, double seconds = 1.0, double frequencyHz = 440);

struct Tags
{
    QString title;
    QString artist;
    QString albumArtist;
    QString album;
    QStringList genres;      // one tag value each (multi-valued where the format allows)
    QString trackNumber;     // "3/12"
    QString discNumber;      // "1/2"
    QString date;            // "2019-05-01"
    QString replayGainTrack; // "-6.50 dB"
    QString replayGainPeak;  // "0.988000"
    QByteArray picture;      // embedded as the front cover (JPEG or PNG bytes)
    bool id3v23 = false;     // MP3: write ID3v2.3 instead of 2.4
};

// Replaces the file's tags with tags, in the format's own tag type (ID3v2 for MP3, WAV and
// AIFF; Vorbis comments for Ogg, Opus and FLAC; MP4 atoms; APE for WavPack). Empty fields are
// left out. Returns an empty string on success.
QString writeTags(const QString &path, Format format, const Tags &tags);

// A cover picture made with QImage: a size x size gradient in color, as JPEG or PNG bytes.
QByteArray makeCover(int size, QColor color, const char *imageFormat = "JPEG");

// Runs ffprobe on path and returns the JSON of -show_format -show_streams (empty on failure).
QByteArray ffprobeJson(const QString &path);

} // namespace bytewave::fixtures
