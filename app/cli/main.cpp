// bytewave-cli: the command-line twin of the ByteWave player (scan, analyse, inspect, script).

#include "app/cli/cli.h"

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>

using namespace bytewave::cli;

static void printUsage(QTextStream &s)
{
    s << "Usage: bytewave-cli <command> [options]\n\n"
         "ByteWave's command-line twin: scan, analyse, inspect and script your library.\n"
         "Every command takes --db FILE, --json and --help.\n\nCommands:\n";
    QList<Command> sorted = commands();
    std::sort(sorted.begin(), sorted.end(),
              [](const Command &a, const Command &b) { return qstrcmp(a.name, b.name) < 0; });
    for (const Command &c : std::as_const(sorted))
        s << QStringLiteral("  %1%2\n").arg(QLatin1String(c.name), -20).arg(QLatin1String(c.summary));
    s << "\nExit codes: 0 ok, 1 partly failed, 64 bad usage, 65 bad input, 66 missing input,\n"
         "70 internal error, 73 cannot create output, 74 database or disk error.\n";
    s.flush();
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ByteWave"));
    QCoreApplication::setOrganizationName(QStringLiteral("ByteWave"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BYTEWAVE_VERSION));

    QStringList args = QCoreApplication::arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.size() < 2) {
        printUsage(err);
        return ExitUsage;
    }
    const QString name = args.at(1);
    if (name == QStringLiteral("--help") || name == QStringLiteral("-h") || name == QStringLiteral("help")) {
        printUsage(out);
        return ExitOk;
    }
    if (name == QStringLiteral("--version") || name == QStringLiteral("-v")) {
        out << "bytewave-cli " << BYTEWAVE_VERSION << '\n';
        return ExitOk;
    }
    for (const Command &c : commands()) {
        if (name == QLatin1String(c.name)) {
            args.removeAt(1);
            Invocation inv(name, args);
            return c.run(inv);
        }
    }
    err << "bytewave-cli: unknown command '" << name << "'\n\n";
    printUsage(err);
    return ExitUsage;
}
