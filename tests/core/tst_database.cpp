#include "core/database.h"
#include "core/settingsstore.h"
#include "core/signallog.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace bytewave;

class TestDatabase : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString dbPath(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    static qint64 insertTrack(Database &db, const QString &path)
    {
        QSqlQuery &q = db.query(QStringLiteral(
            "INSERT INTO tracks (path, size, mtime_ms, title, artist, added_ms, updated_ms) "
            "VALUES (?, 1, 1, 't', 'a', 0, 0)"));
        q.addBindValue(path);
        if (!q.exec())
            return 0;
        return q.lastInsertId().toLongLong();
    }

    static QByteArray fileHash(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void createsSchemaAtCurrentVersion()
    {
        Database db;
        QVERIFY2(db.open(dbPath("fresh.db")), qPrintable(db.errorString()));
        QCOMPARE(db.fileSchemaVersion(), Database::kSchemaVersion);
        for (const char *table : {"tracks", "analysis", "signals", "settings", "library_folders"}) {
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(table)));
        }
    }

    void pragmas_data()
    {
        QTest::addColumn<QString>("pragma");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wal") << "journal_mode" << "wal";
        QTest::newRow("synchronous full") << "synchronous" << "2";
        QTest::newRow("foreign keys") << "foreign_keys" << "1";
    }

    void pragmas()
    {
        QFETCH(QString, pragma);
        QFETCH(QString, expected);
        Database db;
        QVERIFY2(db.open(dbPath("pragmas.db")), qPrintable(db.errorString()));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA ") + pragma));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), expected);
    }

    void reopenKeepsData()
    {
        const QString path = dbPath("reopen.db");
        qint64 signalId = 0;
        {
            Database db;
            QVERIFY(db.open(path));
            const qint64 track = insertTrack(db, QStringLiteral("/music/a.ogg"));
            QVERIFY(track > 0);
            SignalLog log(db);
            signalId = log.append({0, track, SignalKind::Like, 12.5, 200, 1000, 0});
            QVERIFY2(signalId > 0, qPrintable(log.errorString()));
        }
        Database db;
        QVERIFY(db.open(path));
        const auto signals_ = SignalLog(db).read();
        QCOMPARE(signals_.size(), 1);
        QCOMPARE(signals_.first().id, signalId);
        QCOMPARE(signals_.first().kind, SignalKind::Like);
        QCOMPARE(signals_.first().positionS, 12.5);
    }

    void refusesNewerSchemaWithoutTouchingIt()
    {
        const QString path = dbPath("newer.db");
        {
            Database db;
            QVERIFY(db.open(path));
            QVERIFY(db.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
            QVERIFY(db.exec(QStringLiteral("PRAGMA user_version = %1").arg(Database::kSchemaVersion + 7)));
        }
        const QByteArray before = fileHash(path);
        QVERIFY(!before.isEmpty());

        Database db;
        QVERIFY(!db.open(path));
        QVERIFY2(db.errorString().contains(QStringLiteral("newer ByteWave")), qPrintable(db.errorString()));
        QVERIFY(!db.isOpen());
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void refusesGarbageFile()
    {
        const QString path = dbPath("garbage.db");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        Database db;
        QVERIFY(!db.open(path));
        QVERIFY(!db.errorString().isEmpty());
    }

    void migratesFromEmptyVersionZero()
    {
        // A file that exists but was never migrated (user_version 0) climbs the whole ladder.
        const QString path = dbPath("zero.db");
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE unrelated (x)")));
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        Database db;
        QVERIFY2(db.open(path), qPrintable(db.errorString()));
        QCOMPARE(db.fileSchemaVersion(), Database::kSchemaVersion);
    }

    void readOnlyOpenDoesNotCreate()
    {
        Database db;
        QVERIFY(!db.open(dbPath("absent.db"), Database::Mode::ReadOnly));
        QVERIFY(!QFile::exists(dbPath("absent.db")));
    }

    void signalsAreAppendOnly()
    {
        Database db;
        QVERIFY(db.open(dbPath("appendonly.db")));
        const qint64 track = insertTrack(db, QStringLiteral("/music/b.ogg"));
        SignalLog log(db);
        QVERIFY(log.append({0, track, SignalKind::Skip, 3, 100, 5, 0}) > 0);
        QSqlQuery q(db.connection());
        QVERIFY(!q.exec(QStringLiteral("UPDATE signals SET kind = 'like'")));
        QVERIFY(q.lastError().text().contains(QStringLiteral("append-only")));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM signals")));
        QCOMPARE(log.count(), 1);
        // A track with history cannot be deleted: it is flagged missing instead.
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM tracks WHERE id = %1").arg(track)));
    }

    void rejectsUnknownSignalTrack()
    {
        Database db;
        QVERIFY(db.open(dbPath("fk.db")));
        SignalLog log(db);
        QCOMPARE(log.append({0, 4242, SignalKind::Like, 0, 0, 1, 0}), 0);
        QVERIFY(!log.errorString().isEmpty());
    }

    void signalKindNames_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("name");
        QTest::newRow("start") << int(SignalKind::Start) << "start";
        QTest::newRow("like") << int(SignalKind::Like) << "like";
        QTest::newRow("dislike") << int(SignalKind::Dislike) << "dislike";
        QTest::newRow("skip") << int(SignalKind::Skip) << "skip";
        QTest::newRow("complete") << int(SignalKind::Complete) << "complete";
        QTest::newRow("replay") << int(SignalKind::Replay) << "replay";
        QTest::newRow("undo") << int(SignalKind::Undo) << "undo";
        QTest::newRow("reset") << int(SignalKind::Reset) << "reset";
    }

    void signalKindNames()
    {
        QFETCH(int, kind);
        QFETCH(QString, name);
        QCOMPARE(signalKindName(SignalKind(kind)), name);
        QCOMPARE(signalKindFromName(name), std::optional<SignalKind>(SignalKind(kind)));
    }

    void settingsRoundTrip()
    {
        Database db;
        QVERIFY(db.open(dbPath("settings.db")));
        SettingsStore settings(db);
        QCOMPARE(settings.number(QStringLiteral("adventurousness"), 0.4), 0.4);
        QVERIFY(settings.setNumber(QStringLiteral("adventurousness"), 0.75));
        QVERIFY(settings.setNumber(QStringLiteral("adventurousness"), 0.8));
        QCOMPARE(settings.number(QStringLiteral("adventurousness"), 0.4), 0.8);
        QVERIFY(settings.addLibraryFolder(QStringLiteral("/music/b")));
        QVERIFY(settings.addLibraryFolder(QStringLiteral("/music/a")));
        QVERIFY(settings.addLibraryFolder(QStringLiteral("/music/a")));
        QCOMPARE(settings.libraryFolders(), QStringList({QStringLiteral("/music/a"), QStringLiteral("/music/b")}));
        QVERIFY(settings.removeLibraryFolder(QStringLiteral("/music/a")));
        QCOMPARE(settings.libraryFolders(), QStringList{QStringLiteral("/music/b")});
    }

    void readerAndWriterAtOnce()
    {
        // One thread appends signals in small transactions while another reads: WAL lets both
        // proceed, and the reader never sees an error or a half-written row.
        const QString path = dbPath("concurrent.db");
        qint64 track = 0;
        {
            Database db;
            QVERIFY(db.open(path));
            track = insertTrack(db, QStringLiteral("/music/c.ogg"));
        }
        constexpr int kWrites = 200;
        std::atomic<bool> writerDone{false};
        std::atomic<int> writerFailures{0};
        std::atomic<int> readerFailures{0};
        std::atomic<int> reads{0};

        QThread *writer = QThread::create([&] {
            Database db;
            if (!db.open(path)) {
                writerFailures = kWrites;
            } else {
                SignalLog log(db);
                for (int i = 0; i < kWrites; ++i) {
                    if (log.append({0, track, SignalKind::Complete, 100, 100, i, 0}) <= 0)
                        ++writerFailures;
                }
            }
            writerDone = true;
        });
        QThread *reader = QThread::create([&] {
            Database db;
            if (!db.open(path)) {
                ++readerFailures;
                return;
            }
            qint64 last = 0;
            while (!writerDone) {
                const qint64 n = SignalLog(db).count();
                if (n < last)
                    ++readerFailures; // the log must only grow
                last = n;
                ++reads;
            }
        });
        writer->start();
        reader->start();
        QVERIFY(writer->wait(60000));
        QVERIFY(reader->wait(60000));
        delete writer;
        delete reader;
        QCOMPARE(writerFailures.load(), 0);
        QCOMPARE(readerFailures.load(), 0);
        QVERIFY(reads.load() > 0);
        Database db;
        QVERIFY(db.open(path));
        QCOMPARE(SignalLog(db).count(), qint64(kWrites));
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
