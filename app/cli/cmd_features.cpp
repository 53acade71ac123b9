#include "app/cli/cli.h"

#include "analysis/analysisstore.h"
#include "analysis/featurevector.h"
#include "analysis/keyestimator.h"
#include "analysis/trackanalyzer.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>

#include <sys/stat.h>

#include <optional>

namespace bytewave::cli {
namespace {

struct FileIdentity
{
    qint64 size = -1;
    qint64 mtimeMs = -1;
};

std::optional<FileIdentity> identityOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    return FileIdentity{qint64(st.st_size), qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000};
}

QString formatValue(const FeatureVector::Descriptor &d, float v)
{
    const QLatin1String unit(d.unit);
    if (unit == QLatin1String("Hz") || unit == QLatin1String("BPM"))
        return QString::number(v, 'f', 1);
    if (unit == QLatin1String("pitch class"))
        return QString::number(int(v));
    return QString::number(v, 'f', 3);
}

int runFeatures(Invocation &inv)
{
    int code = ExitOk;
    if (!inv.parse(&code,
                   QStringLiteral("Print every audio feature of a track, with units. FILE is analysed "
                                  "on the spot when the library has no current analysis of it; ID is a "
                                  "track id from the library."),
                   1, 1))
        return code;
    const QString arg = inv.parser.positionalArguments().constFirst();

    const QFileInfo info(arg);
    bool isId = false;
    const qint64 argId = arg.toLongLong(&isId);
    const bool isFile = info.isFile();
    if (!isFile && !(isId && argId > 0))
        return inv.error(ExitNoInput, QStringLiteral("%1 is neither a file nor a track id").arg(arg));

    // A FILE needs no library: open the database only when it already exists, so asking about a
    // loose file never creates one. An ID needs it.
    Database db;
    bool haveDb = false;
    const QString dbPath = inv.parser.isSet(QStringLiteral("db")) ? inv.parser.value(QStringLiteral("db"))
                                                                  : Database::defaultPath();
    if (!isFile || QFileInfo::exists(dbPath)) {
        if (!inv.openDatabase(db, &code))
            return code;
        haveDb = true;
    }

    qint64 trackId = 0;
    QString path;
    if (isFile) {
        path = info.absoluteFilePath();
        if (haveDb) {
            AnalysisStore store(db);
            auto id = store.trackIdForPath(path);
            if (id && *id == 0 && info.canonicalFilePath() != path)
                id = store.trackIdForPath(info.canonicalFilePath());
            if (!id)
                return inv.error(ExitIoErr, store.errorString());
            trackId = *id;
        }
    } else {
        trackId = argId;
        QSqlQuery &q = db.query(QStringLiteral("SELECT path FROM tracks WHERE id = ?"));
        q.addBindValue(trackId);
        if (!q.exec())
            return inv.error(ExitIoErr, db.errorString());
        if (!q.next())
            return inv.error(ExitDataErr, QStringLiteral("no track with id %1").arg(trackId));
        path = q.value(0).toString();
        q.finish();
    }

    const auto identity = identityOf(path);
    std::optional<FeatureVector> features;
    std::vector<float> similarity;
    QString error;
    QString source;
    qint64 corruptFrames = 0;

    if (trackId > 0) {
        AnalysisStore store(db);
        const auto stored = store.load(trackId);
        if (!stored && !store.errorString().isEmpty())
            return inv.error(ExitIoErr, store.errorString());
        const bool current = stored && stored->extractorVersion == TrackAnalyzer::kExtractorVersion
                             && (!identity || (stored->sourceSize == identity->size
                                               && stored->sourceMtimeMs == identity->mtimeMs));
        if (current) {
            features = stored->features;
            similarity = stored->similarity;
            error = stored->error;
            corruptFrames = stored->corruptFrames;
            source = QStringLiteral("database");
            if (!features && error.isEmpty())
                error = QStringLiteral("the stored features have a layout this build cannot read");
        }
    }
    if (source.isEmpty()) {
        if (!identity)
            return inv.error(ExitNoInput, QStringLiteral("cannot read %1").arg(path));
        try {
            TrackAnalyzer analyzer;
            const TrackAnalyzer::Result result = analyzer.analyze(path);
            corruptFrames = result.corruptFrames;
            if (result.ok()) {
                features = result.features;
                const auto v = similarityVector(result.features);
                similarity.assign(v.begin(), v.end());
            } else {
                error = result.error;
            }
            source = QStringLiteral("analysed now");
            if (trackId > 0) {
                AnalysisStore store(db);
                if (!store.save(trackId, identity->size, identity->mtimeMs, result))
                    inv.err << "bytewave-cli features: warning: " << store.errorString() << '\n';
            }
        } catch (const std::exception &e) {
            return inv.error(ExitSoftware, QString::fromUtf8(e.what()));
        }
    }

    if (!features) {
        if (inv.json()) {
            inv.printJson(QJsonObject{{QStringLiteral("path"), path},
                                      {QStringLiteral("track_id"), trackId},
                                      {QStringLiteral("error"), error}});
        }
        return inv.error(ExitDataErr, QStringLiteral("%1: %2").arg(path, error));
    }

    const auto key = int(features->value(Feature::Key));
    const auto mode = features->value(Feature::Mode) < 0.5f ? KeyEstimator::Major : KeyEstimator::Minor;
    const QString keyName = KeyEstimator::keyName(key, mode);
    const auto descriptors = FeatureVector::descriptors();
    const auto dims = similarityDimensions();

    if (inv.json()) {
        QJsonObject values, units;
        for (int i = 0; i < FeatureVector::kCount; ++i) {
            const auto &d = descriptors[std::size_t(i)];
            values.insert(QLatin1String(d.name), double(features->values()[std::size_t(i)]));
            units.insert(QLatin1String(d.name), QLatin1String(d.unit));
        }
        QJsonObject sim;
        for (std::size_t i = 0; i < similarity.size() && i < dims.size(); ++i)
            sim.insert(QLatin1String(dims[i].name), double(similarity[i]));
        inv.printJson(QJsonObject{{QStringLiteral("path"), path},
                                  {QStringLiteral("track_id"), trackId},
                                  {QStringLiteral("source"), source},
                                  {QStringLiteral("extractor_version"), TrackAnalyzer::kExtractorVersion},
                                  {QStringLiteral("corrupt_frames"), corruptFrames},
                                  {QStringLiteral("key_name"), keyName},
                                  {QStringLiteral("features"), values},
                                  {QStringLiteral("units"), units},
                                  {QStringLiteral("similarity"), sim}});
        return ExitOk;
    }

    inv.out << "File:               " << path << '\n';
    if (trackId > 0)
        inv.out << "Track:              " << trackId << '\n';
    inv.out << "Source:             " << source << " (extractor version "
            << TrackAnalyzer::kExtractorVersion << ")\n"
            << "Key:                " << keyName << '\n';
    if (corruptFrames > 0)
        inv.out << "Damaged frames:     " << corruptFrames << " (skipped)\n";
    inv.out << '\n';
    for (int i = 0; i < FeatureVector::kCount; ++i) {
        const auto &d = descriptors[std::size_t(i)];
        inv.out << QStringLiteral("%1 %2 %3  %4\n")
                       .arg(QLatin1String(d.name), -20)
                       .arg(formatValue(d, features->values()[std::size_t(i)]), 10)
                       .arg(QLatin1String(d.unit), -11)
                       .arg(QLatin1String(d.description));
    }
    inv.out << "\nSimilarity vector (what the taste engine compares):\n";
    for (std::size_t i = 0; i < similarity.size() && i < dims.size(); ++i)
        inv.out << QStringLiteral("%1 %2\n").arg(QLatin1String(dims[i].name), -22).arg(similarity[i], 9, 'f', 3);
    inv.out.flush();
    return ExitOk;
}

BYTEWAVE_CLI_COMMAND("features", "Print every audio feature of a file or track", runFeatures)

} // namespace
} // namespace bytewave::cli
