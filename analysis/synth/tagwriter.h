#pragma once

// Writes tags and an embedded front cover with TagLib: ID3v2.4 (with an APIC frame) for MP3, a
// Vorbis comment with METADATA_BLOCK_PICTURE for Ogg Vorbis, and a Vorbis comment plus a FLAC
// PICTURE block for FLAC. Multi-valued genres are written as separate values (ID3v2.4 null-
// separated TCON, repeated GENRE fields), which is what the scanner reads back as a list.

#include "analysis/synth/trackparams.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace bytewave::synth {

struct Tags
{
    QString title;
    QString artist;
    QString albumArtist;
    QString album;
    QStringList genres;
    int year = 0;        // 0 = none
    int trackNumber = 0; // 0 = none
    int trackTotal = 0;  // 0 = none
    QString comment;
};

struct Cover
{
    QByteArray data;   // encoded image
    QString mimeType;  // "image/jpeg" or "image/png"
    int width = 0;
    int height = 0;
};

class TagWriter
{
public:
    // Replaces whatever tags the file has. Returns false with *error when TagLib cannot open or
    // save the file.
    static bool write(const QString &path, AudioFormat format, const Tags &tags, const Cover &cover,
                      QString *error);
};

} // namespace bytewave::synth
