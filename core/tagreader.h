#pragma once

#include "core/track.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace bytewave {

// What one read of an audio file yields: the track's tags and audio properties, and the bytes of
// the best embedded picture (front cover first) so the cover cache needs no second open.
struct TagReadResult
{
    Track track;
    QByteArray picture; // encoded image bytes (JPEG/PNG/...), empty when none is embedded
};

// Reads tags and audio properties with TagLib 1.13.
//
// The file is opened read-only (a read-write open would wake file watchers and fails on
// read-only media). The format is chosen from the file's first bytes where they are
// unambiguous, so a FLAC file named .mp3 is still read as FLAC, and from the extension otherwise.
// Tags are read through TagLib's unified PropertyMap (the same keys for ID3v2, Vorbis comments,
// MP4, APE and ASF); pictures and ReplayGain through the format-specific classes.
//
// Never throws and never crashes on bad input: a file TagLib cannot read gives a Track whose
// scanError says why (and whose title is still the file name), so the scanner can record it.
// Reentrant: separate calls may run on separate threads.
class TagReader
{
public:
    // Reads localPath, given in the file system's own bytes (so non-UTF-8 names work).
    // displayPath is what goes into Track::path. withPicture=false skips copying picture bytes.
    static TagReadResult read(const QByteArray &localPath, const QString &displayPath,
                              bool withPicture = true);
    static TagReadResult read(const QString &path, bool withPicture = true);

    // Splits raw genre tag values into single genres. Handles ID3v2.4 multi-values (already
    // separate list entries), "Rock; Pop", "Rock/Pop", "Rock, Pop", "Rock | Pop", ID3v1
    // references "(17)", "(17)Rock", "17", and keeps names that contain a separator as part of
    // the name ("Drum & Bass", "R&B", "Singer/Songwriter", "Folk, World, & Country").
    // Duplicates (ignoring case) are dropped; the first spelling wins.
    static QStringList splitGenres(const QStringList &rawValues);

    // Title when the tag has none: the file name without its extension.
    static QString fallbackTitle(const QString &path);
    static QString unknownArtist();

    // "3/12" -> 3, "03" -> 3, "" -> 0.
    static int parseNumber(const QString &text);
    // "2019-05-01", "2019" -> 2019; implausible years give 0.
    static int parseYear(const QString &text);
    // "-6.54 dB", "+1.2 dB", "-6.54" -> dB; NaN when it does not parse.
    static double parseGain(const QString &text);

    // A cheap identity for move detection: size plus a hash of the first and last 16 KiB. A
    // moved or renamed file keeps it; retagging changes it (then the move is not detected and
    // the old row is marked missing, which loses nothing). Empty when the file cannot be read.
    static QString contentKey(const QByteArray &localPath, qint64 size);
};

} // namespace bytewave
