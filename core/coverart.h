#pragma once

#include <QByteArray>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QWaitCondition>

namespace bytewave {

// The on-disk cache of cover thumbnails.
//
// A cover is stored once, as two JPEG thumbnails sized for the UI (kLargeSize px for Now Playing,
// kSmallSize px for list rows; the longer side fits, the aspect ratio is kept, small images are
// not enlarged), under a key that is a hash of the original image bytes. The twelve tracks of an
// album that embed the same picture therefore share one key and one pair of files; the key is
// what tracks.cover holds. Bytes that do not decode as an image give an empty key and no file.
//
// Layout: <dir>/<key>-320.jpg and <dir>/<key>-96.jpg; dir defaults to
// <XDG cache>/ByteWave/covers. Files are written atomically, so a reader never sees half a
// thumbnail. store() may be called from several threads at once.
class CoverArtCache
{
public:
    static constexpr int kLargeSize = 320;
    static constexpr int kSmallSize = 96;

    explicit CoverArtCache(QString dir = defaultDir());

    static QString defaultDir();
    QString dir() const { return m_dir; }

    // Stores the image and returns its key; empty when the bytes are not a decodable image.
    // Cheap when the key is already cached (one hash, no decoding).
    QString store(const QByteArray &imageBytes);
    // Reads and stores an image file (a folder cover); empty when unreadable or not an image.
    QString storeFile(const QString &imagePath);

    // The thumbnail file for key at kLargeSize or kSmallSize (the nearer one for other sizes).
    QString thumbnailPath(const QString &key, int size = kLargeSize) const;
    bool contains(const QString &key) const;

    static QString keyFor(const QByteArray &imageBytes);

    // The folder image among a directory's file names, or empty: cover, folder, front, album
    // (in that order of preference), .jpg/.jpeg/.png, any letter case.
    static QString pickFolderImage(const QStringList &fileNames);
    // Lists dir and applies pickFolderImage; returns the absolute path or empty.
    static QString findFolderImage(const QString &dir);

private:
    bool writeThumbnails(const QString &key, const QByteArray &imageBytes);

    QString m_dir;
    mutable QMutex m_mutex;
    QWaitCondition m_done;
    QSet<QString> m_known;    // keys whose thumbnails exist (or were just written)
    QSet<QString> m_inFlight; // keys whose thumbnails a thread is writing now
    QSet<QString> m_failed;   // keys whose bytes did not decode
};

} // namespace bytewave
