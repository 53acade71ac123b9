// Speed and memory of the taste engine (Google Benchmark). Run a Release build on an idle
// machine, one core:
//   bench-taste --benchmark_counters_tabular=true
// Results go to docs/benchmarks.md ("Taste engine").
//
// Library: SYNTHETIC (synthlibrary.h), 1k / 10k / 100k tracks with 32- or 64-dimensional
// similarity vectors. History: 5,000 signals over six months, about 500 tracks liked or
// disliked (on 10k and 100k; the 1k library has fewer tracks than that history assumes, so it
// gets the same 5,000 signals over its first 500 tracks).

#include "synthlibrary.h"

#include "core/taste/tasteengine.h"

#include <benchmark/benchmark.h>

#include <malloc.h>

#include <map>
#include <memory>
#include <random>

using namespace bytewave;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kT0 = 1798761600000; // 2027-01-01

struct Fixture
{
    std::unique_ptr<TasteEngine> engine;
    QList<SignalRecord> history;
    std::vector<qint64> fresh; // tracks no signal has touched yet
    qint64 now = 0;
    qint64 nextId = 0;
    double engineMB = 0;   // TasteEngine::memoryBytes()
    double heapMB = 0;     // what building it kept on the heap (mallinfo2)
};

QList<SignalRecord> makeHistory(int trackCount, std::uint64_t seed, qint64 *endMs)
{
    std::mt19937_64 rng(seed);
    const int pool = std::min(trackCount / 2, 2500); // tracks the history touches
    std::uniform_int_distribution<int> pick(1, pool);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    QList<SignalRecord> log;
    qint64 t = kT0;
    qint64 id = 1;
    const auto add = [&](SignalKind kind, qint64 track, double position) {
        log.append({id++, track, kind, position, 200, t, 0});
    };
    // About 500 tracks liked or disliked.
    for (int k = 0; k < 500; ++k) {
        t += qint64(u(rng) * 8 * 3600 * 1000);
        add(k % 3 == 0 ? SignalKind::Dislike : SignalKind::Like, pick(rng), 60);
    }
    // The rest: plays, each a start and an outcome, over six months.
    while (log.size() < 5000) {
        t += qint64(u(rng) * 0.8 * 3600 * 1000);
        const qint64 track = pick(rng);
        add(SignalKind::Start, track, 0);
        const double r = u(rng);
        if (r < 0.55)
            add(SignalKind::Complete, track, 200);
        else if (r < 0.85)
            add(SignalKind::Skip, track, 3 + 20 * u(rng));
        else
            add(SignalKind::Skip, track, 120 + 60 * u(rng));
    }
    *endMs = t;
    return log;
}

Fixture &fixture(int tracks, int dim)
{
    static std::map<std::pair<int, int>, Fixture> cache;
    auto it = cache.find({tracks, dim});
    if (it != cache.end())
        return it->second;
    Fixture f;
    const synth::GeneratedLibrary generated = synth::generateLibrary(tracks, dim, 42);
    TasteLibrary library = synth::toTasteLibrary(generated);
    f.history = makeHistory(tracks, 7, &f.now);
    f.now += kDayMs;
    f.nextId = f.history.size() + 1;
    for (int i = std::min(tracks / 2, 2500) + 1; i <= tracks; ++i)
        f.fresh.push_back(i);

    f.engine = std::make_unique<TasteEngine>();
    f.engine->setLibrary(std::move(library));
    f.engine->applyAll(f.history);
    f.engine->rank(f.now, 50);
    f.engineMB = double(f.engine->memoryBytes()) / (1024.0 * 1024.0);
    // What the engine holds on the heap: measured by what its destruction gives back (a
    // second, identical engine, so the one the benchmarks use stays).
    {
        auto twin = std::make_unique<TasteEngine>();
        twin->setLibrary(synth::toTasteLibrary(generated));
        twin->applyAll(f.history);
        twin->rank(f.now, 50);
        malloc_trim(0);
        const size_t with = mallinfo2().uordblks;
        twin.reset();
        const size_t without = mallinfo2().uordblks;
        f.heapMB = double(with - without) / (1024.0 * 1024.0);
    }
    return cache.emplace(std::make_pair(tracks, dim), std::move(f)).first->second;
}

void counters(benchmark::State &state, const Fixture &f)
{
    state.counters["tracks"] = double(state.range(0));
    state.counters["dim"] = double(state.range(1));
    state.counters["engine_MB"] = f.engineMB;
    state.counters["heap_MB"] = f.heapMB;
}

// A full pass: decay (one factor), KNN propagation from every track that spread evidence,
// discounted UCB1 for every track, then the top 50 with the queue's rules and reasons.
void BM_FullPass(benchmark::State &state)
{
    Fixture &f = fixture(int(state.range(0)), int(state.range(1)));
    qint64 now = f.now;
    for (auto _ : state) {
        benchmark::DoNotOptimize(f.engine->rank(now, 50));
        now += 1000; // a later "now" each time: nothing may be cached by time
    }
    counters(state, f);
}

// What one tap costs: the signal (on a track no signal touched before, so its K nearest
// neighbours are searched), then the full re-rank.
void BM_RerankAfterSignal(benchmark::State &state)
{
    Fixture &f = fixture(int(state.range(0)), int(state.range(1)));
    size_t next = 0;
    for (auto _ : state) {
        const qint64 track = f.fresh[next++ % f.fresh.size()];
        f.now += 60000;
        f.engine->apply({f.nextId++, track, SignalKind::Like, 30, 200, f.now, 0});
        benchmark::DoNotOptimize(f.engine->rank(f.now, 50));
    }
    counters(state, f);
}

// The same for a track that already spread evidence (its neighbours are cached).
void BM_RerankAfterSignalKnownTrack(benchmark::State &state)
{
    Fixture &f = fixture(int(state.range(0)), int(state.range(1)));
    qint64 track = 1;
    for (auto _ : state) {
        f.now += 60000;
        f.engine->apply({f.nextId++, track, SignalKind::Complete, 200, 200, f.now, 0});
        track = track % 200 + 1;
        benchmark::DoNotOptimize(f.engine->rank(f.now, 50));
    }
    counters(state, f);
}

// One brute-force K-nearest-neighbour query over the whole library.
void BM_KnnQuery(benchmark::State &state)
{
    Fixture &f = fixture(int(state.range(0)), int(state.range(1)));
    const FeatureIndex &index = f.engine->features();
    int i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(index.nearest(i, 20, 0.2f));
        i = (i + 7919) % index.size();
    }
    counters(state, f);
}

// rebuild-taste and every start of the app: the library loaded into a new engine and the
// whole log (5,000 signals) replayed, every neighbour search included.
void BM_LoadAndReplay(benchmark::State &state)
{
    Fixture &f = fixture(int(state.range(0)), int(state.range(1)));
    const synth::GeneratedLibrary generated = synth::generateLibrary(int(state.range(0)), int(state.range(1)), 42);
    for (auto _ : state) {
        state.PauseTiming();
        TasteLibrary library = synth::toTasteLibrary(generated);
        TasteEngine engine;
        state.ResumeTiming();
        engine.setLibrary(std::move(library));
        engine.applyAll(f.history);
        benchmark::DoNotOptimize(engine.rank(f.now, 50));
    }
    counters(state, f);
}

void sizes(benchmark::internal::Benchmark *b)
{
    for (const int n : {1000, 10000, 100000}) {
        for (const int d : {32, 64})
            b->Args({n, d});
    }
    b->ArgNames({"tracks", "dim"})->Unit(benchmark::kMillisecond);
}

} // namespace

BENCHMARK(BM_FullPass)->Apply(sizes);
BENCHMARK(BM_RerankAfterSignal)->Apply(sizes);
BENCHMARK(BM_RerankAfterSignalKnownTrack)->Apply(sizes);
BENCHMARK(BM_KnnQuery)->Apply(sizes)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LoadAndReplay)->Apply(sizes)->Iterations(3);

BENCHMARK_MAIN();
