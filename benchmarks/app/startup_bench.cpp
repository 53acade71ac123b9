// Start-up benchmark: time to the first frame and resident memory of the player with a
// 10,000-track library (rows written straight into the database; no audio is needed).
//
//   bytewave_startup_bench [--tracks N] [--runs R]
//
// Each run is a fresh process (the program runs itself with --child) that does what main()
// does: QGuiApplication, the App configuration, Main.qml. It reports the time from process
// start (kernel start time, so dynamic loading counts) to the first frame, to the first frame
// that shows the loaded library, and VmRSS / VmHWM at that point.
#include "analysis/trackanalyzer.h"
#include "app/app.h"
#include "core/database.h"
#include "fixturelibrary.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QSqlQuery>
#include <QQmlApplicationEngine>
#include <QQmlProperty>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <unistd.h>

Q_IMPORT_QML_PLUGIN(ByteWave_UIPlugin)
Q_IMPORT_QML_PLUGIN(ByteWave_AppPlugin)

namespace {

// Milliseconds since this process was started by the kernel.
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray s = stat.readAll();
    // Field 22 (starttime, clock ticks after boot); the command name (field 2) may hold spaces.
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble();
    const double up = uptime.readAll().split(' ').value(0).toDouble();
    return (up - startTicks / double(sysconf(_SC_CLK_TCK))) * 1000.0;
}

double statusMb(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(int(qstrlen(key))).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

int child(int argc, char *argv[], const QString &dbPath)
{
    QGuiApplication app(argc, argv);
    bytewave::AppConfig config;
    config.dbPath = dbPath;
    bytewave::App::configure(config);

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    double firstFrame = -1;
    double libraryFrame = -1;
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreated, &app, [&](QObject *root) {
        auto *window = qobject_cast<QQuickWindow *>(root);
        if (!window)
            return;
        QObject::connect(window, &QQuickWindow::frameSwapped, &app, [&, window] {
            if (firstFrame < 0)
                firstFrame = msSinceProcessStart();
            QObject *shell = window->findChild<QObject *>(QStringLiteral("shell"));
            QObject *library = shell ? QQmlProperty::read(shell, QStringLiteral("library")).value<QObject *>() : nullptr;
            QObject *player = shell ? QQmlProperty::read(shell, QStringLiteral("player")).value<QObject *>() : nullptr;
            if (libraryFrame < 0 && library && library->property("trackCount").toInt() > 0 && player
                && player->property("hasTrack").toBool()) {
                libraryFrame = msSinceProcessStart();
                // Let a few more frames render, then report.
                QTimer::singleShot(500, &app, [&] {
                    std::printf("first_frame_ms=%.1f library_frame_ms=%.1f rss_mb=%.1f hwm_mb=%.1f\n", firstFrame,
                                libraryFrame, statusMb("VmRSS:"), statusMb("VmHWM:"));
                    std::fflush(stdout);
                    QCoreApplication::exit(0);
                });
            }
        });
    });
    QTimer::singleShot(20000, &app, [] {
        std::fputs("timed out waiting for the library to show\n", stderr);
        QCoreApplication::exit(1);
    });
    engine.load(QUrl(QStringLiteral("qrc:/ByteWave/UI/Main.qml")));
    return QGuiApplication::exec();
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (qstrcmp(argv[i], "--child") == 0)
            return child(argc, argv, QString::fromLocal8Bit(argv[i + 1]));
    }

    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("tracks"), QStringLiteral("Library size."), QStringLiteral("N"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Fresh processes to time."), QStringLiteral("R"), QStringLiteral("5")});
    parser.process(app);
    const int tracks = parser.value(QStringLiteral("tracks")).toInt();
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());

    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("bench.db"));
    {
        bytewave::Database db;
        if (!db.open(dbPath) || bytewave::test::fillLibrary(db, tracks) != tracks) {
            std::fprintf(stderr, "cannot write the library: %s\n", qPrintable(db.errorString()));
            return 74;
        }
        // The everyday start: the library was analysed on earlier days (the rows have no audio
        // behind them, so without this the analysis queue would spend the run failing on them).
        QSqlQuery analysed(db.connection());
        if (!analysed.exec(QStringLiteral(
                "INSERT INTO analysis (track_id, extractor_version, source_size, source_mtime_ms, "
                "analysed_ms, loudness_lufs, tempo_bpm) "
                "SELECT id, %1, size, mtime_ms, 0, -14 + (id % 7), 80 + (id % 90) FROM tracks")
                               .arg(bytewave::TrackAnalyzer::kExtractorVersion))) {
            std::fprintf(stderr, "cannot write the analysis rows\n");
            return 74;
        }
    }

    QList<double> first, library, rss, hwm;
    for (int run = 0; run < runs; ++run) {
        QProcess proc;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), env.value(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("HOME"), dir.path()); // no real ~/Music to scan
        proc.setProcessEnvironment(env);
        proc.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), dbPath});
        if (!proc.waitForFinished(60000) || proc.exitCode() != 0) {
            std::fprintf(stderr, "run %d failed: %s\n", run + 1, proc.readAllStandardError().constData());
            return 1;
        }
        const QByteArray out = proc.readAllStandardOutput().trimmed();
        std::printf("run %d: %s\n", run + 1, out.constData());
        for (const QByteArray &kv : out.split(' ')) {
            const qsizetype eq = kv.indexOf('=');
            const QByteArray key = kv.left(eq);
            const double value = kv.mid(eq + 1).toDouble();
            if (key == "first_frame_ms") first << value;
            else if (key == "library_frame_ms") library << value;
            else if (key == "rss_mb") rss << value;
            else if (key == "hwm_mb") hwm << value;
        }
    }
    std::printf("\n%d tracks, %d runs (median): first frame %.0f ms, library shown %.0f ms, "
                "RSS %.0f MB, peak RSS %.0f MB (targets: < 1000 ms, < 150 MB)\n",
                tracks, runs, median(first), median(library), median(rss), median(hwm));
    return 0;
}
