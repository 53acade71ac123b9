// MPRIS 2 on a private D-Bus session bus (a dbus-daemon the test starts): the player is visible
// with its metadata and answers PlayPause and Next; without a bus the service stays off.
#include "app/databasethread.h"
#include "app/librarysnapshot.h"
#include "app/mprisservice.h"
#include "app/player.h"
#include "fakequeuesource.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusReply>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bytewave;

class TestMprisService : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void exposesThePlayer();

private:
    QProcess m_bus;
    QTemporaryDir m_dir;
};

void TestMprisService::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty())
        QSKIP("dbus-daemon is not installed");
    m_bus.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--session"), QStringLiteral("--nofork"),
                                                QStringLiteral("--print-address=1")});
    QVERIFY(m_bus.waitForStarted(5000));
    QVERIFY(m_bus.waitForReadyRead(5000));
    const QByteArray address = m_bus.readLine().trimmed();
    QVERIFY(!address.isEmpty());
    // Before the first use of the session bus in this process.
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    QVERIFY(QDBusConnection::sessionBus().isConnected());
}

void TestMprisService::cleanupTestCase()
{
    if (m_bus.state() != QProcess::NotRunning) {
        m_bus.terminate();
        m_bus.waitForFinished(3000);
    }
}

void TestMprisService::exposesThePlayer()
{
    TrackInfo a;
    a.id = 5;
    a.path = m_dir.filePath(QStringLiteral("a.wav")); // never played: the player stays paused
    a.title = QStringLiteral("Teardrop");
    a.artist = QStringLiteral("Massive Attack");
    a.album = QStringLiteral("Mezzanine");
    a.durationS = 330;
    a.tempoBpm = 80.6;
    TrackInfo b = a;
    b.id = 6;
    b.title = QStringLiteral("Angel");
    b.tempoBpm = 0; // no steady pulse
    test::FakeQueueSource source;
    DatabaseThread db(m_dir.filePath(QStringLiteral("mpris.db")));
    Player player(&source, &db);
    player.setSnapshot(LibrarySnapshot::build({a, b}));
    emit source.queueChanged({{6, 1, QStringLiteral("Because")}});
    player.restore(5, 10);

    MprisService service(&player);
    QVERIFY(service.isRegistered());
    const QString name = QStringLiteral("org.mpris.MediaPlayer2.bytewave.instance%1").arg(QCoreApplication::applicationPid());
    QVERIFY(QDBusConnection::sessionBus().interface()->isServiceRegistered(name));

    QDBusInterface root(name, QStringLiteral("/org/mpris/MediaPlayer2"), QStringLiteral("org.mpris.MediaPlayer2"));
    QCOMPARE(root.property("Identity").toString(), QStringLiteral("ByteWave"));

    QDBusInterface mpris(name, QStringLiteral("/org/mpris/MediaPlayer2"), QStringLiteral("org.mpris.MediaPlayer2.Player"));
    QVERIFY(mpris.isValid());
    QCOMPARE(mpris.property("PlaybackStatus").toString(), QStringLiteral("Paused"));
    const QVariantMap metadata = qdbus_cast<QVariantMap>(mpris.property("Metadata"));
    QCOMPARE(metadata.value(QStringLiteral("xesam:title")).toString(), QStringLiteral("Teardrop"));
    QCOMPARE(metadata.value(QStringLiteral("xesam:artist")).toStringList(), QStringList{QStringLiteral("Massive Attack")});
    QCOMPARE(metadata.value(QStringLiteral("xesam:audioBPM")).toInt(), 81);

    // Next from a media key is a skip, and the next queued track comes up.
    QDBusReply<void> next = mpris.call(QStringLiteral("Next"));
    QVERIFY2(next.isValid(), qPrintable(next.error().message()));
    QTRY_COMPARE(player.trackId(), qint64(6));
    const QVariantMap after = qdbus_cast<QVariantMap>(mpris.property("Metadata"));
    QCOMPARE(after.value(QStringLiteral("xesam:title")).toString(), QStringLiteral("Angel"));
    QVERIFY(!after.contains(QStringLiteral("xesam:audioBPM"))); // no tempo, no field
}

QTEST_GUILESS_MAIN(TestMprisService)
#include "tst_mprisservice.moc"
