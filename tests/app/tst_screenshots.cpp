// Renders every page of the real app at 800x480 (offscreen) over a generated library, saves the
// PNGs under the build folder (screenshots/), and checks that none is blank.
#include "app/app.h"
#include "core/database.h"
#include "core/signallog.h"
#include "fixturelibrary.h"

#include <QDir>
#include <QGuiApplication>
#include <QSqlQuery>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQmlProperty>
#include <QQuickItem>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <functional>

Q_IMPORT_QML_PLUGIN(ByteWave_UIPlugin)
Q_IMPORT_QML_PLUGIN(ByteWave_AppPlugin)

using namespace bytewave;

namespace {
// Standard deviation of the grey level: a blank or single-colour frame is near 0.
double greyDeviation(const QImage &image)
{
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    double sum = 0;
    double sumSq = 0;
    const qint64 n = qint64(grey.width()) * grey.height();
    for (int y = 0; y < grey.height(); ++y) {
        const uchar *line = grey.constScanLine(y);
        for (int x = 0; x < grey.width(); ++x) {
            sum += line[x];
            sumSq += double(line[x]) * line[x];
        }
    }
    const double mean = sum / double(n);
    return std::sqrt(std::max(0.0, sumSq / double(n) - mean * mean));
}
// Every button, menu item, switch and list row a finger can reach on screen that is under 48 px
// in either direction (the minimum touch target), as "what WxH".
QStringList smallTouchTargets(QQuickWindow *window)
{
    constexpr qreal kMinTouch = 48;
    QStringList small;
    const QRectF screen(QPointF(0, 0), window->size());
    std::function<void(QQuickItem *)> visit = [&](QQuickItem *item) {
        if (!item->isVisible() || item->opacity() <= 0)
            return;
        if (item->inherits("QQuickAbstractButton") && item->isEnabled()) {
            const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
            if (r.intersects(screen) && (item->width() < kMinTouch || item->height() < kMinTouch)) {
                const QString name = item->objectName().isEmpty()
                                         ? item->property("text").toString()
                                         : item->objectName();
                small << QStringLiteral("%1 (%2) %3x%4")
                             .arg(name, QString::fromLatin1(item->metaObject()->className()))
                             .arg(item->width())
                             .arg(item->height());
            }
        }
        for (QQuickItem *child : item->childItems())
            visit(child);
    };
    visit(window->contentItem());
    return small;
}
// Visible text that spills out of its parent (neither eliding nor wrapping: card titles spilled
// past narrow cards) or that elides on a verdict tile ("label").
QStringList clippedText(QQuickWindow *window)
{
    QStringList clipped;
    std::function<void(QQuickItem *)> visit = [&](QQuickItem *item) {
        if (!item->isVisible() || item->opacity() <= 0)
            return;
        QQuickItem *parent = item->parentItem();
        const QString text = item->property("text").toString();
        if (item->inherits("QQuickText") && parent && parent->width() > 0 && !text.isEmpty()) {
            const bool elides = item->property("elide").toInt() != Qt::ElideNone;
            const bool wraps = item->property("wrapMode").toInt() != 0; // Text.NoWrap
            const qreal right = item->mapToItem(parent, QPointF(item->property("contentWidth").toDouble(), 0)).x();
            if (!elides && !wraps && right > parent->width() + 1)
                clipped << text;
            if (item->objectName() == QStringLiteral("label") && item->property("truncated").toBool())
                clipped << text;
        }
        for (QQuickItem *child : item->childItems())
            visit(child);
    };
    visit(window->contentItem());
    return clipped;
}
} // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void pages_data();
    void pages();
    void firstStart();
    void windowSizes_data();
    void windowSizes();

private:
    QImage render(const QString &dbPath, const std::function<void(QObject *shell)> &prepare,
                  const std::function<bool(QObject *shell)> &ready, QSize size);
    QImage render(const QString &dbPath, const std::function<void(QObject *shell)> &prepare,
                  const std::function<bool(QObject *shell)> &ready);
    void save(const QImage &image, const QString &name);

    QTemporaryDir m_dir;
    QString m_outDir;
    QStringList m_smallTargets; // of the last render
    QStringList m_clippedLabels; // text spilling out of its box, or an elided verdict label
};

void TestScreenshots::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_outDir = QDir::currentPath() + QStringLiteral("/screenshots");
    QVERIFY(QDir().mkpath(m_outDir));

    Database db;
    QVERIFY2(db.open(m_dir.filePath(QStringLiteral("library.db"))), qPrintable(db.errorString()));
    QCOMPARE(test::fillLibrary(db, 240, m_dir.filePath(QStringLiteral("covers")),
                               m_dir.filePath(QStringLiteral("audio"))),
             240);
    // A little history, so the Taste page has something to show.
    SignalLog log(db);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QList<QPair<SignalKind, qint64>> history = {
        {SignalKind::Like, 3},  {SignalKind::Complete, 4}, {SignalKind::Like, 14},
        {SignalKind::Skip, 25}, {SignalKind::Like, 33},    {SignalKind::Dislike, 41},
        {SignalKind::Replay, 3}, {SignalKind::Like, 52}};
    for (const auto &[kind, track] : history) {
        SignalRecord start{0, track, SignalKind::Start, 0, 200, now, 0};
        QVERIFY(log.append(start) > 0);
        SignalRecord s{0, track, kind, kind == SignalKind::Skip ? 12.0 : 100.0, 200, now, 0};
        QVERIFY(log.append(s) > 0);
    }
    QSqlQuery folder(db.connection());
    QVERIFY(folder.exec(QStringLiteral(
        "INSERT INTO library_folders (path, added_ms) VALUES ('/home/pi/Music', 0)")));
    QSqlQuery analysed(db.connection());
    QVERIFY(analysed.exec(QStringLiteral(
        "INSERT INTO analysis (track_id, extractor_version, source_size, source_mtime_ms, analysed_ms, loudness_lufs, "
        "                      tempo_bpm, key, mode, key_strength, energy) "
        "SELECT id, 1, size, mtime_ms, 0, -12, 90 + id % 60, id % 12, id % 2, 0.8, (id % 10) / 10.0 "
        "FROM tracks WHERE id <= 150")));
}

QImage TestScreenshots::render(const QString &dbPath, const std::function<void(QObject *)> &prepare,
                               const std::function<bool(QObject *)> &ready)
{
    return render(dbPath, prepare, ready, QSize(800, 480));
}

QImage TestScreenshots::render(const QString &dbPath, const std::function<void(QObject *)> &prepare,
                               const std::function<bool(QObject *)> &ready, QSize size)
{
    AppConfig config;
    config.dbPath = dbPath;
    config.backgroundWork = false; // the fixture's rows have no files behind them
    App::configure(config);
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/ByteWave/UI/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return {};
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window)
        return {};
    window->resize(size);
    QObject *shell = window->findChild<QObject *>(QStringLiteral("shell"));
    if (!shell)
        return {};
    if (!QTest::qWaitFor([&] { return ready(shell); }, 10000))
        qWarning("the page never became ready");
    prepare(shell);
    QTest::qWait(900); // transitions and asynchronous cover decoding
    m_smallTargets = smallTouchTargets(window);
    m_clippedLabels = clippedText(window);
    return window->grabWindow();
}

void TestScreenshots::save(const QImage &image, const QString &name)
{
    const QString path = m_outDir + QLatin1Char('/') + name + QStringLiteral(".png");
    QVERIFY(image.save(path));
    qInfo("saved %s", qPrintable(path));
}

void TestScreenshots::pages_data()
{
    QTest::addColumn<int>("page");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("detail");
    QTest::newRow("now playing") << 0 << QStringLiteral("now-playing") << QString();
    QTest::newRow("up next") << 1 << QStringLiteral("up-next") << QString();
    QTest::newRow("up next, hold menu") << 1 << QStringLiteral("up-next-menu") << QStringLiteral("menu");
    QTest::newRow("library") << 2 << QStringLiteral("library-artists") << QString();
    QTest::newRow("library album") << 2 << QStringLiteral("library-album") << QStringLiteral("album");
    QTest::newRow("library search") << 2 << QStringLiteral("library-search") << QStringLiteral("search");
    QTest::newRow("library search, keyboard") << 2 << QStringLiteral("library-search-keyboard")
                                              << QStringLiteral("keyboard");
    QTest::newRow("taste") << 3 << QStringLiteral("taste") << QString();
    QTest::newRow("settings") << 4 << QStringLiteral("settings") << QString();
    QTest::newRow("settings, scrolled") << 4 << QStringLiteral("settings-more") << QStringLiteral("bottom");
}

void TestScreenshots::pages()
{
    QFETCH(int, page);
    QFETCH(QString, name);
    QFETCH(QString, detail);
    // Each page gets a fresh copy, so one page's taps do not change another's picture.
    const QString db = m_dir.filePath(name + QStringLiteral(".db"));
    QFile::remove(db);
    QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("library.db")), db));

    const QImage image = render(
        db,
        [&](QObject *shell) {
            QMetaObject::invokeMethod(shell, "showPage", Q_ARG(QVariant, page));
            QTest::qWait(200);
            if (detail == QStringLiteral("album")) {
                auto *libraryPage = shell->findChild<QObject *>(QStringLiteral("artistList"))->parent()->parent();
                QMetaObject::invokeMethod(libraryPage, "openArtist", Q_ARG(QVariant, QStringLiteral("Velvet Harbour")));
                QTest::qWait(100);
                auto *albums = QQmlProperty::read(shell, QStringLiteral("library")).value<QObject *>()->property("albums").value<QObject *>();
                QVERIFY(albums);
                QModelIndex first = qobject_cast<QAbstractItemModel *>(albums)->index(0, 0);
                const QString key = first.data(Qt::UserRole + 1).toString();
                QMetaObject::invokeMethod(libraryPage, "openAlbum", Q_ARG(QVariant, key));
            } else if (detail == QStringLiteral("menu")) {
                // What a long press on the second row opens.
                QObject *menu = shell->findChild<QObject *>(QStringLiteral("queueMenu"));
                QVERIFY(menu);
                menu->setProperty("trackTitle", QStringLiteral("Summer Ghosts"));
                menu->setProperty("x", 260);
                menu->setProperty("y", 150);
                QMetaObject::invokeMethod(menu, "open");
                QTRY_VERIFY(menu->property("opened").toBool());
            } else if (detail == QStringLiteral("bottom")) {
                QObject *flick = shell->findChild<QObject *>(QStringLiteral("settingsFlick"));
                QVERIFY(flick);
                const double bottom = flick->property("contentHeight").toDouble() - flick->property("height").toDouble();
                flick->setProperty("contentY", std::max(0.0, bottom));
            } else if (detail == QStringLiteral("search") || detail == QStringLiteral("keyboard")) {
                auto *field = shell->findChild<QObject *>(QStringLiteral("librarySearch"));
                QVERIFY(field);
                field->setProperty("text", QStringLiteral("blue"));
                QTest::qWait(400);
                if (detail == QStringLiteral("keyboard")) {
                    // A tap in the search field brings up Qt Virtual Keyboard (main() below
                    // selects it, as App::prepareEnvironment does on eglfs).
                    QMetaObject::invokeMethod(field, "forceActiveFocus");
                    QObject *keyboard = shell->parent()->findChild<QObject *>(QStringLiteral("keyboard"));
                    QVERIFY2(keyboard, "the keyboard panel is loaded on the touchscreen");
                    QTRY_VERIFY(keyboard->property("active").toBool());
                    QVERIFY(keyboard->property("visible").toBool());
                }
            }
        },
        [](QObject *shell) {
            QObject *player = QQmlProperty::read(shell, QStringLiteral("player")).value<QObject *>();
            return player && player->property("hasTrack").toBool();
        });
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(800, 480));
    save(image, name);
    QVERIFY2(m_smallTargets.isEmpty(), qPrintable(QStringLiteral("touch targets under 48 px on %1: %2")
                                                      .arg(name, m_smallTargets.join(QStringLiteral(", ")))));
    QVERIFY2(m_clippedLabels.isEmpty(), qPrintable(QStringLiteral("text spilling out on %1: %2")
                                                       .arg(name, m_clippedLabels.join(QStringLiteral(", ")))));
    const double deviation = greyDeviation(image);
    QVERIFY2(deviation > 12, qPrintable(QStringLiteral("%1 looks blank (grey deviation %2)").arg(name).arg(deviation)));
}

void TestScreenshots::firstStart()
{
    const QString db = m_dir.filePath(QStringLiteral("empty.db"));
    const QImage image = render(
        db, [](QObject *) {},
        [](QObject *shell) { return QQmlProperty::read(shell, QStringLiteral("firstStart")).toBool(); });
    QVERIFY(!image.isNull());
    save(image, QStringLiteral("first-start"));
    QVERIFY2(m_smallTargets.isEmpty(), qPrintable(m_smallTargets.join(QStringLiteral(", "))));
    QVERIFY(greyDeviation(image) > 12);

    // The folder picker, as a finger on the Pi sees it (eglfs has no native dialog).
    const QString music = m_dir.filePath(QStringLiteral("Music"));
    for (const char *folder : {"Albums", "Audiobooks", "Live recordings", "Podcasts", "Singles"})
        QVERIFY(QDir().mkpath(music + QLatin1Char('/') + QLatin1String(folder)));
    const QImage picker = render(
        db,
        [&](QObject *shell) {
            QObject *dialog = shell->findChild<QObject *>(QStringLiteral("folderDialog"));
            QVERIFY(dialog);
            dialog->setProperty("startFolder", QUrl::fromLocalFile(music));
            QMetaObject::invokeMethod(dialog, "open");
            QTRY_VERIFY(dialog->property("visible").toBool());
            QObject *up = dialog->findChild<QObject *>(QStringLiteral("folderUp"));
            QVERIFY(up);
            QTRY_VERIFY(up->property("enabled").toBool());
        },
        [](QObject *shell) { return QQmlProperty::read(shell, QStringLiteral("firstStart")).toBool(); });
    QVERIFY(!picker.isNull());
    save(picker, QStringLiteral("first-start-folder"));
    QVERIFY2(m_smallTargets.isEmpty(), qPrintable(m_smallTargets.join(QStringLiteral(", "))));
    QVERIFY(greyDeviation(picker) > 12);
}

void TestScreenshots::windowSizes_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("page");
    for (const QSize size : {QSize(640, 400), QSize(1280, 800)}) {
        const QString tag = QStringLiteral("%1x%2 ").arg(size.width()).arg(size.height());
        QTest::newRow(qPrintable(tag + QStringLiteral("now playing"))) << size << 0;
        QTest::newRow(qPrintable(tag + QStringLiteral("up next"))) << size << 1;
        QTest::newRow(qPrintable(tag + QStringLiteral("library"))) << size << 2;
        QTest::newRow(qPrintable(tag + QStringLiteral("taste"))) << size << 3;
        QTest::newRow(qPrintable(tag + QStringLiteral("settings"))) << size << 4;
    }
}

// A desktop window of the smallest allowed size and a large one: still drawn, still 48 px
// targets, and the verdict labels still fit.
void TestScreenshots::windowSizes()
{
    QFETCH(QSize, size);
    QFETCH(int, page);
    const QString name = QStringLiteral("size-%1x%2-page%3").arg(size.width()).arg(size.height()).arg(page);
    const QString db = m_dir.filePath(name + QStringLiteral(".db"));
    QFile::remove(db);
    QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("library.db")), db));
    const QImage image = render(
        db, [&](QObject *shell) { QMetaObject::invokeMethod(shell, "showPage", Q_ARG(QVariant, page)); },
        [](QObject *shell) {
            QObject *player = QQmlProperty::read(shell, QStringLiteral("player")).value<QObject *>();
            return player && player->property("hasTrack").toBool();
        },
        size);
    QCOMPARE(image.size(), size);
    save(image, name);
    QVERIFY(greyDeviation(image) > 12);
    QVERIFY2(m_smallTargets.isEmpty(), qPrintable(m_smallTargets.join(QStringLiteral(", "))));
    QVERIFY2(m_clippedLabels.isEmpty(), qPrintable(m_clippedLabels.join(QStringLiteral(", "))));
}

// The touchscreen's input method, as App::prepareEnvironment chooses it on eglfs/linuxfb: it
// must be set before the application object exists. Pages without a text field never show it.
int main(int argc, char **argv)
{
    qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
    QGuiApplication app(argc, argv);
    TestScreenshots test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_screenshots.moc"
