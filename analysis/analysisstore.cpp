#include "analysis/analysisstore.h"

#include "analysis/keyestimator.h"
#include "core/database.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace bytewave {

namespace {
const QString kStaleCondition = QStringLiteral(
    "(a.track_id IS NULL OR a.extractor_version <> %1 OR a.source_size <> t.size "
    " OR a.source_mtime_ms <> t.mtime_ms)")
                                    .arg(TrackAnalyzer::kExtractorVersion);

QVariant nullableReal(bool present, double v)
{
    return present ? QVariant(v) : QVariant(QMetaType(QMetaType::Double));
}
} // namespace

bool AnalysisStore::fail(const QString &context)
{
    m_error = context;
    return false;
}

std::optional<QList<qint64>> AnalysisStore::pendingTracks()
{
    QSqlQuery &q = m_db.query(QStringLiteral("SELECT t.id FROM tracks t "
                                             "LEFT JOIN analysis a ON a.track_id = t.id "
                                             "WHERE t.missing = 0 AND ")
                              + kStaleCondition + QStringLiteral(" ORDER BY t.added_ms DESC, t.id DESC"));
    if (!q.exec()) {
        fail(QStringLiteral("cannot list tracks to analyse: %1").arg(q.lastError().text()));
        return std::nullopt;
    }
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    q.finish();
    return ids;
}

std::optional<AnalysisStore::Candidate> AnalysisStore::candidate(qint64 trackId)
{
    QSqlQuery &q = m_db.query(QStringLiteral(
        "SELECT t.path, t.missing, a.track_id IS NOT NULL, a.extractor_version, a.source_size, "
        "       a.source_mtime_ms "
        "FROM tracks t LEFT JOIN analysis a ON a.track_id = t.id WHERE t.id = ?"));
    q.addBindValue(trackId);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read track %1: %2").arg(trackId).arg(q.lastError().text()));
        return std::nullopt;
    }
    Candidate c;
    c.trackId = trackId;
    if (!q.next()) {
        q.finish();
        c.missing = true; // deleted since it was queued
        return c;
    }
    c.path = q.value(0).toString();
    c.missing = q.value(1).toInt() != 0;
    c.hasRow = q.value(2).toInt() != 0;
    if (c.hasRow) {
        c.extractorVersion = q.value(3).toInt();
        c.sourceSize = q.value(4).toLongLong();
        c.sourceMtimeMs = q.value(5).toLongLong();
    }
    q.finish();
    return c;
}

std::optional<AnalysisStore::Counts> AnalysisStore::counts()
{
    QSqlQuery &q = m_db.query(
        QStringLiteral("SELECT count(*), "
                       "  coalesce(sum(a.track_id IS NOT NULL AND NOT ")
        + kStaleCondition
        + QStringLiteral("), 0), "
                         "  coalesce(sum(a.track_id IS NOT NULL AND a.error IS NOT NULL AND NOT ")
        + kStaleCondition
        + QStringLiteral("), 0) "
                         "FROM tracks t LEFT JOIN analysis a ON a.track_id = t.id WHERE t.missing = 0"));
    if (!q.exec() || !q.next()) {
        fail(QStringLiteral("cannot count analysed tracks: %1").arg(q.lastError().text()));
        return std::nullopt;
    }
    Counts c;
    c.tracks = q.value(0).toLongLong();
    c.current = q.value(1).toLongLong();
    c.failed = q.value(2).toLongLong();
    c.pending = c.tracks - c.current;
    q.finish();
    return c;
}

bool AnalysisStore::save(qint64 trackId, qint64 size, qint64 mtimeMs, const TrackAnalyzer::Result &result)
{
    QSqlQuery &q = m_db.query(QStringLiteral(
        "INSERT OR REPLACE INTO analysis (track_id, extractor_version, source_size, source_mtime_ms, "
        "  analysed_ms, features, similarity, duration_s, tempo_bpm, tempo_confidence, "
        "  loudness_lufs, loudness_range_lu, peak_dbfs, energy, key, mode, key_strength, error, "
        "  corrupt_frames) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const bool ok = result.ok();
    const FeatureVector &f = result.features;
    const double tempo = f.value(Feature::TempoBpm);
    q.addBindValue(trackId);
    q.addBindValue(TrackAnalyzer::kExtractorVersion);
    q.addBindValue(size);
    q.addBindValue(mtimeMs);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(ok ? QVariant(f.toBlob()) : QVariant(QMetaType(QMetaType::QByteArray)));
    q.addBindValue(ok ? QVariant(similarityBlob(similarityVector(f))) : QVariant(QMetaType(QMetaType::QByteArray)));
    q.addBindValue(nullableReal(ok, f.value(Feature::DurationS)));
    // No pulse, no tempo: NULL rather than a made-up number.
    q.addBindValue(nullableReal(ok && tempo > 0, tempo));
    q.addBindValue(nullableReal(ok, f.value(Feature::TempoConfidence)));
    q.addBindValue(nullableReal(ok, f.value(Feature::LoudnessLufs)));
    q.addBindValue(nullableReal(ok, f.value(Feature::LoudnessRangeLu)));
    q.addBindValue(nullableReal(ok, f.value(Feature::TruePeakDbfs)));
    q.addBindValue(nullableReal(ok, f.value(Feature::Energy)));
    q.addBindValue(ok ? QVariant(int(f.value(Feature::Key))) : QVariant(QMetaType(QMetaType::Int)));
    q.addBindValue(ok ? QVariant(int(f.value(Feature::Mode))) : QVariant(QMetaType(QMetaType::Int)));
    q.addBindValue(nullableReal(ok, f.value(Feature::KeyStrength)));
    q.addBindValue(ok ? QVariant(QMetaType(QMetaType::QString)) : QVariant(result.error));
    q.addBindValue(result.corruptFrames);
    if (!q.exec())
        return fail(QStringLiteral("cannot record the analysis of track %1: %2").arg(trackId).arg(q.lastError().text()));
    q.finish();
    return true;
}

std::optional<AnalysisStore::Stored> AnalysisStore::load(qint64 trackId)
{
    QSqlQuery &q = m_db.query(QStringLiteral(
        "SELECT extractor_version, source_size, source_mtime_ms, analysed_ms, features, similarity, "
        "       error, corrupt_frames FROM analysis WHERE track_id = ?"));
    q.addBindValue(trackId);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read the analysis of track %1: %2").arg(trackId).arg(q.lastError().text()));
        return std::nullopt;
    }
    if (!q.next()) {
        q.finish();
        m_error.clear();
        return std::nullopt;
    }
    Stored s;
    s.trackId = trackId;
    s.extractorVersion = q.value(0).toInt();
    s.sourceSize = q.value(1).toLongLong();
    s.sourceMtimeMs = q.value(2).toLongLong();
    s.analysedMs = q.value(3).toLongLong();
    if (!q.value(4).isNull())
        s.features = FeatureVector::fromBlob(q.value(4).toByteArray());
    if (!q.value(5).isNull())
        s.similarity = floatsFromBlob(q.value(5).toByteArray());
    s.error = q.value(6).toString();
    s.corruptFrames = q.value(7).toLongLong();
    q.finish();
    return s;
}

std::optional<qint64> AnalysisStore::trackIdForPath(const QString &path)
{
    QSqlQuery &q = m_db.query(QStringLiteral("SELECT id FROM tracks WHERE path = ?"));
    q.addBindValue(path);
    if (!q.exec()) {
        fail(QStringLiteral("cannot look up %1: %2").arg(path, q.lastError().text()));
        return std::nullopt;
    }
    const qint64 id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return id;
}

} // namespace bytewave
