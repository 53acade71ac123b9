#pragma once

#include "core/signallog.h"

#include <QAbstractListModel>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace bytewave {

class DatabaseThread;
class QueueSource;

// The Taste page's recent signals, newest first.
class SignalListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("use App.taste.recent")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role {
        SignalIdRole = Qt::UserRole + 1,
        KindRole,
        TitleRole,
        ArtistRole,
        AtRole,
        UndoneRole,
        UndoableRole,
    };
    Q_ENUM(Role)

    struct Row
    {
        qint64 signalId = 0;
        QString kind; // signallog.h names: like, dislike, skip, complete, replay, reset
        QString title;
        QString artist;
        qint64 atMs = 0;
        bool undone = false;
        bool undoable = false;
    };

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setRows(const QList<Row> &rows);

signals:
    void countChanged();

private:
    QList<Row> m_rows;
};

// What ByteWave has learned, for the Taste page: the adventurousness, the engine's top artists
// and tracks (the same ranking as `bytewave-cli taste`), recent signals and counts read from the
// log on the database thread, and analysis progress.
class Taste : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("use App.taste")
    Q_PROPERTY(double adventurousness READ adventurousness WRITE setAdventurousness NOTIFY adventurousnessChanged)
    Q_PROPERTY(bytewave::SignalListModel *recent READ recent CONSTANT)
    Q_PROPERTY(QStringList topArtists READ topArtists NOTIFY summaryChanged)
    Q_PROPERTY(QStringList topTracks READ topTracks NOTIFY summaryChanged)
    Q_PROPERTY(int likes READ likes NOTIFY summaryChanged)
    Q_PROPERTY(int plays READ plays NOTIFY summaryChanged)
    Q_PROPERTY(int analysed READ analysed NOTIFY analysisChanged)
    Q_PROPERTY(int analysisTotal READ analysisTotal NOTIFY analysisChanged)
    Q_PROPERTY(int analysisFailed READ analysisFailed NOTIFY analysisChanged)
    Q_PROPERTY(double analysisRate READ analysisRate NOTIFY analysisChanged)
    Q_PROPERTY(double analysisEtaS READ analysisEtaS NOTIFY analysisChanged)
public:
    Taste(QueueSource *source, DatabaseThread *db, QObject *parent = nullptr);

    double adventurousness() const { return m_adventurousness; }
    void setAdventurousness(double value);
    SignalListModel *recent() { return &m_recent; }
    QStringList topArtists() const { return m_topArtists; }
    QStringList topTracks() const { return m_topTracks; }
    int likes() const { return m_likes; }
    int plays() const { return m_plays; }
    int analysed() const { return m_analysed; }
    int analysisTotal() const { return m_analysisTotal; }
    int analysisFailed() const { return m_analysisFailed; }
    double analysisRate() const { return m_analysisRate; }
    double analysisEtaS() const { return m_analysisEtaS; }

    Q_INVOKABLE void undoLast();
    // Appends a "reset" signal: the log keeps everything, the engine forgets what came before.
    Q_INVOKABLE void resetTaste();
    Q_INVOKABLE void refresh();
    // Speed reported by the analysis queue (tracks per second, seconds left; <= 0: unknown).
    // The counts come from the database, so they include earlier sessions.
    void setAnalysisSpeed(double rate, double etaS);

signals:
    void adventurousnessChanged();
    void summaryChanged();
    void analysisChanged();

private:
    struct Summary
    {
        QList<SignalListModel::Row> recent;
        int likes = 0;
        int plays = 0;
        int analysed = 0;
        int analysisTotal = 0;
        int analysisFailed = 0;
    };
    static Summary loadSummary(Database &db);
    static constexpr int kTopCount = 5;

    QueueSource *m_source;
    DatabaseThread *m_db;
    SignalListModel m_recent;
    QTimer m_refreshTimer;
    double m_adventurousness = 0.5;
    QStringList m_topArtists;
    QStringList m_topTracks;
    int m_likes = 0;
    int m_plays = 0;
    int m_analysed = 0;
    int m_analysisTotal = 0;
    int m_analysisFailed = 0;
    double m_analysisRate = 0;
    double m_analysisEtaS = 0;
    QTimer m_analysisRefresh;
};

} // namespace bytewave
