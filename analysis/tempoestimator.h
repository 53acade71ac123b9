#pragma once

#include <span>
#include <vector>

namespace bytewave {

// Global tempo (BPM) of a programme from its onset strength envelope, streamed.
//
// Method: the tempo period strength of Ellis (2007), "Beat tracking by dynamic programming",
// J. New Music Research 36(1), section 3.1, computed on band-split envelopes as in Klapuri,
// Eronen & Astola (2006), "Analysis of the meter of acoustic musical signals", IEEE TASLP 14(1):
// 1. Onset envelopes (OnsetDetector: the flux of band loudness, which keeps metrical accents):
//    the full band, and three band groups, low (kick, bass), mid (snare body, chords, voices)
//    and high (hi-hats, cymbals). Each is high-pass filtered to remove its slowly varying level
//    (Ellis's [1 -1]/[1 -0.99] filter at 250 frames/s, a 0.4 s time constant, converted to our
//    frame rate).
// 2. Their autocorrelations R(l), l = 0..kMaxLag frames, accumulated over the whole programme
//    in constant memory (one multiply-add per lag per frame and envelope).
// 3. The summary autocorrelation S(l): the mean over the band groups of R_g(l) / R_g(0), so each
//    layer of the arrangement has one vote. On the full band the hi-hats, which cover most of
//    the mel bands above 1 kHz, outvote the kick and snare and pull the estimate to their
//    subdivision (Klapuri et al. likewise sum periodicity over bands, not one broadband flux).
// 4. Score(l) = W(l) (S(l) + S(2l)) / 2 at the peaks of S: Ellis's duple "TPS2", with the
//    double period's evidence counted at the period's own prior weight (a beat period recurs
//    at its double too, which a chance peak does not). W is the perceptual prior, a Gaussian in
//    log2 tempo centred on kPriorBpm = 120 BPM (the "preferred tempo" of van Noorden &
//    Moelants 1999 that Ellis also uses) with kPriorOctaves standard deviation. The best score
//    within [minBpm, maxBpm] is the beat.
// 4a. Three against four: a figure that recurs every three subdivisions (funk's and Latin
//    music's 3+3+2 bass and chord stabs, the tresillo) can make the comb's winner a third too
//    fast, a reading in a 4:3 ratio to the beat, which no octave test catches. The metre
//    decides: a bar repeats almost exactly, so a true beat recurs strongly four beats later
//    (three in 3/4 time), where the 4:3 reading's fourth beat falls three true beats later and
//    its third two and a quarter. The winner and the best readings at 4/3 and 3/4 of its period
//    are scored again with a third tooth, the larger of S(3l) and S(4l), and a rival takes the
//    beat when it scores at least kBarRivalMargin times the winner. (Klapuri et al. 2006
//    likewise estimate the tactus jointly with the measure.) A reading a quarter too slow is
//    not caught: three of its beats span the true bar, as in 3/4 time. Five against four is
//    decided the same way, with rivals at 5/4 and 4/5 of the period: a bass line whose notes
//    fall five sixteenths apart (one-drop reggae's 2 7 12) can make the winner a fifth too
//    slow, and only the true beat's bar recurs. Octaves are left to 4b-4e: the bar recurs at a
//    half or double reading too.
// 4b. A plain pulse train (every envelope as periodic at the odd multiples of half the chosen
//    period as at the even ones, with nothing between those pulses, and repeating almost
//    exactly: each envelope's autocorrelation at the pulse at least kPlainRegularity of its
//    energy) is beaten at its own rate: nothing groups its pulses in pairs, so the prior has
//    nothing to choose between (a metronome at 180 BPM is heard at 180). Music whose layers all
//    run in even eighths (rock with guitars, bass and hats in eighths) is not one: its notes
//    change in loudness and pitch, which keeps its weakest envelope's autocorrelation at the
//    eighth at 0.35-0.6 where a click track's is 0.8-0.97 in every band; it keeps the prior's
//    pair of eighths. The multiples are taken of the refined period (5), not of the
//    whole-frame lag, whose error grows with each multiple and would make the odd multiples
//    look stronger than the even; and each multiple's strength is the area of the
//    autocorrelation within kPeakSpan frames of it, not its interpolated maximum, which reads a
//    click's narrow peak split evenly between two lags at about 0.75 of its height (a metronome
//    whose period is 21.5 frames, 120.2 BPM, would otherwise look weaker at its odd multiples).
// 4c. The prior's centre follows the perceived speed of the programme (finish(onsetsPerSecond)):
//    listeners tap dense, busy music at the faster metrical level and sparse music at the slower
//    one (Levy 2011, "Improving perceptual tempo estimation with crowd-sourced annotations",
//    ISMIR; Hockman & Fujinaga 2010, "Fast vs slow: learning tempo octaves from user data";
//    Peeters & Flocon-Cholet 2012 regress the perceptual tempo on such speed features; Chen et
//    al. 2009 likewise move the prior by higher-level descriptors). The cue is the onset
//    density d (onsets per second), read as a tempo with the beat divided in two (kOnsetsPerBeat
//    = 2: the duple subdivision, eighth notes under a quarter-note beat, is the norm in the
//    popular and dance repertoire), 60 d / 2 BPM, clamped to the search range. It and the
//    population prior (120 BPM) are two equally reliable cues of the same log tempo, so their
//    product is a Gaussian centred on their geometric mean (in log tempo); its width is kept
//    at kPriorOctaves so that the cue moves the centre but never decides alone
//    (d alone cannot tell eighths from sixteenths). Without a density (0) the centre is 120 BPM.
// 4d. The bar, from the harmonic rhythm (finish(..., harmonicPeriodS)): chords change on bar
//    lines, so the period of the chord changes (HarmonicRhythm) is a whole number of bars, and
//    in the popular repertoire a bar of 4/4 holds four beats (Goto & Muraoka 1999, "Real-time
//    beat tracking for drumless audio signals: chord change detection for musical decisions",
//    decide the half-note and measure levels by chord changes; Klapuri et al. 2006 model the
//    measure jointly with the beat; Papadopoulos & Peeters 2011 couple chords and downbeats).
//    Of the three octave readings (the chosen beat, its half and its double), each score is
//    weighted by barWeight(beats per harmonic period): 1 from 4 to 16 beats (one to four bars),
//    falling outside as a Gaussian in log2 with the tempo prior's width. A harmonic period of
//    2 beats says the reading is probably half the tempo (punk at 190 whose chords change every
//    bar reads 95 when the kick and snare leave the octave open), one of 32 that it is double.
//    The weight only speaks when the harmonic period is a whole number (within kWholeBeats) of
//    the slowest reading's beats: a period that is not (a melodic figure of a beat and a half)
//    is no bar. Drum and bass, whose chords last two bars, is not helped: at 85 its harmonic
//    period is 4 beats too.
// 4e. The backbeat (finish() with noise onsets given to process()): in the popular repertoire
//    the snare drum (or a clap) marks beats 2 and 4 between the kicks on 1 and 3 (the backbeat,
//    the defining accent of rock, pop, funk, hip-hop and drum and bass; Hockman, Davies &
//    Fujinaga 2012, "One in the jungle", find drum and bass's downbeats from its kick and snare;
//    Gaertner 2013 models the drum pattern of urban music for its tempo). A reading
//    that puts the snare half-way between every pair of kicks is half the tempo: the listener's
//    beat falls on the snare. The evidence is the correlation of the kick (the onsets below
//    150 Hz) with the noise onsets half a beat later (NoiseOnset: the snare's wires, 1-5 kHz):
//    offBeatExcess(P) = the mean correlation at +-P/2 minus the larger of that at 0 (the noise
//    with the kick) and at +-P (a beat later, a backbeat at this reading). When it reaches
//    kBackbeatExcess the tempo is doubled, if the double is at most kBackbeatMaxBpm, drum and
//    bass's range (160-180): a slower reading of 80-90 with a snare on every off-beat is its
//    half. Above it, a noise between the kicks is heard as what it is at the kicks' own rate:
//    house's open hi-hat at 120-130 (whose upper partials reach into the band), reggaeton's
//    dembow snare between four-on-the-floor kicks at 90-100. A hi-hat in every eighth, or a
//    snare on the beats, correlates as much on the beat as off it; only a noise that sits
//    between the kicks, and nowhere else, makes the excess.
// 4f. The walking low end: a walking bass, or a kick feathered on every beat, marks every beat
//    alike, so a reading of half the tempo has its low end pulsing as strongly between its beats
//    as on them, which the comb and the prior alone do not mind (fast swing at 176 reads 88: the
//    ride and the bass recur at both octaves, and the prior sits between them). The reading is
//    doubled when the low group's autocorrelation is as strong at the odd multiples of half the
//    period as at the even ones (kPlainPulseRatio, as in 4b), recurs at half the period with at
//    least kWalkingRegularity of its energy, and the snare band (NoiseOnset) marks no alternate
//    beats: its onsets recur one beat later at least kNoBackbeatRatio as strongly as two beats
//    later (odd against even multiples of the period; a band that does not recur two beats
//    later at all marks none), and the double is at most
//    kWalkingMaxBpm. Rock and pop whose bass, guitars and hi-hats run in even eighths pulse as
//    evenly at the double, but their snare on 2 and 4 is a backbeat at the reading (its ratio
//    0.67-0.94 on the demo sets, fast swing's 1.01-1.03, where the hi-hat's chick on 2 and 4 of
//    the double falls on every beat of the reading): the backbeat keeps them (Goto 2001, "An
//    audio-based real-time beat tracking system for music with or without drum-sounds", JNMR
//    30(2), likewise reads the beat level from the snare on 2 and 4).
// 5. ByteWave addition, for precision at a coarse frame rate (43 frames/s = 23 ms): the period
//    is refined to a fraction of a frame by a least-squares fit through the parabolically
//    interpolated full-band autocorrelation peaks at its multiples (k l, k = 1, 2, ...).
//
// 6. A chance-level test: the summary at the chosen period must exceed kPulseSignificance
//    standard errors of a lag's autocorrelation in envelopes without any periodicity (Bartlett's
//    formula with each envelope's own short-lag correlation, which the overlapping analysis
//    frames give it), else there is no tempo. Noise always has a "best" period, and over a few
//    seconds its clarity can reach 0.1-0.2; measured, white, pink and brown noise of 6-60 s
//    stay below 1.9 standard errors, 600 generated songs and 60 click tracks above 4.3.
//
// Known limits: the backbeat (4e) does not double punk above 180 BPM read at half, nor a piece
// whose kick falls on every beat of the doubled reading (its snare sits on a kick too; 4f does
// when its low end pulses evenly and nothing marks a backbeat); rock or pop at 85-100 BPM in
// even eighths whose snare is too weak to show in its band would be doubled by 4f; and a
// dembow or a noisy off-beat chop below 90 BPM (slow reggaeton, rocksteady's skank) would be
// doubled, which its structure cannot tell from drum and bass at half.
// A half-time groove (snare on 3 only: reggae's one drop, dubstep, trap) is not doubled: its
// snare falls a whole beat after the kick. Measurements in docs/benchmarks.md.
//
// Outputs: tempo in BPM (0 when there is no periodicity: silence, a steady tone, noise (6), or
// a programme shorter than twice the slowest period), pulse clarity (0..1: R at the beat period over R(0),
// "MaxAutocor" of Lartillot et al. 2008, how clearly periodic the onsets are), and a
// confidence (0..1): sqrt(pulse clarity x decisiveness), where decisiveness = 1 - S2/S1 for the
// winning score S1 and the best competing period S2 more than 4 % away (octaves included,
// except the multiples of a plain pulse train, which group its pulses in neither pairs nor
// triples; both scores times the bar prior when it applies, 4d; when 4e or 4f doubled a
// reading, the winner's score is that reading's, which is no competitor), so it is low both
// for music without a clear pulse and for an even octave ambiguity.
class TempoEstimator
{
public:
    static constexpr int kMaxLag = 256;          // frames (6 s at 43 frames/s)
    static constexpr double kPriorBpm = 120.0;
    static constexpr double kPriorOctaves = 1.0;
    // The onset-density speed cue (see 4c): onsets per beat, a duple subdivision.
    static constexpr double kOnsetsPerBeat = 2.0;
    // "As strong" for the plain-pulse-train test (see finish()).
    static constexpr double kPlainPulseRatio = 0.95;
    // ... averaged over the multiples 1..kPlainMultiples of the half period (odd against even).
    static constexpr int kPlainMultiples = 12;
    // ... each taken as the area of the autocorrelation within this many frames of it.
    static constexpr double kPeakSpan = 1.5;
    // ... and repeating almost exactly: every envelope's autocorrelation at the pulse period is
    // at least this share of its energy (see finish()).
    static constexpr double kPlainRegularity = 0.75;
    // The chance-level test (6): standard errors a pulse must stand above, and the short lags
    // (frames) whose correlation is the envelope's own smoothing (the analysis frames overlap by
    // 3/4, so 3 frames, and one more for the window's tails).
    static constexpr double kPulseSignificance = 3.0;
    static constexpr int kShortLags = 4;
    // Below this RMS of the filtered onset envelope (relative loudness change per frame, see
    // OnsetDetector) the sound is steady: there is no pulse at all.
    static constexpr double kMinOnsetRms = 1e-3;
    // The bar prior (4d): harmonic periods of 4 to 16 beats (log2: 2 to 4), one to four bars of
    // 4/4, are the norm; outside, the weight falls as the tempo prior does (kPriorOctaves).
    static constexpr double kBarOctaves[2] = {2.0, 4.0};
    // ... applied only when the harmonic period is within this fraction of a whole number of
    // the slowest reading's beats.
    static constexpr double kWholeBeats = 0.06;
    // Three (or five) against four (4a): how much more strongly a rival reading's three-tooth
    // comb must score than the winner's to take the beat (measured: readings that were right
    // score at most 1.0 times their rival, 4:3 errors 1.28-1.45, 5:4 errors 1.37;
    // docs/benchmarks.md).
    static constexpr double kBarRivalMargin = 1.1;
    // The backbeat (4e): the least off-beat excess of correlation that doubles a reading, and the
    // fastest tempo it doubles to.
    static constexpr double kBackbeatExcess = 0.2;
    static constexpr double kBackbeatMaxBpm = 180.0;
    // The walking low end (4f): the low group's autocorrelation at half the period, as a share
    // of its energy, at least; the snare band's recurrence one beat later over two beats later
    // (odd over even multiples of the period) at least, where a backbeat keeps it below; the
    // fastest tempo it doubles to.
    static constexpr double kWalkingRegularity = 0.4;
    static constexpr double kNoBackbeatRatio = 0.98;
    static constexpr double kWalkingMaxBpm = 200.0;

    struct Result
    {
        double bpm = 0;
        double confidence = 0;
        double pulseClarity = 0;
    };

    // frameRate: onset frames per second, 10..1000; minBpm/maxBpm: the range the beat is
    // searched in, 20 <= minBpm < maxBpm <= 400, with 3 x the slowest period within kMaxLag.
    // Throws std::invalid_argument otherwise.
    TempoEstimator(double frameRate, double minBpm, double maxBpm);

    static constexpr int kGroups = 3;
    static constexpr int kNoiseChannel = kGroups + 1;

    void reset();
    // onsetStrength: the frame's onset strength; groupStrengths: the same per band group (low,
    // mid, high; see OnsetDetector), or empty. The backbeat's evidence (4e; zeros throughout:
    // none): kick, the onset strength of the kick drum's bands (OnsetDetector::kickStrength()),
    // and noise, the snare band's (NoiseOnset).
    struct Backbeat
    {
        float kick;
        float noise;
    };
    void process(float onsetStrength, std::span<const float> groupStrengths = {}, Backbeat backbeat = {0, 0});
    // onsetsPerSecond: the programme's onset density, the prior's speed cue (4c); 0: unknown,
    // the prior stays at kPriorBpm. harmonicPeriodS: the period of its chord changes in seconds
    // (HarmonicRhythm), the bar's evidence (4d); 0: unknown.
    Result finish(double onsetsPerSecond = 0, double harmonicPeriodS = 0) const;
    // The bar prior (4d): the weight of a reading whose beat fits this many times into the
    // harmonic period.
    static double barWeight(double beatsPerHarmonicPeriod);
    // The prior's centre in BPM for an onset density (4c).
    double priorCentreBpm(double onsetsPerSecond) const;
    // The backbeat's evidence (4e) for a beat of periodFrames (a quarter of a frame to 1 x
    // kMaxLag / 3): how much more the noise onsets follow the kicks half a beat later than with
    // them or a beat later, as a difference of correlation coefficients (0 without both signals).
    double offBeatExcess(double periodFrames) const;

private:
    // One high-pass filtered envelope and its running autocorrelation.
    struct Channel
    {
        double previousInput = 0;
        double previousOutput = 0;
        std::vector<float> history; // the last kMaxLag+1 filtered values, written twice
        std::vector<double> acf;    // the autocorrelation up to the last whole block
        std::vector<float> block;   // the products of the frames since, folded into acf every
                                    // kBlockFrames: float sums of a few dozen products lose
                                    // nothing the double total keeps, and take half the lanes
    };
    static constexpr int kBlockFrames = 64;
    void accumulate(Channel &c, double x);
    // Adds the block not yet folded in to total (the channel's acf or a copy of it).
    static void addBlock(const Channel &c, std::vector<double> &total);
    // acf plus the block not yet folded in.
    static std::vector<double> autocorrelationOf(const Channel &c);
    // Readings of an autocorrelation r (lags 0..kMaxLag) at a period that need not be a whole
    // number of frames: the area of r within kPeakSpan frames of centre; the mean of that area
    // at the odd and at the even multiples of unit; the interpolated peak within a frame of centre.
    struct Multiples
    {
        double odd;
        double even;
    };
    static double areaNear(const std::vector<double> &r, double centre);
    static Multiples meanAreas(const std::vector<double> &r, double unit);
    static double interpolatedPeak(const std::vector<double> &r, double centre);
    // The walking low end's evidence (4f) for a beat of periodFrames, from the low group's and
    // the snare band's autocorrelations: the low group pulses evenly at half of it, regularly,
    // and the snare band marks no alternate beats.
    bool lowEndWalks(const std::vector<double> &low, const std::vector<double> &noise, double periodFrames) const;
    void accumulateBackbeat(double kick, double noise);
    // The covariance of the kick at t with the noise at t + lag (|lag| <= m_backbeatLags).
    double kickNoiseCovariance(int lag) const;

    double m_frameRate;
    double m_minBpm;
    double m_maxBpm;
    double m_highPassPole;
    int m_head = 0;
    long long m_frames = 0;
    // 0: full band; 1..kGroups: band groups; kNoiseChannel: the snare band's noise onsets (4f)
    std::vector<Channel> m_channels;

    // The backbeat's kick-noise cross-correlation (4e), lags -m_backbeatLags..m_backbeatLags.
    int m_backbeatLags = 0;
    std::vector<float> m_kickHistory;  // the last m_backbeatLags + 1 values, written twice
    std::vector<float> m_noiseHistory; // likewise
    std::vector<double> m_kickNoise;   // sum of kick[t] noise[t + lag], index lag + m_backbeatLags
    double m_kickSum = 0, m_kickSquares = 0, m_noiseSum = 0, m_noiseSquares = 0;
    int m_backbeatHead = 0;
};

} // namespace bytewave
