#pragma once

#include <cstdint>
#include <vector>

namespace bytewave {

// A linear taste profile over the normalised audio features: weighted ridge regression of the
// signals' rewards on the robust z-scores (FeatureIndex::normalised),
//
//   minimise  sum_s w_s (r_s - b0 - b . z_s)^2 + ridge |b|^2      (b0 not penalised)
//   =>        (X^T W X + ridge I') beta = X^T W r,   X = [1 z],   beta = [b0 b]
//
// r in [0, 1] (rewardmodel.h), w the decayed weight that generalises beyond the track (the
// share a signal spreads to neighbours). It answers "which directions of the sound does this
// listener reward", which KNN cannot: KNN weighs all dimensions (and the metadata) alike, so a
// taste that lives in two of 32 dimensions (bright and energetic, across styles) is diluted in
// every neighbour list. Each dimension's coefficient is learned from the owner's own signals and
// shrunk toward 0 (no preference) when the evidence is thin or contradictory.
//
// Decay: like the engine's other accumulators, X^T W X and X^T W r are stored scaled to the
// engine's reference time; solve() takes the decay factor f, so the ridge (in decayed
// observations) weighs more as evidence ages and the profile fades toward no preference.
//
// Cost: add() O(d^2); solve() one LDLT of (d+1)^2 (about 10 us at d = 32); liftAll() one
// matrix-vector product over the library.
class TasteProfile
{
public:
    void reset(int dimension);
    int dimension() const { return m_dim; }
    // One observation: z the track's normalised features (dimension() floats), weight >= 0.
    void add(const float *z, double reward, double weight);
    void scale(double factor); // rescaling and forgetting, as for every accumulator
    double weight() const { return m_weight; }

    // Solves at decay factor f. Returns false (and predicts neutral) without evidence.
    bool solve(double f, double ridge);
    bool solved() const { return m_solved; }
    // The fitted reward for features z, clamped to [0, 1]; 0.5 when not solved.
    double predict(const float *z) const;
    // What the sound adds to the listener's average: b . z without the intercept (0 when not
    // solved). The z-scores are centred on the library's median, so a typical-sounding track
    // gets about 0, whatever share of tracks this listener likes.
    double lift(const float *z) const;
    // lift() for `count` tracks stored column by column (FeatureIndex layout); tracks with
    // analysed[i] == 0 get 0.
    void liftAll(const float *z, int count, const std::uint8_t *analysed, std::vector<double> *out) const;
    // The intercept b0: the listener's average reward at the library's median sound.
    double intercept() const { return m_beta.empty() ? 0.0 : m_beta[0]; }
    // The coefficients b (without the intercept), for diagnostics.
    std::vector<double> coefficients() const;

    // The accumulators, for the engine's state checksum.
    const std::vector<double> &gram() const { return m_gram; }
    const std::vector<double> &moment() const { return m_moment; }
    std::size_t memoryBytes() const;

private:
    int m_dim = 0;
    std::vector<double> m_gram;   // (d+1) x (d+1), X^T W X, scaled to the reference time
    std::vector<double> m_moment; // d+1, X^T W r
    double m_weight = 0;          // sum of weights
    std::vector<double> m_beta;   // d+1, the last solution
    std::vector<float> m_betaF;   // b as floats for liftAll
    bool m_solved = false;
};

} // namespace bytewave
