// Icons are drawn in the colour asked for; cover keys resolve to the scanner's thumbnails.
#include "app/imageproviders.h"

#include <QImageReader>
#include <QTest>

using namespace bytewave;

class TestImageProviders : public QObject
{
    Q_OBJECT
private slots:
    void coverKeys_data();
    void coverKeys();
    void iconInColour();
    void unknownIconIsEmpty();
};

void TestImageProviders::coverKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("size");
    QTest::addColumn<QString>("expected");
    QTest::newRow("list row") << QStringLiteral("abc123") << 52 << QStringLiteral("/cache/abc123-96.jpg");
    QTest::newRow("now playing") << QStringLiteral("abc123") << 400 << QStringLiteral("/cache/abc123-320.jpg");
    QTest::newRow("unknown size") << QStringLiteral("abc123") << 0 << QStringLiteral("/cache/abc123-320.jpg");
    QTest::newRow("absolute file") << QStringLiteral("%2Ftmp%2Fcover.png") << 52 << QStringLiteral("/tmp/cover.png");
}

void TestImageProviders::coverKeys()
{
    QFETCH(QString, key);
    QFETCH(int, size);
    QFETCH(QString, expected);
    QCOMPARE(CoverImageProvider::resolve(QStringLiteral("/cache"), key, size), expected);
}

void TestImageProviders::iconInColour()
{
    if (!QImageReader::supportedImageFormats().contains("svg"))
        QSKIP("Qt's SVG image plugin (libqt6svg6) is not installed");
    IconImageProvider provider;
    QSize size;
    const QImage image = provider.requestImage(QStringLiteral("play/ff0000"), &size, QSize(48, 48));
    QCOMPARE(size, QSize(48, 48));
    // The triangle's middle is drawn in the requested red.
    const QColor middle = image.pixelColor(24, 24);
    QVERIFY2(middle.red() > 200 && middle.green() < 40 && middle.blue() < 40, qPrintable(middle.name()));
    QCOMPARE(image.pixelColor(2, 2).alpha(), 0); // transparent around it
}

void TestImageProviders::unknownIconIsEmpty()
{
    IconImageProvider provider;
    QSize size;
    QVERIFY(provider.requestImage(QStringLiteral("no-such-icon/ffffff"), &size, QSize(24, 24)).isNull());
}

QTEST_MAIN(TestImageProviders)
#include "tst_imageproviders.moc"
