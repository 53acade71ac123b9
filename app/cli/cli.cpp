#include "app/cli/cli.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

namespace bytewave::cli {

namespace {
QList<Command> &registry()
{
    static QList<Command> list;
    return list;
}
} // namespace

bool registerCommand(const Command &command)
{
    registry().append(command);
    return true;
}

const QList<Command> &commands()
{
    return registry();
}

Invocation::Invocation(QString command, QStringList arguments)
    : out(stdout), err(stderr), m_command(std::move(command)), m_arguments(std::move(arguments))
{
}

bool Invocation::isTerminal(FILE *stream)
{
    return ::isatty(::fileno(stream)) == 1;
}

bool Invocation::parse(int *exitCode, const QString &description, int minPositional,
                       int maxPositional)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("The database file (default: %1).").arg(Database::defaultPath()),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON for scripts.")});
    if (!parser.parse(m_arguments)) {
        *exitCode = usageError(parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        help.replace(QStringLiteral("Usage: ") + m_arguments.constFirst(),
                     QStringLiteral("Usage: bytewave-cli ") + m_command);
        out << help;
        out.flush();
        *exitCode = ExitOk;
        return false;
    }
    const auto n = parser.positionalArguments().size();
    if (n < minPositional || (maxPositional >= 0 && n > maxPositional)) {
        *exitCode = usageError(n < minPositional ? QStringLiteral("missing arguments")
                                                 : QStringLiteral("too many arguments"));
        return false;
    }
    return true;
}

bool Invocation::openDatabase(Database &db, int *exitCode, Database::Mode mode)
{
    const QString path = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db"))
                                                            : Database::defaultPath();
    if (!db.open(path, mode)) {
        *exitCode = error(ExitIoErr, db.errorString());
        return false;
    }
    return true;
}

bool Invocation::json() const
{
    return parser.isSet(QStringLiteral("json"));
}

int Invocation::usageError(const QString &message)
{
    err << "bytewave-cli " << m_command << ": " << message << '\n'
        << "Try 'bytewave-cli " << m_command << " --help'.\n";
    err.flush();
    return ExitUsage;
}

int Invocation::error(int code, const QString &message)
{
    err << "bytewave-cli " << m_command << ": " << message << '\n';
    err.flush();
    return code;
}

void Invocation::printJson(const QJsonValue &value)
{
    QByteArray line;
    if (value.isObject())
        line = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    else if (value.isArray())
        line = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    else
        line = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    out << QString::fromUtf8(line) << '\n';
    out.flush();
}

Progress::Progress(QTextStream &err, QString label)
    : m_err(err), m_label(std::move(label)), m_tty(Invocation::isTerminal(stderr))
{
    m_sinceLast.start();
    m_started.start();
}

Progress::~Progress()
{
    finish();
}

void Progress::update(qint64 done, qint64 total, const QString &detail)
{
    const bool last = total > 0 && done >= total;
    if (last ? m_printedLast : m_sinceLast.elapsed() < (m_tty ? 100 : 5000))
        return;
    m_printedLast = last;
    m_sinceLast.restart();
    const double seconds = m_started.elapsed() / 1000.0;
    const double rate = seconds > 0 ? done / seconds : 0;
    QString eta;
    if (total > 0 && rate > 0 && done < total)
        eta = QStringLiteral(" ETA %1s").arg(qRound((total - done) / rate));
    if (m_tty) {
        constexpr int width = 30;
        const int filled = total > 0 ? int(width * std::min<qint64>(done, total) / total) : 0;
        m_err << '\r' << m_label << " [" << QString(filled, QLatin1Char('#'))
              << QString(width - filled, QLatin1Char('.')) << "] " << done;
        if (total > 0)
            m_err << '/' << total;
        m_err << QStringLiteral(" %1/s").arg(rate, 0, 'f', 1) << eta << "\x1b[K";
    } else {
        m_err << m_label << ": " << done;
        if (total > 0)
            m_err << '/' << total;
        m_err << QStringLiteral(" (%1/s)").arg(rate, 0, 'f', 1) << eta;
        if (!detail.isEmpty())
            m_err << ' ' << detail;
        m_err << '\n';
    }
    m_err.flush();
}

void Progress::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_tty) {
        m_err << '\n';
        m_err.flush();
    }
}

} // namespace bytewave::cli
