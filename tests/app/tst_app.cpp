// App's start-up choices that do not need a window: the on-screen keyboard is chosen on the
// touchscreen platforms (eglfs, linuxfb) and left alone on desktops or when the user chose one.
#include "app/app.h"

#include <QTest>

using namespace bytewave;

class TestApp : public QObject
{
    Q_OBJECT
private slots:
    void virtualKeyboardOnTouchscreens_data();
    void virtualKeyboardOnTouchscreens();
};

void TestApp::virtualKeyboardOnTouchscreens_data()
{
    QTest::addColumn<QByteArray>("platform");
    QTest::addColumn<QByteArray>("imBefore");
    QTest::addColumn<QByteArray>("imAfter");
    QTest::newRow("eglfs (the Pi's display)") << QByteArray("eglfs") << QByteArray() << QByteArray("qtvirtualkeyboard");
    QTest::newRow("eglfs with options") << QByteArray("eglfs:/dev/dri/card1") << QByteArray() << QByteArray("qtvirtualkeyboard");
    QTest::newRow("linuxfb") << QByteArray("linuxfb") << QByteArray() << QByteArray("qtvirtualkeyboard");
    QTest::newRow("desktop (xcb)") << QByteArray("xcb") << QByteArray() << QByteArray();
    QTest::newRow("desktop (wayland)") << QByteArray("wayland") << QByteArray() << QByteArray();
    QTest::newRow("user's own input method kept") << QByteArray("eglfs") << QByteArray("ibus") << QByteArray("ibus");
}

void TestApp::virtualKeyboardOnTouchscreens()
{
    QFETCH(QByteArray, platform);
    QFETCH(QByteArray, imBefore);
    QFETCH(QByteArray, imAfter);
    const QByteArray savedPlatform = qgetenv("QT_QPA_PLATFORM");
    const QByteArray savedIm = qgetenv("QT_IM_MODULE");
    qputenv("QT_QPA_PLATFORM", platform);
    if (imBefore.isEmpty())
        qunsetenv("QT_IM_MODULE");
    else
        qputenv("QT_IM_MODULE", imBefore);

    App::prepareEnvironment();
    const QByteArray im = qgetenv("QT_IM_MODULE");

    qputenv("QT_QPA_PLATFORM", savedPlatform);
    if (savedIm.isEmpty())
        qunsetenv("QT_IM_MODULE");
    else
        qputenv("QT_IM_MODULE", savedIm);
    QCOMPARE(im, imAfter);
}

QTEST_GUILESS_MAIN(TestApp)
#include "tst_app.moc"
