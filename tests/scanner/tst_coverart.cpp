#include "audiofixtures.h"

#include "core/coverart.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentMap>

using namespace bytewave;

class TestCoverArt : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString cacheDir(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    static QByteArray encode(const QImage &image, const char *format)
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, format);
        return bytes;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void defaultDirIsInTheXdgCache()
    {
        const QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
        QVERIFY(CoverArtCache::defaultDir().startsWith(cache));
        QVERIFY(CoverArtCache::defaultDir().endsWith(QStringLiteral("/ByteWave/covers")));
    }

    void thumbnailSizes_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<QByteArray>("format");
        QTest::addColumn<QSize>("large");
        QTest::addColumn<QSize>("small");
        QTest::newRow("big square jpeg") << 1000 << 1000 << QByteArray("JPEG") << QSize(320, 320) << QSize(96, 96);
        QTest::newRow("wide png") << 800 << 400 << QByteArray("PNG") << QSize(320, 160) << QSize(96, 48);
        QTest::newRow("tall jpeg") << 300 << 600 << QByteArray("JPEG") << QSize(160, 320) << QSize(48, 96);
        QTest::newRow("small not enlarged") << 200 << 200 << QByteArray("JPEG") << QSize(200, 200) << QSize(96, 96);
        QTest::newRow("tiny") << 50 << 50 << QByteArray("PNG") << QSize(50, 50) << QSize(50, 50);
    }

    void thumbnailSizes()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(QByteArray, format);
        QFETCH(QSize, large);
        QFETCH(QSize, small);
        QImage image(width, height, QImage::Format_RGB32);
        image.fill(QColor(30, 120, 200));
        CoverArtCache cache(cacheDir(QTest::currentDataTag()));
        const QString key = cache.store(encode(image, format.constData()));
        QCOMPARE(key.size(), 32);
        QCOMPARE(QImage(cache.thumbnailPath(key, CoverArtCache::kLargeSize)).size(), large);
        QCOMPARE(QImage(cache.thumbnailPath(key, CoverArtCache::kSmallSize)).size(), small);
        QVERIFY(cache.contains(key));
    }

    void sameBytesShareOneEntry()
    {
        const QString dir = cacheDir("shared");
        CoverArtCache cache(dir);
        const QByteArray cover = fixtures::makeCover(500, QColor(10, 200, 90));
        const QString key = cache.store(cover);
        QVERIFY(!key.isEmpty());
        for (int i = 0; i < 12; ++i)
            QCOMPARE(cache.store(cover), key);
        QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 2);
        // A second cache object on the same folder (another scan) finds the files.
        CoverArtCache again(dir);
        QVERIFY(again.contains(key));
        QCOMPARE(again.store(cover), key);
        // Different bytes, different key.
        const QString other = cache.store(fixtures::makeCover(500, QColor(200, 10, 90)));
        QVERIFY(!other.isEmpty());
        QVERIFY(other != key);
        QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 4);
    }

    void transparentPngIsFlattened()
    {
        QImage image(400, 400, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        CoverArtCache cache(cacheDir("alpha"));
        const QString key = cache.store(encode(image, "PNG"));
        QVERIFY(!key.isEmpty());
        const QImage large(cache.thumbnailPath(key));
        QCOMPARE(large.size(), QSize(320, 320));
        QVERIFY(qGray(large.pixel(10, 10)) < 40); // dark background, not undefined colours
    }

    void corruptImagesAreIgnored_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("definitely not an image");
        QTest::newRow("jpeg header then garbage") << QByteArray("\xff\xd8\xff\xe0\x00\x10JFIF", 10) + QByteArray(500, 'x');
        QTest::newRow("png signature only") << QByteArray("\x89PNG\r\n\x1a\n", 8);
        QTest::newRow("truncated jpeg") << fixtures::makeCover(300, Qt::red).left(40);
    }

    void corruptImagesAreIgnored()
    {
        QFETCH(QByteArray, bytes);
        const QString dir = cacheDir("corrupt");
        CoverArtCache cache(dir);
        QVERIFY(cache.store(bytes).isEmpty());
        QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 0);
    }

    void storeFile()
    {
        const QString image = m_dir.filePath(QStringLiteral("folder.jpg"));
        QFile f(image);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray bytes = fixtures::makeCover(400, Qt::blue);
        f.write(bytes);
        f.close();
        CoverArtCache cache(cacheDir("files"));
        QCOMPARE(cache.storeFile(image), CoverArtCache::keyFor(bytes));
        QVERIFY(cache.storeFile(m_dir.filePath(QStringLiteral("missing.jpg"))).isEmpty());
    }

    void concurrentStores()
    {
        const QString dir = cacheDir("threads");
        CoverArtCache cache(dir);
        QList<QByteArray> covers;
        for (int i = 0; i < 16; ++i)
            covers << fixtures::makeCover(600, QColor::fromHsv(i * 20, 200, 200));
        QList<QByteArray> work;
        for (int round = 0; round < 3; ++round)
            work += covers;
        const QList<QString> keys = QtConcurrent::blockingMapped(work, [&](const QByteArray &b) { return cache.store(b); });
        for (qsizetype i = 0; i < work.size(); ++i)
            QCOMPARE(keys.at(i), CoverArtCache::keyFor(work.at(i)));
        QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 32);
        for (const QString &key : keys)
            QVERIFY(!QImage(cache.thumbnailPath(key)).isNull());
    }

    void pickFolderImage_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << QStringList{QStringLiteral("song.mp3")} << QString();
        QTest::newRow("cover.jpg") << QStringList{QStringLiteral("a.mp3"), QStringLiteral("cover.jpg")} << "cover.jpg";
        QTest::newRow("upper case") << QStringList{QStringLiteral("FOLDER.JPG")} << "FOLDER.JPG";
        QTest::newRow("jpeg and png") << QStringList{QStringLiteral("Front.jpeg"), QStringLiteral("album.png")} << "Front.jpeg";
        QTest::newRow("cover beats folder") << QStringList{QStringLiteral("folder.jpg"), QStringLiteral("Cover.png")} << "Cover.png";
        QTest::newRow("other images ignored") << QStringList{QStringLiteral("back.jpg"), QStringLiteral("scan1.png")} << QString();
        QTest::newRow("wrong type ignored") << QStringList{QStringLiteral("cover.gif"), QStringLiteral("cover.jpg.txt")} << QString();
        QTest::newRow("hidden-like name") << QStringList{QStringLiteral(".jpg")} << QString();
    }

    void pickFolderImage()
    {
        QFETCH(QStringList, names);
        QFETCH(QString, expected);
        QCOMPARE(CoverArtCache::pickFolderImage(names), expected);
    }

    void findFolderImage()
    {
        const QString album = m_dir.filePath(QStringLiteral("album"));
        QVERIFY(QDir().mkpath(album));
        QVERIFY(CoverArtCache::findFolderImage(album).isEmpty());
        QFile f(album + QStringLiteral("/Folder.PNG"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(fixtures::makeCover(64, Qt::green, "PNG"));
        f.close();
        QCOMPARE(CoverArtCache::findFolderImage(album), album + QStringLiteral("/Folder.PNG"));
    }
};

QTEST_GUILESS_MAIN(TestCoverArt)
#include "tst_coverart.moc"
