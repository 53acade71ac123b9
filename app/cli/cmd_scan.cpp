#include "app/cli/cli.h"

#include "core/coverart.h"
#include "core/libraryscanner.h"
#include "core/settingsstore.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <atomic>
#include <csignal>

namespace bytewave::cli {
namespace {

// Ctrl-C stops the scan cleanly (what was read is kept) instead of killing it mid-batch.
std::atomic<LibraryScanner *> s_running{nullptr};

extern "C" void cancelOnSignal(int)
{
    if (LibraryScanner *scanner = s_running.load())
        scanner->cancel(); // an atomic store: safe in a signal handler
}

QJsonArray toJsonArray(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

int runScan(Invocation &inv)
{
    inv.parser.addPositionalArgument(
        QStringLiteral("DIR"),
        QStringLiteral("Music folders to scan; each is added to the library folders. "
                       "Without DIR: the saved library folders."),
        QStringLiteral("[DIR...]"));
    inv.parser.addOption({QStringLiteral("force"),
                          QStringLiteral("Re-read every file, even those whose size and "
                                         "modification time are unchanged.")});
    inv.parser.addOption({QStringLiteral("threads"),
                          QStringLiteral("Threads that read tags (default: one per core, at most 4)."),
                          QStringLiteral("N")});
    inv.parser.addOption({QStringLiteral("cover-cache"),
                          QStringLiteral("Folder for cover thumbnails (default: %1).")
                              .arg(CoverArtCache::defaultDir()),
                          QStringLiteral("DIR")});
    int code = ExitOk;
    if (!inv.parse(&code,
                   QStringLiteral("Scan music folders into the library: new files are added, changed "
                                  "ones re-read, vanished ones marked missing (their history is kept)."),
                   0, -1))
        return code;

    ScanOptions options;
    options.force = inv.parser.isSet(QStringLiteral("force"));
    if (inv.parser.isSet(QStringLiteral("threads"))) {
        bool ok = false;
        options.readThreads = inv.parser.value(QStringLiteral("threads")).toInt(&ok);
        if (!ok || options.readThreads < 1 || options.readThreads > 64)
            return inv.usageError(QStringLiteral("--threads needs a number from 1 to 64"));
    }
    options.coverCacheDir = inv.parser.value(QStringLiteral("cover-cache"));

    QStringList folders;
    const QStringList given = inv.parser.positionalArguments();
    for (const QString &dir : given) {
        const QFileInfo info(dir);
        if (!info.exists())
            return inv.error(ExitNoInput, QStringLiteral("%1: no such folder").arg(dir));
        if (!info.isDir())
            return inv.error(ExitNoInput, QStringLiteral("%1: not a folder").arg(dir));
        folders << info.canonicalFilePath();
    }

    Database db;
    if (!inv.openDatabase(db, &code))
        return code;
    SettingsStore settings(db);
    for (const QString &folder : std::as_const(folders)) {
        if (!settings.addLibraryFolder(folder))
            return inv.error(ExitIoErr, db.errorString());
    }
    if (folders.isEmpty()) {
        folders = settings.libraryFolders();
        if (folders.isEmpty())
            return inv.usageError(QStringLiteral("no library folders saved yet: give a DIR to scan"));
    }

    LibraryScanner scanner(db.path());
    scanner.setOptions(options);
    Progress progress(inv.err, QStringLiteral("Scanning"));
    QObject::connect(&scanner, &LibraryScanner::progress, [&](qint64 found, qint64 done) {
        if (done == 0)
            progress.update(found, 0, QStringLiteral("files found"));
        else
            progress.update(done, found);
    });
    s_running.store(&scanner);
    auto previousInt = std::signal(SIGINT, cancelOnSignal);
    auto previousTerm = std::signal(SIGTERM, cancelOnSignal);
    const ScanSummary s = scanner.scan(folders);
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    s_running.store(nullptr);
    progress.finish();

    if (!s.databaseError.isEmpty())
        return inv.error(ExitIoErr, s.databaseError);

    if (inv.json()) {
        inv.printJson(QJsonObject{
            {QStringLiteral("folders"), toJsonArray(folders)},
            {QStringLiteral("found"), s.found},
            {QStringLiteral("added"), s.added},
            {QStringLiteral("updated"), s.updated},
            {QStringLiteral("unchanged"), s.unchanged},
            {QStringLiteral("moved"), s.moved},
            {QStringLiteral("restored"), s.restored},
            {QStringLiteral("missing"), s.missing},
            {QStringLiteral("failed"), s.failed},
            {QStringLiteral("seconds"), s.seconds},
            {QStringLiteral("cancelled"), s.cancelled},
            {QStringLiteral("errors"), toJsonArray(s.errors)},
            {QStringLiteral("unreadable_folders"), toJsonArray(s.unreadableFolders)},
        });
    } else {
        inv.out << "Scanned " << s.found << " files in "
                << QStringLiteral("%1 s").arg(s.seconds, 0, 'f', 2) << ":\n"
                << "  added      " << s.added << '\n'
                << "  updated    " << s.updated << '\n'
                << "  unchanged  " << s.unchanged << '\n'
                << "  moved      " << s.moved << '\n'
                << "  restored   " << s.restored << '\n'
                << "  missing    " << s.missing << '\n'
                << "  failed     " << s.failed << '\n';
        inv.out.flush();
        for (const QString &line : s.errors)
            inv.err << "  " << line << '\n';
        if (s.failed > s.errors.size())
            inv.err << "  ... (bytewave-cli tracks --failed lists them all)\n";
        if (s.cancelled)
            inv.err << "Scan cancelled: what was read so far is saved; run it again to finish.\n";
        inv.err.flush();
    }
    if (s.cancelled || s.failed > 0 || !s.unreadableFolders.isEmpty())
        return ExitFailure;
    return ExitOk;
}

BYTEWAVE_CLI_COMMAND("scan", "Scan music folders into the library", runScan)

} // namespace
} // namespace bytewave::cli
