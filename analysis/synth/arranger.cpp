#include "analysis/synth/arranger.h"

#include "analysis/synth/detmath.h"
#include "analysis/synth/effects.h"
#include "analysis/synth/instruments.h"
#include "analysis/synth/loudnessmeter.h"
#include "analysis/synth/prng.h"
#include "analysis/synth/stylebook.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <compare>
#include <cstring>
#include <map>

namespace bytewave::synth {

namespace {

constexpr int kStepsPerBar = 16; // 16th notes of a 4/4 bar
constexpr std::array<int, 7> kMajor {0, 2, 4, 5, 7, 9, 11};
constexpr std::array<int, 7> kMinor {0, 2, 3, 5, 7, 8, 10};
constexpr float kCeiling = 0.8912509f; // −1 dBFS

int floorDiv(int a, int b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

int floorMod(int a, int b)
{
    return a - floorDiv(a, b) * b;
}

// Velocity of a pattern character: X accent, x normal, o soft, g ghost.
float velocityOf(char c)
{
    switch (c) {
    case 'X':
        return 1.0f;
    case 'x':
        return 0.8f;
    case 'o':
        return 0.55f;
    case 'g':
        return 0.3f;
    default:
        return 0.0f;
    }
}

struct DrumLine
{
    Drum drum;
    const char *pattern; // 16 characters, one per 16th
    float pan;           // −1 left .. +1 right
    float level;
};

struct ChordHit
{
    double step;
    double length; // in 16ths
};

class TrackRenderer
{
public:
    TrackRenderer(const TrackParams &params, int sampleRate, int channels)
        : m_p(params),
          m_rate(sampleRate),
          m_channels(channels),
          m_rng(params.renderSeed),
          m_noise(std::uint32_t(Prng(params.renderSeed ^ 0x5EEDull).next())),
          m_inst(sampleRate, params.brightness),
          m_spec(styleSpec(params.style))
    {
        m_stepSeconds = 60.0 / std::clamp(m_p.tempoBpm, 20.0, 400.0) / 4.0;
        m_frames = std::size_t(std::llround(std::max(0.1, m_p.durationSeconds) * m_rate));
        const double barSeconds = m_stepSeconds * kStepsPerBar;
        m_bars = int(std::ceil(m_p.durationSeconds / barSeconds)) + 1;
        const std::size_t capacity = m_frames + std::size_t(4 * m_rate);
        m_left.assign(capacity, 0.0f);
        m_right.assign(capacity, 0.0f);
        m_send.assign(capacity, 0.0f);
        m_scale = m_p.mode == Mode::Major ? kMajor : kMinor;
        if (m_p.progression.empty())
            m_p.progression = {0};
        m_electronic = m_p.style == Style::House || m_p.style == Style::Techno
            || m_p.style == Style::DrumAndBass || m_p.style == Style::Synthwave
            || m_p.style == Style::Pop;
        m_intro = m_bars >= 8 ? 2 : (m_bars >= 4 ? 1 : 0);
    }

    RenderedAudio render()
    {
        chooseKit();
        renderDrums();
        renderBass();
        renderHarmony();
        renderLead();
        return master();
    }

private:
    // ---- time -------------------------------------------------------------------------------

    // Seconds from the track start of a (possibly fractional) 16th step in a bar, with swing:
    // within each pair of swung units the first is stretched by (1 + swing) and the second
    // shrunk, so the off-beat lands swing·unit late (swing 1/3 = triplet feel).
    double stepTime(int bar, double step) const
    {
        const double u = m_p.swingUnitSteps;
        const double pair = 2.0 * u;
        const double pairStart = std::floor(step / pair) * pair;
        const double pos = step - pairStart;
        const double s = m_p.swing;
        const double warped = pos <= u ? pos * (1.0 + s) : u * (1.0 + s) + (pos - u) * (1.0 - s);
        return (double(bar) * kStepsPerBar + pairStart + warped) * m_stepSeconds;
    }

    double humanTime()
    {
        if (!m_spec.humanize)
            return 0.0;
        return std::clamp(m_rng.normal() * 0.004, -0.012, 0.012);
    }

    float humanVelocity(float v)
    {
        if (!m_spec.humanize)
            return v;
        return std::clamp(v * float(1.0 + 0.08 * m_rng.normal()), 0.05f, 1.0f);
    }

    // ---- placing voices ----------------------------------------------------------------------

    void place(const std::vector<float> &voice, double seconds, float pan, float gain, float send)
    {
        const long start = std::lround(seconds * m_rate);
        const double angle = (std::clamp(double(pan), -1.0, 1.0) + 1.0) / 8.0; // turns, 0..1/4
        const float gl = float(det::cosTurns(angle)) * gain;
        const float gr = float(det::sinTurns(angle)) * gain;
        const long capacity = long(m_left.size());
        const long first = std::max(0L, -start);
        const long last = std::min(long(voice.size()), capacity - start);
        for (long i = first; i < last; ++i) {
            const float v = voice[std::size_t(i)];
            const std::size_t j = std::size_t(start + i);
            m_left[j] += v * gl;
            m_right[j] += v * gr;
            m_send[j] += v * gain * send;
        }
    }

    // Rendered voices are cached per track: a groove repeats the same hits and chords bar after
    // bar, and every voice scales linearly with its gain. Drums keep three variants (their noise
    // differs) so repeated hits are not sample-identical, as with real drums or a sampler's
    // round robin.
    struct VoiceKey
    {
        int kind;
        int type;
        int midiCents;
        long frames;
        int velocityStep;
        int variant;
        auto operator<=>(const VoiceKey &) const = default;
    };

    template<typename RenderFn>
    const std::vector<float> &cached(const VoiceKey &key, RenderFn render)
    {
        auto it = m_cache.find(key);
        if (it != m_cache.end())
            return it->second;
        if (m_cacheSamples > kCacheLimitSamples) {
            m_cache.clear();
            m_cacheSamples = 0;
        }
        std::vector<float> voice;
        render(voice);
        m_cacheSamples += voice.size();
        return m_cache.emplace(key, std::move(voice)).first->second;
    }

    // Velocities are quantised to 1/16 for the cache key; the remainder is applied as gain.
    static int velocityStep(float v) { return std::clamp(int(std::lround(v * 16.0f)), 1, 16); }

    void hit(Drum drum, int bar, double step, float velocity, float pan, float level)
    {
        if (velocity <= 0.0f)
            return;
        const float v = humanVelocity(velocity);
        const int variant = int(m_rng.below(3));
        const auto &voice = cached({0, int(drum), 0, 0, 16, variant}, [&](std::vector<float> &out) {
            m_inst.drum(drum, m_kit, 1.0f, m_noise, out);
        });
        place(voice, stepTime(bar, step) + humanTime(), pan, v * level * m_drumGain,
              float(m_kit.room) * (drum == Drum::Kick ? 0.05f : 0.3f));
    }

    void note(Timbre timbre, double midi, int bar, double step, double lengthSteps, float velocity,
              float pan, float gain, float send)
    {
        const double start = stepTime(bar, step);
        const double end = stepTime(bar, step + lengthSteps);
        const double seconds = std::max(0.02, end - start);
        const float v = humanVelocity(velocity);
        const int vs = velocityStep(v);
        const long frames = std::lround(seconds * m_rate);
        const auto &voice = cached({1, int(timbre), int(std::lround(midi * 100.0)), frames, vs, 0},
                                   [&](std::vector<float> &out) {
                                       Note n {midi, float(vs) / 16.0f, double(frames) / m_rate};
                                       m_inst.tonal(timbre, n, m_noise, out);
                                   });
        place(voice, start + humanTime(), pan, gain * v / (float(vs) / 16.0f), send);
    }

    // ---- harmony ----------------------------------------------------------------------------

    // Semitones above the tonic of a (possibly negative or > 6) scale degree.
    int degreeSemis(int degree) const
    {
        return m_scale[std::size_t(floorMod(degree, 7))] + 12 * floorDiv(degree, 7);
    }

    int chordRoot(int bar) const
    {
        const int perChord = std::max(1, m_spec.barsPerChord);
        const int len = int(m_p.progression.size());
        return m_p.progression[std::size_t(floorMod(bar / perChord, len))];
    }

    // Chord tones as semitones above the tonic: a diatonic triad (or seventh chord) on the
    // degree; in minor the v chord gets the raised leading tone where the style would use it.
    std::vector<int> chordTones(int degree, bool seventh) const
    {
        std::vector<int> tones {degreeSemis(degree), degreeSemis(degree + 2), degreeSemis(degree + 4)};
        if (seventh)
            tones.push_back(degreeSemis(degree + 6));
        const bool raise = m_p.mode == Mode::Minor && floorMod(degree, 7) == 4
            && (m_p.style == Style::Jazz || m_p.style == Style::Ballad || m_p.style == Style::Pop);
        if (raise)
            tones[1] += 1;
        return tones;
    }

    // Closed-position voicing in [lo, hi] that moves least from the previous one (voice
    // leading); the first chord sits nearest the middle of the range.
    std::vector<int> voice(const std::vector<int> &tones, int lo, int hi)
    {
        std::vector<int> best;
        double bestCost = 1e9;
        const int n = int(tones.size());
        for (int inversion = 0; inversion < n; ++inversion) {
            for (int base = lo; base < lo + 12; ++base) {
                const int firstPc = floorMod(m_p.keyIndex + tones[std::size_t(inversion)], 12);
                if (floorMod(base, 12) != firstPc)
                    continue;
                std::vector<int> v {base};
                for (int k = 1; k < n; ++k) {
                    const int pc = floorMod(m_p.keyIndex + tones[std::size_t((inversion + k) % n)], 12);
                    int next = v.back() + 1;
                    while (floorMod(next, 12) != pc)
                        ++next;
                    v.push_back(next);
                }
                if (v.back() > hi)
                    continue;
                double cost = 0.0;
                if (m_lastVoicing.size() == v.size()) {
                    for (std::size_t k = 0; k < v.size(); ++k)
                        cost += std::abs(v[k] - m_lastVoicing[k]);
                } else {
                    double mean = 0.0;
                    for (int x : v)
                        mean += x;
                    cost = std::abs(mean / double(v.size()) - (lo + hi) / 2.0);
                }
                if (cost < bestCost) {
                    bestCost = cost;
                    best = v;
                }
            }
        }
        if (best.empty()) { // range too narrow for the chord: stack from lo
            best.push_back(lo + floorMod(m_p.keyIndex + tones[0] - lo, 12));
            for (std::size_t k = 1; k < tones.size(); ++k)
                best.push_back(best.back() + floorMod(tones[k] - tones[k - 1], 12));
        }
        m_lastVoicing = best;
        return best;
    }

    int bassMidi(int degree) const
    {
        return 33 + floorMod(m_p.keyIndex + degreeSemis(degree) - 9, 12); // A1 .. G#2
    }

    // ---- arrangement ------------------------------------------------------------------------

    bool isIntro(int bar) const { return bar < m_intro; }
    int phraseBar(int bar) const { return floorMod(bar - m_intro, 8); }
    bool isFillBar(int bar) const
    {
        return !isIntro(bar) && phraseBar(bar) == 7 && m_p.energy > 0.25
            && m_p.style != Style::Ambient && m_p.style != Style::Techno;
    }
    // Long electronic tracks drop the kick for four bars every 32 (a "breakdown").
    bool isBreakdown(int bar) const
    {
        return m_electronic && m_bars >= 40 && !isIntro(bar) && floorMod(bar - m_intro, 32) >= 24
            && floorMod(bar - m_intro, 32) < 28;
    }

    void chooseKit()
    {
        DrumKit k;
        auto vary = [this](double v, double spread) { return v * m_rng.uniform(1.0 - spread, 1.0 + spread); };
        switch (m_p.style) {
        case Style::House:
        case Style::Pop:
            k = {52, 3.0, 0.32, 0.4, 200, 0.2, 0.75, 9000, 0.05, 110, 0.2};
            break;
        case Style::Techno:
            k = {49, 3.5, 0.45, 0.6, 210, 0.18, 0.8, 10000, 0.045, 100, 0.3};
            break;
        case Style::Rock:
        case Style::Punk:
            k = {62, 2.2, 0.25, 0.8, 190, 0.22, 0.65, 7500, 0.07, 95, 0.25};
            break;
        case Style::HipHop:
            k = {52, 2.5, 0.5, 0.3, 180, 0.22, 0.75, 7000, 0.045, 100, 0.15};
            break;
        case Style::Jazz:
            k = {66, 1.8, 0.2, 0.2, 220, 0.16, 0.45, 7000, 0.06, 120, 0.35};
            break;
        case Style::Ambient:
            k = {46, 2.0, 0.6, 0.05, 170, 0.3, 0.6, 6500, 0.06, 90, 0.7};
            break;
        case Style::DrumAndBass:
            k = {56, 3.0, 0.25, 0.6, 215, 0.2, 0.7, 9500, 0.04, 120, 0.2};
            break;
        case Style::Ballad:
            k = {58, 2.0, 0.3, 0.3, 180, 0.25, 0.6, 7000, 0.07, 95, 0.5};
            break;
        case Style::Funk:
            k = {62, 2.2, 0.22, 0.6, 230, 0.16, 0.55, 9000, 0.05, 110, 0.15};
            break;
        case Style::Reggae:
            k = {55, 2.0, 0.35, 0.3, 240, 0.15, 0.5, 8000, 0.05, 110, 0.4};
            break;
        case Style::Synthwave:
            k = {52, 3.0, 0.35, 0.5, 170, 0.35, 0.8, 8500, 0.05, 95, 0.6};
            break;
        }
        k.kickHz = vary(k.kickHz, 0.08);
        k.kickDecay = vary(k.kickDecay, 0.15);
        k.snareHz = vary(k.snareHz, 0.1);
        k.snareDecay = vary(k.snareDecay, 0.15);
        k.hatHz = vary(k.hatHz, 0.12);
        k.hatDecay = vary(k.hatDecay, 0.2);
        k.tomHz = vary(k.tomHz, 0.1);
        m_kit = k;
        m_drumGain = float(0.75 + 0.25 * m_p.energy);
    }

    std::vector<DrumLine> groove()
    {
        const double e = m_p.energy;
        auto pick = [this](std::initializer_list<const char *> options) {
            return options.begin()[m_rng.below(std::uint32_t(options.size()))];
        };
        std::vector<DrumLine> g;
        switch (m_p.style) {
        case Style::House:
            g.push_back({Drum::Kick, "x...x...x...x...", 0.0f, 1.0f});
            g.push_back({Drum::Clap, "....x.......x...", 0.1f, 0.55f});
            g.push_back({Drum::HatOpen, "..x...x...x...x.", 0.25f, 0.3f});
            if (e > 0.6)
                g.push_back({Drum::HatClosed, pick({"g.g.g.g.g.g.g.g.", "gggggggggggggggg"}), -0.3f, 0.35f});
            if (e > 0.75)
                g.push_back({Drum::Shaker, "gogogogogogogogo", 0.4f, 0.25f});
            break;
        case Style::Techno:
            g.push_back({Drum::Kick, "x...x...x...x...", 0.0f, 1.0f});
            g.push_back({Drum::HatOpen, "..o...o...o...o.", 0.2f, 0.3f});
            g.push_back({Drum::HatClosed, pick({"xgxgxgxgxgxgxgxg", "x.xgx.xgx.xgx.xg"}), -0.25f, 0.3f});
            if (e > 0.7)
                g.push_back({Drum::Clap, "....x.......x...", 0.0f, 0.4f});
            if (e > 0.85)
                g.push_back({Drum::Ride, "x.x.x.x.x.x.x.x.", 0.35f, 0.15f});
            break;
        case Style::Rock:
            g.push_back({Drum::Kick, pick({"x.......x.x.....", "x.....x.x.......", "x.......x......."}), 0.0f, 1.0f});
            g.push_back({Drum::Snare, e > 0.7 ? "....x..g....x..." : "....x.......x...", 0.05f, 0.8f});
            g.push_back({e > 0.8 ? Drum::Ride : Drum::HatClosed, "x.o.x.o.x.o.x.o.", -0.3f, 0.4f});
            break;
        case Style::Punk:
            g.push_back({Drum::Kick, pick({"x...x...x...x...", "x.......x.x....."}), 0.0f, 1.0f});
            g.push_back({Drum::Snare, "....X.......X...", 0.05f, 0.85f});
            g.push_back({e > 0.85 ? Drum::Ride : Drum::HatClosed, "x.o.x.o.x.o.x.o.", -0.3f, 0.4f});
            break;
        case Style::HipHop:
            g.push_back({Drum::Kick, pick({"x.........x.....", "x......x..x.....", "x.......x.x....."}), 0.0f, 1.0f});
            g.push_back({Drum::Snare, "....X.......X...", 0.0f, 0.85f});
            g.push_back({Drum::HatClosed, e > 0.6 ? "x.oxx.o.x.oxx.o." : "x.o.x.o.x.o.x.o.", 0.3f, 0.35f});
            break;
        case Style::Jazz:
            g.push_back({Drum::Ride, "x...x.o.x...x.o.", 0.3f, 0.45f});
            g.push_back({Drum::HatPedal, "....x.......x...", -0.3f, 0.45f});
            g.push_back({Drum::Kick, "g...g...g...g...", 0.0f, 0.6f});
            break;
        case Style::Ambient:
            g.push_back({Drum::Kick, "x...o...x...o...", 0.0f, 0.7f});
            if (e > 0.2)
                g.push_back({Drum::Shaker, "..g...g...g...g.", 0.35f, 0.3f});
            break;
        case Style::DrumAndBass:
            g.push_back({Drum::Kick, pick({"x.........x.....", "x.......x.x....."}), 0.0f, 1.0f});
            g.push_back({Drum::Snare, e > 0.75 ? "....X..g.g..X..." : "....X.......X...", 0.0f, 0.85f});
            g.push_back({Drum::HatClosed, e > 0.8 ? "xgogxgogxgogxgog" : "x.o.x.o.x.o.x.o.", 0.3f, 0.3f});
            break;
        case Style::Ballad:
            g.push_back({Drum::Kick, pick({"x.......x.......", "x.......x.x....."}), 0.0f, 0.8f});
            g.push_back({e < 0.3 ? Drum::Rim : Drum::Snare, "....o.......o...", 0.05f, 0.8f});
            g.push_back({Drum::HatClosed, "o.g.o.g.o.g.o.g.", -0.3f, 0.3f});
            break;
        case Style::Funk:
            g.push_back({Drum::Kick, pick({"x......x.x......", "x..x....x.x.....", "x.x.......x..x.."}), 0.0f, 1.0f});
            g.push_back({Drum::Snare, "....x..g.g..x..g", 0.05f, 0.8f});
            g.push_back({Drum::HatClosed, pick({"xgogxgogxgogxgog", "x.oxx.oxx.oxx.ox"}), -0.3f, 0.35f});
            if (e > 0.7)
                g.push_back({Drum::HatOpen, "..............o.", -0.3f, 0.3f});
            break;
        case Style::Reggae:
            // One drop: kick and rim together on beat 3 only; the hats keep the quarter pulse.
            g.push_back({Drum::Kick, "........x.......", 0.0f, 1.0f});
            g.push_back({Drum::Rim, "........x.......", 0.05f, 0.7f});
            g.push_back({Drum::HatClosed, "x.o.x.o.x.o.x.o.", -0.3f, 0.4f});
            break;
        case Style::Synthwave:
            g.push_back({Drum::Kick, pick({"x...x...x...x...", "x.......x......."}), 0.0f, 1.0f});
            g.push_back({Drum::Snare, "....X.......X...", 0.0f, 0.8f});
            g.push_back({Drum::HatClosed, e > 0.7 ? "xgxgxgxgxgxgxgxg" : "x.o.x.o.x.o.x.o.", 0.3f, 0.3f});
            break;
        case Style::Pop:
            g.push_back({Drum::Kick, pick({"x...x...x...x...", "x.......x.x....."}), 0.0f, 1.0f});
            g.push_back({Drum::Clap, "....x.......x...", 0.0f, 0.5f});
            g.push_back({Drum::Snare, "....x.......x...", 0.0f, 0.5f});
            g.push_back({Drum::HatClosed, e > 0.7 ? "xgogxgogxgogxgog" : "x.o.x.o.x.o.x.o.", 0.3f, 0.3f});
            if (e > 0.6)
                g.push_back({Drum::Shaker, "gogogogogogogogo", -0.4f, 0.2f});
            break;
        }
        return g;
    }

    void renderDrums()
    {
        const std::vector<DrumLine> lines = groove();
        const bool crashes = m_p.style == Style::Rock || m_p.style == Style::Punk
            || m_p.style == Style::Pop || m_p.style == Style::Funk || m_p.style == Style::DrumAndBass
            || m_p.style == Style::Synthwave || m_p.style == Style::Ballad;
        for (int bar = 0; bar < m_bars; ++bar) {
            const bool intro = isIntro(bar);
            const bool fill = isFillBar(bar);
            const bool breakdown = isBreakdown(bar);
            for (const DrumLine &line : lines) {
                const bool backbeat = line.drum == Drum::Snare || line.drum == Drum::Clap
                    || (line.drum == Drum::Rim && m_p.style != Style::Reggae);
                if (intro && backbeat && m_p.style != Style::Jazz)
                    continue; // intros start with kick and hats; the backbeat enters after
                if (breakdown && line.drum == Drum::Kick)
                    continue;
                for (int s = 0; s < kStepsPerBar; ++s) {
                    if (fill && s >= 12)
                        break; // the last beat belongs to the fill
                    const float v = velocityOf(line.pattern[s]);
                    hit(line.drum, bar, s, v * float(0.75 + 0.25 * m_p.energy), line.pan, line.level);
                }
            }
            if (m_p.style == Style::Jazz)
                jazzComping(bar);
            if (fill)
                renderFill(bar);
            if (crashes && !intro && phraseBar(bar) == 0 && m_p.energy > 0.4)
                hit(Drum::Crash, bar, 0, 0.7f, -0.4f, 0.35f);
        }
    }

    // Snare "comping" on swung off-beats and the odd bass-drum "bomb", as a jazz drummer plays.
    void jazzComping(int bar)
    {
        for (int s = 2; s < kStepsPerBar; s += 4) {
            if (m_rng.chance(0.12 + 0.25 * m_p.energy))
                hit(Drum::Snare, bar, s, m_rng.chance(0.2) ? 0.55f : 0.3f, 0.1f, 0.5f);
        }
        if (m_rng.chance(0.1 * m_p.energy))
            hit(Drum::Kick, bar, 14, 0.6f, 0.0f, 0.6f);
    }

    void renderFill(int bar)
    {
        const bool toms = m_p.style == Style::Rock || m_p.style == Style::Punk
            || m_p.style == Style::Funk || m_p.style == Style::Ballad || m_p.style == Style::Jazz
            || m_p.style == Style::Reggae || m_p.style == Style::Synthwave;
        static constexpr std::array<Drum, 4> kTomRun {Drum::TomHigh, Drum::TomHigh, Drum::TomMid, Drum::TomLow};
        static constexpr std::array<float, 4> kTomPan {0.4f, 0.4f, 0.0f, -0.4f};
        const float base = float(0.55 + 0.35 * m_p.energy);
        for (int i = 0; i < 4; ++i) {
            const int s = 12 + i;
            if (toms && m_p.energy > 0.45)
                hit(kTomRun[std::size_t(i)], bar, s, base, kTomPan[std::size_t(i)], 0.8f);
            else
                hit(Drum::Snare, bar, s, base * (0.6f + 0.13f * float(i)), 0.05f, 0.7f);
        }
        hit(Drum::Kick, bar, 12, 0.8f, 0.0f, 1.0f);
    }

    // ---- bass -------------------------------------------------------------------------------

    BassSound bassSound()
    {
        switch (m_p.style) {
        case Style::House:
        case Style::Synthwave:
            return BassSound::Synth;
        case Style::Techno:
            return m_rng.chance(0.5) ? BassSound::Acid : BassSound::Synth;
        case Style::HipHop:
            return m_rng.chance(0.6) ? BassSound::Sub : BassSound::Finger;
        case Style::Jazz:
            return BassSound::Upright;
        case Style::Ambient:
        case Style::DrumAndBass:
            return BassSound::Sub;
        case Style::Funk:
            return BassSound::Slap;
        case Style::Pop:
            return m_rng.chance(0.5) ? BassSound::Synth : BassSound::Finger;
        default:
            return BassSound::Finger;
        }
    }

    void bassNote(BassSound sound, int midi, int bar, double step, double length, float velocity)
    {
        const double start = stepTime(bar, step);
        const double end = stepTime(bar, step + length);
        const double seconds = std::max(0.03, end - start);
        const float v = humanVelocity(velocity);
        const int vs = velocityStep(v);
        const long frames = std::lround(seconds * m_rate);
        const auto &voice = cached({2, int(sound), midi * 100, frames, vs, 0},
                                   [&](std::vector<float> &out) {
                                       Note n {double(midi), float(vs) / 16.0f, double(frames) / m_rate};
                                       m_inst.bass(sound, n, m_noise, out);
                                   });
        place(voice, start + humanTime(), 0.0f, m_bassGain * v / (float(vs) / 16.0f), 0.02f);
    }

    void renderBass()
    {
        const BassSound sound = bassSound();
        const double e = m_p.energy;
        for (int bar = 0; bar < m_bars; ++bar) {
            if (isIntro(bar) && m_p.style != Style::Jazz && m_p.style != Style::Ambient)
                continue;
            const int degree = chordRoot(bar);
            const int root = bassMidi(degree);
            const int fifth = root + 7 - (m_p.mode == Mode::Minor && floorMod(degree, 7) == 1 ? 1 : 0);
            const int nextRoot = bassMidi(chordRoot(bar + 1));
            switch (m_p.style) {
            case Style::House:
                for (int s = 2; s < 16; s += 4)
                    bassNote(sound, root, bar, s, 1.5, 0.85f);
                if (e > 0.7)
                    bassNote(sound, root + 12, bar, 11, 0.8, 0.6f);
                break;
            case Style::Techno:
                for (int s = 0; s < 16; ++s) {
                    if (s % 4 != 0)
                        bassNote(sound, root, bar, s, 0.7, s % 2 ? 0.75f : 0.6f);
                }
                break;
            case Style::Rock:
            case Style::Punk:
                for (int s = 0; s < 16; s += 2)
                    bassNote(sound, (s == 14 && e > 0.6) ? fifth : root, bar, s, 1.7, s % 4 ? 0.7f : 0.85f);
                break;
            case Style::HipHop: {
                // The bass holds the downbeat and answers on beat 3; the kick may push against
                // it, but the low end keeps the half-bar pulse.
                bassNote(sound, root, bar, 0, 7.5, 0.85f);
                bassNote(sound, e > 0.6 ? fifth : root, bar, 8, 7.5, 0.75f);
                break;
            }
            case Style::Jazz:
                walkingBass(sound, bar, degree, nextRoot);
                break;
            case Style::Ambient:
                if (bar % 2 == 0)
                    bassNote(sound, root, bar, 0, 30, 0.6f);
                break;
            case Style::DrumAndBass:
                bassNote(sound, root, bar, 0, 7.5, 0.9f);
                bassNote(sound, e > 0.7 ? root + 12 : root, bar, 8, 7.5, 0.8f);
                break;
            case Style::Ballad:
                bassNote(sound, root, bar, 0, 7.5, 0.75f);
                bassNote(sound, e > 0.35 ? fifth : root, bar, 8, 7.5, 0.65f);
                break;
            case Style::Funk: {
                static constexpr std::array<int, 6> kSteps {0, 3, 8, 10, 11, 14};
                for (std::size_t i = 0; i < kSteps.size(); ++i) {
                    const int midi = (i == 1 || i == 4) ? root + 12 : (i == 5 ? fifth : root);
                    const bool onBeat = kSteps[i] % 4 == 0;
                    bassNote(sound, midi, bar, kSteps[i], onBeat ? 2.5 : 0.8, onBeat ? 0.95f : 0.6f);
                }
                break;
            }
            case Style::Reggae: {
                // Bass rests on the one and answers the drop.
                bassNote(sound, root, bar, 2, 1.8, 0.8f);
                bassNote(sound, root, bar, 4, 2.5, 0.75f);
                bassNote(sound, fifth - 12 >= 28 ? fifth - 12 : fifth, bar, 7, 1.0, 0.7f);
                bassNote(sound, root, bar, 8, 2.5, 0.85f);
                bassNote(sound, bassMidi(degree + 2), bar, 12, 1.8, 0.7f);
                break;
            }
            case Style::Synthwave:
                for (int s = 0; s < 16; s += (e > 0.7 ? 1 : 2))
                    bassNote(sound, (s / (e > 0.7 ? 1 : 2)) % 2 ? root + 12 : root, bar, s,
                             e > 0.7 ? 0.8 : 1.6, s % 4 == 0 ? 0.85f : (e > 0.7 ? 0.45f : 0.55f));
                break;
            case Style::Pop:
                for (int s = 0; s < 16; s += 2) {
                    if (s == 2 || s == 10)
                        continue;
                    bassNote(sound, s == 14 ? fifth : root, bar, s, 1.7, s % 4 ? 0.7f : 0.85f);
                }
                break;
            }
        }
    }

    // Quarter-note walking line: root, two chord or scale tones, then a chromatic or diatonic
    // approach into the next bar's root.
    void walkingBass(BassSound sound, int bar, int degree, int nextRoot)
    {
        const int root = bassMidi(degree);
        const std::vector<int> tones = chordTones(degree, true);
        int pitch = root;
        for (int beat = 0; beat < 4; ++beat) {
            if (beat == 1 || beat == 2) {
                const int tone = tones[std::size_t(1 + m_rng.below(3))] - tones[0];
                pitch = root + floorMod(tone, 12);
                if (pitch > 50)
                    pitch -= 12;
            } else if (beat == 3) {
                pitch = nextRoot + (m_rng.chance(0.5) ? 1 : -1);
            }
            bassNote(sound, pitch, bar, beat * 4, 3.6, beat == 0 ? 0.9f : 0.8f);
        }
    }

    // ---- chords, pads, arpeggios ------------------------------------------------------------

    std::vector<ChordHit> chordRhythm()
    {
        const double e = m_p.energy;
        const Timbre t = m_p.timbre;
        auto hits = [](std::initializer_list<ChordHit> list) { return std::vector<ChordHit>(list); };
        switch (m_p.style) {
        case Style::House:
            if (t == Timbre::Pad)
                return hits({{0, 16}});
            return m_rng.chance(0.5) ? hits({{2, 1.5}, {6, 1.5}, {10, 1.5}, {14, 1.5}})
                                     : hits({{0, 3}, {8, 3}});
        case Style::Techno: {
            if (t == Timbre::Pad)
                return hits({{0, 32}});
            static constexpr std::array<double, 4> kSpots {3, 6, 10, 14};
            return hits({{kSpots[m_rng.below(4)], 1}});
        }
        case Style::Rock:
            if (t == Timbre::Guitar)
                return e > 0.65 ? hits({{0, 1.8}, {2, 1.8}, {4, 1.8}, {6, 1.8}, {8, 1.8}, {10, 1.8}, {12, 1.8}, {14, 1.8}})
                                : hits({{0, 7.5}, {8, 5.5}, {14, 1.8}});
            return hits({{0, 3.5}, {4, 3.5}, {8, 3.5}, {12, 3.5}});
        case Style::Punk:
            return hits({{0, 1.8}, {2, 1.8}, {4, 1.8}, {6, 1.8}, {8, 1.8}, {10, 1.8}, {12, 1.8}, {14, 1.8}});
        case Style::HipHop:
            return m_rng.chance(0.5) ? hits({{0, 6}, {6, 2}, {10, 6}}) : hits({{0, 16}});
        case Style::Jazz: {
            switch (m_rng.below(4)) {
            case 0:
                return hits({{0, 2}, {6, 2}}); // Charleston
            case 1:
                return hits({{2, 2}, {10, 2}});
            case 2:
                return hits({{6, 2}, {14, 2}});
            default:
                return hits({{0, 3}, {10, 2}});
            }
        }
        case Style::Ambient:
        case Style::DrumAndBass:
            return hits({{0, 32}});
        case Style::Ballad:
            return hits({{0, 16}});
        case Style::Funk:
            return m_rng.chance(0.5) ? hits({{2, 0.7}, {6, 0.7}, {7, 0.7}, {10, 0.7}, {14, 0.7}})
                                     : hits({{1, 0.7}, {4, 0.7}, {6, 0.7}, {9, 0.7}, {12, 0.7}, {14, 0.7}});
        case Style::Reggae:
            return hits({{4, 1}, {12, 1}}); // the skank on 2 and 4
        case Style::Synthwave:
            return hits({{0, 16}});
        case Style::Pop:
            return m_rng.chance(0.5) ? hits({{0, 3.5}, {4, 3.5}, {8, 3.5}, {12, 3.5}})
                                     : hits({{0, 8}, {8, 8}});
        }
        return hits({{0, 16}});
    }

    void renderHarmony()
    {
        const Timbre timbre = m_p.timbre;
        const bool sevenths = m_p.style == Style::Jazz
            || (m_p.style == Style::House && timbre != Timbre::Guitar) || m_p.style == Style::HipHop;
        const bool powerChords = timbre == Timbre::Guitar;
        const bool arpeggio = m_p.style == Style::Ballad || m_p.style == Style::Ambient
            || (m_p.style == Style::Synthwave && timbre != Timbre::Pad);
        const int perChord = std::max(1, m_spec.barsPerChord);
        float gain = 0.32f;
        if (m_p.style == Style::Jazz || m_p.style == Style::Ballad)
            gain = 0.45f;
        if (timbre == Timbre::Pad)
            gain = 0.3f;
        const float send = timbre == Timbre::Pad || m_p.style == Style::Ambient ? 0.5f : 0.2f;
        const std::vector<ChordHit> rhythm = chordRhythm();
        for (int bar = 0; bar < m_bars; ++bar) {
            const int degree = chordRoot(bar);
            std::vector<int> tones = chordTones(degree, sevenths);
            if (powerChords)
                tones = {tones[0], tones[0] + 7};
            const std::vector<int> v = voice(tones, powerChords ? 40 : 50, powerChords ? 62 : 74);
            std::vector<int> voicing = v;
            if (powerChords)
                voicing.push_back(v[0] + 12);
            // Jazz and techno re-draw their rhythm every bar; others keep one figure.
            const std::vector<ChordHit> figure = (m_p.style == Style::Jazz || m_p.style == Style::Techno)
                ? chordRhythm()
                : rhythm;
            for (const ChordHit &h : figure) {
                if (h.length > 16 && bar % perChord != 0)
                    continue; // sustained chords span their bars once
                if (m_p.style == Style::Ballad && h.length >= 16 && timbre != Timbre::Pad)
                    continue; // ballads arpeggiate instead
                if (m_p.style == Style::Ambient && timbre != Timbre::Pad && bar % perChord != 0)
                    continue;
                for (std::size_t k = 0; k < voicing.size(); ++k) {
                    const float pan = voicing.size() > 1 ? -0.5f + float(k) / float(voicing.size() - 1) : 0.0f;
                    // Hits on the beat are played harder than off-beat ones, as players do.
                    const float velocity = std::fmod(h.step, 4.0) == 0.0 ? 0.8f : 0.62f;
                    note(m_p.style == Style::Ambient ? Timbre::Pad : timbre, voicing[k], bar, h.step,
                         h.length, velocity, pan * 0.6f, gain / std::sqrt(float(voicing.size())), send);
                }
            }
            if (arpeggio)
                renderArpeggio(bar, v);
        }
    }

    void renderArpeggio(int bar, const std::vector<int> &voicing)
    {
        if (isIntro(bar) && m_p.style == Style::Synthwave)
            return;
        const bool sixteenths = m_p.style == Style::Synthwave && m_p.energy > 0.55;
        const Timbre timbre = m_p.style == Style::Ambient
            ? (m_p.timbre == Timbre::Pad ? Timbre::Pluck : m_p.timbre)
            : (m_p.timbre == Timbre::Pad ? Timbre::Piano : m_p.timbre);
        static constexpr std::array<int, 8> kOrder {0, 1, 2, 3, 2, 1, 3, 1};
        std::vector<int> notes = voicing;
        notes.push_back(voicing[0] + 12);
        const int step = sixteenths ? 1 : 2;
        const float gain = m_p.style == Style::Ambient ? 0.28f : 0.3f;
        for (int s = 0, i = 0; s < kStepsPerBar; s += step, ++i) {
            const int idx = kOrder[std::size_t(i) % kOrder.size()] % int(notes.size());
            const float v = (s % 4 == 0) ? 0.8f : 0.6f;
            note(timbre, notes[std::size_t(idx)] + (m_p.style == Style::Synthwave ? 12 : 0), bar, s,
                 step * 1.5, v, (i % 2 ? 0.3f : -0.3f), gain, 0.35f);
        }
    }

    // ---- lead -------------------------------------------------------------------------------

    void renderLead()
    {
        const Style st = m_p.style;
        const bool hasLead = st == Style::Pop || st == Style::Synthwave || st == Style::Funk
            || st == Style::Rock || st == Style::DrumAndBass || st == Style::Reggae
            || st == Style::HipHop || st == Style::Ballad || st == Style::Ambient
            || (st == Style::House && m_p.energy > 0.6) || (st == Style::Jazz && m_p.energy > 0.5);
        if (!hasLead || m_bars < 4)
            return;
        Timbre timbre = m_p.timbre == Timbre::Pad ? Timbre::Saw : m_p.timbre;
        if (st == Style::Ambient)
            timbre = Timbre::Fm;
        if (st == Style::Reggae && timbre == Timbre::Guitar)
            timbre = Timbre::Organ;

        // A two-bar motif in scale degrees (relative to the tonic, around the octave above
        // middle C), on a grid that suits the tempo; strong beats snap to chord tones.
        struct MotifNote
        {
            int step;  // 0..31 over two bars
            int degree;
            double length;
        };
        std::vector<MotifNote> motif;
        const int grid = m_p.tempoBpm < 100 ? 2 : (m_p.tempoBpm < 150 ? 2 : 4);
        const double density = st == Style::Ambient ? 0.15 : 0.3 + 0.4 * m_p.energy;
        int degree = 7 + int(m_rng.below(5)) - 2;
        for (int s = 0; s < 32; s += grid) {
            if (!m_rng.chance(s % 8 == 0 ? density + 0.2 : density))
                continue;
            degree += int(m_rng.below(5)) - 2;
            degree = std::clamp(degree, 3, 12);
            motif.push_back({s, degree, 0.0});
        }
        for (std::size_t i = 0; i < motif.size(); ++i) {
            const int next = i + 1 < motif.size() ? motif[i + 1].step : 32;
            motif[i].length = std::min(double(next - motif[i].step), 8.0) * 0.9;
        }
        const int midiTonic = 60 + m_p.keyIndex + (m_p.keyIndex > 6 ? -12 : 0);
        const float gain = st == Style::Ambient ? 0.2f : 0.26f;
        for (int bar = m_intro; bar < m_bars; ++bar) {
            const int phrase = (bar - m_intro) / 8;
            const bool on = m_p.energy > 0.75 || phrase % 2 == 1 || st == Style::Ambient;
            if (!on || isBreakdown(bar))
                continue;
            const int half = (bar - m_intro) % 2;
            const std::vector<int> tones = chordTones(chordRoot(bar), false);
            for (const MotifNote &mn : motif) {
                if (mn.step / 16 != half)
                    continue;
                int d = mn.degree;
                if (mn.step % 4 == 0) {
                    // Snap to the nearest chord tone so strong beats are consonant.
                    int best = d, bestDist = 99;
                    for (int cand = d - 3; cand <= d + 3; ++cand) {
                        const int pc = floorMod(degreeSemis(cand), 12);
                        for (int t : tones) {
                            if (floorMod(t, 12) == pc && std::abs(cand - d) < bestDist) {
                                bestDist = std::abs(cand - d);
                                best = cand;
                            }
                        }
                    }
                    d = best;
                }
                note(timbre, midiTonic + degreeSemis(d), bar, mn.step % 16, mn.length,
                     mn.step % 4 == 0 ? 0.8f : 0.65f, 0.15f, gain, 0.3f);
            }
        }
    }

    // ---- master -----------------------------------------------------------------------------

    RenderedAudio master()
    {
        // Reverb return.
        Reverb reverb(m_rate, 0.55 + 0.4 * m_kit.room, 0.6 - 0.4 * m_p.brightness);
        const float wet = float(0.25 + 0.5 * m_kit.room);
        for (std::size_t i = 0; i < m_left.size(); ++i) {
            float l, r;
            reverb.process(m_send[i], l, r);
            m_left[i] += l * wet;
            m_right[i] += r * wet;
        }

        // Brightness: a first-order tilt around ~900 Hz, ±8 dB at the top.
        const float tilt = float(det::dbToGain((m_p.brightness - 0.5) * 16.0));
        OnePole splitL, splitR;
        splitL.set(900.0, m_rate);
        splitR.set(900.0, m_rate);
        // Masters carry little above ~16 kHz, and MP3 encoders cut it at common bitrates (LAME
        // low-passes near 17 kHz at 160 kb/s): a 4th-order Butterworth low-pass at 15 kHz (two
        // SVF stages, Q 0.541 and 1.307) keeps an MP3's measured loudness close to the label.
        std::array<Svf, 4> air;
        const double airHz = std::min(15000.0, 0.4 * m_rate);
        for (std::size_t k = 0; k < air.size(); ++k)
            air[k].set(airHz, k % 2 ? 1.3066 : 0.5412, m_rate);
        const std::size_t frames = m_frames;
        std::vector<float> out(frames * std::size_t(m_channels));
        double sumSquares = 0.0;
        for (std::size_t i = 0; i < frames; ++i) {
            const float lowL = splitL.process(m_left[i]);
            const float lowR = splitR.process(m_right[i]);
            const float l = air[1].lowpass(air[0].lowpass(lowL + tilt * (m_left[i] - lowL)));
            const float r = air[3].lowpass(air[2].lowpass(lowR + tilt * (m_right[i] - lowR)));
            if (m_channels == 1) {
                out[i] = 0.5f * (l + r);
                sumSquares += double(out[i]) * out[i];
            } else {
                out[2 * i] = l;
                out[2 * i + 1] = r;
                sumSquares += 0.5 * (double(l) * l + double(r) * r);
            }
        }
        const double rms = std::sqrt(sumSquares / double(std::max<std::size_t>(1, frames)));
        // The stems and the voice cache are no longer needed: free them before the loudness
        // search allocates its own buffers (a 10-minute track would otherwise hold ~1.3 GB).
        std::vector<float>().swap(m_left);
        std::vector<float>().swap(m_right);
        std::vector<float>().swap(m_send);
        m_cache.clear();

        addNoise(out, rms);
        applyFades(out);

        // Scale to the loudness target, limit, and correct for what the limiter took away.
        RenderedAudio audio;
        audio.sampleRate = m_rate;
        audio.channels = m_channels;
        // The K-weighted power and the frame peaks are computed once; each trial gain only
        // recomputes the limiter's gain curve and sums power under it.
        const std::vector<float> power = LoudnessMeter::weightedPower(out, m_channels, m_rate);
        const std::vector<float> peaks = PeakLimiter::framePeaks(out, m_channels);
        const double measured = LoudnessMeter::integratedFromPower(power, m_rate);
        // The limiter makes loudness grow more slowly than gain, so the correction is a secant
        // step on the measured (gain, loudness) pairs rather than a plain difference.
        double gainDb = measured > LoudnessMeter::kSilence ? m_p.loudnessLufs - measured : 0.0;
        double prevGain = 0.0;
        double prevLoudness = measured;
        std::vector<float> curve;
        for (int pass = 0; pass < 6; ++pass) {
            gainDb = std::clamp(gainDb, -60.0, 40.0);
            curve = PeakLimiter::gainCurve(peaks, float(det::dbToGain(gainDb)), m_rate, kCeiling);
            const double loudness = LoudnessMeter::integratedFromPower(power, m_rate, curve);
            const double error = m_p.loudnessLufs - loudness;
            if (std::abs(error) < 0.1 || loudness <= LoudnessMeter::kSilence)
                break;
            double slope = 1.0;
            if (std::abs(gainDb - prevGain) > 1e-3)
                slope = std::clamp((loudness - prevLoudness) / (gainDb - prevGain), 0.2, 1.0);
            prevGain = gainDb;
            prevLoudness = loudness;
            gainDb += error / slope;
        }
        for (std::size_t i = 0; i < curve.size(); ++i) {
            for (int ch = 0; ch < m_channels; ++ch) {
                float &s = out[i * std::size_t(m_channels) + std::size_t(ch)];
                s = std::clamp(s * curve[i], -kCeiling, kCeiling);
            }
        }
        // The search works on K-weighted power under the gain curve, which is within about
        // 0.1 LU of the limited output after heavy limiting; report the true measurement.
        audio.loudnessLufs = LoudnessMeter::integratedLufs(out, m_channels, m_rate);
        audio.samples = std::move(out);
        for (float s : audio.samples)
            audio.peak = std::max(audio.peak, std::abs(s));
        return audio;
    }

    // Tape/amp hiss (white noise tilted towards the highs) at 40·(1 − noise) dB below the mix,
    // plus vinyl crackle for the styles that are often sampled from records.
    void addNoise(std::vector<float> &out, double mixRms)
    {
        if (m_p.noise <= 0.0)
            return;
        const float level = float(mixRms * det::dbToGain(-40.0 * (1.0 - m_p.noise)) * 1.7);
        NoiseSource hiss(std::uint32_t(m_rng.next()));
        OnePole colour;
        colour.set(3000.0, m_rate);
        const bool crackle = (m_p.style == Style::HipHop || m_p.style == Style::Jazz
                              || m_p.style == Style::Ballad || m_p.style == Style::Reggae)
            && m_p.noise > 0.1;
        const double cracklePerSample = 12.0 * m_p.noise / m_rate;
        for (std::size_t i = 0; i < out.size(); i += std::size_t(m_channels)) {
            for (int ch = 0; ch < m_channels; ++ch) {
                const float w = hiss.next();
                const float bright = w - 0.6f * colour.process(w);
                out[i + std::size_t(ch)] += bright * level;
            }
            if (crackle && m_rng.uniform() < cracklePerSample) {
                const float amp = float(mixRms * (0.5 + 2.0 * m_rng.uniform()));
                out[i] += amp;
                if (m_channels == 2)
                    out[i + 1] += amp * 0.8f;
            }
        }
    }

    void applyFades(std::vector<float> &out)
    {
        const std::size_t frames = out.size() / std::size_t(m_channels);
        const std::size_t fadeIn = std::min<std::size_t>(frames / 4, std::size_t(m_rate) / 100);
        const std::size_t fadeOut = std::min<std::size_t>(frames / 5, std::size_t(2 * m_rate));
        for (std::size_t i = 0; i < fadeIn; ++i) {
            const float g = float(i) / float(fadeIn);
            for (int ch = 0; ch < m_channels; ++ch)
                out[i * std::size_t(m_channels) + std::size_t(ch)] *= g;
        }
        for (std::size_t i = 0; i < fadeOut; ++i) {
            const float x = float(i + 1) / float(fadeOut); // 0 → 1 towards the end
            const float g = (1.0f - x) * (1.0f - x);
            const std::size_t frame = frames - fadeOut + i;
            for (int ch = 0; ch < m_channels; ++ch)
                out[frame * std::size_t(m_channels) + std::size_t(ch)] *= g;
        }
    }

    TrackParams m_p;
    int m_rate;
    int m_channels;
    Prng m_rng;
    NoiseSource m_noise;
    Instruments m_inst;
    const StyleSpec &m_spec;
    DrumKit m_kit;
    float m_drumGain = 1.0f;
    float m_bassGain = 0.55f;
    double m_stepSeconds = 0.125;
    std::size_t m_frames = 0;
    int m_bars = 1;
    int m_intro = 0;
    bool m_electronic = false;
    std::array<int, 7> m_scale {};
    std::vector<int> m_lastVoicing;
    std::vector<float> m_left, m_right, m_send;
    static constexpr std::size_t kCacheLimitSamples = 16u << 20; // 64 MB of floats
    std::map<VoiceKey, std::vector<float>> m_cache;
    std::size_t m_cacheSamples = 0;
};

} // namespace

RenderedAudio Arranger::render(const TrackParams &params, int sampleRate, int channels)
{
    TrackRenderer renderer(params, std::clamp(sampleRate, 8000, 192000), std::clamp(channels, 1, 2));
    return renderer.render();
}

} // namespace bytewave::synth
