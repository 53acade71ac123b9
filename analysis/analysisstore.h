#pragma once

#include "analysis/featurevector.h"
#include "analysis/trackanalyzer.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace bytewave {

class Database;

// Reads and writes the analysis table (core/database.cpp) on one connection.
//
// A track needs analysis when it is not missing and has no analysis row, or its row was made
// by another extractor version, or the file's size or mtime differs from what the row records.
// Failures are rows too (error set, features NULL), so a file that cannot be analysed is tried
// again only when it changes or a new extractor version is installed.
class AnalysisStore
{
public:
    explicit AnalysisStore(Database &db) : m_db(db) {}

    // What the worker needs to decide about and analyse one track.
    struct Candidate
    {
        qint64 trackId = 0;
        QString path;
        bool missing = false;
        bool hasRow = false;
        int extractorVersion = 0;
        qint64 sourceSize = -1;
        qint64 sourceMtimeMs = -1;
    };

    struct Stored
    {
        qint64 trackId = 0;
        int extractorVersion = 0;
        qint64 sourceSize = 0;
        qint64 sourceMtimeMs = 0;
        qint64 analysedMs = 0;
        std::optional<FeatureVector> features; // nullopt for failures or an unknown layout
        std::vector<float> similarity;
        QString error;
        qint64 corruptFrames = 0;
    };

    struct Counts
    {
        qint64 tracks = 0;   // not missing
        qint64 current = 0;  // analysed by this extractor version and unchanged since
        qint64 failed = 0;   // of those, failures
        qint64 pending = 0;  // tracks - current
    };

    // Tracks that need analysis, newest added first. nullopt on a database error.
    std::optional<QList<qint64>> pendingTracks();
    std::optional<Candidate> candidate(qint64 trackId);
    std::optional<Counts> counts();

    // Records an analysis (or a failure) of trackId whose file had size/mtimeMs when read.
    bool save(qint64 trackId, qint64 size, qint64 mtimeMs, const TrackAnalyzer::Result &result);
    std::optional<Stored> load(qint64 trackId);
    // The id of the track at path (absolute), 0 when there is none. nullopt on error.
    std::optional<qint64> trackIdForPath(const QString &path);

    QString errorString() const { return m_error; }

private:
    bool fail(const QString &context);
    Database &m_db;
    QString m_error;
};

} // namespace bytewave
