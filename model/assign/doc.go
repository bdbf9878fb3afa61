// Package assign draws school catchments (学区/划片): it puts every
// residential zone into the catchment of one school of a stage, either the
// nearest school or the assignment of least total travel that respects the
// schools' seats (学位), and checks the result: zones left out, schools over
// capacity, catchments in several pieces, enclaves and zones beyond the
// service radius (服务半径).
//
// Units and CRS: geometry is lon/lat degrees (WGS-84/CGCS2000); distances
// are great-circle metres (haversine on the sphere of radius 6378137 m) from
// a zone's label point (geo.LabelPoint, a point inside the zone) to the
// school site; demand and capacity are pupils; costs are pupil-kilometres.
//
// The optimal method (Problem.Solve) solves the fractional problem exactly
// by a network simplex with pricing, so no candidate limit costs
// optimality; its cost is the lower bound reported with every result. It
// then rounds to whole zones and repairs and improves them by shifts, swaps
// and ejection chains, and by default makes every catchment connected
// through zone adjacency, rooted at the zone its school stands in.
//
// Road (network) distances are not available: Xuequ works offline and has
// no road network, so MethodNetwork returns ErrNoRoadNetwork rather than a
// guess that would look like a measurement.
package assign
