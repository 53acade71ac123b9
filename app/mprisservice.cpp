#include "app/mprisservice.h"

#include "app/player.h"
#include "core/logging.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QUrl>

#include <cmath>

namespace bytewave {

namespace {
const QString kObjectPath = QStringLiteral("/org/mpris/MediaPlayer2");
const QString kPlayerInterface = QStringLiteral("org.mpris.MediaPlayer2.Player");

QDBusObjectPath trackPath(qint64 id)
{
    return QDBusObjectPath(QStringLiteral("/org/bytewave/track/%1").arg(id > 0 ? id : 0));
}
} // namespace

MprisService::MprisService(Player *player, QObject *parent) : QObject(parent), m_player(player)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        qCInfo(lcPlayer) << "no D-Bus session bus; MPRIS is off";
        return;
    }
    new MprisRootAdaptor(this);
    auto *playerAdaptor = new MprisPlayerAdaptor(this);
    // One name per process, so a second instance (or a test) does not fight over it.
    m_serviceName = QStringLiteral("org.mpris.MediaPlayer2.bytewave.instance%1")
                        .arg(QCoreApplication::applicationPid());
    if (!bus.registerObject(kObjectPath, this) || !bus.registerService(m_serviceName)) {
        qCInfo(lcPlayer) << "cannot register MPRIS on the session bus:" << bus.lastError().message();
        bus.unregisterObject(kObjectPath);
        return;
    }
    m_registered = true;

    // A new track changes the title, the duration and the analysis at once: one Metadata
    // signal for all of them, sent when control returns to the event loop.
    const auto metadataChanged = [this] {
        if (m_metadataPending)
            return;
        m_metadataPending = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_metadataPending = false;
                propertiesChanged(kPlayerInterface, {{QStringLiteral("Metadata"), metadata()}});
            },
            Qt::QueuedConnection);
    };
    connect(player, &Player::trackChanged, this, metadataChanged);
    connect(player, &Player::durationChanged, this, metadataChanged);
    connect(player, &Player::analysisChanged, this, metadataChanged);
    connect(player, &Player::playingChanged, this, [this] {
        propertiesChanged(kPlayerInterface, {{QStringLiteral("PlaybackStatus"), playbackStatus()}});
    });
    connect(player, &Player::volumeChanged, this, [this] {
        propertiesChanged(kPlayerInterface, {{QStringLiteral("Volume"), m_player->volume()}});
    });
    Q_UNUSED(playerAdaptor);
}

MprisService::~MprisService()
{
    if (m_registered) {
        QDBusConnection bus = QDBusConnection::sessionBus();
        bus.unregisterService(m_serviceName);
        bus.unregisterObject(kObjectPath);
    }
}

QString MprisService::playbackStatus() const
{
    if (m_player->playing())
        return QStringLiteral("Playing");
    return m_player->hasTrack() ? QStringLiteral("Paused") : QStringLiteral("Stopped");
}

QVariantMap MprisService::metadata() const
{
    if (!m_player->hasTrack())
        return {{QStringLiteral("mpris:trackid"), QVariant::fromValue(trackPath(0))}};
    QVariantMap map{
        {QStringLiteral("mpris:trackid"), QVariant::fromValue(trackPath(m_player->trackId()))},
        {QStringLiteral("mpris:length"), qlonglong(m_player->duration() * 1e6)},
        {QStringLiteral("xesam:title"), m_player->title()},
        {QStringLiteral("xesam:artist"), QStringList{m_player->artist()}},
        {QStringLiteral("xesam:album"), m_player->album()},
    };
    if (m_player->tempoBpm() > 0) // an integer in the xesam vocabulary
        map.insert(QStringLiteral("xesam:audioBPM"), int(std::lround(m_player->tempoBpm())));
    return map;
}

void MprisService::propertiesChanged(const QString &interface, const QVariantMap &changed)
{
    QDBusMessage signal = QDBusMessage::createSignal(
        kObjectPath, QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("PropertiesChanged"));
    signal << interface << changed << QStringList();
    QDBusConnection::sessionBus().send(signal);
}

MprisRootAdaptor::MprisRootAdaptor(MprisService *service) : QDBusAbstractAdaptor(service) {}

MprisPlayerAdaptor::MprisPlayerAdaptor(MprisService *service)
    : QDBusAbstractAdaptor(service), m_service(service)
{
}

QString MprisPlayerAdaptor::playbackStatus() const
{
    return m_service->playbackStatus();
}

QVariantMap MprisPlayerAdaptor::metadata() const
{
    return m_service->metadata();
}

double MprisPlayerAdaptor::volume() const
{
    return m_service->player()->volume();
}

void MprisPlayerAdaptor::setVolume(double value)
{
    m_service->player()->setVolume(value);
}

qlonglong MprisPlayerAdaptor::position() const
{
    return qlonglong(m_service->player()->position() * 1e6);
}

void MprisPlayerAdaptor::Next()
{
    m_service->player()->skip();
}

void MprisPlayerAdaptor::Previous()
{
    m_service->player()->previous();
}

void MprisPlayerAdaptor::Pause()
{
    m_service->player()->pause();
}

void MprisPlayerAdaptor::PlayPause()
{
    m_service->player()->togglePlay();
}

void MprisPlayerAdaptor::Stop()
{
    m_service->player()->pause();
}

void MprisPlayerAdaptor::Play()
{
    m_service->player()->play();
}

void MprisPlayerAdaptor::Seek(qlonglong offsetUs)
{
    Player *p = m_service->player();
    const double target = p->position() + offsetUs / 1e6;
    if (target > p->duration()) {
        p->skip(); // the spec: seeking past the end acts like Next
        return;
    }
    p->seek(std::max(0.0, target));
    emit Seeked(qlonglong(p->position() * 1e6));
}

void MprisPlayerAdaptor::SetPosition(const QDBusObjectPath &trackId, qlonglong positionUs)
{
    Player *p = m_service->player();
    if (trackId.path() != trackPath(p->trackId()).path() || positionUs < 0
        || positionUs > qlonglong(p->duration() * 1e6))
        return;
    p->seek(positionUs / 1e6);
    emit Seeked(positionUs);
}

} // namespace bytewave
