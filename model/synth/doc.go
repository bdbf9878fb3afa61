// Package synth generates synthetic but realistic county districts: a
// tiling of residential zones around a dense county seat, schools of every
// 学段 with 学区 catchments, several years of enrollment history with cohort
// flow and class counts, births by zone and two new housing estates.
//
// Everything is deterministic: the same Config gives the same district
// (math/rand/v2 PCG streams plus a hash for per-vertex noise; no map
// iteration feeds the output). The committed sample was made on amd64;
// architectures whose compiler fuses multiply-adds (arm64, ppc64, s390x)
// could differ in a last rounded digit. It is used for the embedded sample
// district (SampleConfig, written by assets/gen) and, at province scale
// (ProvinceConfig), for other packages' benchmarks.
//
// Geometry is built in a local plane in metres around Config.Center and
// converted to lon/lat degrees (WGS-84/CGCS2000) rounded to 6 decimals, so
// what Generate returns equals what the GeoJSON files hold. Zones tile the
// area without overlaps: neighbours are built from one shared lattice of
// jittered vertices and shared edge midpoints, so a shared edge has exactly
// the same vertices in both rings. A river (a meandering strip of cells that
// belongs to no zone), lakes (holes) and one zone on both banks (a
// MultiPolygon) are added when the district is large enough.
package synth
