#include "analysis/synth/libraryplanner.h"
#include "analysis/synth/stylebook.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <map>

using namespace bytewave::synth;

namespace {

QByteArray planJson(const LibraryPlan &plan)
{
    QJsonArray array;
    for (const DemoTrack &t : plan.tracks)
        array.append(t.toJson());
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

const QList<AudioFormat> kAllFormats {AudioFormat::Mp3, AudioFormat::Ogg, AudioFormat::Flac};

} // namespace

class TestLibraryPlanner : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedSamePlan()
    {
        const auto a = LibraryPlanner::plan(42, 300, 30.0, kAllFormats);
        const auto b = LibraryPlanner::plan(42, 300, 30.0, kAllFormats);
        QCOMPARE(planJson(a), planJson(b));
    }

    void differentSeedDifferentPlan()
    {
        const auto a = LibraryPlanner::plan(1, 60, 30.0, kAllFormats);
        const auto b = LibraryPlanner::plan(2, 60, 30.0, kAllFormats);
        QVERIFY(planJson(a) != planJson(b));
    }

    // A prefix of a larger library is not required to be equal, but the requested count is.
    void exactTrackCount_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("one") << 1;
        QTest::newRow("three") << 3;
        QTest::newRow("sixty") << 60;
        QTest::newRow("thousand") << 1000;
    }

    void exactTrackCount()
    {
        QFETCH(int, count);
        const auto plan = LibraryPlanner::plan(7, count, 10.0, kAllFormats);
        QCOMPARE(int(plan.tracks.size()), count);
    }

    void formatsRotateTrackByTrack()
    {
        const auto plan = LibraryPlanner::plan(3, 6, 10.0, kAllFormats);
        QSet<AudioFormat> seen;
        for (const DemoTrack &t : plan.tracks)
            seen.insert(t.format);
        QCOMPARE(seen.size(), 3);
        const auto onlyFlac = LibraryPlanner::plan(3, 6, 10.0, {AudioFormat::Flac});
        for (const DemoTrack &t : onlyFlac.tracks) {
            QCOMPARE(t.format, AudioFormat::Flac);
            QVERIFY(t.relativePath.endsWith(QStringLiteral(".flac")));
        }
    }

    // "An artist fan" and "a genre lover" only make sense when an artist keeps one style,
    // genre, tempo band and timbre family.
    void artistsAreConsistent()
    {
        const auto plan = LibraryPlanner::plan(11, 1500, 30.0, kAllFormats);
        struct Seen
        {
            Style style;
            QStringList genres;
            double minTempo = 1e9, maxTempo = 0;
            QSet<Timbre> timbres;
        };
        std::map<int, Seen> artists;
        for (const DemoTrack &t : plan.tracks) {
            auto it = artists.try_emplace(t.artistIndex, Seen {t.params.style, t.genres, 1e9, 0, {}}).first;
            Seen &s = it->second;
            QCOMPARE(t.params.style, s.style);
            QCOMPARE(t.genres, s.genres);
            s.minTempo = std::min(s.minTempo, t.params.tempoBpm);
            s.maxTempo = std::max(s.maxTempo, t.params.tempoBpm);
            s.timbres.insert(t.params.timbre);
        }
        for (const auto &[index, s] : artists) {
            QVERIFY2(s.maxTempo <= s.minTempo * 1.14, qPrintable(QString::number(index)));
            QVERIFY(s.timbres.size() <= 2);
            const StyleSpec &spec = styleSpec(s.style);
            QVERIFY(s.minTempo >= spec.tempoMin && s.maxTempo <= spec.tempoMax);
        }
    }

    void albumsHaveFourToTwelveNumberedTracks()
    {
        const auto plan = LibraryPlanner::plan(5, 800, 30.0, kAllFormats);
        std::map<int, std::vector<const DemoTrack *>> albums;
        for (const DemoTrack &t : plan.tracks)
            albums[t.albumIndex].push_back(&t);
        const int lastAlbum = plan.tracks.back().albumIndex;
        for (const auto &[index, tracks] : albums) {
            if (index != lastAlbum) // the last album may be cut short by the requested count
                QVERIFY(tracks.size() >= 4 && tracks.size() <= 12);
            for (std::size_t i = 0; i < tracks.size(); ++i) {
                QCOMPARE(tracks[i]->trackNumber, int(i + 1));
                QCOMPARE(tracks[i]->trackTotal, int(tracks.size()));
                QCOMPARE(tracks[i]->album, tracks.front()->album);
                QCOMPARE(tracks[i]->artist, tracks.front()->artist);
                QCOMPARE(tracks[i]->year, tracks.front()->year);
            }
        }
    }

    void pathsAreUniqueEvenIgnoringCase()
    {
        const auto plan = LibraryPlanner::plan(9, 3000, 30.0, kAllFormats);
        QSet<QString> paths;
        for (const DemoTrack &t : plan.tracks) {
            const QString key = t.relativePath.toCaseFolded();
            QVERIFY2(!paths.contains(key), qPrintable(t.relativePath));
            paths.insert(key);
            QCOMPARE(t.relativePath.count(QLatin1Char('/')), 2);
        }
    }

    void pluralsAreEnglish()
    {
        // "Valley" makes "Valleys", "City" makes "Cities": never "Valleies" or "Bayies".
        const auto plan = LibraryPlanner::plan(9, 3000, 30.0, kAllFormats);
        const QRegularExpression vowelIes(QStringLiteral("[aeiou]ies\\b"));
        for (const DemoTrack &t : plan.tracks)
            QVERIFY2(!vowelIes.match(t.relativePath).hasMatch(), qPrintable(t.relativePath));
    }

    void parametersCoverTheRanges()
    {
        const auto plan = LibraryPlanner::plan(1, 2000, 30.0, kAllFormats);
        double minTempo = 1e9, maxTempo = 0;
        QSet<Style> styles;
        QSet<int> keys;
        QSet<Timbre> timbres;
        int swung = 0, minor = 0, multiGenre = 0, noisy = 0;
        for (const DemoTrack &t : plan.tracks) {
            const TrackParams &p = t.params;
            minTempo = std::min(minTempo, p.tempoBpm);
            maxTempo = std::max(maxTempo, p.tempoBpm);
            styles.insert(p.style);
            keys.insert(p.keyIndex);
            timbres.insert(p.timbre);
            swung += p.swing > 0;
            minor += p.mode == Mode::Minor;
            multiGenre += t.genres.size() > 1;
            noisy += p.noise >= 0.2;
            QVERIFY(p.brightness >= 0 && p.brightness <= 1);
            QVERIFY(p.energy >= 0 && p.energy <= 1);
            QVERIFY(p.noise >= 0 && p.noise <= 0.6);
            QVERIFY(p.loudnessLufs >= -20 && p.loudnessLufs <= -8);
            QVERIFY(p.swing >= 0 && p.swing <= 0.34);
            QVERIFY(!p.progression.empty());
            QVERIFY(t.year >= 1968 && t.year <= 2024);
        }
        QVERIFY(minTempo <= 65 && maxTempo >= 190);
        QCOMPARE(int(styles.size()), kStyleCount);
        QCOMPARE(int(keys.size()), 12);
        QCOMPARE(int(timbres.size()), kTimbreCount);
        QVERIFY(swung > 100 && minor > 400 && multiGenre > 50 && noisy > 20);
    }

    void smallLibrariesSpanStyles()
    {
        // Styles are dealt like cards and no artist takes more than an eighth of a library, so
        // the default 60 tracks reach many styles.
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            const auto plan = LibraryPlanner::plan(seed, 60, 30.0, kAllFormats);
            QSet<Style> styles;
            std::map<int, int> perArtist;
            for (const DemoTrack &t : plan.tracks) {
                styles.insert(t.params.style);
                ++perArtist[t.artistIndex];
            }
            QVERIFY2(styles.size() >= 7, qPrintable(QString::number(styles.size())));
            for (const auto &[artist, count] : perArtist)
                QVERIFY(count <= 60 / 8 + 4);
        }
    }

    void manifestFieldsRoundTrip()
    {
        const auto plan = LibraryPlanner::plan(4, 20, 12.5, kAllFormats);
        for (const DemoTrack &t : plan.tracks) {
            QString error;
            const auto back = TrackParams::fromJson(t.toJson(), &error);
            QVERIFY2(back.has_value(), qPrintable(error));
            QCOMPARE(back->renderSeed, t.params.renderSeed);
            QCOMPARE(back->style, t.params.style);
            QCOMPARE(back->tempoBpm, t.params.tempoBpm);
            QCOMPARE(back->swing, t.params.swing);
            QCOMPARE(back->keyIndex, t.params.keyIndex);
            QCOMPARE(back->timbre, t.params.timbre);
            QCOMPARE(back->energy, t.params.energy);
            QCOMPARE(back->loudnessLufs, t.params.loudnessLufs);
            QCOMPARE(back->progression, t.params.progression);
        }
        QVERIFY(!TrackParams::fromJson(QJsonObject {}).has_value());
    }

    void safeFileName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("safe");
        QTest::newRow("plain") << QStringLiteral("Night Drive") << QStringLiteral("Night Drive");
        QTest::newRow("slash") << QStringLiteral("AC/DC") << QStringLiteral("AC_DC");
        QTest::newRow("windows") << QStringLiteral("a:b*c?\"<>|") << QStringLiteral("a_b_c_____");
        QTest::newRow("trailing dot") << QStringLiteral("Vol. 2...") << QStringLiteral("Vol. 2");
        QTest::newRow("empty") << QString() << QStringLiteral("_");
        QTest::newRow("accents kept") << QStringLiteral("Zoë Ekström") << QStringLiteral("Zoë Ekström");
    }

    void safeFileName()
    {
        QFETCH(QString, name);
        QFETCH(QString, safe);
        QCOMPARE(LibraryPlanner::safeFileName(name), safe);
    }
};

QTEST_GUILESS_MAIN(TestLibraryPlanner)
#include "tst_libraryplanner.moc"
