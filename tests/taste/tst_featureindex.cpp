#include "core/taste/featureindex.h"
#include "core/taste/tastelibrary.h"

#include "tastefixtures.h"

#include <QSet>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace bytewave;

class TestFeatureIndex : public QObject
{
    Q_OBJECT

private slots:
    void robustScaling()
    {
        // One dimension 1..9 plus an outlier: median 5, MAD 2 -> scale 2.9652; the outlier is
        // clipped at +4, not allowed to stretch the dimension.
        TasteLibrary lib;
        lib.dimension = 2;
        const float values[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1000};
        for (int i = 0; i < 10; ++i) {
            lib.tracks.push_back({i + 1, QStringLiteral("t"), {}, {}, {}, {}, 100, false});
            lib.features.push_back(values[i]);
            lib.features.push_back(3.0f); // constant: carries nothing
            lib.analysed.push_back(1);
        }
        FeatureIndex index;
        index.build(lib, TasteParams());
        QCOMPARE(index.usedDimensions(), 1);
        // median of 1..9,1000 (upper median, element 5 of the sorted list) is 6; MAD is 3.
        const float scale = 1.4826f * 3.0f;
        QVERIFY(std::abs(index.normalised(0)[0] - (1.0f - 6.0f) / scale) < 1e-5f);
        QVERIFY(std::abs(index.normalised(5)[0] - 0.0f) < 1e-5f);
        QCOMPARE(index.normalised(9)[0], 4.0f);
        QCOMPARE(index.normalised(3)[1], 0.0f);
    }

    void similarityParts_data()
    {
        QTest::addColumn<int>("a");
        QTest::addColumn<int>("b");
        QTest::addColumn<double>("expected");
        // Metadata only (no analysis): weights 0.25 genre, 0.15 artist, 0.05 album over 0.45.
        QTest::newRow("self") << 0 << 0 << 1.0;
        QTest::newRow("same artist, album, genre") << 0 << 1 << 1.0;
        QTest::newRow("same genre only") << 0 << 2 << 0.25 / 0.45;
        QTest::newRow("nothing shared") << 0 << 3 << 0.0;
        // No album on one side: the album part is left out of both sums.
        QTest::newRow("half the genres (cosine 1/sqrt 2)") << 0 << 4 << (0.25 / std::sqrt(2.0)) / 0.40;
        QTest::newRow("unknown artist: genre only") << 0 << 5 << 1.0;
    }

    void similarityParts()
    {
        QFETCH(int, a);
        QFETCH(int, b);
        QFETCH(double, expected);
        TasteLibrary lib;
        const QString x = QStringLiteral("X");
        lib.tracks = {
            {1, {}, x, x, QStringLiteral("A"), {QStringLiteral("Rock")}, 100, false},
            {2, {}, QStringLiteral("x "), x, QStringLiteral("a"), {QStringLiteral("rock")}, 100, false},
            {3, {}, QStringLiteral("Y"), QStringLiteral("Y"), QStringLiteral("B"), {QStringLiteral("Rock")}, 100, false},
            {4, {}, QStringLiteral("Z"), QStringLiteral("Z"), QStringLiteral("C"), {QStringLiteral("Jazz")}, 100, false},
            {5, {}, QStringLiteral("W"), QStringLiteral("W"), {}, {QStringLiteral("Rock"), QStringLiteral("Pop")}, 100, false},
            {6, {}, QStringLiteral("Unknown artist"), {}, {}, {QStringLiteral("Rock")}, 100, false},
        };
        FeatureIndex index;
        index.build(lib, TasteParams());
        QVERIFY(std::abs(index.similarity(a, b) - expected) < 1e-5);
        QVERIFY(std::abs(index.similarity(b, a) - expected) < 1e-5);
    }

    void nearestMatchesBruteForce()
    {
        const TasteLibrary lib = fixtures::clusteredLibrary(6, 30, 3, 0.7);
        FeatureIndex index;
        index.build(lib, TasteParams());
        for (const int i : {0, 17, 45, 100, 179}) {
            const auto nn = index.nearest(i, 12, 0.2f);
            QVERIFY(!nn.empty());
            QVERIFY(int(nn.size()) <= 12);
            std::vector<std::pair<float, int>> all;
            for (int j = 0; j < index.size(); ++j) {
                if (j != i && index.similarity(i, j) >= 0.2f)
                    all.emplace_back(index.similarity(i, j), j);
            }
            std::sort(all.begin(), all.end(), [](auto x, auto y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
            for (size_t r = 0; r < nn.size(); ++r) {
                QVERIFY(nn[r].index != i);
                QVERIFY(std::abs(nn[r].similarity - index.similarity(i, nn[r].index)) < 1e-4f);
                // The r-th neighbour is as similar as the brute-force r-th (ties may swap).
                QVERIFY(std::abs(nn[r].similarity - all[r].first) < 1e-4f);
                if (r > 0)
                    QVERIFY(nn[r].similarity <= nn[r - 1].similarity);
            }
        }
    }

    void neighboursStayInTheirCluster()
    {
        const TasteLibrary lib = fixtures::clusteredLibrary(4, 20);
        FeatureIndex index;
        index.build(lib, TasteParams());
        for (int i = 0; i < index.size(); ++i) {
            for (const auto &nb : index.nearest(i, 10, 0.2f))
                QCOMPARE(nb.index / 20, i / 20);
        }
    }

    void sameArtistIsCapped()
    {
        // Cluster 0 is one artist: uncapped, its own tracks fill the list; capped at 4, the
        // other 6 places go to the most similar tracks by others.
        TasteLibrary lib = fixtures::clusteredLibrary(3, 20, 1);
        FeatureIndex index;
        index.build(lib, TasteParams());
        const auto all = index.nearest(0, 10, 0.0f);
        for (const auto &nb : all)
            QCOMPARE(index.artistOf(nb.index), index.artistOf(0));
        const auto capped = index.nearest(0, 10, 0.0f, 4);
        QCOMPARE(int(capped.size()), 10);
        int same = 0;
        for (const auto &nb : capped)
            same += index.artistOf(nb.index) == index.artistOf(0) ? 1 : 0;
        QCOMPARE(same, 4);
        QCOMPARE(capped.front().index, all.front().index); // still the most similar first
    }

    void genreTermsOverlap_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<double>("cosine");
        QTest::newRow("same tag") << "Rock" << "rock" << 1.0;
        QTest::newRow("sub-genre and family") << "Classic Rock" << "Rock" << 1.0 / std::sqrt(3.0);
        QTest::newRow("two sub-genres") << "Classic Rock" << "Hard Rock" << 1.0 / 3.0;
        QTest::newRow("connecting words do not count") << "Drum & Bass" << "Rhythm and Blues" << 0.0;
        QTest::newRow("multi-valued") << "Punk; Rock" << "Rock" << 1.0 / std::sqrt(2.0);
    }

    void genreTermsOverlap()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(double, cosine);
        TasteLibrary lib;
        lib.tracks = {{1, {}, QStringLiteral("X"), {}, {}, a.split(QStringLiteral("; ")), 100, false},
                      {2, {}, QStringLiteral("Y"), {}, {}, b.split(QStringLiteral("; ")), 100, false}};
        FeatureIndex index;
        index.build(lib, TasteParams());
        // Genre (0.25) and artist (0.15, different) are the parts both have.
        QVERIFY2(std::abs(index.similarity(0, 1) - 0.25 * cosine / 0.40) < 1e-5,
                 qPrintable(QString::number(index.similarity(0, 1))));
    }

    void unanalysedTracksUseMetadata()
    {
        // Half of each cluster is unanalysed: they still find neighbours, by genre and artist.
        const TasteLibrary lib = fixtures::clusteredLibrary(3, 20, 2, 0.5);
        FeatureIndex index;
        index.build(lib, TasteParams());
        QVERIFY(!index.analysed(15));
        const auto nn = index.nearest(15, 10, 0.2f);
        QCOMPARE(int(nn.size()), 10);
        for (const auto &nb : nn)
            QCOMPARE(nb.index / 20, 0);
    }

    void spreadCoversTheClusters()
    {
        const TasteLibrary lib = fixtures::clusteredLibrary(8, 25, 3);
        FeatureIndex index;
        index.build(lib, TasteParams());
        std::vector<std::uint8_t> eligible(size_t(index.size()), 1);
        const std::vector<int> order = index.spreadOrder(8, eligible);
        QCOMPARE(int(order.size()), 8);
        QSet<int> clusters;
        for (const int i : order)
            clusters.insert(i / 25);
        QCOMPARE(clusters.size(), 8); // the first eight picks visit all eight clusters
    }

    void spreadSkipsIneligible()
    {
        const TasteLibrary lib = fixtures::clusteredLibrary(2, 10);
        FeatureIndex index;
        index.build(lib, TasteParams());
        std::vector<std::uint8_t> eligible(size_t(index.size()), 0);
        eligible[3] = 1;
        eligible[14] = 1;
        const auto order = index.spreadOrder(10, eligible);
        QCOMPARE(int(order.size()), 2);
        QVERIFY(std::find(order.begin(), order.end(), 3) != order.end());
        QVERIFY(std::find(order.begin(), order.end(), 14) != order.end());
    }

    void emptyAndDegenerateLibraries()
    {
        FeatureIndex index;
        index.build(TasteLibrary(), TasteParams());
        QCOMPARE(index.size(), 0);
        QVERIFY(index.nearest(0, 5, 0.1f).empty());
        QVERIFY(index.spreadOrder(5, {}).empty());

        // Vectors with NaN are treated as not analysed.
        TasteLibrary lib = fixtures::clusteredLibrary(1, 5);
        lib.features[3] = qQNaN();
        index.build(lib, TasteParams());
        QVERIFY(!index.analysed(0));
        QVERIFY(index.analysed(1));
    }
};

QTEST_GUILESS_MAIN(TestFeatureIndex)
#include "tst_featureindex.moc"
