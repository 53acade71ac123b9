#include "app/imageproviders.h"

#include "core/coverart.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QQmlEngine>
#include <QRunnable>
#include <QStandardPaths>
#include <QUrl>

namespace bytewave {

QString defaultCoverCacheDir()
{
    return CoverArtCache::defaultDir();
}

void installImageProviders(QQmlEngine *engine)
{
    if (!engine->imageProvider(QStringLiteral("icon")))
        engine->addImageProvider(QStringLiteral("icon"), new IconImageProvider);
    if (!engine->imageProvider(QStringLiteral("cover")))
        engine->addImageProvider(QStringLiteral("cover"), new CoverImageProvider(defaultCoverCacheDir()));
}

// ---- icons

IconImageProvider::IconImageProvider() : QQuickImageProvider(QQuickImageProvider::Image) {}

QImage IconImageProvider::requestImage(const QString &id, QSize *size, const QSize &requestedSize)
{
    const QString name = id.section(QLatin1Char('/'), 0, 0);
    // The colour comes without '#' (a '#' would start a URL fragment).
    QString color = id.section(QLatin1Char('/'), 1);
    if (color.isEmpty())
        color = QStringLiteral("ffffff");
    if (!color.startsWith(QLatin1Char('#')))
        color.prepend(QLatin1Char('#'));
    QFile file(QStringLiteral(":/ByteWave/icons/") + name + QStringLiteral(".svg"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray svg = file.readAll();
    svg.replace("currentColor", color.toLatin1());
    QBuffer buffer(&svg);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, "svg");
    const QSize target = requestedSize.isValid() && !requestedSize.isEmpty() ? requestedSize : QSize(48, 48);
    reader.setScaledSize(target);
    QImage image = reader.read();
    if (size)
        *size = image.size();
    return image;
}

// ---- covers

namespace {

// Decodes on the pool and reports back by signal, so a response the engine dropped (the
// delegate scrolled away) is never touched from the pool thread.
class CoverDecode : public QObject, public QRunnable
{
    Q_OBJECT
public:
    CoverDecode(QString path, QSize requested) : m_path(std::move(path)), m_requested(requested) {}

    void run() override
    {
        QImageReader reader(m_path);
        reader.setAutoTransform(true);
        if (m_requested.isValid() && !m_requested.isEmpty() && reader.size().isValid()) {
            // Keep the aspect; decode straight to the size shown (cheap for JPEG).
            reader.setScaledSize(reader.size().scaled(m_requested, Qt::KeepAspectRatioByExpanding));
        }
        const QImage image = reader.read();
        emit done(image, image.isNull() ? reader.errorString() : QString());
    }

signals:
    void done(const QImage &image, const QString &error);

private:
    QString m_path;
    QSize m_requested;
};

class CoverResponse : public QQuickImageResponse
{
public:
    CoverResponse(const QString &path, QSize requested, QThreadPool *pool)
    {
        auto *decode = new CoverDecode(path, requested);
        connect(decode, &CoverDecode::done, this, [this](const QImage &image, const QString &error) {
            m_image = image;
            m_error = error;
            emit finished();
        });
        pool->start(decode);
    }

    QQuickTextureFactory *textureFactory() const override
    {
        return QQuickTextureFactory::textureFactoryForImage(m_image);
    }
    QString errorString() const override { return m_error; }

private:
    QImage m_image;
    QString m_error;
};

} // namespace

CoverImageProvider::CoverImageProvider(QString cacheDir) : m_cacheDir(std::move(cacheDir))
{
    m_pool.setMaxThreadCount(1); // covers are small; keep the cores for audio and analysis
}

QString CoverImageProvider::resolve(const QString &cacheDir, const QString &key, int size)
{
    const QString decoded = QUrl::fromPercentEncoding(key.toUtf8());
    if (QFileInfo(decoded).isAbsolute())
        return decoded; // a plain image file (test fixtures)
    // The scanner keeps two thumbnails per cover; take the one nearer the size shown.
    return CoverArtCache(cacheDir).thumbnailPath(decoded, size > 0 ? size : CoverArtCache::kLargeSize);
}

QQuickImageResponse *CoverImageProvider::requestImageResponse(const QString &id, const QSize &requestedSize)
{
    const int size = std::max(requestedSize.width(), requestedSize.height());
    return new CoverResponse(resolve(m_cacheDir, id, size), requestedSize, &m_pool);
}

} // namespace bytewave

#include "imageproviders.moc"
