// App's start-up: the track and position of the last session come back, paused; without a D-Bus
// session bus MPRIS stays off. The whole test runs without a session bus (initTestCase),
// whatever the machine has. (The environment App::prepareEnvironment sets: tst_appenvironment.)
#include "app/app.h"
#include "app/databasethread.h"
#include "app/mprisservice.h"
#include "app/player.h"
#include "core/database.h"
#include "core/settingsstore.h"
#include "fakequeuesource.h"
#include "fixturelibrary.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bytewave;

class TestApp : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void restoresTheLastSessionsTrackAndPosition();
    void mprisStaysOffWithoutASessionBus();
};

void TestApp::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Before anything in this process asks for the session bus: one that is not there.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bytewave-test-bus");
}

void TestApp::restoresTheLastSessionsTrackAndPosition()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dbPath = dir.filePath(QStringLiteral("app.db"));
    {
        Database db;
        QVERIFY(db.open(dbPath));
        QCOMPARE(test::fillLibrary(db, 20, {}, dir.filePath(QStringLiteral("audio"))), 20);
        SettingsStore settings(db);
        QVERIFY(settings.setValue(QStringLiteral("player.track_id"), QStringLiteral("7")));
        QVERIFY(settings.setNumber(QStringLiteral("player.position_s"), 1.25));
    }
    AppConfig config;
    config.dbPath = dbPath;
    config.backgroundWork = false;
    App app(config);
    Player *player = app.player();
    QTRY_COMPARE_WITH_TIMEOUT(player->trackId(), qint64(7), 10000);
    QVERIFY(!player->playing());
    QVERIFY2(std::abs(player->position() - 1.25) < 0.3, qPrintable(QString::number(player->position())));
}

void TestApp::mprisStaysOffWithoutASessionBus()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::FakeQueueSource source;
    DatabaseThread db(dir.filePath(QStringLiteral("mpris.db")));
    Player player(&source, &db);
    MprisService mpris(&player);
    QVERIFY(!mpris.isRegistered());
    player.togglePlay(); // and the player goes on as before
}

QTEST_MAIN(TestApp)
#include "tst_app.moc"
