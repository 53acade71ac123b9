#include "core/libraryscanner.h"

#include "core/coverart.h"
#include "core/database.h"
#include "core/logging.h"
#include "core/settingsstore.h"
#include "core/tagreader.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlQuery>
#include <QStringDecoder>
#include <QThread>
#include <QThreadPool>
#include <QVariant>
#include <QtConcurrent/QtConcurrentMap>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <dirent.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bytewave {

namespace {

constexpr int kMaxErrorLines = 10;
constexpr qint64 kRecentMs = 5000;

const QString kBadNameError = QStringLiteral(
    "the file or folder name is not valid UTF-8; rename it so ByteWave can play it");

struct Folder
{
    QString path;        // display path
    QByteArray localCover; // the folder image's local path, empty when none
};

struct FoundFile
{
    QByteArray local; // file-system bytes
    QString path;     // display (UTF-8) path, stored in tracks.path
    qint64 size = 0;
    qint64 mtimeMs = 0;
    int folder = -1;
    bool badName = false;
};

struct Known
{
    qint64 id = 0;
    qint64 size = 0;
    qint64 mtimeMs = 0;
    bool missing = false;
    QString contentKey;
    QString scanError;
};

// One file to read, and what reading it gave.
struct Job
{
    const FoundFile *file = nullptr;
    qint64 knownId = 0; // the row of the same path, when the file changed
    bool knownMissing = false;
    Track track;
    bool vanished = false;
    bool skipped = false; // cancelled before it was read
};

QString decodeName(const char *bytes, size_t length, bool *bad)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString s = decoder(QByteArrayView(bytes, qsizetype(length)));
    *bad = decoder.hasError();
    return s;
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

bool isAudioName(const char *name, size_t length)
{
    const char *dot = static_cast<const char *>(::memrchr(name, '.', length));
    if (!dot || dot == name)
        return false;
    const QString ext = QString::fromLatin1(dot + 1, qsizetype(name + length - dot - 1)).toLower();
    return LibraryScanner::audioExtensions().contains(ext);
}

bool isImageName(const char *name, size_t length)
{
    const char *dot = static_cast<const char *>(::memrchr(name, '.', length));
    if (!dot)
        return false;
    const auto n = size_t(name + length - dot);
    return (n == 4 && (strncasecmp(dot, ".jpg", 4) == 0 || strncasecmp(dot, ".png", 4) == 0))
           || (n == 5 && strncasecmp(dot, ".jpeg", 5) == 0);
}

qint64 mtimeOf(const struct stat &st)
{
    return qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

// Depth-first walk with POSIX calls on the file system's own bytes, so names that are not
// UTF-8 can still be stat'ed and reported. One stat per entry (following symlinks); directories
// are visited once each by (device, inode), which cuts symlink loops and duplicate mounts.
class Walker
{
public:
    Walker(std::atomic<bool> &cancel, ScanSummary &summary, const std::function<void(qint64)> &onFound)
        : m_cancel(cancel), m_summary(summary), m_onFound(onFound)
    {
    }

    QList<FoundFile> files;
    QList<Folder> folders;

    // Returns false when root itself could not be listed.
    bool walk(const QString &root)
    {
        struct Pending
        {
            QByteArray local;
            QString path;
            bool badName;
        };
        QList<Pending> stack{{QFile::encodeName(root), root, false}};
        bool rootListed = false;
        while (!stack.isEmpty()) {
            if (m_cancel.load(std::memory_order_relaxed))
                return rootListed;
            const Pending dir = stack.takeLast();
            DIR *d = ::opendir(dir.local.constData());
            if (!d) {
                recordUnreadable(dir.path, errnoText(errno));
                continue;
            }
            if (dir.path == root)
                rootListed = true;
            struct stat dirStat {};
            if (::fstat(::dirfd(d), &dirStat) == 0) {
                if (m_visited.contains({quint64(dirStat.st_dev), quint64(dirStat.st_ino)})) {
                    ::closedir(d);
                    continue;
                }
                m_visited.insert({quint64(dirStat.st_dev), quint64(dirStat.st_ino)});
            }
            const int folderIndex = int(folders.size());
            folders.append({dir.path, {}});
            m_summary.directories << dir.path;
            QStringList images;
            QList<QByteArray> imageLocals;

            errno = 0;
            while (struct dirent *entry = ::readdir(d)) {
                const char *name = entry->d_name;
                // Hidden entries: ".", "..", ".Trash-1000", macOS "._song.mp3" resource forks.
                if (name[0] == '.')
                    continue;
                const size_t length = std::strlen(name);
                struct stat st {};
                if (::fstatat(::dirfd(d), name, &st, 0) != 0)
                    continue; // a dangling symlink, or the entry vanished since readdir
                bool badName = false;
                const QString decoded = decodeName(name, length, &badName);
                badName = badName || dir.badName;
                QByteArray local = dir.local;
                if (!local.endsWith('/'))
                    local += '/';
                local.append(name, qsizetype(length));
                QString path = dir.path;
                if (!path.endsWith(QLatin1Char('/')))
                    path += QLatin1Char('/');
                path += decoded;

                if (S_ISDIR(st.st_mode)) {
                    if (!m_visited.contains({quint64(st.st_dev), quint64(st.st_ino)}))
                        stack.append({local, path, badName});
                } else if (S_ISREG(st.st_mode)) {
                    if (isAudioName(name, length)) {
                        if (m_paths.contains(path))
                            continue; // two undecodable names that decode alike
                        m_paths.insert(path);
                        files.append({local, path, qint64(st.st_size), mtimeOf(st), folderIndex, badName});
                        if (files.size() % 1000 == 0)
                            m_onFound(files.size());
                    } else if (isImageName(name, length) && !badName) {
                        images << decoded;
                        imageLocals << local;
                    }
                }
            }
            ::closedir(d);
            if (!images.isEmpty()) {
                const QString cover = CoverArtCache::pickFolderImage(images);
                folders[folderIndex].localCover = imageLocals.at(images.indexOf(cover));
            }
        }
        return rootListed;
    }

    void recordUnreadable(const QString &path, const QString &reason)
    {
        m_summary.unreadableFolders << path;
        if (m_summary.errors.size() < kMaxErrorLines)
            m_summary.errors << QStringLiteral("%1: cannot list the folder: %2").arg(path, reason);
        qCWarning(lcScan).noquote() << "cannot list" << path << reason;
    }

private:
    std::atomic<bool> &m_cancel;
    ScanSummary &m_summary;
    const std::function<void(qint64)> &m_onFound;
    QSet<QPair<quint64, quint64>> m_visited;
    QSet<QString> m_paths;
};

// Folder covers, decoded once per folder per scan, shared by the reading threads.
class FolderCovers
{
public:
    FolderCovers(const QList<Folder> &folders, CoverArtCache &cache) : m_folders(folders), m_cache(cache) {}

    QString key(int folder)
    {
        {
            QMutexLocker lock(&m_mutex);
            const auto it = m_keys.constFind(folder);
            if (it != m_keys.cend())
                return *it;
        }
        QString key;
        const QByteArray &local = m_folders.at(folder).localCover;
        if (!local.isEmpty())
            key = m_cache.storeFile(QFile::decodeName(local));
        QMutexLocker lock(&m_mutex);
        m_keys.insert(folder, key);
        return key;
    }

private:
    const QList<Folder> &m_folders;
    CoverArtCache &m_cache;
    QMutex m_mutex;
    QHash<int, QString> m_keys;
};

void bindTrack(QSqlQuery &q, const Track &t)
{
    auto orNull = [](qint64 v) { return v > 0 ? QVariant(v) : QVariant(); };
    // Qt Sql binds a null QString as SQL NULL; the text columns are NOT NULL DEFAULT ''.
    auto text = [](const QString &s) { return s.isNull() ? QStringLiteral("") : s; };
    q.addBindValue(t.path);
    q.addBindValue(t.size);
    q.addBindValue(t.mtimeMs);
    q.addBindValue(text(t.title));
    q.addBindValue(text(t.artist));
    q.addBindValue(text(t.albumArtist));
    q.addBindValue(text(t.album));
    q.addBindValue(text(Track::joinGenres(t.genres)));
    q.addBindValue(orNull(t.trackNumber));
    q.addBindValue(orNull(t.discNumber));
    q.addBindValue(orNull(t.year));
    q.addBindValue(orNull(t.durationMs));
    q.addBindValue(text(t.codec));
    q.addBindValue(orNull(t.sampleRate));
    q.addBindValue(orNull(t.channels));
    q.addBindValue(orNull(t.bitrateKbps));
    q.addBindValue(text(t.cover));
    q.addBindValue(std::isnan(t.replayGainDb) ? QVariant() : QVariant(t.replayGainDb));
    q.addBindValue(std::isnan(t.replayGainPeak) ? QVariant() : QVariant(t.replayGainPeak));
    q.addBindValue(text(t.contentKey));
    q.addBindValue(t.scanError.isEmpty() ? QVariant() : QVariant(t.scanError));
}

const QString kInsertSql = QStringLiteral(
    "INSERT INTO tracks (path, size, mtime_ms, title, artist, album_artist, album, genres, "
    "track_number, disc_number, year, duration_ms, codec, sample_rate, channels, bitrate_kbps, "
    "cover, replaygain_db, replaygain_peak, content_key, scan_error, missing, added_ms, updated_ms) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)");
const QString kUpdateSql = QStringLiteral(
    "UPDATE tracks SET path = ?, size = ?, mtime_ms = ?, title = ?, artist = ?, album_artist = ?, "
    "album = ?, genres = ?, track_number = ?, disc_number = ?, year = ?, duration_ms = ?, "
    "codec = ?, sample_rate = ?, channels = ?, bitrate_kbps = ?, cover = ?, replaygain_db = ?, "
    "replaygain_peak = ?, content_key = ?, scan_error = ?, missing = 0, updated_ms = ? "
    "WHERE id = ?");

bool isUnder(const QString &path, const QString &root)
{
    if (root == QStringLiteral("/"))
        return path.startsWith(QLatin1Char('/'));
    return path.size() > root.size() && path.startsWith(root) && path.at(root.size()) == QLatin1Char('/');
}

} // namespace

LibraryScanner::LibraryScanner(QString databasePath, QObject *parent)
    : QObject(parent), m_databasePath(std::move(databasePath))
{
    qRegisterMetaType<bytewave::ScanSummary>();
}

LibraryScanner::~LibraryScanner() = default;

const QStringList &LibraryScanner::audioExtensions()
{
    static const QStringList extensions = {
        QStringLiteral("mp3"),  QStringLiteral("mp2"),  QStringLiteral("ogg"),
        QStringLiteral("oga"),  QStringLiteral("opus"), QStringLiteral("spx"),
        QStringLiteral("flac"), QStringLiteral("m4a"),  QStringLiteral("m4b"),
        QStringLiteral("mp4"),  QStringLiteral("alac"), QStringLiteral("wav"),
        QStringLiteral("aif"),  QStringLiteral("aiff"), QStringLiteral("aifc"),
        QStringLiteral("wv"),   QStringLiteral("ape"),  QStringLiteral("wma"),
        QStringLiteral("mpc"),  QStringLiteral("tta"),
    };
    return extensions;
}

void LibraryScanner::run(const QStringList &folders)
{
    const ScanSummary summary = scan(folders);
    emit finished(summary);
}

ScanSummary LibraryScanner::scan(const QStringList &requestedFolders)
{
    m_cancel.store(false);
    QElapsedTimer timer;
    timer.start();
    ScanSummary summary;
    auto addError = [&](const QString &line) {
        if (summary.errors.size() < kMaxErrorLines)
            summary.errors << line;
    };
    auto finish = [&]() -> ScanSummary {
        summary.seconds = timer.nsecsElapsed() / 1e9;
        return summary;
    };

    Database db;
    if (!db.open(m_databasePath)) {
        summary.databaseError = db.errorString();
        return finish();
    }

    QStringList roots;
    const QStringList folders = requestedFolders.isEmpty() ? SettingsStore(db).libraryFolders()
                                                           : requestedFolders;
    for (const QString &f : folders) {
        const QString root = QDir::cleanPath(QFileInfo(f).absoluteFilePath());
        if (!roots.contains(root))
            roots << root;
    }

    // 1. Walk.
    const std::function<void(qint64)> onFound = [this](qint64 n) { emit progress(n, 0); };
    Walker walker(m_cancel, summary, onFound);
    for (const QString &root : std::as_const(roots)) {
        if (!QFileInfo(root).isDir()) {
            // An unplugged disk: its tracks become missing below, with their history kept.
            walker.recordUnreadable(root, QFileInfo::exists(root) ? QStringLiteral("not a folder")
                                                                  : QStringLiteral("not found"));
            continue;
        }
        walker.walk(root);
    }
    summary.found = walker.files.size();
    if (m_cancel.load()) {
        summary.cancelled = true;
        return finish();
    }
    emit progress(summary.found, 0);
    emit walkFinished(summary.found);

    // 2. Compare with what the database knows.
    QHash<QString, Known> known;
    {
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral(
                "SELECT id, path, size, mtime_ms, missing, content_key, scan_error FROM tracks"))) {
            db.fail(QStringLiteral("loading tracks"), q);
            summary.databaseError = db.errorString();
            return finish();
        }
        known.reserve(summary.found + 64);
        while (q.next()) {
            known.insert(q.value(1).toString(),
                         {q.value(0).toLongLong(), q.value(2).toLongLong(), q.value(3).toLongLong(),
                          q.value(4).toBool(), q.value(5).toString(), q.value(6).toString()});
        }
    }

    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    QSet<QString> seen;
    seen.reserve(summary.found);
    QList<Job> jobs;
    QList<qint64> restoredIds;
    for (const FoundFile &f : std::as_const(walker.files)) {
        seen.insert(f.path);
        // A future mtime (clock skew) is not "recent": it would ask for rescans forever.
        if (f.mtimeMs <= nowMs && nowMs - f.mtimeMs < kRecentMs)
            ++summary.recent;
        const auto it = known.constFind(f.path);
        if (it != known.cend() && !m_options.force && it->size == f.size && it->mtimeMs == f.mtimeMs) {
            if (it->missing) {
                restoredIds << it->id;
                ++summary.restored;
            } else {
                ++summary.unchanged;
            }
            if (!it->scanError.isEmpty()) {
                ++summary.failed;
                addError(f.path + QStringLiteral(": ") + it->scanError);
            }
            continue;
        }
        Job job;
        job.file = &f;
        if (it != known.cend()) {
            job.knownId = it->id;
            job.knownMissing = it->missing;
        }
        jobs.append(std::move(job));
    }

    // Tracks under the scanned folders whose file is gone, and the candidates a new file may
    // have moved from: those plus every track already missing.
    QHash<qint64, QString> vanished; // id -> path
    QMultiHash<QString, qint64> moveCandidates; // content key -> id
    for (auto it = known.cbegin(); it != known.cend(); ++it) {
        if (it->missing) {
            if (!it->contentKey.isEmpty() && it->scanError.isEmpty())
                moveCandidates.insert(it->contentKey, it->id);
            continue;
        }
        if (seen.contains(it.key()))
            continue;
        for (const QString &root : std::as_const(roots)) {
            if (isUnder(it.key(), root)) {
                vanished.insert(it->id, it.key());
                if (!it->contentKey.isEmpty() && it->scanError.isEmpty())
                    moveCandidates.insert(it->contentKey, it->id);
                break;
            }
        }
    }

    // 3. Read the new and changed files, in batches, each batch one transaction.
    CoverArtCache covers(m_options.coverCacheDir.isEmpty() ? CoverArtCache::defaultDir()
                                                           : m_options.coverCacheDir);
    FolderCovers folderCovers(walker.folders, covers);
    auto readJob = [&](Job &job) {
        if (m_cancel.load(std::memory_order_relaxed)) {
            job.skipped = true;
            return;
        }
        const FoundFile &f = *job.file;
        if (f.badName) {
            job.track.path = f.path;
            job.track.size = f.size;
            job.track.mtimeMs = f.mtimeMs;
            job.track.title = TagReader::fallbackTitle(f.path);
            job.track.artist = TagReader::unknownArtist();
            job.track.scanError = kBadNameError;
            return;
        }
        TagReadResult r = TagReader::read(f.local, f.path);
        if (!r.track.scanError.isEmpty()) {
            struct stat st {};
            if (::stat(f.local.constData(), &st) != 0 && errno == ENOENT) {
                job.vanished = true;
                return;
            }
        } else {
            r.track.contentKey = TagReader::contentKey(f.local, r.track.size);
            if (!r.picture.isEmpty())
                r.track.cover = covers.store(r.picture);
            if (r.track.cover.isEmpty())
                r.track.cover = folderCovers.key(f.folder);
        }
        job.track = std::move(r.track);
    };

    int threads = m_options.readThreads > 0 ? m_options.readThreads
                                            : std::min(4, QThread::idealThreadCount());
    threads = std::max(1, threads);
    if (threads > 1 && !m_pool) {
        m_pool = std::make_unique<QThreadPool>();
        m_pool->setObjectName(QStringLiteral("bytewave-tagreaders"));
    }
    if (m_pool)
        m_pool->setMaxThreadCount(threads);

    qint64 done = summary.found - jobs.size();
    emit progress(summary.found, done);
    const int batchSize = std::max(1, m_options.batchSize);
    for (qsizetype start = 0; start < jobs.size(); start += batchSize) {
        if (m_cancel.load()) {
            summary.cancelled = true;
            break;
        }
        const qsizetype end = std::min<qsizetype>(jobs.size(), start + batchSize);
        if (threads > 1 && end - start > 1) {
            QtConcurrent::blockingMap(m_pool.get(), jobs.begin() + start, jobs.begin() + end, readJob);
        } else {
            for (qsizetype i = start; i < end; ++i)
                readJob(jobs[i]);
        }

        const qint64 writeMs = QDateTime::currentMSecsSinceEpoch();
        const bool committed = db.transaction([&] {
            for (qsizetype i = start; i < end; ++i) {
                Job &job = jobs[i];
                if (job.skipped)
                    continue;
                if (job.vanished) {
                    // Gone between the walk and the read: a known row becomes missing below.
                    if (job.knownId != 0 && !job.knownMissing)
                        vanished.insert(job.knownId, job.file->path);
                    continue;
                }
                Track &t = job.track;
                qint64 targetId = job.knownId;
                bool moved = false;
                if (targetId == 0 && !t.contentKey.isEmpty()) {
                    const auto candidate = moveCandidates.constFind(t.contentKey);
                    if (candidate != moveCandidates.cend()) {
                        targetId = candidate.value();
                        moveCandidates.remove(t.contentKey, targetId);
                        vanished.remove(targetId);
                        moved = true;
                    }
                }
                if (targetId != 0) {
                    QSqlQuery &q = db.query(kUpdateSql);
                    bindTrack(q, t);
                    q.addBindValue(writeMs);
                    q.addBindValue(targetId);
                    if (!q.exec()) {
                        db.fail(QStringLiteral("updating ") + t.path, q);
                        addError(t.path + QStringLiteral(": ") + db.errorString());
                        ++summary.failed;
                        continue;
                    }
                    if (moved)
                        ++summary.moved;
                    else if (job.knownMissing)
                        ++summary.restored;
                    else
                        ++summary.updated;
                } else {
                    QSqlQuery &q = db.query(kInsertSql);
                    bindTrack(q, t);
                    q.addBindValue(writeMs);
                    q.addBindValue(writeMs);
                    if (!q.exec()) {
                        db.fail(QStringLiteral("adding ") + t.path, q);
                        addError(t.path + QStringLiteral(": ") + db.errorString());
                        ++summary.failed;
                        continue;
                    }
                    ++summary.added;
                }
                if (!t.scanError.isEmpty()) {
                    ++summary.failed;
                    addError(t.path + QStringLiteral(": ") + t.scanError);
                }
            }
            return true;
        });
        if (!committed) {
            summary.databaseError = db.errorString();
            return finish();
        }
        // Bound memory on a first scan of a large library: a written batch is not needed again.
        for (qsizetype i = start; i < end; ++i)
            jobs[i].track = Track();
        done += end - start;
        emit progress(summary.found, done);
    }
    if (m_cancel.load())
        summary.cancelled = true;

    // 4. Restore returning files and mark vanished ones missing, unless the scan was cut short:
    // a partial walk must not hide tracks.
    const bool marked = db.transaction([&] {
        for (const qint64 id : std::as_const(restoredIds)) {
            QSqlQuery &q = db.query(QStringLiteral("UPDATE tracks SET missing = 0 WHERE id = ?"));
            q.addBindValue(id);
            if (!q.exec())
                return db.fail(QStringLiteral("restoring a track"), q);
        }
        if (summary.cancelled)
            return true;
        for (auto it = vanished.cbegin(); it != vanished.cend(); ++it) {
            QSqlQuery &q = db.query(
                QStringLiteral("UPDATE tracks SET missing = 1, updated_ms = ? WHERE id = ?"));
            q.addBindValue(QDateTime::currentMSecsSinceEpoch());
            q.addBindValue(it.key());
            if (!q.exec())
                return db.fail(QStringLiteral("marking a track missing"), q);
            ++summary.missing;
        }
        return true;
    });
    if (!marked) {
        summary.databaseError = db.errorString();
        summary.missing = 0;
    }
    summary.found = walker.files.size();
    qCInfo(lcScan) << "scan:" << summary.found << "found," << summary.added << "added,"
                   << summary.updated << "updated," << summary.moved << "moved,"
                   << summary.missing << "missing," << summary.failed << "failed";
    return finish();
}

} // namespace bytewave
