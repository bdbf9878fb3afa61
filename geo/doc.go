// Package geo is Xuequ's geometry toolbox on top of paulmach/orb:
// coordinate reference systems (lon/lat, Web Mercator, CGCS2000
// Gauss-Krüger zones, the GCJ-02 "Mars" offset), polygon validation and
// repair, area in square metres, centroids, point-in-polygon, zone adjacency
// and a static R-tree for "which zone contains this point" queries.
//
// Unless a name says otherwise, coordinates are longitude/latitude in
// degrees on WGS-84 (CGCS2000 is treated as identical: the two frames agree
// to a few centimetres, far below what school planning needs). Projected
// coordinates are metres, easting first.
//
// orb's own geo package is imported as orbgeo to avoid the name clash.
package geo
