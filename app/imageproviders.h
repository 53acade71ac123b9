#pragma once

#include <QQuickAsyncImageProvider>
#include <QQuickImageProvider>
#include <QThreadPool>

class QQmlEngine;

namespace bytewave {

// "image://icon/<name>/<color>": a hand-written SVG from resources/icons, drawn in the given
// colour (the files use currentColor), at the size the Image asks for. Rendering goes
// through Qt's SVG image plugin, so no SVG library is linked.
class IconImageProvider : public QQuickImageProvider
{
public:
    IconImageProvider();
    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;
};

// "image://cover/<key>": a cover thumbnail from the scanner's cover cache, decoded and scaled
// on a worker pool so scrolling a long list never decodes on the GUI thread.
class CoverImageProvider : public QQuickAsyncImageProvider
{
public:
    explicit CoverImageProvider(QString cacheDir);
    QQuickImageResponse *requestImageResponse(const QString &id, const QSize &requestedSize) override;

    // The thumbnail file for a cover key shown at size px (an absolute path is taken as it is).
    static QString resolve(const QString &cacheDir, const QString &key, int size);

private:
    QString m_cacheDir;
    QThreadPool m_pool;
};

// The folder the scanner keeps cover thumbnails in.
QString defaultCoverCacheDir();

// Adds both providers to engine (the app and the QML tests call this).
void installImageProviders(QQmlEngine *engine);

} // namespace bytewave
