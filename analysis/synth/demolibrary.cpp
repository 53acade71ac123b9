#include "analysis/synth/demolibrary.h"

#include "analysis/synth/arranger.h"
#include "analysis/synth/coverpainter.h"
#include "analysis/synth/tagwriter.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSet>
#include <QStorageInfo>
#include <QThread>
#include <QThreadPool>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

Q_LOGGING_CATEGORY(lcSynth, "bytewave.synth", QtWarningMsg)

namespace bytewave::synth {

namespace {

constexpr auto kGenerator = "bytewave make-demo-library";
constexpr int kFormatVersion = 1;
constexpr auto kManifestName = "manifest.json";

QString manifestPath(const QString &dir)
{
    return QDir(dir).filePath(QLatin1String(kManifestName));
}

bool isEmptyDir(const QString &dir)
{
    return QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
}

// The folder itself or its nearest existing ancestor, for free-space queries.
QString existingAncestor(QString path)
{
    QFileInfo info(path);
    while (!info.exists() && !info.isRoot()) {
        const QString parent = info.absolutePath();
        if (parent == info.absoluteFilePath())
            break;
        info = QFileInfo(parent);
    }
    return info.absoluteFilePath();
}

// Removes the files a previous manifest lists (only relative paths inside dir), the manifest,
// and folders that became empty. Files the user added are left alone.
bool removePreviousLibrary(const QString &dir, QString *error)
{
    QFile file(manifestPath(dir));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(file.fileName());
        return false;
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    const QDir base(dir);
    const QString canonicalBase = QFileInfo(dir).canonicalFilePath();
    QSet<QString> folders;
    for (const QJsonValue v : root.value(QStringLiteral("tracks")).toArray()) {
        const QString rel = v.toObject().value(QStringLiteral("file")).toString();
        if (rel.isEmpty() || QDir::isAbsolutePath(rel) || rel.contains(QStringLiteral("..")))
            continue;
        const QString path = base.filePath(rel);
        const QFileInfo info(path);
        if (!info.canonicalFilePath().startsWith(canonicalBase + QLatin1Char('/')))
            continue;
        folders.insert(info.absolutePath());
        if (info.exists() && !QFile::remove(path)) {
            *error = QStringLiteral("cannot remove %1").arg(path);
            return false;
        }
    }
    if (!QFile::remove(manifestPath(dir))) {
        *error = QStringLiteral("cannot remove %1").arg(manifestPath(dir));
        return false;
    }
    // Remove now-empty album and artist folders, deepest first.
    QStringList sorted(folders.begin(), folders.end());
    std::sort(sorted.begin(), sorted.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &folder : std::as_const(sorted)) {
        for (QString f = folder; f.startsWith(canonicalBase + QLatin1Char('/')) || f.startsWith(base.absolutePath() + QLatin1Char('/'));
             f = QFileInfo(f).absolutePath()) {
            if (!isEmptyDir(f) || !QDir().rmdir(f))
                break;
        }
    }
    return true;
}

} // namespace

QString DemoLibrary::validate(const DemoOptions &o)
{
    if (o.tracks < 1 || o.tracks > DemoOptions::kMaxTracks)
        return QStringLiteral("--tracks must be between 1 and %1 (got %2)")
            .arg(DemoOptions::kMaxTracks)
            .arg(o.tracks);
    if (!(o.durationSeconds >= DemoOptions::kMinDuration && o.durationSeconds <= DemoOptions::kMaxDuration))
        return QStringLiteral("--duration must be between %1 and %2 seconds")
            .arg(DemoOptions::kMinDuration)
            .arg(DemoOptions::kMaxDuration);
    if (o.seed > DemoOptions::kMaxSeed)
        return QStringLiteral("--seed must be between 0 and %1").arg(DemoOptions::kMaxSeed);
    if (o.formats.isEmpty())
        return QStringLiteral("at least one format is needed");
    for (AudioFormat f : o.formats) {
        if (!AudioEncoder::isAvailable(f))
            return QStringLiteral("this FFmpeg build cannot encode %1").arg(formatId(f));
    }
    if (o.sampleRate < 8000 || o.sampleRate > 192000)
        return QStringLiteral("sample rate must be between 8000 and 192000 Hz");
    if (o.channels < 1 || o.channels > 2)
        return QStringLiteral("channels must be 1 or 2");
    if (o.jobs < 0 || o.jobs > 256)
        return QStringLiteral("--jobs must be between 0 and 256");
    if (o.directory.isEmpty())
        return QStringLiteral("no output folder given");
    return {};
}

qint64 DemoLibrary::estimateBytes(const DemoOptions &o)
{
    double perSecond = 0.0;
    for (AudioFormat f : o.formats)
        perSecond += AudioEncoder::bytesPerSecond(f, o.channels) * (o.sampleRate / 44100.0);
    perSecond /= std::max<qsizetype>(1, o.formats.size());
    constexpr double kCoverAndTags = 80.0 * 1024; // a 500×500 JPEG plus tags, per file
    constexpr double kManifestPerTrack = 900.0;
    return qint64(double(o.tracks) * (perSecond * o.durationSeconds + kCoverAndTags + kManifestPerTrack));
}

LibraryPlan DemoLibrary::plan(const DemoOptions &o)
{
    return LibraryPlanner::plan(o.seed, o.tracks, o.durationSeconds, o.formats);
}

QJsonDocument DemoLibrary::manifest(const DemoOptions &o, const std::vector<DemoTrack> &tracks,
                                    bool complete)
{
    QJsonArray list;
    for (const DemoTrack &t : tracks) {
        QJsonObject object = t.toJson();
        object.insert(QStringLiteral("sample_rate"), o.sampleRate);
        object.insert(QStringLiteral("channels"), o.channels);
        list.append(object);
    }
    QJsonArray formats;
    for (AudioFormat f : o.formats)
        formats.append(formatId(f));
    QJsonObject root {
        {QStringLiteral("generator"), QLatin1String(kGenerator)},
        {QStringLiteral("format_version"), kFormatVersion},
        {QStringLiteral("seed"), double(o.seed)},
        {QStringLiteral("complete"), complete},
        {QStringLiteral("requested_tracks"), o.tracks},
        {QStringLiteral("duration_s"), o.durationSeconds},
        {QStringLiteral("formats"), formats},
        {QStringLiteral("tracks"), list},
    };
    return QJsonDocument(root);
}

bool DemoLibrary::isDemoLibrary(const QString &dir)
{
    QFile file(manifestPath(dir));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    // Keys are written sorted, so "generator" comes before the (long) track list.
    const QByteArray head = file.read(4096);
    const QByteArray key = QByteArray("\"generator\": \"") + QByteArray(kGenerator) + QByteArray("\"");
    return head.contains(key);
}

DemoResult DemoLibrary::generate(const DemoOptions &options, const ProgressFn &progress,
                                 const std::atomic_bool *cancel)
{
    QElapsedTimer clock;
    clock.start();
    DemoResult result;
    auto fail = [&result](DemoResult::Status status, const QString &message) {
        result.status = status;
        result.error = message;
        return result;
    };
    if (const QString problem = validate(options); !problem.isEmpty())
        return fail(DemoResult::Status::InvalidOptions, problem);

    const QString dir = QDir(options.directory).absolutePath();
    const qint64 estimate = estimateBytes(options);
    if (!options.force && estimate > options.maxBytes)
        return fail(DemoResult::Status::TooLarge,
                    QStringLiteral("this library would take about %1 MB, over the %2 MB limit; "
                                   "use fewer tracks, a shorter --duration, or --force")
                        .arg(estimate >> 20)
                        .arg(options.maxBytes >> 20));
    const QStorageInfo storage(existingAncestor(dir));
    if (storage.isValid() && storage.bytesAvailable() >= 0 && estimate > storage.bytesAvailable())
        return fail(DemoResult::Status::TooLarge,
                    QStringLiteral("this library would take about %1 MB but only %2 MB are free on %3")
                        .arg(estimate >> 20)
                        .arg(storage.bytesAvailable() >> 20)
                        .arg(storage.rootPath()));

    if (QFileInfo::exists(dir)) {
        if (!QFileInfo(dir).isDir())
            return fail(DemoResult::Status::CannotCreate, QStringLiteral("%1 is not a folder").arg(dir));
        if (!isEmptyDir(dir)) {
            if (!isDemoLibrary(dir))
                return fail(DemoResult::Status::NotEmpty,
                            QStringLiteral("%1 is not empty; choose an empty or new folder").arg(dir));
            if (!options.replace)
                return fail(DemoResult::Status::NotEmpty,
                            QStringLiteral("%1 already holds a demo library; use --replace to replace it").arg(dir));
            QString error;
            if (!removePreviousLibrary(dir, &error))
                return fail(DemoResult::Status::CannotCreate, error);
        }
    }
    if (!QDir().mkpath(dir))
        return fail(DemoResult::Status::CannotCreate, QStringLiteral("cannot create %1").arg(dir));

    const LibraryPlan plan = DemoLibrary::plan(options);
    for (const AlbumPlan &album : plan.albums) {
        if (!QDir(dir).mkpath(album.relativeDir))
            return fail(DemoResult::Status::CannotCreate,
                        QStringLiteral("cannot create %1").arg(QDir(dir).filePath(album.relativeDir)));
    }

    // Covers are made once per album, by whichever worker first needs one, and dropped after
    // the album's last track so a 20,000-track run does not hold thousands of JPEGs.
    struct AlbumState
    {
        std::once_flag once;
        Cover cover;
        std::atomic_int remaining {0};
    };
    std::vector<std::unique_ptr<AlbumState>> albums;
    for (std::size_t i = 0; i < plan.albums.size(); ++i)
        albums.push_back(std::make_unique<AlbumState>());
    for (const DemoTrack &t : plan.tracks)
        ++albums[std::size_t(t.albumIndex)]->remaining;

    const int total = int(plan.tracks.size());
    std::vector<char> written(std::size_t(total), 0);
    std::vector<qint64> sizes(std::size_t(total), 0);
    std::atomic_int next {0};
    std::atomic_bool stop {false};
    std::mutex mutex;
    std::condition_variable changed;
    int done = 0;    // finished, failed or skipped
    int skipped = 0; // not attempted after a stop: not shown as progress
    int failures = 0;
    QStringList errors;

    auto processTrack = [&](int index) {
        const DemoTrack &t = plan.tracks[std::size_t(index)];
        AlbumState &album = *albums[std::size_t(t.albumIndex)];
        std::call_once(album.once, [&] {
            const AlbumPlan &a = plan.albums[std::size_t(t.albumIndex)];
            album.cover = CoverPainter::encode(CoverPainter::render(a.title, a.artist, a.style, a.coverSeed));
        });
        const QString finalPath = QDir(dir).filePath(t.relativePath);
        const QString partPath = finalPath + QStringLiteral(".part");
        QString error;
        bool ok = true;
        if (QFileInfo::exists(finalPath)) {
            ok = false;
            error = QStringLiteral("%1 already exists; not overwritten").arg(t.relativePath);
        }
        if (ok) {
            const RenderedAudio audio = Arranger::render(t.params, options.sampleRate, options.channels);
            ok = AudioEncoder::encode(partPath, t.format, audio.samples, audio.sampleRate,
                                      audio.channels, &error, {}, &stop);
        }
        if (ok) {
            Tags tags;
            tags.title = t.title;
            tags.artist = t.artist;
            tags.albumArtist = t.artist;
            tags.album = t.album;
            tags.genres = t.genres;
            tags.year = t.year;
            tags.trackNumber = t.trackNumber;
            tags.trackTotal = t.trackTotal;
            tags.comment = QStringLiteral("ByteWave demo library, seed %1").arg(options.seed);
            ok = TagWriter::write(partPath, t.format, tags, album.cover, &error);
        }
        if (ok && !QFile::rename(partPath, finalPath)) {
            ok = false;
            error = QStringLiteral("cannot rename %1").arg(partPath);
        }
        if (!ok)
            QFile::remove(partPath);
        if (--album.remaining == 0)
            album.cover = Cover();
        std::lock_guard lock(mutex);
        if (ok) {
            written[std::size_t(index)] = 1;
            sizes[std::size_t(index)] = QFileInfo(finalPath).size();
        } else if (!stop.load()) {
            qCWarning(lcSynth) << "demo track failed:" << error;
            errors << QStringLiteral("%1: %2").arg(t.relativePath, error);
            // Several failures in a row mean a full disk or a read-only folder: stop early.
            if (++failures >= 3)
                stop = true;
        }
        ++done;
        changed.notify_all();
    };

    const int jobs = std::min(total, options.jobs > 0 ? options.jobs : std::max(1, QThread::idealThreadCount()));
    QThreadPool pool;
    pool.setMaxThreadCount(jobs);
    for (int j = 0; j < jobs; ++j) {
        pool.start([&] {
            for (int i = next++; i < total; i = next++) {
                if (stop.load()) {
                    std::lock_guard lock(mutex);
                    ++done;
                    ++skipped;
                    changed.notify_all();
                    continue;
                }
                processTrack(i);
            }
        });
    }
    int reported = -1;
    {
        std::unique_lock lock(mutex);
        while (done < total) {
            changed.wait_for(lock, std::chrono::milliseconds(100));
            if (cancel && cancel->load())
                stop = true;
            if (progress && done - skipped != reported) {
                reported = done - skipped;
                const int snapshot = reported;
                lock.unlock();
                progress(snapshot, total);
                lock.lock();
            }
        }
    }
    pool.waitForDone();
    if (progress && skipped == 0 && reported != total)
        progress(total, total);

    QSet<int> artists, albumSet;
    for (int i = 0; i < total; ++i) {
        if (!written[std::size_t(i)])
            continue;
        const DemoTrack &t = plan.tracks[std::size_t(i)];
        result.tracks.push_back(t);
        result.bytes += sizes[std::size_t(i)];
        artists.insert(t.artistIndex);
        albumSet.insert(t.albumIndex);
    }
    result.artists = int(artists.size());
    result.albums = int(albumSet.size());
    result.trackErrors = errors;
    const bool cancelled = cancel && cancel->load();
    const bool complete = int(result.tracks.size()) == total;

    // The manifest goes last, atomically: it always describes exactly the files on disk.
    result.manifestPath = manifestPath(dir);
    QSaveFile manifestFile(result.manifestPath);
    const QByteArray json = manifest(options, result.tracks, complete).toJson(QJsonDocument::Indented);
    if (!manifestFile.open(QIODevice::WriteOnly) || manifestFile.write(json) != json.size()
        || !manifestFile.commit())
        return fail(DemoResult::Status::CannotCreate,
                    QStringLiteral("cannot write %1: %2").arg(result.manifestPath, manifestFile.errorString()));
    result.bytes += json.size();
    result.seconds = clock.elapsed() / 1000.0;
    if (cancelled)
        return fail(DemoResult::Status::Cancelled,
                    QStringLiteral("cancelled after %1 of %2 tracks").arg(result.tracks.size()).arg(total));
    if (!complete)
        return fail(DemoResult::Status::Partial,
                    QStringLiteral("%1 of %2 tracks could not be written").arg(total - int(result.tracks.size())).arg(total));
    return result;
}

} // namespace bytewave::synth
