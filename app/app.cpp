#include "app/app.h"

#include "app/analysiscontroller.h"
#include "app/appsettings.h"
#include "app/databasethread.h"
#include "app/idlewatcher.h"
#include "app/imageproviders.h"
#include "app/library.h"
#include "app/mprisservice.h"
#include "app/player.h"
#include "app/queuemodel.h"
#include "app/taste.h"
#include "app/tastequeuesource.h"
#include "core/database.h"
#include "core/settingsstore.h"

#include <QGuiApplication>
#include <QQmlEngine>
#include <QSqlQuery>

namespace bytewave {

QueueSource *createQueueSource(const QString &dbPath, QObject *parent)
{
    return new TasteQueueSource(dbPath, parent);
}

namespace {

AppConfig &globalConfig()
{
    static AppConfig config;
    return config;
}
} // namespace

void App::configure(const AppConfig &config)
{
    globalConfig() = config;
}

App *App::create(QQmlEngine *engine, QJSEngine *)
{
    AppConfig config = globalConfig();
    if (config.dbPath.isEmpty())
        config.dbPath = Database::defaultPath();
    installImageProviders(engine);
    return new App(config);
}

void App::prepareEnvironment()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    const bool touchPlatform = platform.startsWith("eglfs") || platform.startsWith("linuxfb");
    if (touchPlatform && qEnvironmentVariableIsEmpty("QT_IM_MODULE"))
        qputenv("QT_IM_MODULE", "qtvirtualkeyboard");

    bool ok = false;
    const int rotation = qEnvironmentVariableIntValue("QT_QPA_EGLFS_ROTATION", &ok);
    if (platform.startsWith("eglfs") && ok && rotation % 360 != 0
        && qEnvironmentVariableIsEmpty("QT_QPA_EVDEV_TOUCHSCREEN_PARAMETERS")) {
        qputenv("QT_QPA_EGLFS_NO_LIBINPUT", "1");
        qputenv("QT_QPA_EVDEV_TOUCHSCREEN_PARAMETERS", "rotate=" + QByteArray::number((rotation % 360 + 360) % 360));
    }
}

bool App::virtualKeyboard() const
{
    return qgetenv("QT_IM_MODULE") == "qtvirtualkeyboard";
}

App::App(const AppConfig &config, QObject *parent)
    : QObject(parent),
      m_config(config),
      m_db(new DatabaseThread(config.dbPath, this)),
      m_source(createQueueSource(config.dbPath, this)),
      m_library(new Library(m_db, config.startServices && config.backgroundWork ? config.dbPath : QString(),
                            config.libraryDirs, this)),
      m_player(new Player(m_source, m_db, this)),
      m_queue(new QueueModel(this)),
      m_taste(new Taste(m_source, m_db, this)),
      m_settings(new AppSettings(m_db, this)),
      m_idle(new IdleWatcher(this))
{
    m_player->setAlbumLookup([this](const QString &key) { return m_library->albumTrackIds(key); });
    connect(m_player, &Player::upNextChanged, this, [this] { m_queue->setQueue(m_player->upNext()); });
    connect(m_player, &Player::notice, this, &App::notice);
    connect(m_library, &Library::message, this, [this](const QString &text) { emit notice(text, false); });
    connect(m_library, &Library::tracksChanged, m_source, &QueueSource::reload);
    connect(m_library, &Library::snapshotChanged, this, [this] {
        m_player->setSnapshot(m_library->snapshot());
        m_queue->setSnapshot(m_library->snapshot());
        onFirstSnapshot();
    });
    connect(m_settings, &AppSettings::dimMinutesChanged, this,
            [this] { m_idle->setTimeoutMinutes(m_settings->dimMinutes()); });

    if (!config.startServices)
        return;

    if (config.backgroundWork)
        startAnalysis();

    m_db->run<QHash<QString, QString>>(
        [](Database *db) {
            QHash<QString, QString> values;
            if (!db)
                return values;
            QSqlQuery &q = db->query(QStringLiteral("SELECT key, value FROM settings"));
            if (q.exec()) {
                while (q.next())
                    values.insert(q.value(0).toString(), q.value(1).toString());
            }
            return values;
        },
        this,
        [this](const QHash<QString, QString> &values) {
            m_settings->apply(values);
            if (values.contains(QStringLiteral("player.volume")))
                m_player->setVolume(values.value(QStringLiteral("player.volume")).toDouble());
            m_player->setNormalise(values.value(QStringLiteral("player.normalise")) != QStringLiteral("0"));
            m_savedTrack = values.value(QStringLiteral("player.track_id")).toLongLong();
            m_savedPosition = values.value(QStringLiteral("player.position_s")).toDouble();
            m_settingsLoaded = true;
            onFirstSnapshot();
            if (m_analysis)
                m_analysis->start(); // after the settings: on/off and jobs
        });
    m_source->start();
    m_library->start();
    m_taste->refresh();
    m_mpris = new MprisService(m_player, this);
}

App::~App()
{
    // Player saves its state through the database thread; let it do so before the thread ends.
    delete m_mpris;
    m_mpris = nullptr;
    delete m_analysis; // stops the analysis threads before the database goes
    m_analysis = nullptr;
    delete m_player;
    m_player = nullptr;
    m_db->stop();
}

void App::startAnalysis()
{
    m_analysis = new AnalysisController(m_config.dbPath, m_settings, m_taste, this);
    connect(m_library, &Library::tracksChanged, m_analysis, &AnalysisController::refresh);
    // Newly analysed loudness feeds volume normalisation and the library's view.
    connect(m_analysis, &AnalysisController::analysed, m_library, &Library::reload);
    connect(m_player, &Player::upNextChanged, this, [this] {
        // What plays soon is analysed first.
        QList<qint64> next;
        for (const QueueEntry &e : m_player->upNext().mid(0, 10))
            next << e.trackId;
        if (m_player->hasTrack())
            next.prepend(m_player->trackId());
        if (next != m_prioritised) {
            m_prioritised = next;
            m_analysis->prioritise(next);
        }
    });
}

void App::onFirstSnapshot()
{
    if (m_restored || !m_settingsLoaded || !m_library->loaded())
        return;
    m_restored = true;
    m_player->restore(m_savedTrack, m_savedPosition);
}

} // namespace bytewave
