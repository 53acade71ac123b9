#include "core/coverart.h"

#include "core/logging.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QPainter>
#include <QSaveFile>
#include <QStandardPaths>

namespace bytewave {

namespace {

// Covers larger than this are not worth decoding (and could be a decompression bomb).
constexpr qint64 kMaxPixels = 64LL * 1024 * 1024;
constexpr qint64 kMaxFileBytes = 32LL * 1024 * 1024;

QSize fitWithin(QSize size, int box)
{
    if (size.width() <= box && size.height() <= box)
        return size;
    return size.scaled(box, box, Qt::KeepAspectRatio);
}

bool writeJpeg(const QImage &image, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    if (!image.save(&file, "JPEG", 85)) {
        file.cancelWriting();
        return false;
    }
    return file.commit();
}

} // namespace

CoverArtCache::CoverArtCache(QString dir) : m_dir(std::move(dir)) {}

QString CoverArtCache::defaultDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
           + QStringLiteral("/ByteWave/covers");
}

QString CoverArtCache::keyFor(const QByteArray &imageBytes)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(imageBytes, QCryptographicHash::Sha1).toHex().left(32));
}

QString CoverArtCache::thumbnailPath(const QString &key, int size) const
{
    const int s = size > (kLargeSize + kSmallSize) / 2 ? kLargeSize : kSmallSize;
    return m_dir + QLatin1Char('/') + key + QLatin1Char('-') + QString::number(s)
           + QStringLiteral(".jpg");
}

bool CoverArtCache::contains(const QString &key) const
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_known.contains(key))
            return true;
    }
    return QFileInfo::exists(thumbnailPath(key, kLargeSize))
           && QFileInfo::exists(thumbnailPath(key, kSmallSize));
}

QString CoverArtCache::store(const QByteArray &imageBytes)
{
    if (imageBytes.isEmpty())
        return {};
    const QString key = keyFor(imageBytes);
    {
        // The tracks of one album usually reach the reading threads together: one thread
        // makes the thumbnails, the others wait for it instead of decoding the same picture.
        QMutexLocker lock(&m_mutex);
        while (m_inFlight.contains(key))
            m_done.wait(&m_mutex);
        if (m_known.contains(key))
            return key;
        if (m_failed.contains(key))
            return {};
        m_inFlight.insert(key);
    }
    const bool ok = QFileInfo::exists(thumbnailPath(key, kLargeSize))
                    && QFileInfo::exists(thumbnailPath(key, kSmallSize));
    const bool stored = ok || writeThumbnails(key, imageBytes);
    QMutexLocker lock(&m_mutex);
    m_inFlight.remove(key);
    if (stored)
        m_known.insert(key);
    else
        m_failed.insert(key);
    m_done.wakeAll();
    return stored ? key : QString();
}

QString CoverArtCache::storeFile(const QString &imagePath)
{
    QFile file(imagePath);
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxFileBytes)
        return {};
    return store(file.readAll());
}

bool CoverArtCache::writeThumbnails(const QString &key, const QByteArray &imageBytes)
{
    QBuffer buffer;
    buffer.setData(imageBytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize original = reader.size();
    if (!original.isValid() || original.isEmpty()
        || qint64(original.width()) * original.height() > kMaxPixels) {
        qCDebug(lcScan) << "cover image ignored:" << reader.errorString();
        return false;
    }
    // Asking the reader for the final size lets the JPEG decoder scale in the DCT domain,
    // several times faster than decoding the full picture and scaling it afterwards.
    reader.setScaledSize(fitWithin(original, kLargeSize));
    QImage large = reader.read();
    if (large.isNull()) {
        qCDebug(lcScan) << "cover image ignored:" << reader.errorString();
        return false;
    }
    if (large.hasAlphaChannel()) {
        // JPEG has no alpha: put transparent covers on the UI's dark background.
        QImage flat(large.size(), QImage::Format_RGB32);
        flat.fill(QColor(0x12, 0x12, 0x12));
        QPainter painter(&flat);
        painter.drawImage(0, 0, large);
        painter.end();
        large = flat;
    }
    const QImage small = large.scaled(fitWithin(large.size(), kSmallSize), Qt::IgnoreAspectRatio,
                                      Qt::SmoothTransformation);
    if (!QDir().mkpath(m_dir)) {
        qCWarning(lcScan) << "cannot create the cover cache" << m_dir;
        return false;
    }
    if (!writeJpeg(large, thumbnailPath(key, kLargeSize))
        || !writeJpeg(small, thumbnailPath(key, kSmallSize))) {
        qCWarning(lcScan) << "cannot write cover thumbnails in" << m_dir;
        return false;
    }
    return true;
}

QString CoverArtCache::pickFolderImage(const QStringList &fileNames)
{
    static const QStringList stems = {QStringLiteral("cover"), QStringLiteral("folder"),
                                      QStringLiteral("front"), QStringLiteral("album")};
    static const QStringList extensions = {QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                           QStringLiteral("png")};
    QString best;
    qsizetype bestRank = stems.size();
    for (const QString &name : fileNames) {
        const auto dot = name.lastIndexOf(QLatin1Char('.'));
        if (dot <= 0)
            continue;
        if (!extensions.contains(name.mid(dot + 1).toLower()))
            continue;
        const qsizetype rank = stems.indexOf(name.left(dot).toLower());
        if (rank >= 0 && rank < bestRank) {
            best = name;
            bestRank = rank;
        }
    }
    return best;
}

QString CoverArtCache::findFolderImage(const QString &dir)
{
    const QStringList names = QDir(dir).entryList(QDir::Files | QDir::Readable);
    const QString name = pickFolderImage(names);
    return name.isEmpty() ? QString() : QDir(dir).filePath(name);
}

} // namespace bytewave
