// Package model holds Xuequ's domain types — schools, residential zones,
// enrollment history, births, new housing — and the planning rules applied to
// them: the class-size standards (standards.go), class-size classification,
// seat balance and the district summary (analysis.go).
//
// Coordinates in this package are always longitude/latitude in degrees
// (WGS-84 / CGCS2000, which agree to well under a metre); reprojection happens
// on import in package geo. Counts of pupils, classes and seats are integers;
// projected enrollment (package model/forecast) is float64 and is rounded only
// when it is shown or analysed.
//
// The package imports nothing but the standard library and orb, and never Fyne.
package model
