#pragma once

// make-demo-library as a library: plans, renders, encodes and tags a labelled demo music
// library, and writes DIR/manifest.json (the contract in docs/demo-library.md). Used by
// `bytewave-cli make-demo-library`, by tests and benchmarks, and by the app's first-start offer.
//
// generate() blocks and uses a private thread pool (options.jobs threads, default: all cores);
// call it from a worker thread in a GUI. Progress is reported on the calling thread.

#include "analysis/synth/audioencoder.h"
#include "analysis/synth/libraryplanner.h"
#include "analysis/synth/trackparams.h"

#include <QJsonDocument>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace bytewave::synth {

struct DemoOptions
{
    static constexpr int kMaxTracks = 20000;
    static constexpr double kMinDuration = 2.0;
    static constexpr double kMaxDuration = 600.0;
    static constexpr std::uint64_t kMaxSeed = (std::uint64_t(1) << 53) - 1; // exact in JSON
    static constexpr qint64 kDefaultMaxBytes = qint64(4) << 30;              // 4 GiB

    QString directory;
    int tracks = 60;
    std::uint64_t seed = 1;
    double durationSeconds = 30.0;
    QList<AudioFormat> formats {AudioFormat::Mp3, AudioFormat::Ogg, AudioFormat::Flac};
    int sampleRate = 44100;
    int channels = 2;
    int jobs = 0;            // 0 = one per core
    bool replace = false;    // allow replacing a previous demo library in directory
    qint64 maxBytes = kDefaultMaxBytes; // refuse larger estimates unless force
    bool force = false;
};

struct DemoResult
{
    enum class Status {
        Ok,
        Partial,      // some tracks failed; the manifest lists those written
        Cancelled,    // stopped by the cancel flag; the manifest lists those written
        InvalidOptions,
        TooLarge,     // estimate above maxBytes (without force) or above the free space
        NotEmpty,     // the folder holds files that are not a previous demo library
        CannotCreate, // the folder or manifest cannot be written
    };
    Status status = Status::Ok;
    QString error;              // for the user; empty when Ok
    QStringList trackErrors;    // one line per failed track
    std::vector<DemoTrack> tracks; // the tracks written, in manifest order
    int artists = 0;
    int albums = 0;
    qint64 bytes = 0;           // audio files plus manifest
    double seconds = 0.0;       // wall-clock time
    QString manifestPath;

    bool ok() const { return status == Status::Ok; }
};

class DemoLibrary
{
public:
    // (tracks done, tracks total); called on the thread that called generate().
    using ProgressFn = std::function<void(int done, int total)>;

    // An error message for options out of bounds, or an empty string.
    static QString validate(const DemoOptions &options);
    // Upper-end estimate of the bytes generate() writes.
    static qint64 estimateBytes(const DemoOptions &options);
    static LibraryPlan plan(const DemoOptions &options);
    static QJsonDocument manifest(const DemoOptions &options, const std::vector<DemoTrack> &tracks,
                                  bool complete);

    static DemoResult generate(const DemoOptions &options, const ProgressFn &progress = {},
                               const std::atomic_bool *cancel = nullptr);

    // True when dir holds a manifest.json written by this generator.
    static bool isDemoLibrary(const QString &dir);
};

} // namespace bytewave::synth
