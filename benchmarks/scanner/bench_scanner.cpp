// Library scan throughput. Not a test: it prints numbers for docs/benchmarks.md.
//
//   bench_scanner [--files N] [--big N] [--threads N] [--dir DIR]
//
// 1. Generates N files (default 2,000; at most 20,000): a few tones rendered with ffmpeg, copied
//    and retagged with TagLib so every file has its own title, artist, album, genres and an
//    embedded cover per album (10 tracks an album, so covers are shared as on real albums).
// 2. Cold scan: database and cover cache empty, page cache warm (every file was just read).
// 3. Unchanged rescan of the same files.
// 4. Hard links grow the tree to --big files (default 10,000): one scan fills the database, then
//    the unchanged rescan is timed (median of 3).

#include "audiofixtures.h"

#include "core/libraryscanner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <taglib.h>
#include <unistd.h>

using namespace bytewave;
using fixtures::Format;

namespace {

QTextStream out(stdout);

QString cpuModel()
{
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown CPU");
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("model name") || line.startsWith("Model"))
            return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
    }
    return QStringLiteral("unknown CPU");
}

void warmPageCache(const QString &root)
{
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    QByteArray sink;
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            sink = f.readAll();
    }
}

ScanSummary timedScan(const QString &db, const QString &covers, const QString &library, int threads)
{
    LibraryScanner scanner(db);
    ScanOptions options;
    options.coverCacheDir = covers;
    options.readThreads = threads;
    scanner.setOptions(options);
    return scanner.scan({library});
}

void report(const char *label, const ScanSummary &s)
{
    out << QStringLiteral("%1 %2 files in %3 s = %4 files/s (added %5, unchanged %6, failed %7)")
               .arg(QLatin1String(label), -34)
               .arg(s.found, 6)
               .arg(s.seconds, 7, 'f', 3)
               .arg(s.found / std::max(s.seconds, 1e-9), 9, 'f', 0)
               .arg(s.added)
               .arg(s.unchanged)
               .arg(s.failed)
        << Qt::endl;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Library scan throughput benchmark."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("files"), QStringLiteral("Generated files (default 2000)."), QStringLiteral("N"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("big"), QStringLiteral("Files for the large rescan (default 10000)."), QStringLiteral("N"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Tag-reading threads (default 0 = auto)."), QStringLiteral("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Work folder (default: a temporary folder, removed afterwards)."), QStringLiteral("DIR")});
    parser.process(app);
    const int files = std::clamp(parser.value(QStringLiteral("files")).toInt(), 10, 20000);
    const int big = std::clamp(parser.value(QStringLiteral("big")).toInt(), files, 50000);
    const int threads = std::max(0, parser.value(QStringLiteral("threads")).toInt());

    QTemporaryDir tmp;
    const QString work = parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : tmp.path();
    QDir().mkpath(work);
    if (!fixtures::haveFfmpeg()) {
        QTextStream(stderr) << "bench_scanner needs the ffmpeg tool (scripts/setup.sh --test)\n";
        return 1;
    }

    out << "Machine: " << cpuModel() << ", " << QThread::idealThreadCount() << " cores, "
        << QSysInfo::prettyProductName() << ", Qt " << qVersion() << ", TagLib "
        << TAGLIB_MAJOR_VERSION << '.' << TAGLIB_MINOR_VERSION << Qt::endl;
    out << "Tag-reading threads: " << (threads > 0 ? QString::number(threads) : QStringLiteral("auto"))
        << Qt::endl;

    // 1. Generate.
    QElapsedTimer timer;
    timer.start();
    const QList<Format> formats = {Format::Mp3, Format::Ogg, Format::Flac, Format::Opus, Format::M4a};
    const QString baseDir = work + QStringLiteral("/base");
    QDir().mkpath(baseDir);
    QStringList bases;
    for (const Format format : formats) {
        const QString path = baseDir + QStringLiteral("/base.") + fixtures::extension(format);
        const QString error = fixtures::render(path, format, 1.0, 330);
        if (!error.isEmpty()) {
            QTextStream(stderr) << error << '\n';
            return 1;
        }
        bases << path;
    }
    const QString library = work + QStringLiteral("/library");
    const QStringList genrePool = {QStringLiteral("Rock"), QStringLiteral("Pop"), QStringLiteral("Jazz"),
                                   QStringLiteral("Drum & Bass"), QStringLiteral("Ambient"),
                                   QStringLiteral("Hip-Hop"), QStringLiteral("Classical"), QStringLiteral("Folk")};
    QByteArray cover;
    for (int i = 0; i < files; ++i) {
        const int album = i / 10;
        const Format format = formats.at(album % formats.size());
        if (i % 10 == 0)
            cover = fixtures::makeCover(500, QColor::fromHsv(album * 37 % 360, 180, 200));
        const QString dir = library + QStringLiteral("/Artist %1/Album %2").arg(album / 3).arg(album);
        QDir().mkpath(dir);
        const QString path = dir + QStringLiteral("/%1 Track %2.%3").arg(i % 10 + 1, 2, 10, QLatin1Char('0')).arg(i).arg(fixtures::extension(format));
        QFile::copy(bases.at(formats.indexOf(format)), path);
        QFile(path).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        fixtures::Tags tags;
        tags.title = QStringLiteral("Track %1").arg(i);
        tags.artist = QStringLiteral("Artist %1").arg(album / 3);
        tags.album = QStringLiteral("Album %1").arg(album);
        tags.genres = {genrePool.at(album % genrePool.size()), genrePool.at((album + 3) % genrePool.size())};
        tags.trackNumber = QStringLiteral("%1/10").arg(i % 10 + 1);
        tags.date = QString::number(1970 + album % 50);
        tags.replayGainTrack = QStringLiteral("-7.10 dB");
        tags.picture = cover;
        const QString error = fixtures::writeTags(path, format, tags);
        if (!error.isEmpty()) {
            QTextStream(stderr) << error << '\n';
            return 1;
        }
    }
    out << "Generated " << files << " files in " << QString::number(timer.elapsed() / 1000.0, 'f', 1)
        << " s" << Qt::endl;

    // 2 and 3: cold scan and unchanged rescan.
    warmPageCache(library);
    const QString db = work + QStringLiteral("/cold.db");
    const QString covers = work + QStringLiteral("/covers");
    const ScanSummary cold = timedScan(db, covers, library, threads);
    report("cold scan (empty db, empty covers)", cold);
    const ScanSummary rescan = timedScan(db, covers, library, threads);
    report("unchanged rescan", rescan);
    // Cold again with the cover cache already filled (e.g. after deleting the database).
    const QString db2 = work + QStringLiteral("/cold2.db");
    report("cold scan (empty db, warm covers)", timedScan(db2, covers, library, threads));

    // 4. Grow to `big` files with hard links (no extra space) and time the unchanged rescan.
    QStringList sources;
    QDirIterator it(library, {QStringLiteral("*.mp3"), QStringLiteral("*.ogg"), QStringLiteral("*.flac"),
                              QStringLiteral("*.opus"), QStringLiteral("*.m4a")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        sources << it.next();
    std::sort(sources.begin(), sources.end());
    const QString bigLibrary = work + QStringLiteral("/big");
    for (int i = 0; i < big; ++i) {
        const QString source = sources.at(i % sources.size());
        const QString dir = bigLibrary + QStringLiteral("/copy%1").arg(i / sources.size())
                            + QFileInfo(source).absolutePath().mid(library.size());
        QDir().mkpath(dir);
        const QString target = dir + QLatin1Char('/') + QFileInfo(source).fileName();
        if (::link(QFile::encodeName(source).constData(), QFile::encodeName(target).constData()) != 0)
            QFile::copy(source, target);
    }
    const QString bigDb = work + QStringLiteral("/big.db");
    report("first scan of the large tree", timedScan(bigDb, covers, bigLibrary, threads));
    QList<double> times;
    ScanSummary last;
    for (int round = 0; round < 3; ++round) {
        last = timedScan(bigDb, covers, bigLibrary, threads);
        times << last.seconds;
    }
    std::sort(times.begin(), times.end());
    last.seconds = times.at(1);
    report("unchanged rescan, large (median of 3)", last);
    return 0;
}
