#pragma once
// Unit conversions. Every figure in the engine carries its unit in its name
// (area_m2, area_mu, tax_wan_per_mu); these are the only places units change.
namespace parkcap::units {

/// 1 亩 = 1/15 hectare = 10000/15 m² ≈ 666.67 m² (docs/data.md).
inline constexpr double kSquareMetresPerMu = 10000.0 / 15.0;
inline constexpr double kSquareMetresPerHectare = 10000.0;

constexpr double m2_to_mu(double m2) { return m2 / kSquareMetresPerMu; }
constexpr double mu_to_m2(double mu) { return mu * kSquareMetresPerMu; }
constexpr double m2_to_ha(double m2) { return m2 / kSquareMetresPerHectare; }
constexpr double m_to_km(double m) { return m / 1000.0; }

}  // namespace parkcap::units
