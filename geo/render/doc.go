// Package render draws the catchment map — zone fills, outlines, catchment
// boundaries, selection, school symbols, Chinese labels, legend, scale bar
// and north arrow — into an *image.RGBA with golang.org/x/image/vector.
//
// It is Fyne-free: the map widget draws with it; the printed maps of
// app/report (vector PDF/SVG/PNG) use its fitting, projection, label
// points and the catchment colour rule (CatchmentColors), so screen and
// paper colour each school alike. The map is in Web Mercator (EPSG:3857);
// input geometry is lon/lat in degrees (WGS-84 / CGCS2000, the CRS of
// package model).
//
// A Scene is built once from the zones and schools (projected, indexed) and
// is safe for concurrent use. A Renderer holds the font faces, glyph cache and
// scratch buffers, so a frame allocates (almost) nothing; it is not safe for
// concurrent use: give each goroutine (widget, exporter) its own.
//
//	scene, err := render.NewScene(d.Zones, d.Schools)
//	r, err := render.NewRenderer(assets.CJKFont)
//	v := render.FitBounds(scene.Bounds(), 1600, 1000, 24)
//	img := image.NewRGBA(image.Rect(0, 0, v.W, v.H))
//	st := render.DefaultStyle()
//	r.Draw(img, scene, v, &st)
//
// Speed (BenchmarkDraw100k: 100 000 zones in view at 1600×1000): zones are
// culled by a uniform grid; vertices carry a Douglas–Peucker importance
// computed once per shared edge chain, so a frame draws each zone
// simplified to its pixel size without opening gaps between neighbours;
// zones under 1.5 px are one pixel and zones under 6 px are filled by
// pixel-centre sampling; larger ones use x/image/vector with a rasterizer
// sized to the zone. Lines are quads rasterized in 128-pixel tiles, school
// symbols are cached sprites, and big frames are painted in parallel
// horizontal bands. An overview (median zone under 4 px) keeps a zone-id
// raster of its view, as desktop GIS caches a big layer: a repaint,
// recolour or catchment edit is a per-pixel colour lookup with catchment
// boundaries where 4-neighbours differ, a pan shifts the raster and
// rasterises only the exposed strips, and only a new scale, size or scene
// rebuilds it (BenchmarkMapFrame100k in app/ui).
package render
