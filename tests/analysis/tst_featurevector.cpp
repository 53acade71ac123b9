#include "analysis/featurevector.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>

#include <cmath>
#include <limits>

using namespace bytewave;

class TestFeatureVector : public QObject
{
    Q_OBJECT

private:
    static FeatureVector sample()
    {
        FeatureVector v;
        for (int i = 0; i < FeatureVector::kCount; ++i)
            v.set(Feature(i), 0.25 * i - 3.0);
        v.set(Feature::TempoBpm, 128.0);
        v.set(Feature::Mode, 1);
        v.set(Feature::KeyStrength, 0.8);
        return v;
    }

private slots:
    void blobRoundTrip()
    {
        const FeatureVector v = sample();
        const QByteArray blob = v.toBlob();
        QCOMPARE(blob.size(), 8 + 4 * FeatureVector::kCount);
        // Little-endian header: version, then count.
        QCOMPARE(quint8(blob[0]), quint8(FeatureVector::kLayoutVersion));
        QCOMPARE(quint8(blob[4]), quint8(FeatureVector::kCount));
        const auto back = FeatureVector::fromBlob(blob);
        QVERIFY(back.has_value());
        QVERIFY(*back == v);
    }

    void malformedBlobsAreRejected_data()
    {
        QTest::addColumn<QByteArray>("blob");
        QByteArray good = sample().toBlob();
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << good.left(good.size() - 1);
        QByteArray wrongVersion = good;
        wrongVersion[0] = char(99);
        QTest::newRow("unknown version") << wrongVersion;
        QByteArray wrongCount = good;
        wrongCount[4] = char(3);
        QTest::newRow("wrong count") << wrongCount;
        QByteArray nan = good;
        const float bad = std::numeric_limits<float>::quiet_NaN();
        std::memcpy(nan.data() + 8, &bad, 4);
        QTest::newRow("NaN inside") << nan;
    }

    void malformedBlobsAreRejected()
    {
        QFETCH(QByteArray, blob);
        QVERIFY(!FeatureVector::fromBlob(blob).has_value());
    }

    void nonFiniteValuesAreNeverStored()
    {
        FeatureVector v;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("non-finite value for loudness_lufs")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("non-finite value for tempo_bpm")));
        v.set(Feature::LoudnessLufs, -std::numeric_limits<double>::infinity());
        v.set(Feature::TempoBpm, std::nan(""));
        QCOMPARE(v.value(Feature::LoudnessLufs), 0.0f);
        QCOMPARE(v.value(Feature::TempoBpm), 0.0f);
    }

    void descriptorsAreCompleteAndUnique()
    {
        const auto d = FeatureVector::descriptors();
        QCOMPARE(int(d.size()), FeatureVector::kCount);
        QSet<QString> names;
        for (const auto &desc : d) {
            QVERIFY(desc.name && *desc.name);
            QVERIFY(desc.description && *desc.description);
            names.insert(QString::fromLatin1(desc.name));
        }
        QCOMPARE(names.size(), FeatureVector::kCount);
        QCOMPARE(FeatureVector::featureByName(u"tempo_bpm"), std::optional<Feature>(Feature::TempoBpm));
        QCOMPARE(FeatureVector::featureByName(u"chroma_11"), std::optional<Feature>(Feature(int(Feature::Chroma0) + 11)));
        QVERIFY(!FeatureVector::featureByName(u"nope").has_value());
    }

    // Every feature says its unit; the unitless ones are ratios or scores by definition.
    void everyFeatureHasItsUnit()
    {
        const QStringList unitless{QStringLiteral("chroma_"), QStringLiteral("flatness_"), QStringLiteral("flux_"),
                                   QStringLiteral("zcr_"), QStringLiteral("energy"), QStringLiteral("key_strength"),
                                   QStringLiteral("mode"), QStringLiteral("tempo_confidence"),
                                   QStringLiteral("pulse_clarity")};
        const QList<QPair<QString, QString>> bySuffix{{QStringLiteral("_hz"), QStringLiteral("Hz")},
                                                      {QStringLiteral("_bpm"), QStringLiteral("BPM")},
                                                      {QStringLiteral("_lufs"), QStringLiteral("LUFS")},
                                                      {QStringLiteral("_lu"), QStringLiteral("LU")},
                                                      {QStringLiteral("_dbfs"), QStringLiteral("dBFS")},
                                                      {QStringLiteral("_db"), QStringLiteral("dB")},
                                                      {QStringLiteral("_s"), QStringLiteral("s")}};
        for (const auto &desc : FeatureVector::descriptors()) {
            const QString name = QString::fromLatin1(desc.name);
            const QString unit = QString::fromLatin1(desc.unit);
            if (name.startsWith(QStringLiteral("mfcc_"))) {
                QCOMPARE(unit, QStringLiteral("dB"));
                continue;
            }
            const auto suffix = std::find_if(bySuffix.cbegin(), bySuffix.cend(),
                                             [&](const auto &p) { return name.endsWith(p.first); });
            if (suffix != bySuffix.cend()) {
                // A level in dB may say what it is relative to (dBFS).
                QVERIFY2(suffix->second == QStringLiteral("dB") ? unit.startsWith(suffix->second) : unit == suffix->second,
                         qPrintable(name + QStringLiteral(": ") + unit));
                continue;
            }
            const bool isUnitless = std::any_of(unitless.cbegin(), unitless.cend(),
                                                [&](const QString &u) { return name.startsWith(u); });
            QVERIFY2(isUnitless ? unit.isEmpty() : !unit.isEmpty(), qPrintable(name + QStringLiteral(": '") + unit + u'\''));
        }
    }

    void similarityVector()
    {
        const auto dims = similarityDimensions();
        QCOMPARE(int(dims.size()), kSimilarityDims);
        QVERIFY(kSimilarityDims >= 24 && kSimilarityDims <= 40);
        const FeatureVector v = sample();
        const auto s = bytewave::similarityVector(v);
        for (float x : s)
            QVERIFY(std::isfinite(x));
        QCOMPARE(s[0], float(std::log2(128.0 / 120.0)));          // tempo on a log scale
        QVERIFY(std::abs(s[30] - -0.8f) < 1e-6f);                 // minor: negative mode
        const auto back = floatsFromBlob(similarityBlob(s));
        QCOMPARE(int(back.size()), kSimilarityDims);
        for (int i = 0; i < kSimilarityDims; ++i)
            QCOMPARE(back[std::size_t(i)], s[std::size_t(i)]);
        QVERIFY(floatsFromBlob(QByteArray(5, 'x')).empty());
    }

    // An all-zero vector (silence) still maps to finite similarity values.
    void similarityOfSilenceIsFinite()
    {
        for (float x : bytewave::similarityVector(FeatureVector()))
            QVERIFY(std::isfinite(x));
    }
};

QTEST_GUILESS_MAIN(TestFeatureVector)
#include "tst_featurevector.moc"
