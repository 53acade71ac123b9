#include "analysis/trackanalyzer.h"

#include "core/logging.h"

namespace bytewave {

TrackAnalyzer::Result TrackAnalyzer::analyze(const QString &path, const std::atomic<bool> *interrupt)
{
    Result result;
    if (!m_decoder.open(path)) {
        result.error = m_decoder.errorString();
        return result;
    }
    result.source = m_decoder.sourceInfo();
    m_extractor.reset(m_decoder.channels());
    for (;;) {
        if (interrupt && interrupt->load(std::memory_order_relaxed)) {
            m_decoder.close();
            result.status = Result::Status::Interrupted;
            return result;
        }
        const std::span<const float> block = m_decoder.next();
        if (block.empty())
            break;
        m_extractor.process(block);
    }
    result.corruptFrames = m_decoder.corruptFrames();
    result.seconds = m_extractor.seconds();
    const QString decodeError = m_decoder.errorString();
    m_decoder.close();
    if (!decodeError.isEmpty()) {
        result.error = decodeError;
        return result;
    }
    if (result.corruptFrames > 0)
        qCInfo(lcAnalysis) << path << ": skipped" << result.corruptFrames << "damaged frames";

    FeatureExtractor::Result features = m_extractor.finish();
    if (!features.ok()) {
        result.error = features.error;
        return result;
    }
    result.features = features.features;
    result.status = Result::Status::Ok;
    return result;
}

} // namespace bytewave
