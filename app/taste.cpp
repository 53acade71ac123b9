#include "app/taste.h"

#include "analysis/analysisstore.h"
#include "app/databasethread.h"
#include "app/queuesource.h"
#include "core/database.h"

#include <QSqlQuery>

namespace bytewave {

// ---- recent signals

int SignalListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SignalListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case SignalIdRole:
        return r.signalId;
    case KindRole:
        return r.kind;
    case TitleRole:
    case Qt::DisplayRole:
        return r.title;
    case ArtistRole:
        return r.artist;
    case AtRole:
        return r.atMs;
    case UndoneRole:
        return r.undone;
    case UndoableRole:
        return r.undoable;
    default:
        return {};
    }
}

QHash<int, QByteArray> SignalListModel::roleNames() const
{
    return {{SignalIdRole, "signalId"}, {KindRole, "kind"},     {TitleRole, "title"},
            {ArtistRole, "artist"},     {AtRole, "at"},         {UndoneRole, "undone"},
            {UndoableRole, "undoable"}};
}

void SignalListModel::setRows(const QList<Row> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
    emit countChanged();
}

// ---- taste

namespace {

// Signals that count: after the last reset that was not undone, not undone themselves.
const QString kLiveSignals = QStringLiteral(
    "WITH undone AS (SELECT ref_id AS id FROM signals WHERE kind = 'undo' AND ref_id IS NOT NULL), "
    "     since AS (SELECT coalesce(max(id), 0) AS id FROM signals "
    "               WHERE kind = 'reset' AND id NOT IN (SELECT id FROM undone)), "
    "     live AS (SELECT s.* FROM signals s, since WHERE s.id > since.id "
    "              AND s.id NOT IN (SELECT id FROM undone)) ");

} // namespace

Taste::Taste(QueueSource *source, DatabaseThread *db, QObject *parent)
    : QObject(parent), m_source(source), m_db(db)
{
    connect(m_source, &QueueSource::adventurousnessChanged, this, [this](double value) {
        if (!qFuzzyCompare(value + 1, m_adventurousness + 1)) {
            m_adventurousness = value;
            emit adventurousnessChanged();
        }
    });
    connect(m_source, &QueueSource::signalRecorded, this, [this] { m_refreshTimer.start(); });
    connect(m_source, &QueueSource::highlightsReady, this, [this](const TasteHighlights &h) {
        m_topArtists = h.artists;
        m_topTracks.clear();
        for (const TasteHighlights::Track &t : h.tracks)
            m_topTracks << t.title + QStringLiteral(" · ") + t.artist;
        emit summaryChanged();
    });
    // Signals come in bursts (skip, then start); one summary query per burst is enough.
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(300);
    connect(&m_refreshTimer, &QTimer::timeout, this, &Taste::refresh);
    m_analysisRefresh.setSingleShot(true);
    m_analysisRefresh.setInterval(3000);
    connect(&m_analysisRefresh, &QTimer::timeout, this, &Taste::refresh);
}

void Taste::setAdventurousness(double value)
{
    value = std::clamp(value, 0.0, 1.0);
    if (qFuzzyCompare(value + 1, m_adventurousness + 1))
        return;
    // Shown at once so the slider does not jump back; the source persists it and confirms.
    m_adventurousness = value;
    emit adventurousnessChanged();
    m_source->setAdventurousness(value);
}

void Taste::undoLast()
{
    m_source->undoLastSignal();
}

void Taste::resetTaste()
{
    m_source->recordSignal(SignalKind::Reset, 0, 0, 0);
}

void Taste::setAnalysisSpeed(double rate, double etaS)
{
    m_analysisRate = std::max(0.0, rate);
    m_analysisEtaS = std::max(0.0, etaS);
    emit analysisChanged();
    // Progress arrives per track; re-count from the database every few seconds at most.
    if (!m_analysisRefresh.isActive())
        m_analysisRefresh.start();
}

void Taste::refresh()
{
    m_source->requestHighlights(kTopCount);
    m_db->run<Summary>(
        [](Database *db) { return db ? loadSummary(*db) : Summary{}; }, this,
        [this](const Summary &s) {
            m_recent.setRows(s.recent);
            m_likes = s.likes;
            m_plays = s.plays;
            emit summaryChanged();
            m_analysisFailed = s.analysisFailed;
            m_analysed = s.analysed;
            m_analysisTotal = s.analysisTotal;
            emit analysisChanged();
        });
}

Taste::Summary Taste::loadSummary(Database &db)
{
    Summary s;
    QSqlQuery &recent = db.query(QStringLiteral(
        "SELECT s.id, s.kind, coalesce(t.title, ''), coalesce(t.artist, ''), s.at_ms, "
        "       s.id IN (SELECT ref_id FROM signals WHERE kind = 'undo' AND ref_id IS NOT NULL) "
        "FROM signals s LEFT JOIN tracks t ON t.id = s.track_id "
        "WHERE s.kind NOT IN ('start', 'undo') ORDER BY s.id DESC LIMIT 25"));
    if (recent.exec()) {
        bool offered = false;
        while (recent.next()) {
            SignalListModel::Row r;
            r.signalId = recent.value(0).toLongLong();
            r.kind = recent.value(1).toString();
            r.title = recent.value(2).toString();
            r.artist = recent.value(3).toString();
            r.atMs = recent.value(4).toLongLong();
            r.undone = recent.value(5).toBool();
            // Only the newest signal can be undone (the engine's undo is "undo last").
            r.undoable = !offered && !r.undone;
            offered = offered || !r.undone;
            s.recent.append(r);
        }
    }
    QSqlQuery &counts = db.query(kLiveSignals + QStringLiteral(
        "SELECT coalesce(sum(kind = 'like'), 0), coalesce(sum(kind = 'start'), 0) FROM live"));
    if (counts.exec() && counts.next()) {
        s.likes = counts.value(0).toInt();
        s.plays = counts.value(1).toInt();
    }
    counts.finish(); // single-row reads: release the read transaction at once
    // Current analyses only: after a new extractor version, or a file's change, a track counts
    // as analysed again once it has been re-analysed.
    if (const auto analysis = AnalysisStore(db).counts()) {
        s.analysisTotal = int(analysis->tracks);
        s.analysed = int(analysis->current - analysis->failed);
        s.analysisFailed = int(analysis->failed);
    }
    return s;
}

} // namespace bytewave
