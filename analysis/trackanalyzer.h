#pragma once

#include "analysis/audiodecoder.h"
#include "analysis/featureextractor.h"
#include "analysis/featurevector.h"

#include <QString>

#include <atomic>

namespace bytewave {

// Analyses one audio file: decodes it block by block and feeds the blocks to a
// FeatureExtractor, so memory stays bounded for any length. One per worker thread (it owns an
// FFTW plan); reuse it for every track.
class TrackAnalyzer
{
public:
    // The version of everything that shapes the stored results (decoder settings, extractors,
    // FeatureVector layout, similarity definition). Bump it when any of them changes: the queue
    // then re-analyses exactly the tracks analysed by an older version.
    // 2: band-split tempo estimate; 3: density-led tempo prior; 4: only an exactly repeating
    // pulse is a plain pulse train (rock in even eighths is no longer doubled); 5: no tempo below
    // the chance level (noise no longer gets one); 6: the harmonic rhythm weighs the tempo's
    // octave readings (the bar); 7: the key from two profiles, Krumhansl-Kessler's and Albrecht &
    // Shanahan's, and metronomes whose period falls between two frames read at their own rate;
    // 8: the backbeat doubles a reading whose snare falls half-way between its kicks; 9: the
    // bar decides between readings three and four apart; 10: and five and four apart, and the
    // harmonic rhythm's significance test normalises its autocorrelation; 11: silent frames
    // leave the RMS level and zero-crossing statistics, the crest factor's RMS is over all
    // channels; 12: a walking low end without a backbeat doubles the reading (fast swing).
    static constexpr int kExtractorVersion = 12;

    struct Result
    {
        enum class Status { Ok, Failed, Interrupted };
        Status status = Status::Failed;
        QString error;             // why, when Failed
        FeatureVector features;    // valid when Ok
        qint64 corruptFrames = 0;  // damaged packets/frames skipped while decoding
        double seconds = 0;        // decoded audio
        AudioDecoder::SourceInfo source;
        bool ok() const { return status == Status::Ok; }
    };

    TrackAnalyzer() = default;

    // interrupt: polled between blocks; when it becomes true the analysis stops promptly and
    // returns Interrupted (pause or shutdown), recording nothing.
    Result analyze(const QString &path, const std::atomic<bool> *interrupt = nullptr);

private:
    AudioDecoder m_decoder;
    FeatureExtractor m_extractor;
};

} // namespace bytewave
