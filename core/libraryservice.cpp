#include "core/libraryservice.h"

#include "core/database.h"
#include "core/logging.h"
#include "core/settingsstore.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>

namespace bytewave {

namespace {

QString normalisedFolder(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

} // namespace

LibraryService::LibraryService(QString databasePath, QObject *parent)
    : QObject(parent), m_databasePath(std::move(databasePath))
{
    qRegisterMetaType<bytewave::ScanSummary>();
    m_thread.setObjectName(QStringLiteral("bytewave-scanner"));
    m_scanner = new LibraryScanner(m_databasePath);
    m_scanner->moveToThread(&m_thread);
    connect(m_scanner, &LibraryScanner::progress, this, &LibraryService::progress);
    connect(m_scanner, &LibraryScanner::finished, this, &LibraryService::onFinished);
    connect(&m_watcher, &LibraryWatcher::rescanNeeded, this, &LibraryService::rescan);
    m_followUp.setSingleShot(true);
    m_followUp.setInterval(5000);
    connect(&m_followUp, &QTimer::timeout, this, &LibraryService::rescan);
    m_thread.start(QThread::LowPriority);
}

LibraryService::~LibraryService()
{
    m_scanner->cancel();
    m_thread.quit();
    m_thread.wait();
    delete m_scanner;
}

void LibraryService::setOptions(const ScanOptions &options)
{
    LibraryScanner *scanner = m_scanner;
    QMetaObject::invokeMethod(scanner, [scanner, options] { scanner->setOptions(options); });
}

void LibraryService::setWatching(bool on)
{
    m_watcher.setEnabled(on);
}

void LibraryService::rescan()
{
    if (m_scanning) {
        m_pending = true;
        return;
    }
    start();
}

void LibraryService::start()
{
    m_scanning = true;
    m_pending = false;
    emit scanningChanged(true);
    LibraryScanner *scanner = m_scanner;
    QMetaObject::invokeMethod(scanner, [scanner] { scanner->run({}); });
}

void LibraryService::addFolder(const QString &path)
{
    const QString folder = normalisedFolder(path);
    const QString databasePath = m_databasePath;
    LibraryScanner *scanner = m_scanner;
    QMetaObject::invokeMethod(scanner, [databasePath, folder] {
        Database db;
        if (!db.open(databasePath) || !SettingsStore(db).addLibraryFolder(folder))
            qCWarning(lcScan).noquote() << "cannot add the library folder" << folder << db.errorString();
    });
    emit foldersChanged();
    rescan();
}

void LibraryService::removeFolder(const QString &path)
{
    const QString folder = normalisedFolder(path);
    const QString databasePath = m_databasePath;
    LibraryScanner *scanner = m_scanner;
    QMetaObject::invokeMethod(scanner, [databasePath, folder, path] {
        Database db;
        if (!db.open(databasePath)) {
            qCWarning(lcScan).noquote() << db.errorString();
            return;
        }
        const bool ok = db.transaction([&] {
            SettingsStore settings(db);
            if (!settings.removeLibraryFolder(folder) || !settings.removeLibraryFolder(path))
                return false;
            const QString prefix = folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/');
            QSqlQuery &q = db.query(QStringLiteral(
                "UPDATE tracks SET missing = 1 WHERE missing = 0 AND substr(path, 1, ?) = ?"));
            q.addBindValue(prefix.size());
            q.addBindValue(prefix);
            return q.exec() || db.fail(QStringLiteral("forgetting a library folder"), q);
        });
        if (!ok)
            qCWarning(lcScan).noquote() << "cannot remove the library folder" << folder << db.errorString();
    });
    emit foldersChanged();
    rescan();
}

void LibraryService::cancel()
{
    m_pending = false;
    m_scanner->cancel();
}

void LibraryService::onFinished(const ScanSummary &summary)
{
    m_last = summary;
    m_scanning = false;
    if (!summary.cancelled && summary.databaseError.isEmpty())
        m_watcher.setDirectories(summary.directories);
    emit scanningChanged(false);
    emit scanFinished(summary);
    if (summary.changedLibrary())
        emit libraryChanged();
    if (!summary.databaseError.isEmpty())
        qCWarning(lcScan).noquote() << "library scan stopped:" << summary.databaseError;
    if (m_pending)
        start();
    else if (summary.recent > 0 && !summary.cancelled)
        m_followUp.start(); // files still being copied: look again once they have settled
}

} // namespace bytewave
