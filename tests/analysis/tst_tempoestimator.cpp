#include "analysis/featureextractor.h"
#include "analysis/synth/arranger.h"
#include "analysis/synth/trackparams.h"
#include "analysis/tempoestimator.h"
#include "testsignals.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <array>
#include <cmath>
#include <random>

using namespace bytewave;
using namespace bytewave::test;

namespace {
constexpr double kFrameRate = 22050.0 / 512.0;

// One drum hit of a loop: where in the 4-beat bar (beats from its start) and what each envelope
// (low, mid and high groups; the snare band's noise) gets.
struct Hit
{
    double beat;
    float low, mid, high, noise;
};
} // namespace

Q_DECLARE_METATYPE(std::vector<Hit>)

// The tempo estimator is driven through FeatureExtractor, which supplies its onset envelope
// exactly as in production.
class TestTempoEstimator : public QObject
{
    Q_OBJECT

private:
    FeatureExtractor m_extractor;

    FeatureVector analyse(const std::vector<float> &signal)
    {
        m_extractor.reset(1);
        m_extractor.process(signal);
        const auto result = m_extractor.finish();
        if (!result.ok())
            qWarning() << result.error;
        return result.features;
    }

    // Pulses with alternating accents (strong, weak) for 30 s, in every envelope.
    static void feedAccentedPulse(TempoEstimator &estimator, double pulseBpm)
    {
        const double period = 60.0 * kFrameRate / pulseBpm;
        const int frames = int(30.0 * kFrameRate);
        long long next = 0;
        for (int i = 0; i < frames; ++i) {
            float v = 0;
            if (i == std::lround(double(next) * period)) {
                v = next % 2 == 0 ? 1.0f : 0.5f;
                ++next;
            }
            const float groups[] = {v, v, v};
            estimator.process(v, groups);
        }
    }

    // A loop of hits at bpm, 30 s, fed frame by frame as the extractor would.
    static void feedLoop(TempoEstimator &estimator, double bpm, const std::vector<Hit> &bar, bool withNoise = true)
    {
        const double beatFrames = 60.0 * kFrameRate / bpm;
        const int frames = int(30.0 * kFrameRate);
        std::vector<std::array<float, 4>> track(std::size_t(frames), {0, 0, 0, 0});
        for (int b = 0; (b + 1) * 4 * beatFrames < frames; ++b) {
            for (const Hit &h : bar) {
                const auto i = std::size_t(std::lround((4 * b + h.beat) * beatFrames));
                track[i] = {track[i][0] + h.low, track[i][1] + h.mid, track[i][2] + h.high, track[i][3] + h.noise};
            }
        }
        for (const auto &v : track) {
            const float groups[] = {v[0], v[1], v[2]};
            estimator.process(v[0] + v[1] + v[2], groups, {v[0], withNoise ? v[3] : 0.0f});
        }
    }

    // Kick, snare and closed hi-hat sounds for drum loops: a kick's falling sine, a snare's
    // noise burst over a 190 Hz shell, a hat's short burst of high-passed noise. Steps are
    // sixteenths of a 4-beat bar.
    static std::vector<float> drumLoop(double bpm, const char *kicks, const char *snares, const char *hats)
    {
        const double seconds = 30;
        std::vector<float> out(std::size_t(seconds * kRate), 0.0f);
        std::mt19937 rng(21);
        std::uniform_real_distribution<float> noise(-1.0f, 1.0f);
        const double step = 60.0 / bpm / 4;
        const auto add = [&](double at, double length, auto &&voice) {
            const auto from = std::size_t(std::lround(at * kRate));
            for (std::size_t i = 0; i < std::size_t(length * kRate) && from + i < out.size(); ++i)
                out[from + i] += voice(double(i) / kRate);
        };
        for (int s = 0; (s + 1) * step < seconds; ++s) {
            const int k = s % 16;
            const double at = s * step;
            if (kicks[k] == 'x')
                add(at, 0.3, [](double t) {
                    return float(0.8 * std::sin(2 * M_PI * (50 * t + 8 * (1 - std::exp(-t / 0.04)))) * std::exp(-t / 0.12));
                });
            if (snares[k] == 'x')
                add(at, 0.25, [&](double t) {
                    return float((0.4 * noise(rng) + 0.3 * std::sin(2 * M_PI * 190 * t)) * std::exp(-t / 0.07));
                });
            if (hats[k] == 'x') {
                float previous = 0;
                add(at, 0.05, [&](double t) {
                    const float n = noise(rng);
                    const float high = n - previous; // a first difference: high-passed noise
                    previous = n;
                    return float(0.15 * high * std::exp(-t / 0.015));
                });
            }
        }
        return out;
    }

private slots:
    void clickTracks_data()
    {
        QTest::addColumn<double>("bpm");
        // 120.2 and 191.4 BPM: periods of 21.5 and 13.5 frames, so every other multiple of the
        // period falls half-way between two lags.
        for (double bpm : {60.0, 72.0, 90.0, 100.0, 120.0, 120.2, 128.0, 150.0, 174.0, 180.0, 191.4, 200.0})
            QTest::newRow(qPrintable(QStringLiteral("%1 BPM").arg(bpm))) << bpm;
    }

    void clickTracks()
    {
        QFETCH(double, bpm);
        const FeatureVector f = analyse(clickTrack(bpm, 30.0));
        const double found = f.value(Feature::TempoBpm);
        // Within 1 % (Accuracy1 allows 4 %).
        QVERIFY2(std::abs(found / bpm - 1.0) < 0.01, qPrintable(QString::number(found)));
        // A metronome is perfectly periodic; its confidence is only held back by the octave
        // (half or double speed is periodic too).
        QVERIFY(f.value(Feature::PulseClarity) > 0.8);
        QVERIFY(f.value(Feature::TempoConfidence) > 0.2);
    }

    // Accented beats with quieter off-beat eighths: the beat, not the eighths, is the tempo.
    void accentedBeatsWithEighths()
    {
        const double bpm = 100;
        auto beats = clickTrack(bpm, 30.0, 3);
        auto eighths = clickTrack(2 * bpm, 30.0, 4);
        std::vector<float> mix(beats.size());
        for (std::size_t i = 0; i < mix.size(); ++i)
            mix[i] = beats[i] + 0.3f * eighths[i];
        const double found = analyse(mix).value(Feature::TempoBpm);
        QVERIFY2(std::abs(found / bpm - 1.0) < 0.02, qPrintable(QString::number(found)));
    }

    // Straight eighths of a bass line, a note of its own each (as rock's guitars, bass and hats
    // all in eighths): the pulses repeat evenly but not exactly, so they are not a metronome's
    // plain pulse train, and the beat is the pair the prior prefers.
    void eighthNoteLineIsNotAPlainPulse()
    {
        const double bpm = 115;
        const double seconds = 30;
        const double eighth = 60.0 / bpm / 2;
        std::vector<float> line(std::size_t(seconds * kRate), 0.0f);
        std::mt19937 rng(11);
        const int scale[] = {0, 3, 5, 7, 10, 12, 15, 17, 19, 22, 24};
        std::uniform_int_distribution<int> degree(0, 10);
        std::uniform_real_distribution<double> velocity(0.2, 1.0);
        for (int note = 0; (note + 1) * eighth < seconds; ++note) {
            const double hz = 55.0 * std::exp2(scale[degree(rng)] / 12.0);
            const double gain = 0.3 * velocity(rng);
            const auto from = std::size_t(std::lround(note * eighth * kRate));
            const auto length = std::size_t(eighth * kRate);
            for (std::size_t i = 0; i < length; ++i) {
                const double t = double(i) / kRate;
                double v = 0;
                for (int h = 1; h <= 6; ++h)
                    v += std::sin(2 * M_PI * hz * h * t) / h;
                line[from + i] += float(gain * v * std::exp(-t / 0.09));
            }
        }
        const double found = analyse(line).value(Feature::TempoBpm);
        QVERIFY2(std::abs(found / bpm - 1.0) < 0.02, qPrintable(QString::number(found)));
    }

    void noPulse_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("silence") << 0;
        QTest::newRow("steady tone") << 1;
    }

    void noPulse()
    {
        QFETCH(int, kind);
        const FeatureVector f = analyse(kind == 0 ? silence(20.0) : sine(440, 20.0, 0.5));
        QCOMPARE(f.value(Feature::TempoBpm), 0.0f);
        QCOMPARE(f.value(Feature::TempoConfidence), 0.0f);
    }

    // Noise always has a "best" period, at 0.1-0.2 of clarity over a few seconds; it is below
    // the chance level (6 in tempoestimator.h), so there is no tempo, at any length.
    void noiseHasNoTempo_data()
    {
        QTest::addColumn<double>("seconds");
        QTest::addColumn<unsigned>("seed");
        for (double seconds : {6.0, 10.0, 20.0, 60.0}) {
            for (unsigned seed : {1u, 2u, 3u})
                QTest::addRow("%.0f s, seed %u", seconds, seed) << seconds << seed;
        }
    }

    void noiseHasNoTempo()
    {
        QFETCH(double, seconds);
        QFETCH(unsigned, seed);
        const FeatureVector f = analyse(whiteNoise(seconds, 0.3, seed));
        QCOMPARE(f.value(Feature::TempoBpm), 0.0f);
        QCOMPARE(f.value(Feature::TempoConfidence), 0.0f);
        QVERIFY2(f.value(Feature::PulseClarity) < 0.3, qPrintable(QString::number(f.value(Feature::PulseClarity))));
    }

    // ... while a pulse as short as that is kept, under steady noise too.
    void shortPulseInNoiseIsKept()
    {
        std::vector<float> signal = clickTrack(100, 6.0);
        const std::vector<float> noise = whiteNoise(6.0, 0.1, 4);
        for (std::size_t i = 0; i < signal.size() && i < noise.size(); ++i)
            signal[i] += noise[i];
        const double found = analyse(signal).value(Feature::TempoBpm);
        QVERIFY2(std::abs(found / 100.0 - 1.0) < 0.02, qPrintable(QString::number(found)));
    }

    // The prior's centre: the geometric mean of 120 BPM and the density's tempo (two onsets per
    // beat), the latter clamped to the search range; no density leaves it at 120 BPM.
    void priorCentreFollowsOnsetDensity_data()
    {
        QTest::addColumn<double>("onsetsPerSecond");
        QTest::addColumn<double>("centreBpm");
        QTest::newRow("unknown") << 0.0 << 120.0;
        QTest::newRow("not a number") << std::nan("") << 120.0;
        QTest::newRow("2/s: 60 BPM cue") << 2.0 << std::sqrt(120.0 * 60.0);
        QTest::newRow("4/s: 120 BPM cue") << 4.0 << 120.0;
        QTest::newRow("6/s: 180 BPM cue") << 6.0 << std::sqrt(120.0 * 180.0);
        QTest::newRow("too sparse: clamped to 40 BPM") << 0.2 << std::sqrt(120.0 * 40.0);
        QTest::newRow("too dense: clamped to 250 BPM") << 50.0 << std::sqrt(120.0 * 250.0);
    }

    void priorCentreFollowsOnsetDensity()
    {
        QFETCH(double, onsetsPerSecond);
        QFETCH(double, centreBpm);
        const TempoEstimator estimator(kFrameRate, 40, 250);
        QVERIFY(std::abs(estimator.priorCentreBpm(onsetsPerSecond) - centreBpm) < 1e-9);
    }

    // Pulses with alternating accents (strong, weak) are periodic at the pulse and at the pair;
    // the music's onset density decides which level is the beat, as listeners do: dense music
    // at the faster level, sparse music at the slower one.
    void onsetDensityChoosesTheMetricalLevel_data()
    {
        QTest::addColumn<double>("pulseBpm");
        QTest::addColumn<double>("onsetsPerBeat"); // onsets per pulse in the rest of the music
        QTest::addColumn<double>("expectedBpm");
        QTest::newRow("160 BPM pulse, dense (2 per pulse): 160") << 160.0 << 2.0 << 160.0;
        QTest::newRow("160 BPM pulse, sparse (1 per pair): 80") << 160.0 << 0.5 << 80.0;
        QTest::newRow("140 BPM pulse, dense (2 per pulse): 140") << 140.0 << 2.0 << 140.0;
        QTest::newRow("140 BPM pulse, sparse (1 per pair): 70") << 140.0 << 0.5 << 70.0;
    }

    void onsetDensityChoosesTheMetricalLevel()
    {
        QFETCH(double, pulseBpm);
        QFETCH(double, onsetsPerBeat);
        QFETCH(double, expectedBpm);
        TempoEstimator estimator(kFrameRate, 40, 250);
        feedAccentedPulse(estimator, pulseBpm);
        const double found = estimator.finish(onsetsPerBeat * pulseBpm / 60.0).bpm;
        QVERIFY2(std::abs(found / expectedBpm - 1.0) < 0.02, qPrintable(QString::number(found)));
    }

    void barWeight_data()
    {
        QTest::addColumn<double>("beats");
        QTest::addColumn<double>("weight");
        QTest::newRow("4 beats: a bar of 4/4") << 4.0 << 1.0;
        QTest::newRow("8 beats: two bars") << 8.0 << 1.0;
        QTest::newRow("16 beats: four bars") << 16.0 << 1.0;
        QTest::newRow("6 beats") << 6.0 << 1.0;
        QTest::newRow("2 beats: an octave short") << 2.0 << std::exp(-0.5);
        QTest::newRow("32 beats: an octave long") << 32.0 << std::exp(-0.5);
        QTest::newRow("1 beat: two octaves short") << 1.0 << std::exp(-2.0);
        QTest::newRow("3 beats") << 3.0 << std::exp(-0.5 * std::pow(2.0 - std::log2(3.0), 2));
        QTest::newRow("unknown (0)") << 0.0 << 1.0;
    }

    void barWeight()
    {
        QFETCH(double, beats);
        QFETCH(double, weight);
        QCOMPARE(TempoEstimator::barWeight(beats), weight);
    }

    // The octave the rhythm leaves open (an accented pulse, one onset per pulse: the prior
    // leans to the pair),
    // decided by the harmonic rhythm: chords that change every 4 pulses make the pulse the beat
    // (a bar of four); every 8 pulses, or at no whole number of pairs, leave the pair.
    void harmonicRhythmDecidesAnOpenOctave_data()
    {
        QTest::addColumn<double>("pulsesPerChord"); // 0: no harmonic period
        QTest::addColumn<double>("expectedBpm");
        QTest::newRow("no harmonic period: the pair, 80") << 0.0 << 80.0;
        QTest::newRow("a chord every 4 pulses: 160") << 4.0 << 160.0;
        QTest::newRow("a chord every 8 pulses: 80 (a bar of four pairs)") << 8.0 << 80.0;
        QTest::newRow("a chord every 16 pulses: 80") << 16.0 << 80.0;
        QTest::newRow("every 3 pulses (no whole number of pairs' pairs): 80") << 3.0 << 80.0;
        QTest::newRow("every 5 pulses: 80") << 5.0 << 80.0;
    }

    void harmonicRhythmDecidesAnOpenOctave()
    {
        QFETCH(double, pulsesPerChord);
        QFETCH(double, expectedBpm);
        const double pulseBpm = 160;
        TempoEstimator estimator(kFrameRate, 40, 250);
        feedAccentedPulse(estimator, pulseBpm);
        const TempoEstimator::Result r = estimator.finish(pulseBpm / 60.0, pulsesPerChord * 60.0 / pulseBpm);
        QVERIFY2(std::abs(r.bpm / expectedBpm - 1.0) < 0.02, qPrintable(QString::number(r.bpm)));
        QVERIFY(r.confidence > 0 && r.confidence <= 1);
    }

    // The same through the extractor, from audio: accented clicks at 160 BPM over organ chords.
    // Chords that change every 4 clicks make the clicks the beat; one chord held throughout
    // leaves the rhythm's own reading.
    void chordChangesMarkTheBar()
    {
        const double bpm = 160;
        const double seconds = 30;
        const double chordSeconds = 4 * 60.0 / bpm;
        const std::vector<float> accents = clickTrack(bpm / 2, seconds, 3);
        const std::vector<float> pulses = clickTrack(bpm, seconds, 4);
        const std::vector<std::vector<double>> chords = {
            {midiToHz(60), midiToHz(64), midiToHz(67)}, {midiToHz(66), midiToHz(70), midiToHz(73)}};
        const auto mix = [&](bool changes) {
            std::vector<float> out(accents.size());
            std::vector<float> held[2] = {chord(chords[0], seconds, 0.1), chord(chords[1], seconds, 0.1)};
            for (std::size_t i = 0; i < out.size(); ++i) {
                const int which = changes ? int(double(i) / kRate / chordSeconds) % 2 : 0;
                out[i] = 0.6f * accents[i] + 0.4f * pulses[i] + held[which][i];
            }
            return out;
        };
        const double withChanges = analyse(mix(true)).value(Feature::TempoBpm);
        const double held = analyse(mix(false)).value(Feature::TempoBpm);
        QVERIFY2(std::abs(withChanges / bpm - 1.0) < 0.02, qPrintable(QString::number(withChanges)));
        // Without the chords' evidence the octave is open and the prior takes the pair.
        QVERIFY2(std::abs(held / (bpm / 2) - 1.0) < 0.02, qPrintable(QString::number(held)));
    }

    // The backbeat's evidence (4e) from envelopes: a noise half-way between the kicks is off
    // the beat; one with the kicks, a beat after them, or in every eighth is not.
    void offBeatExcess_data()
    {
        QTest::addColumn<std::vector<Hit>>("bar");
        QTest::addColumn<bool>("offBeat");
        QTest::newRow("snare between every pair of kicks")
            << std::vector<Hit>{{0, 1, 0.3f, 0, 0}, {0.5, 0, 0.8f, 0.5f, 1}, {1, 1, 0.3f, 0, 0}, {1.5, 0, 0.8f, 0.5f, 1},
                                {2, 1, 0.3f, 0, 0}, {2.5, 0, 0.8f, 0.5f, 1}, {3, 1, 0.3f, 0, 0}, {3.5, 0, 0.8f, 0.5f, 1}}
            << true;
        QTest::newRow("snare a beat after the kick (rock)")
            << std::vector<Hit>{{0, 1, 0.3f, 0, 0}, {1, 0, 0.8f, 0.5f, 1}, {2, 1, 0.3f, 0, 0}, {3, 0, 0.8f, 0.5f, 1}}
            << false;
        QTest::newRow("clap with the kick")
            << std::vector<Hit>{{0, 1, 0.3f, 0, 0}, {1, 1, 0.8f, 0.5f, 1}, {2, 1, 0.3f, 0, 0}, {3, 1, 0.8f, 0.5f, 1}}
            << false;
        std::vector<Hit> eighths{{0, 1, 0.3f, 0, 0}, {2, 1, 0.3f, 0, 0}};
        for (int e = 0; e < 8; ++e)
            eighths.push_back({e / 2.0, 0, 0, 0.5f, 0.3f});
        QTest::newRow("a hi-hat in every eighth") << eighths << false;
    }

    void offBeatExcess()
    {
        QFETCH(std::vector<Hit>, bar);
        QFETCH(bool, offBeat);
        const double bpm = 100;
        TempoEstimator estimator(kFrameRate, 40, 250);
        feedLoop(estimator, bpm, bar);
        const double excess = estimator.offBeatExcess(60.0 * kFrameRate / bpm);
        if (offBeat)
            QVERIFY2(excess >= TempoEstimator::kBackbeatExcess, qPrintable(QString::number(excess)));
        else
            QVERIFY2(excess < 0.05, qPrintable(QString::number(excess)));
        // Without the noise envelope there is no evidence.
        TempoEstimator silent(kFrameRate, 40, 250);
        feedLoop(silent, bpm, bar, false);
        QCOMPARE(silent.offBeatExcess(60.0 * kFrameRate / bpm), 0.0);
    }

    // Drum and bass's two-step at 172 (kick on 1 and 3-and, snare on 2 and 4, hats in eighths)
    // is read at 86 from its periodicity alone; its snare, half-way between the kicks of that
    // reading, makes it 172. The same loop at 240 is read at 120: its double is above
    // kBackbeatMaxBpm, where a noise between the kicks stays a subdivision.
    void backbeatDoublesTheHalfTempo()
    {
        std::vector<Hit> bar{{0, 1, 0.3f, 0.4f, 0.1f}, {1, 0, 0.8f, 0.9f, 1}, {2.5, 1, 0.3f, 0, 0}, {3, 0, 0.8f, 0.9f, 1}};
        for (const double e : {0.5, 1.5, 2.0, 3.5})
            bar.push_back({e, 0, 0, 0.4f, 0.1f});
        TempoEstimator withSnare(kFrameRate, 40, 250);
        feedLoop(withSnare, 172, bar);
        const TempoEstimator::Result r = withSnare.finish(2.8);
        QVERIFY2(std::abs(r.bpm / 172 - 1.0) < 0.02, qPrintable(QString::number(r.bpm)));
        QVERIFY(r.confidence > 0);
        TempoEstimator periodicityOnly(kFrameRate, 40, 250);
        feedLoop(periodicityOnly, 172, bar, false);
        const double half = periodicityOnly.finish(2.8).bpm;
        QVERIFY2(std::abs(half / 86 - 1.0) < 0.02, qPrintable(QString::number(half)));

        TempoEstimator tooFast(kFrameRate, 40, 250);
        feedLoop(tooFast, 240, bar);
        const double fast = tooFast.finish(4.0).bpm;
        QVERIFY2(std::abs(fast / 120 - 1.0) < 0.02, qPrintable(QString::number(fast)));
    }

    // Whole tracks from the demo library's renderer, as make-demo-library makes them, that an
    // earlier estimate read off the beat: a third, a quarter or a fifth (4a, decided by the bar)
    // or half (4f, the walking low end).
    void demoTracksReadAtTheirTempo_data()
    {
        QTest::addColumn<QJsonObject>("track");
        const auto track = [](double seed, const char *style, int bpm, double swing, const char *swingUnit, int key,
                              const char *mode, const char *timbre, double brightness, double energy, double lufs,
                              double noise, QJsonArray progression) {
            return QJsonObject{{QStringLiteral("render_seed"), seed}, {QStringLiteral("style"), QLatin1String(style)},
                {QStringLiteral("tempo_bpm"), bpm}, {QStringLiteral("swing"), swing}, {QStringLiteral("swing_unit"), QLatin1String(swingUnit)},
                {QStringLiteral("key_index"), key}, {QStringLiteral("mode"), QLatin1String(mode)},
                {QStringLiteral("timbre"), QLatin1String(timbre)}, {QStringLiteral("brightness"), brightness},
                {QStringLiteral("energy"), energy}, {QStringLiteral("loudness_lufs"), lufs}, {QStringLiteral("noise"), noise},
                {QStringLiteral("duration_s"), 30}, {QStringLiteral("progression"), progression}};
        };
        // Funk whose bass, kick and chord stabs fall every three sixteenths (bass 0 3 8 10 11
        // 14, chords 1 4 6 9 12 14 of the bar's sixteenths) recurs more strongly at three
        // sixteenths than at the beat: the two-tooth comb alone reads 136, a third too fast. Its
        // bar (four beats) recurs; nine or twelve sixteenths, the 136 reading's three or four
        // beats, do not.
        QTest::newRow("funk, 102, not 136")
            << track(2550438368354807.0, "funk", 102, 0.0, "16th", 11, "minor", "pluck", 0.65, 0.66, -10.32, 0.23, {0, 0, 5, 6});
        // One-drop reggae: kick and rim on beat 3 only, a bass line on sixteenths 2 4 7 8 12,
        // whose notes five sixteenths apart recur more strongly than the beat: the two-tooth comb
        // alone reads 65.6, a fifth too slow. Only the true beat's bar recurs.
        QTest::newRow("reggae, 82, not 65.6")
            << track(3186156044855516.0, "reggae", 82, 0.0, "8th", 8, "major", "pluck", 0.47, 0.74, -11.1, 0.51, {0, 2, 3, 4});
        // Fast swing: walking bass and a feathered kick on every beat, the ride's "ding, ding-a",
        // the hi-hat's chick on 2 and 4. The comb and the prior read 88; the low end pulses as
        // evenly between those beats as on them and the snare band marks no alternate beats.
        QTest::newRow("fast swing, 176, not 88")
            << track(1605149028285353.0, "jazz", 176, 0.24, "8th", 9, "major", "organ", 0.35, 0.72, -18.25, 0.0, {2, 5, 1, 4});
        // Rock with bass, guitars and hi-hats all in eighths: the low end pulses evenly at 188 too,
        // but the snare on 2 and 4 is a backbeat at 94, which keeps it (4f must not double it).
        QTest::newRow("rock in eighths, 94, not 188")
            << track(2320841529879814.0, "rock", 94, 0.0, "8th", 5, "major", "guitar", 0.54, 0.69, -9.69, 0.11, {3, 4, 0, 5});
    }

    void demoTracksReadAtTheirTempo()
    {
        QFETCH(QJsonObject, track);
        QString error;
        const std::optional<synth::TrackParams> params = synth::TrackParams::fromJson(track, &error);
        QVERIFY2(params, qPrintable(error));
        const synth::RenderedAudio audio = synth::renderTrack(*params, int(kRate), 1);
        const double found = analyse(audio.samples).value(Feature::TempoBpm);
        const double bpm = track.value(QStringLiteral("tempo_bpm")).toDouble();
        QVERIFY2(std::abs(found / bpm - 1.0) < 0.02, qPrintable(QString::number(found)));
    }

    // The same from audio through the extractor: synthesised kick, snare and hi-hat loops.
    void drumLoops_data()
    {
        QTest::addColumn<double>("bpm");
        QTest::addColumn<QString>("kicks");
        QTest::addColumn<QString>("snares");
        QTest::addColumn<QString>("hats");
        for (const double bpm : {165.0, 170.0, 175.0})
            QTest::newRow(qPrintable(QStringLiteral("drum and bass two-step, %1").arg(bpm)))
                << bpm << QStringLiteral("x.........x.....") << QStringLiteral("....x.......x...") << QStringLiteral("x.x.x.x.x.x.x.x.");
        QTest::newRow("drum and bass, kick and snare only, 172")
            << 172.0 << QStringLiteral("x.........x.....") << QStringLiteral("....x.......x...") << QStringLiteral("................");
        // A noise between four-on-the-floor kicks at 95-100 is no backbeat of 190-200: reggaeton's
        // dembow (snare on the last sixteenth of 1 and the "and" of 2) and a snare on every
        // off-beat are heard at their kicks' rate; above kBackbeatMaxBpm the rule leaves them.
        QTest::newRow("reggaeton's dembow, 95") << 95.0 << QStringLiteral("x...x...x...x...") << QStringLiteral("...x..x....x..x.")
                                                << QStringLiteral("x.x.x.x.x.x.x.x.");
        QTest::newRow("four on the floor, snare on every off-beat, 100")
            << 100.0 << QStringLiteral("x...x...x...x...") << QStringLiteral("..x...x...x...x.") << QStringLiteral("................");
        QTest::newRow("rock, 100") << 100.0 << QStringLiteral("x.......x.x.....") << QStringLiteral("....x.......x...")
                                   << QStringLiteral("x.x.x.x.x.x.x.x.");
        QTest::newRow("hip-hop, 90 (drum and bass's pattern at half the speed)")
            << 90.0 << QStringLiteral("x.........x.....") << QStringLiteral("....x.......x...") << QStringLiteral("x.x.x.x.x.x.x.x.");
        QTest::newRow("kick every three sixteenths, snare on 2 and 4, 100")
            << 100.0 << QStringLiteral("x..x..x..x..x...") << QStringLiteral("....x.......x...") << QStringLiteral("x.x.x.x.x.x.x.x.");
        QTest::newRow("four on the floor, clap on 2 and 4, 124") << 124.0 << QStringLiteral("x...x...x...x...")
                                                                  << QStringLiteral("....x.......x...") << QStringLiteral("..x...x...x...x.");
    }

    void drumLoops()
    {
        QFETCH(double, bpm);
        QFETCH(QString, kicks);
        QFETCH(QString, snares);
        QFETCH(QString, hats);
        const double found = analyse(drumLoop(bpm, qPrintable(kicks), qPrintable(snares), qPrintable(hats))).value(Feature::TempoBpm);
        QVERIFY2(std::abs(found / bpm - 1.0) < 0.02, qPrintable(QString::number(found)));
    }

    void invalidParametersAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TempoEstimator(43.0, 200, 100));
        // The slowest period's triple must fit in the autocorrelation.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TempoEstimator(200.0, 40, 200));
    }
};

QTEST_GUILESS_MAIN(TestTempoEstimator)
#include "tst_tempoestimator.moc"
