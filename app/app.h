#pragma once

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace bytewave {

class AnalysisController;
class AppSettings;
class DatabaseThread;
class IdleWatcher;
class Library;
class MprisService;
class Player;
class QueueModel;
class QueueSource;
class Taste;

struct AppConfig
{
    QString dbPath;          // the database file
    QStringList libraryDirs; // --library folders added to the library
    bool startServices = true; // false for tests that only want the objects
    bool backgroundWork = true; // false: no scanning or analysis; show what the database holds
};

// Everything the QML UI talks to, created once per engine. main() sets the configuration
// before loading Main.qml; QML reaches the objects as App.player, App.queue, App.library, ...
class App : public QObject
{
    Q_OBJECT
    Q_MOC_INCLUDE("app/appsettings.h")
    Q_MOC_INCLUDE("app/idlewatcher.h")
    Q_MOC_INCLUDE("app/library.h")
    Q_MOC_INCLUDE("app/player.h")
    Q_MOC_INCLUDE("app/queuemodel.h")
    Q_MOC_INCLUDE("app/taste.h")
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bytewave::Player *player READ player CONSTANT)
    Q_PROPERTY(bytewave::QueueModel *queue READ queue CONSTANT)
    Q_PROPERTY(bytewave::Library *library READ library CONSTANT)
    Q_PROPERTY(bytewave::Taste *taste READ taste CONSTANT)
    Q_PROPERTY(bytewave::AppSettings *settings READ settings CONSTANT)
    Q_PROPERTY(bytewave::IdleWatcher *idle READ idle CONSTANT)
    Q_PROPERTY(bool virtualKeyboard READ virtualKeyboard CONSTANT)
public:
    explicit App(const AppConfig &config, QObject *parent = nullptr);
    ~App() override;

    static void configure(const AppConfig &config);
    static App *create(QQmlEngine *engine, QJSEngine *);
    // Before the QGuiApplication exists. On a touchscreen platform (eglfs, linuxfb) sets
    // QT_IM_MODULE for the on-screen keyboard (a desktop keeps its own input method). On eglfs
    // with QT_QPA_EGLFS_ROTATION set, turns the touch input by the same angle: eglfs rotates
    // only what it draws, and Qt's libinput handler has no rotation, so this selects Qt's evdev
    // touch handler with rotate=N. An explicit QT_QPA_EVDEV_TOUCHSCREEN_PARAMETERS is kept.
    static void prepareEnvironment();

    Player *player() { return m_player; }
    QueueModel *queue() { return m_queue; }
    Library *library() { return m_library; }
    Taste *taste() { return m_taste; }
    AppSettings *settings() { return m_settings; }
    IdleWatcher *idle() { return m_idle; }
    QueueSource *source() { return m_source; }
    bool virtualKeyboard() const;

signals:
    // A short, non-blocking line for the listener; undoable when an Undo button makes sense.
    void notice(const QString &text, bool undoable);

private:
    void onFirstSnapshot();
    void startAnalysis(); // when ByteWave::Analysis is in the build

    AppConfig m_config;
    DatabaseThread *m_db;
    QueueSource *m_source;
    Library *m_library;
    Player *m_player;
    QueueModel *m_queue;
    Taste *m_taste;
    AppSettings *m_settings;
    IdleWatcher *m_idle;
    MprisService *m_mpris = nullptr;
    AnalysisController *m_analysis = nullptr;
    QList<qint64> m_prioritised;
    bool m_restored = false;
    qint64 m_savedTrack = 0;
    double m_savedPosition = 0;
    bool m_settingsLoaded = false;
};

} // namespace bytewave
