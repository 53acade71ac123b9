#include "analysis/realfft.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <thread>
#include <vector>

using namespace bytewave;

class TestRealFft : public QObject
{
    Q_OBJECT

private slots:
    void cosineLandsInItsBin_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("bin");
        QTest::newRow("2048, bin 1") << 2048 << 1;
        QTest::newRow("2048, bin 93") << 2048 << 93;
        QTest::newRow("2048, bin 1000") << 2048 << 1000;
        QTest::newRow("64, bin 5") << 64 << 5;
    }

    void cosineLandsInItsBin()
    {
        QFETCH(int, size);
        QFETCH(int, bin);
        RealFft fft(size);
        auto in = fft.input();
        for (int i = 0; i < size; ++i)
            in[std::size_t(i)] = float(std::cos(2.0 * std::numbers::pi * bin * i / size));
        fft.execute();
        const auto out = fft.output();
        QCOMPARE(int(out.size()), 2 * (size / 2 + 1));
        for (int k = 0; k <= size / 2; ++k) {
            const double magnitude = std::hypot(out[std::size_t(2 * k)], out[std::size_t(2 * k + 1)]);
            const double expected = k == bin ? size / 2.0 : 0.0;
            QVERIFY2(std::abs(magnitude - expected) < 1e-3 * size, qPrintable(QString::number(k)));
        }
    }

    // Every bin against a direct DFT in double precision, and executePower() against the
    // squares of output(): the combining pass has separate vector and scalar paths, and sizes
    // from 16 up exercise both, DC, Nyquist and the self-mirrored bin N/4.
    void matchesDirectDft_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("16") << 16;
        QTest::newRow("32") << 32;
        QTest::newRow("64") << 64;
        QTest::newRow("2048") << 2048;
    }

    void matchesDirectDft()
    {
        QFETCH(int, size);
        RealFft fft(size);
        auto in = fft.input();
        for (int i = 0; i < size; ++i) // deterministic, broadband, with a DC offset
            in[std::size_t(i)] = float(0.1 + std::sin(0.37 * i) + 0.5 * std::cos(1.9 * i + 0.3) + ((i * 7919) % 97) / 97.0);
        fft.execute();
        const std::vector<float> out(fft.output().begin(), fft.output().end());
        for (int k = 0; k <= size / 2; ++k) {
            double re = 0, im = 0;
            for (int n = 0; n < size; ++n) {
                re += in[std::size_t(n)] * std::cos(2.0 * std::numbers::pi * k * n / size);
                im -= in[std::size_t(n)] * std::sin(2.0 * std::numbers::pi * k * n / size);
            }
            QVERIFY2(std::abs(out[std::size_t(2 * k)] - re) < 1e-4 * size, qPrintable(QString::number(k)));
            QVERIFY2(std::abs(out[std::size_t(2 * k + 1)] - im) < 1e-4 * size, qPrintable(QString::number(k)));
        }
        std::vector<float> power(std::size_t(fft.bins()));
        fft.executePower(power, 0.25f);
        for (int k = 0; k <= size / 2; ++k) {
            const float re = out[std::size_t(2 * k)];
            const float im = out[std::size_t(2 * k + 1)];
            QCOMPARE(power[std::size_t(k)], (re * re + im * im) * 0.25f);
        }
    }

    void invalidSizesAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RealFft(1000));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RealFft(8));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RealFft(-2048));
    }

    // Plans made and destroyed from several threads at once must not corrupt FFTW's planner.
    void plansFromManyThreads()
    {
        std::vector<std::thread> threads;
        std::vector<double> peaks(4, 0.0);
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([t, &peaks] {
                for (int round = 0; round < 5; ++round) {
                    RealFft fft(512 << (round % 3));
                    auto in = fft.input();
                    for (std::size_t i = 0; i < in.size(); ++i)
                        in[i] = float(std::cos(2.0 * std::numbers::pi * 8 * double(i) / double(in.size())));
                    fft.execute();
                    const auto out = fft.output();
                    peaks[std::size_t(t)] = std::hypot(out[16], out[17]) / (double(in.size()) / 2);
                }
            });
        }
        for (auto &t : threads)
            t.join();
        for (double p : peaks)
            QVERIFY(std::abs(p - 1.0) < 1e-3);
    }
};

QTEST_GUILESS_MAIN(TestRealFft)
#include "tst_realfft.moc"
