#include "analysis/synth/coverpainter.h"

#include <QImage>
#include <QSet>
#include <QTest>

using namespace bytewave::synth;

Q_DECLARE_METATYPE(bytewave::synth::Style)

class TestCoverPainter : public QObject
{
    Q_OBJECT

private slots:
    void eachStyleDrawsACover_data()
    {
        QTest::addColumn<Style>("style");
        for (Style s : allStyles())
            QTest::newRow(qPrintable(styleId(s))) << s;
    }

    void eachStyleDrawsACover()
    {
        QFETCH(Style, style);
        const QImage image = CoverPainter::render(QStringLiteral("Don't Let the Moon Go"),
                                              QStringLiteral("Zoë Ekström & the Rockets"), style, 99);
        QCOMPARE(image.size(), QSize(CoverPainter::kSize, CoverPainter::kSize));
        // Not a flat fill: gradients, shapes and lettering give many distinct colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 5) {
            for (int x = 0; x < image.width(); x += 5)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
        // The title band is lettered: it holds near-white text pixels.
        int ink = 0;
        for (int y = 390; y < 500; ++y) {
            for (int x = 0; x < 500; ++x)
                ink += qGray(image.pixel(x, y)) > 235;
        }
        QVERIFY(ink > 500);
    }

    void deterministicForTheSeed()
    {
        const QImage a = CoverPainter::render(QStringLiteral("A"), QStringLiteral("B"), Style::Jazz, 5);
        const QImage b = CoverPainter::render(QStringLiteral("A"), QStringLiteral("B"), Style::Jazz, 5);
        const QImage c = CoverPainter::render(QStringLiteral("A"), QStringLiteral("B"), Style::Jazz, 6);
        QCOMPARE(a, b);
        QVERIFY(a != c);
    }

    void encodesAsJpeg()
    {
        const Cover cover = CoverPainter::encode(
            CoverPainter::render(QStringLiteral("Title"), QStringLiteral("Artist"), Style::Pop, 1));
        QCOMPARE(cover.mimeType, QStringLiteral("image/jpeg"));
        QVERIFY(cover.data.startsWith("\xFF\xD8")); // JPEG SOI marker
        QCOMPARE(cover.width, 500);
        const QImage back = QImage::fromData(cover.data);
        QCOMPARE(back.size(), QSize(500, 500));
        QVERIFY(cover.data.size() < 200 * 1024);
    }

    void oddTextIsDrawnWithoutCrashing()
    {
        for (const QString &text : {QString(), QStringLiteral("日本語のタイトル"),
                                    QString(300, QLatin1Char('W')), QStringLiteral("\t\n  ")}) {
            const QImage image = CoverPainter::render(text, text, Style::Rock, 3, 120);
            QCOMPARE(image.width(), 120);
        }
    }
};

QTEST_GUILESS_MAIN(TestCoverPainter)
#include "tst_coverpainter.moc"
