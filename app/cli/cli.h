#pragma once

// The bytewave-cli framework: each subcommand lives in its own cmd_<name>.cpp and registers
// itself with BYTEWAVE_CLI_COMMAND; main.cpp dispatches on the first argument.

#include "core/database.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonValue>
#include <QStringList>
#include <QTextStream>

namespace bytewave::cli {

// Exit codes (sysexits.h values) so scripts can tell bad usage from bad input from bugs.
enum Exit : int {
    ExitOk = 0,
    ExitFailure = 1,   // the command ran but what was asked did not happen (e.g. a file failed)
    ExitUsage = 64,    // bad command line
    ExitDataErr = 65,  // bad input data (unknown track, malformed file)
    ExitNoInput = 66,  // an input file or folder does not exist or cannot be read
    ExitSoftware = 70, // internal error
    ExitCantCreate = 73, // cannot create an output file
    ExitIoErr = 74,    // database or disk error
};

class Invocation
{
public:
    Invocation(QString command, QStringList arguments);

    QCommandLineParser parser;
    QTextStream out;
    QTextStream err;

    // Adds the options every command has (--db, --json, --help), parses, and handles --help.
    // Returns false when the command should stop; *exitCode then says how.
    bool parse(int *exitCode, const QString &description, int minPositional = 0,
               int maxPositional = -1);

    // Opens the database named by --db (default: Database::defaultPath()).
    bool openDatabase(Database &db, int *exitCode, Database::Mode mode = Database::Mode::ReadWrite);

    bool json() const;
    QString command() const { return m_command; }
    // Prints a usage error and returns ExitUsage.
    int usageError(const QString &message);
    // Prints an error ("bytewave-cli <command>: message") and returns code.
    int error(int code, const QString &message);
    // Prints one JSON value on one line (compact) and flushes.
    void printJson(const QJsonValue &value);

    static bool isTerminal(FILE *stream);

private:
    QString m_command;
    QStringList m_arguments;
};

// Progress on a terminal (a redrawn bar on stderr) or plain lines when not a terminal
// (at most one every few seconds, so logs stay readable).
class Progress
{
public:
    Progress(QTextStream &err, QString label);
    ~Progress();
    void update(qint64 done, qint64 total, const QString &detail = {});
    void finish();

private:
    QTextStream &m_err;
    QString m_label;
    bool m_tty;
    bool m_finished = false;
    bool m_printedLast = false; // the done == total line, which is printed once
    QElapsedTimer m_sinceLast;
    QElapsedTimer m_started;
};

using CommandFn = int (*)(Invocation &);

struct Command
{
    const char *name;
    const char *summary;
    CommandFn run;
};

bool registerCommand(const Command &command);
const QList<Command> &commands();

} // namespace bytewave::cli

// Use inside namespace bytewave::cli, after the command's function: fn is a plain identifier.
#define BYTEWAVE_CLI_COMMAND(name, summary, fn)                                                 \
    [[maybe_unused]] static const bool fn##Registered = registerCommand({name, summary, fn});
