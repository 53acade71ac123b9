#pragma once

#include <span>
#include <vector>

namespace bytewave {

// Onset strength of broadband noise in the snare drum's band, for the tempo's backbeat evidence
// (TempoEstimator, 4e).
//
// Method: the half-wave rectified rise of each FFT bin's magnitude between kLowHz and kHighHz
// since the previous frame, averaged over the bins. Summing magnitudes bin by bin, rather than a
// band's power as the mel bands do, weighs how many bins rise as well as how much: a noise
// burst spread over N bins sums to sqrt(N) times a tone of the same power, so the wires of a
// snare or a clap, which raise every bin of the band, stand out against a chord, a voice or a
// bass line, which raise only their harmonics. Magnitudes are not compressed further: a
// stronger compression (a root of each bin) would let a soft hi-hat's tail in the band count
// nearly as much as the snare itself. The band is where a snare's wires and a clap carry their
// noise (about 1-5 kHz, the "crack"), below most of a hi-hat's or a shaker's energy and above a
// kick's and a bass's fundamentals (drum transcription separates kick, snare and hi-hat by such
// bands, e.g. Gillet & Richard 2008, "Transcription and separation of drum signals from
// polyphonic music").
// Units: the mean rise per bin, in magnitude relative to a full-scale sine's peak bin (1).
class NoiseOnset
{
public:
    static constexpr double kLowHz = 1000.0;
    static constexpr double kHighHz = 5000.0;

    // binHz: the spacing of the spectrum's bins (sample rate / frame size), > 0; bins: how many
    // the spectrum has. Throws std::invalid_argument when the band does not fit.
    NoiseOnset(double binHz, int bins);

    void reset();
    // magnitude: one frame's magnitude spectrum (bins values). Returns its onset strength.
    float process(std::span<const float> magnitude);

private:
    int m_first;
    int m_end;
    std::vector<float> m_previous; // the band's magnitudes, last frame
    std::vector<float> m_rise;     // scratch: this frame's rise per bin
    bool m_started = false;        // a frame has been seen since reset()
};

} // namespace bytewave
