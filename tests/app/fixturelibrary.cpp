#include "fixturelibrary.h"

#include "core/database.h"

#include <QColor>
#include <QDateTime>
#include <QDir>
#include <QFont>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QSqlQuery>
#include <QStringList>

#include <cmath>

namespace bytewave::test {

namespace {
const QStringList kFirst = {QStringLiteral("Velvet"), QStringLiteral("Neon"), QStringLiteral("Quiet"),
                            QStringLiteral("Northern"), QStringLiteral("Paper"), QStringLiteral("Golden"),
                            QStringLiteral("Static"), QStringLiteral("Silver"), QStringLiteral("Hollow"),
                            QStringLiteral("Electric"), QStringLiteral("Midnight"), QStringLiteral("Coral")};
const QStringList kSecond = {QStringLiteral("Harbour"), QStringLiteral("Lanterns"), QStringLiteral("Tides"),
                             QStringLiteral("Engines"), QStringLiteral("Foxes"), QStringLiteral("Signals"),
                             QStringLiteral("Orchard"), QStringLiteral("Satellites"), QStringLiteral("Rivers"),
                             QStringLiteral("Cathedral"), QStringLiteral("Parade"), QStringLiteral("Machines")};
const QStringList kWords = {QStringLiteral("Slow"), QStringLiteral("Light"), QStringLiteral("Morning"),
                            QStringLiteral("Driving"), QStringLiteral("Glass"), QStringLiteral("Summer"),
                            QStringLiteral("Falling"), QStringLiteral("Home"), QStringLiteral("Wires"),
                            QStringLiteral("Blue"), QStringLiteral("Weather"), QStringLiteral("Ghosts"),
                            QStringLiteral("Runaway"), QStringLiteral("Stars"), QStringLiteral("Echo"),
                            QStringLiteral("Bloom")};
const QStringList kGenres = {QStringLiteral("Indie"), QStringLiteral("Electronic"), QStringLiteral("Jazz"),
                             QStringLiteral("Folk"), QStringLiteral("Rock"), QStringLiteral("Ambient"),
                             QStringLiteral("Soul"), QStringLiteral("Hip-Hop")};

QString paintCover(const QString &dir, int album, const QString &title)
{
    const QString path = dir + QStringLiteral("/cover-%1.png").arg(album);
    if (QFile::exists(path))
        return path;
    QImage image(240, 240, QImage::Format_RGB32);
    QPainter p(&image);
    const QColor a = QColor::fromHsv((album * 47) % 360, 160, 200);
    const QColor b = QColor::fromHsv((album * 47 + 120) % 360, 200, 90);
    QLinearGradient g(0, 0, 240, 240);
    g.setColorAt(0, a);
    g.setColorAt(1, b);
    p.fillRect(image.rect(), g);
    p.setPen(QPen(QColor(255, 255, 255, 90), 10));
    p.drawEllipse(QPoint(170, 80), 40 + album % 30, 40 + album % 30);
    p.setPen(Qt::white);
    QFont font(QStringLiteral("DejaVu Sans"), 22, QFont::Bold);
    p.setFont(font);
    p.drawText(QRect(16, 150, 208, 80), Qt::AlignLeft | Qt::AlignBottom | Qt::TextWordWrap, title);
    p.end();
    image.save(path);
    return path;
}
// A 2-second 440 Hz mono 16-bit WAV: the smallest file every GStreamer install plays.
bool writeTone(const QString &path)
{
    constexpr int rate = 8000;
    constexpr int samples = rate * 2;
    QByteArray data;
    data.reserve(44 + samples * 2);
    auto u32 = [&data](quint32 v) { for (int i = 0; i < 4; ++i) data.append(char((v >> (8 * i)) & 0xff)); };
    auto u16 = [&data](quint16 v) { data.append(char(v & 0xff)); data.append(char(v >> 8)); };
    data.append("RIFF");
    u32(36 + samples * 2);
    data.append("WAVEfmt ");
    u32(16);
    u16(1);
    u16(1);
    u32(rate);
    u32(rate * 2);
    u16(2);
    u16(16);
    data.append("data");
    u32(samples * 2);
    for (int i = 0; i < samples; ++i)
        u16(quint16(qint16(3000 * std::sin(2 * M_PI * 440 * i / rate))));
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}
} // namespace

int fillLibrary(Database &db, int tracks, const QString &coverDir, const QString &audioPath)
{
    if (!coverDir.isEmpty())
        QDir().mkpath(coverDir);
    const QString tone = audioPath.isEmpty() ? QString() : audioPath + QStringLiteral("/tone.wav");
    if (!tone.isEmpty() && (!QDir().mkpath(audioPath) || !writeTone(tone)))
        return -1;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int written = 0;
    const bool ok = db.transaction([&] {
        QSqlQuery &q = db.query(QStringLiteral(
            "INSERT INTO tracks (path, size, mtime_ms, title, artist, album_artist, album, genres, "
            "track_number, disc_number, year, duration_ms, codec, sample_rate, channels, "
            "bitrate_kbps, cover, added_ms, updated_ms) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'mp3', 44100, 2, 192, ?, ?, ?)"));
        for (int i = 0; i < tracks; ++i) {
            const int album = i / 10;
            const int artist = album / 3;
            const QString artistName = kFirst.at(artist % kFirst.size()) + QLatin1Char(' ')
                                       + kSecond.at((artist * 5 + artist / kFirst.size()) % kSecond.size())
                                       + (artist >= kFirst.size() * kSecond.size()
                                              ? QStringLiteral(" %1").arg(artist) : QString());
            const QString albumTitle = kWords.at((album * 7) % kWords.size()) + QLatin1Char(' ')
                                       + kWords.at((album * 3 + 5) % kWords.size());
            const QString title = kWords.at((i * 5) % kWords.size()) + QLatin1Char(' ')
                                  + kWords.at((i * 11 + album) % kWords.size());
            const QString cover = coverDir.isEmpty() ? QString() : paintCover(coverDir, album, albumTitle);
            QString path = QStringLiteral("/music/%1/%2/%3.mp3").arg(artist).arg(album).arg(i);
            if (!tone.isEmpty()) {
                // Every track plays the same tone, through a link of its own (paths are unique).
                path = audioPath + QStringLiteral("/track-%1.wav").arg(i);
                QFile::link(tone, path);
            }
            q.addBindValue(path);
            q.addBindValue(4000000 + i);
            q.addBindValue(now);
            q.addBindValue(title);
            q.addBindValue(artistName);
            q.addBindValue(artistName);
            q.addBindValue(albumTitle);
            q.addBindValue(kGenres.at(artist % kGenres.size()));
            q.addBindValue(i % 10 + 1);
            q.addBindValue(1990 + album % 33);
            q.addBindValue(150000 + (i * 7919) % 180000);
            q.addBindValue(cover.isEmpty() ? QStringLiteral("") : cover); // a null QString would bind NULL
            q.addBindValue(now);
            q.addBindValue(now);
            if (!q.exec())
                return db.fail(QStringLiteral("fixture track"), q);
            ++written;
        }
        return true;
    });
    return ok ? written : -1;
}

} // namespace bytewave::test
