// App::prepareEnvironment(): what the player sets up before Qt starts, per platform.

#include "app/app.h"

#include <QtTest>

using namespace bytewave;

class TestAppEnvironment : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { init(); }
    void touchFollowsScreenRotation_data();
    void touchFollowsScreenRotation();
    void keyboardOnTouchPlatformsOnly_data();
    void keyboardOnTouchPlatformsOnly();
};

namespace {
const char *const kVariables[] = {"QT_QPA_PLATFORM", "QT_QPA_EGLFS_ROTATION", "QT_QPA_EGLFS_NO_LIBINPUT",
                                  "QT_QPA_EVDEV_TOUCHSCREEN_PARAMETERS", "QT_IM_MODULE"};

void setOrUnset(const char *name, const QByteArray &value)
{
    if (value.isNull())
        qunsetenv(name);
    else
        qputenv(name, value);
}
} // namespace

void TestAppEnvironment::init()
{
    for (const char *name : kVariables)
        qunsetenv(name);
}

void TestAppEnvironment::touchFollowsScreenRotation_data()
{
    QTest::addColumn<QByteArray>("platform");
    QTest::addColumn<QByteArray>("rotation");
    QTest::addColumn<QByteArray>("touchParameters"); // set before
    QTest::addColumn<QByteArray>("expectedParameters");
    QTest::addColumn<bool>("evdev");

    QTest::newRow("upside down") << QByteArray("eglfs") << QByteArray("180") << QByteArray() << QByteArray("rotate=180") << true;
    QTest::newRow("portrait") << QByteArray("eglfs") << QByteArray("90") << QByteArray() << QByteArray("rotate=90") << true;
    QTest::newRow("negative angle") << QByteArray("eglfs") << QByteArray("-90") << QByteArray() << QByteArray("rotate=270") << true;
    QTest::newRow("not rotated") << QByteArray("eglfs") << QByteArray("0") << QByteArray() << QByteArray() << false;
    QTest::newRow("no rotation set") << QByteArray("eglfs") << QByteArray() << QByteArray() << QByteArray() << false;
    QTest::newRow("not a number") << QByteArray("eglfs") << QByteArray("upside") << QByteArray() << QByteArray() << false;
    QTest::newRow("site's own touch settings win")
        << QByteArray("eglfs") << QByteArray("180") << QByteArray("/dev/input/event2:rotate=180:invertx")
        << QByteArray("/dev/input/event2:rotate=180:invertx") << false;
    QTest::newRow("desktop ignores eglfs rotation") << QByteArray("xcb") << QByteArray("180") << QByteArray() << QByteArray() << false;
}

void TestAppEnvironment::touchFollowsScreenRotation()
{
    QFETCH(QByteArray, platform);
    QFETCH(QByteArray, rotation);
    QFETCH(QByteArray, touchParameters);
    QFETCH(QByteArray, expectedParameters);
    QFETCH(bool, evdev);
    setOrUnset("QT_QPA_PLATFORM", platform);
    setOrUnset("QT_QPA_EGLFS_ROTATION", rotation);
    setOrUnset("QT_QPA_EVDEV_TOUCHSCREEN_PARAMETERS", touchParameters);

    App::prepareEnvironment();

    QCOMPARE(qgetenv("QT_QPA_EVDEV_TOUCHSCREEN_PARAMETERS"), expectedParameters);
    QCOMPARE(qgetenv("QT_QPA_EGLFS_NO_LIBINPUT") == "1", evdev);
}

void TestAppEnvironment::keyboardOnTouchPlatformsOnly_data()
{
    QTest::addColumn<QByteArray>("platform");
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("eglfs") << QByteArray("eglfs") << QByteArray() << QByteArray("qtvirtualkeyboard");
    QTest::newRow("linuxfb") << QByteArray("linuxfb:fb=/dev/fb0") << QByteArray() << QByteArray("qtvirtualkeyboard");
    QTest::newRow("desktop") << QByteArray("xcb") << QByteArray() << QByteArray();
    QTest::newRow("own input method kept") << QByteArray("eglfs") << QByteArray("ibus") << QByteArray("ibus");
}

void TestAppEnvironment::keyboardOnTouchPlatformsOnly()
{
    QFETCH(QByteArray, platform);
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, expected);
    setOrUnset("QT_QPA_PLATFORM", platform);
    setOrUnset("QT_IM_MODULE", before);

    App::prepareEnvironment();

    QCOMPARE(qgetenv("QT_IM_MODULE"), expected);
}

QTEST_GUILESS_MAIN(TestAppEnvironment)
#include "tst_appenvironment.moc"
