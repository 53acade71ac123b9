#include "app/shufflequeuesource.h"

#include "core/database.h"
#include "core/logging.h"
#include "core/settingsstore.h"

#include <QDateTime>
#include <QSqlQuery>

#include <algorithm>

namespace bytewave {

namespace {
const QString kAdventurousnessKey = QStringLiteral("taste.adventurousness");
constexpr int kRecentWindow = 30; // a played track stays out of refills for this many plays
} // namespace

ShuffleWorker::ShuffleWorker(QString dbPath, quint32 seed)
    : m_dbPath(std::move(dbPath)), m_random(seed)
{
}

ShuffleWorker::~ShuffleWorker() = default;

bool ShuffleWorker::ensureOpen()
{
    if (m_db)
        return true;
    auto db = std::make_unique<Database>();
    if (!db->open(m_dbPath)) {
        emit signalFailed(db->errorString());
        return false;
    }
    m_db = std::move(db);
    return true;
}

void ShuffleWorker::start()
{
    if (!ensureOpen())
        return;
    SettingsStore settings(*m_db);
    emit adventurousnessChanged(std::clamp(settings.number(kAdventurousnessKey, 0.5), 0.0, 1.0));
    loadPool();
    refill();
    publish();
}

void ShuffleWorker::loadPool()
{
    m_pool.clear();
    m_disliked.clear();
    QSqlQuery &plays = m_db->query(QStringLiteral(
        "SELECT t.id, t.artist, t.genres, coalesce(p.n, 0) FROM tracks t "
        "LEFT JOIN (SELECT track_id, count(*) AS n FROM signals WHERE kind = 'start' "
        "           GROUP BY track_id) p ON p.track_id = t.id "
        "WHERE t.missing = 0 AND t.scan_error IS NULL"));
    if (plays.exec()) {
        while (plays.next()) {
            m_pool.insert(plays.value(0).toLongLong(),
                          {plays.value(1).toString(),
                           plays.value(2).toString().split(QStringLiteral("; "), Qt::SkipEmptyParts),
                           plays.value(3).toInt()});
        }
    }
    // Disliked since the last reset and not undone: these never come back by themselves.
    QSqlQuery &disliked = m_db->query(QStringLiteral(
        "SELECT DISTINCT s.track_id FROM signals s "
        "WHERE s.kind = 'dislike' "
        "  AND s.id > coalesce((SELECT max(r.id) FROM signals r WHERE r.kind = 'reset' AND r.id "
        "        NOT IN (SELECT ref_id FROM signals WHERE kind = 'undo' AND ref_id IS NOT NULL)), 0) "
        "  AND s.id NOT IN (SELECT ref_id FROM signals WHERE kind = 'undo' AND ref_id IS NOT NULL)"));
    if (disliked.exec()) {
        while (disliked.next())
            m_disliked.insert(disliked.value(0).toLongLong());
    }
    m_order = m_pool.keys();
    std::shuffle(m_order.begin(), m_order.end(), m_random);
    // Drop queued tracks that vanished from the library.
    m_queue.removeIf([this](const QueueEntry &e) { return !m_pool.contains(e.trackId); });
}

QueueEntry ShuffleWorker::entryFor(qint64 trackId) const
{
    const Candidate c = m_pool.value(trackId);
    return {trackId, 0.0,
            c.plays == 0 ? QStringLiteral("Shuffle: new to you") : QStringLiteral("Shuffle")};
}

void ShuffleWorker::refill()
{
    auto queued = [this](qint64 id) {
        return std::any_of(m_queue.cbegin(), m_queue.cend(),
                           [id](const QueueEntry &e) { return e.trackId == id; });
    };
    // Two passes: first respect the "recently played" window, then relax it for tiny libraries.
    for (int pass = 0; pass < 2 && m_queue.size() < m_length; ++pass) {
        for (int round = 0; round < 2 && m_queue.size() < m_length; ++round) {
            while (!m_order.isEmpty() && m_queue.size() < m_length) {
                const qint64 id = m_order.takeFirst();
                if (m_disliked.contains(id) || queued(id) || !m_pool.contains(id))
                    continue;
                if (pass == 0 && m_recent.contains(id))
                    continue;
                m_queue.append(entryFor(id));
            }
            if (m_queue.size() < m_length) {
                m_order = m_pool.keys();
                std::shuffle(m_order.begin(), m_order.end(), m_random);
            }
        }
    }
    for (int i = 0; i < m_queue.size(); ++i)
        m_queue[i].score = 1.0 - double(i) / std::max<qsizetype>(1, m_queue.size());
}

void ShuffleWorker::publish()
{
    emit queueChanged(RankedQueue(m_queue));
}

void ShuffleWorker::recordSignal(SignalKind kind, qint64 trackId, double positionS, double durationS)
{
    if (!ensureOpen())
        return;
    SignalRecord record;
    record.kind = kind;
    record.trackId = trackId;
    record.positionS = positionS;
    record.durationS = durationS;
    record.atMs = QDateTime::currentMSecsSinceEpoch();
    SignalLog log(*m_db);
    const qint64 id = log.append(record);
    if (id == 0) {
        emit signalFailed(QStringLiteral("Could not save the %1 signal: %2")
                              .arg(signalKindName(kind), log.errorString()));
        return;
    }
    emit signalRecorded(id, kind, trackId);

    bool changed = false;
    auto drop = [&](qint64 track) {
        changed |= m_queue.removeIf([track](const QueueEntry &e) { return e.trackId == track; }) > 0;
    };
    switch (kind) {
    case SignalKind::Start:
        drop(trackId);
        m_recent.append(trackId);
        while (m_recent.size() > kRecentWindow)
            m_recent.removeFirst();
        if (m_pool.contains(trackId))
            ++m_pool[trackId].plays;
        break;
    case SignalKind::Skip:
        drop(trackId);
        break;
    case SignalKind::Dislike:
        m_disliked.insert(trackId);
        drop(trackId);
        break;
    case SignalKind::Reset:
        m_disliked.clear();
        break;
    default:
        break;
    }
    if (changed) {
        refill();
        publish();
    }
}

void ShuffleWorker::undoLastSignal()
{
    if (!ensureOpen())
        return;
    // The newest listener-facing signal that is not undone yet ("start" is bookkeeping).
    QSqlQuery &q = m_db->query(QStringLiteral(
        "SELECT s.id, s.kind, coalesce(s.track_id, 0) FROM signals s "
        "WHERE s.kind IN ('like','dislike','skip','complete','replay','reset') "
        "  AND s.id NOT IN (SELECT ref_id FROM signals WHERE kind = 'undo' AND ref_id IS NOT NULL) "
        "ORDER BY s.id DESC LIMIT 1"));
    if (!q.exec() || !q.next()) {
        emit signalFailed(QStringLiteral("There is nothing to undo."));
        return;
    }
    const qint64 refId = q.value(0).toLongLong();
    const auto undoneKind = signalKindFromName(q.value(1).toString());
    const qint64 trackId = q.value(2).toLongLong();
    q.finish();

    SignalRecord record;
    record.kind = SignalKind::Undo;
    record.trackId = trackId;
    record.refId = refId;
    record.atMs = QDateTime::currentMSecsSinceEpoch();
    SignalLog log(*m_db);
    const qint64 id = log.append(record);
    if (id == 0) {
        emit signalFailed(QStringLiteral("Could not undo: %1").arg(log.errorString()));
        return;
    }
    emit signalRecorded(id, SignalKind::Undo, trackId);
    if (undoneKind == SignalKind::Dislike || undoneKind == SignalKind::Reset) {
        loadPool();
        refill();
        publish();
    }
}

void ShuffleWorker::setAdventurousness(double value)
{
    if (!ensureOpen())
        return;
    value = std::clamp(value, 0.0, 1.0);
    SettingsStore settings(*m_db);
    if (!settings.setNumber(kAdventurousnessKey, value)) {
        emit signalFailed(QStringLiteral("Could not save the adventurousness: %1")
                              .arg(m_db->errorString()));
        return;
    }
    emit adventurousnessChanged(value);
}

void ShuffleWorker::setQueueLength(int n)
{
    m_length = std::max(1, n);
    if (!m_db)
        return; // start() fills the queue at this length
    if (m_queue.size() > m_length)
        m_queue.resize(m_length);
    else
        refill();
    publish();
}

void ShuffleWorker::setTrackPinnedNext(qint64 trackId)
{
    m_queue.removeIf([trackId](const QueueEntry &e) { return e.trackId == trackId; });
    m_queue.prepend({trackId, 1.0, QStringLiteral("You asked to play this next")});
    if (m_queue.size() > m_length)
        m_queue.resize(m_length);
    publish();
}

void ShuffleWorker::startFrom(qint64 trackId)
{
    const Candidate seed = m_pool.value(trackId);
    QList<QueueEntry> similar;
    QList<qint64> ids = m_pool.keys();
    std::shuffle(ids.begin(), ids.end(), m_random);
    for (const qint64 id : std::as_const(ids)) {
        if (id == trackId || m_disliked.contains(id))
            continue;
        const Candidate &c = m_pool[id];
        const bool sameArtist = !seed.artist.isEmpty() && c.artist == seed.artist;
        const bool sharedGenre = std::any_of(c.genres.cbegin(), c.genres.cend(), [&](const QString &g) {
            return seed.genres.contains(g);
        });
        if (sameArtist)
            similar.prepend({id, 0, QStringLiteral("Also by %1").arg(seed.artist)});
        else if (sharedGenre)
            similar.append({id, 0, QStringLiteral("Shares a genre with what you picked")});
        if (similar.size() >= m_length)
            break;
    }
    m_queue = similar;
    refill();
    publish();
}

void ShuffleWorker::shutdown()
{
    m_db.reset();
}

void ShuffleWorker::reload()
{
    if (!ensureOpen())
        return;
    loadPool();
    refill();
    publish();
}

ShuffleQueueSource::ShuffleQueueSource(const QString &dbPath, QObject *parent, quint32 seed)
    : QueueSource(parent), m_worker(new ShuffleWorker(dbPath, seed))
{
    m_thread.setObjectName(QStringLiteral("bytewave-shuffle"));
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &ShuffleWorker::queueChanged, this, &QueueSource::queueChanged);
    connect(m_worker, &ShuffleWorker::signalRecorded, this, &QueueSource::signalRecorded);
    connect(m_worker, &ShuffleWorker::signalFailed, this, &QueueSource::signalFailed);
    connect(m_worker, &ShuffleWorker::adventurousnessChanged, this,
            &QueueSource::adventurousnessChanged);
    m_thread.start();
}

ShuffleQueueSource::~ShuffleQueueSource()
{
    // Let queued signal writes finish (a tap the user made must reach the log), then close the
    // connection on the thread that opened it.
    ShuffleWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

template<typename Fn>
void ShuffleQueueSource::onWorker(Fn fn)
{
    ShuffleWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, fn] { fn(*worker); }, Qt::QueuedConnection);
}

void ShuffleQueueSource::start()
{
    onWorker([](ShuffleWorker &w) { w.start(); });
}

void ShuffleQueueSource::recordSignal(SignalKind kind, qint64 trackId, double positionS,
                                      double durationS)
{
    onWorker([=](ShuffleWorker &w) { w.recordSignal(kind, trackId, positionS, durationS); });
}

void ShuffleQueueSource::undoLastSignal()
{
    onWorker([](ShuffleWorker &w) { w.undoLastSignal(); });
}

void ShuffleQueueSource::setAdventurousness(double value)
{
    onWorker([value](ShuffleWorker &w) { w.setAdventurousness(value); });
}

void ShuffleQueueSource::setQueueLength(int n)
{
    onWorker([n](ShuffleWorker &w) { w.setQueueLength(n); });
}

void ShuffleQueueSource::setTrackPinnedNext(qint64 trackId)
{
    onWorker([trackId](ShuffleWorker &w) { w.setTrackPinnedNext(trackId); });
}

void ShuffleQueueSource::startFrom(qint64 trackId)
{
    onWorker([trackId](ShuffleWorker &w) { w.startFrom(trackId); });
}

void ShuffleQueueSource::reload()
{
    onWorker([](ShuffleWorker &w) { w.reload(); });
}

} // namespace bytewave
