// bytewave: the touchscreen player.

#include "app/app.h"
#include "core/database.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(ByteWave_UIPlugin)
Q_IMPORT_QML_PLUGIN(ByteWave_AppPlugin)

namespace {

// Without a display Qt's default platform aborts with a cryptic xcb message; say what to do.
bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
           || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

} // namespace

int main(int argc, char *argv[])
{
    if (!hasDisplay()) {
        std::fputs("ByteWave: no display found (DISPLAY and WAYLAND_DISPLAY are unset).\n"
                   "  Offscreen:            QT_QPA_PLATFORM=offscreen bytewave ...\n"
                   "  Raspberry Pi screen:  QT_QPA_PLATFORM=eglfs bytewave ...\n"
                   "  Command line:         bytewave-cli --help\n",
                   stderr);
        return 2;
    }

    bytewave::App::prepareEnvironment();
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("ByteWave"));
    QGuiApplication::setOrganizationName(QStringLiteral("ByteWave"));
    QGuiApplication::setApplicationVersion(QStringLiteral(BYTEWAVE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ByteWave: a private music player that learns your taste."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("library"),
                      QStringLiteral("Music folder to play (default: %1).")
                          .arg(QStandardPaths::writableLocation(QStandardPaths::MusicLocation)),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("Database file (default: %1).").arg(bytewave::Database::defaultPath()),
                      QStringLiteral("FILE")});
    parser.process(app);

    bytewave::AppConfig config;
    config.dbPath = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db"))
                                                      : bytewave::Database::defaultPath();
    config.libraryDirs = parser.values(QStringLiteral("library"));
    bytewave::App::configure(config);

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app,
                     [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/ByteWave/UI/Main.qml")));
    return QGuiApplication::exec();
}
