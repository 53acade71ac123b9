#include "core/taste/tasteprofile.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>

namespace bytewave {

void TasteProfile::reset(int dimension)
{
    m_dim = std::max(0, dimension);
    const size_t k = size_t(m_dim) + 1;
    m_gram.assign(k * k, 0.0);
    m_moment.assign(k, 0.0);
    m_weight = 0;
    m_beta.assign(k, 0.0);
    m_betaF.assign(size_t(m_dim), 0.0f);
    m_solved = false;
}

void TasteProfile::add(const float *z, double reward, double weight)
{
    if (m_dim == 0 || !(weight > 0))
        return;
    const size_t k = size_t(m_dim) + 1;
    // x = [1 z]; only the upper triangle is accumulated (the solver reads that).
    for (size_t a = 0; a < k; ++a) {
        const double xa = a == 0 ? 1.0 : double(z[a - 1]);
        const double wxa = weight * xa;
        m_moment[a] += wxa * reward;
        double *row = m_gram.data() + a * k;
        for (size_t b = a; b < k; ++b)
            row[b] += wxa * (b == 0 ? 1.0 : double(z[b - 1]));
    }
    m_weight += weight;
}

void TasteProfile::scale(double factor)
{
    for (double &x : m_gram)
        x *= factor;
    for (double &x : m_moment)
        x *= factor;
    m_weight *= factor;
}

bool TasteProfile::solve(double f, double ridge)
{
    m_solved = false;
    std::fill(m_beta.begin(), m_beta.end(), 0.0);
    std::fill(m_betaF.begin(), m_betaF.end(), 0.0f);
    if (m_dim == 0 || !(f * m_weight > 1e-9))
        return false;
    const int k = m_dim + 1;
    Eigen::MatrixXd a(k, k);
    Eigen::VectorXd b(k);
    for (int r = 0; r < k; ++r) {
        b(r) = f * m_moment[size_t(r)];
        for (int c = r; c < k; ++c)
            a(r, c) = a(c, r) = f * m_gram[size_t(r) * size_t(k) + size_t(c)];
    }
    // The intercept gets a token penalty so a single observation still has a unique solution.
    a(0, 0) += 1e-6;
    for (int r = 1; r < k; ++r)
        a(r, r) += std::max(1e-6, ridge);
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(a);
    if (ldlt.info() != Eigen::Success)
        return false;
    const Eigen::VectorXd beta = ldlt.solve(b);
    if (!beta.allFinite())
        return false;
    for (int r = 0; r < k; ++r)
        m_beta[size_t(r)] = beta(r);
    for (int d = 0; d < m_dim; ++d)
        m_betaF[size_t(d)] = float(beta(d + 1));
    m_solved = true;
    return true;
}

double TasteProfile::predict(const float *z) const
{
    if (!m_solved)
        return 0.5;
    double y = m_beta[0];
    for (int d = 0; d < m_dim; ++d)
        y += m_beta[size_t(d) + 1] * double(z[d]);
    return std::clamp(y, 0.0, 1.0);
}

double TasteProfile::lift(const float *z) const
{
    if (!m_solved)
        return 0.0;
    double y = 0;
    for (int d = 0; d < m_dim; ++d)
        y += m_beta[size_t(d) + 1] * double(z[d]);
    return y;
}

void TasteProfile::liftAll(const float *z, int count, const std::uint8_t *analysed,
                           std::vector<double> *out) const
{
    out->assign(size_t(count), 0.0);
    if (!m_solved || count == 0)
        return;
    using Matrix = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>>;
    const Matrix features(z, m_dim, count);
    const Eigen::Map<const Eigen::VectorXf> beta(m_betaF.data(), m_dim);
    const Eigen::VectorXf y = features.transpose() * beta;
    for (int i = 0; i < count; ++i) {
        if (analysed[i])
            (*out)[size_t(i)] = double(y(i));
    }
}

std::vector<double> TasteProfile::coefficients() const
{
    return std::vector<double>(m_beta.begin() + (m_beta.empty() ? 0 : 1), m_beta.end());
}

std::size_t TasteProfile::memoryBytes() const
{
    return (m_gram.capacity() + m_moment.capacity() + m_beta.capacity()) * sizeof(double)
           + m_betaF.capacity() * sizeof(float);
}

} // namespace bytewave
