package render

import (
	"image/color"
	"math"

	"github.com/xuequ/xuequ/model"
)

// SchoolStatus is the class-size status a school symbol is coloured by.
type SchoolStatus int

const (
	SchoolNoData       SchoolStatus = iota // grey: no enrollment for the year
	SchoolStandard                         // green #2e7d32: every class at standard
	SchoolOverStandard                     // yellow #f9a825: 超标准 classes
	SchoolLarge                            // orange #ef6c00: 大班额
	SchoolVeryLarge                        // red #c62828: 超大班额
)

// StatusOf converts a model class status (e.g. SchoolResult.Worst()).
func StatusOf(c model.ClassStatus) SchoolStatus {
	switch c {
	case model.StatusOverStandard:
		return SchoolOverStandard
	case model.StatusLarge:
		return SchoolLarge
	case model.StatusVeryLarge:
		return SchoolVeryLarge
	}
	return SchoolStandard
}

// Status colours, shared with the UI's table badges.
var (
	ColorNoData       = color.NRGBA{0x9e, 0x9e, 0x9e, 0xff}
	ColorStandard     = color.NRGBA{0x2e, 0x7d, 0x32, 0xff}
	ColorOverStandard = color.NRGBA{0xf9, 0xa8, 0x25, 0xff}
	ColorLarge        = color.NRGBA{0xef, 0x6c, 0x00, 0xff}
	ColorVeryLarge    = color.NRGBA{0xc6, 0x28, 0x28, 0xff}
)

// Color returns the symbol colour of a status.
func (s SchoolStatus) Color() color.NRGBA {
	switch s {
	case SchoolStandard:
		return ColorStandard
	case SchoolOverStandard:
		return ColorOverStandard
	case SchoolLarge:
		return ColorLarge
	case SchoolVeryLarge:
		return ColorVeryLarge
	}
	return ColorNoData
}

// Symbol is the shape of a school symbol (and of a legend key).
type Symbol int

const (
	SymbolSwatch   Symbol = iota // legend only: a filled rectangle
	SymbolCircle                 // 小学 primary
	SymbolSquare                 // 初中 junior middle
	SymbolDiamond                // 九年一贯制 nine-year
	SymbolTriangle               // 幼儿园 kindergarten and other levels
	SymbolLine                   // legend only: a thick line (catchment boundary)
)

// SymbolFor returns the symbol of a school level.
func SymbolFor(l model.Level) Symbol {
	switch l {
	case model.LevelPrimary:
		return SymbolCircle
	case model.LevelJunior:
		return SymbolSquare
	case model.LevelNineYear:
		return SymbolDiamond
	}
	return SymbolTriangle
}

// SchoolMark says how to draw one school.
type SchoolMark struct {
	Status SchoolStatus
	// Radius is the symbol radius in pixels (before PixelRatio); 0 uses the
	// default for the level. See RadiusForStudents to size by pupils.
	Radius float64
	// Priority orders labels: higher is placed first. Ties keep the
	// school order.
	Priority int
	Hidden   bool
}

// RadiusForStudents grows the symbol radius with the square root of the
// number of pupils: 4 px for none, about 7 px at 500, 12 px at 3000, at
// most 14 px (before PixelRatio).
func RadiusForStudents(students int) float64 {
	if students <= 0 {
		return 4
	}
	r := 4 + 8*math.Sqrt(float64(students)/3000)
	return min(r, 14)
}

// LegendEntry is one line of the legend: a key and its text.
type LegendEntry struct {
	Color  color.NRGBA
	Symbol Symbol
	Text   string
}

// Legend is the box drawn in the bottom-left corner.
type Legend struct {
	Title   string
	Entries []LegendEntry
}

// Style is everything the caller decides about a frame. Colours are
// non-premultiplied; sizes are pixels at PixelRatio 1.
type Style struct {
	// PixelRatio scales every line width, symbol, font and margin (2 for a
	// HiDPI screen, about 4 for a 300 dpi print). 0 means 1.
	PixelRatio float64
	// Background fills the image first; alpha 0 leaves it as it is.
	Background color.NRGBA

	// ZoneFill returns the fill of zone i (e.g. the colour of its assigned
	// school, a density ramp or a seat-gap ramp); alpha 0 leaves it
	// unfilled. Nil fills every zone with DefaultZoneFill.
	ZoneFill func(i int) color.NRGBA
	// OutlineColor and OutlineWidth draw every zone's outline; zones
	// smaller than OutlineMinPixels across get none (their outlines would
	// only darken the map).
	OutlineColor     color.NRGBA
	OutlineWidth     float64
	OutlineMinPixels float64

	// Group gives each zone's catchment (e.g. the index of its assigned
	// school, −1 for none). Where neighbouring zones have different groups,
	// and around the outside, a BoundaryWidth line is drawn. Nil draws no
	// catchment boundaries. Neighbours are found by shared vertices (a
	// topologically clean layer, as QGIS/ArcGIS produce); zones whose
	// neighbours do not share vertices get their whole outline drawn as
	// boundary. It is read every frame, so an edit shows at once.
	Group         []int32
	BoundaryColor color.NRGBA
	BoundaryWidth float64

	// Selected zones are tinted and outlined with SelectColor;
	// SelectedSchool ≥ 0 rings that school.
	Selected       []int
	SelectedSchool int
	SelectColor    color.NRGBA

	// School returns how to draw school j; nil draws every school as "no
	// data" at the default size.
	School func(j int) SchoolMark
	// SchoolSize is the default symbol radius in pixels.
	SchoolSize float64

	// SchoolLabels draws school names; ZoneLabels draws zone names when the
	// view is at most ZoneLabelMaxRes Mercator metres per pixel and the name
	// fits inside the zone.
	SchoolLabels    bool
	ZoneLabels      bool
	ZoneLabelMaxRes float64
	LabelSize       float64 // school-name font size, pixels
	ZoneLabelSize   float64 // zone-name font size, pixels
	LabelColor      color.NRGBA
	ZoneLabelColor  color.NRGBA
	HaloColor       color.NRGBA

	Legend     *Legend
	ScaleBar   bool
	NorthArrow bool
	// MetreUnit and KilometreUnit label the scale bar ("米", "公里").
	MetreUnit, KilometreUnit string
	NorthLabel               string // "北"
}

// DefaultZoneFill is the zone fill when Style.ZoneFill is nil.
var DefaultZoneFill = color.NRGBA{0xe8, 0xe4, 0xda, 0xff}

// DefaultStyle returns a light, print-friendly style with everything on.
func DefaultStyle() Style {
	return Style{
		PixelRatio:       1,
		Background:       color.NRGBA{0xf7, 0xf7, 0xf5, 0xff},
		OutlineColor:     color.NRGBA{0x55, 0x55, 0x55, 0x90},
		OutlineWidth:     0.7,
		OutlineMinPixels: 6,
		BoundaryColor:    color.NRGBA{0x37, 0x37, 0x3c, 0xff},
		BoundaryWidth:    2.2,
		SelectedSchool:   -1,
		SelectColor:      color.NRGBA{0x15, 0x65, 0xc0, 0xff},
		SchoolSize:       5,
		SchoolLabels:     true,
		ZoneLabels:       true,
		ZoneLabelMaxRes:  12,
		LabelSize:        13,
		ZoneLabelSize:    11,
		LabelColor:       color.NRGBA{0x21, 0x21, 0x21, 0xff},
		ZoneLabelColor:   color.NRGBA{0x4e, 0x4a, 0x44, 0xff},
		HaloColor:        color.NRGBA{0xff, 0xff, 0xff, 0xe0},
		ScaleBar:         true,
		NorthArrow:       true,
		MetreUnit:        "米",
		KilometreUnit:    "公里",
		NorthLabel:       "北",
	}
}

// SchoolStatusLegend returns legend entries for the status colours and the
// level symbols, in Chinese.
func SchoolStatusLegend() []LegendEntry {
	return []LegendEntry{
		{ColorStandard, SymbolCircle, "标准班额"},
		{ColorOverStandard, SymbolCircle, "超标准班额"},
		{ColorLarge, SymbolCircle, "大班额 (56–65人)"},
		{ColorVeryLarge, SymbolCircle, "超大班额 (66人以上)"},
		{ColorNoData, SymbolCircle, "无数据"},
		{color.NRGBA{0x60, 0x60, 0x60, 0xff}, SymbolCircle, "小学"},
		{color.NRGBA{0x60, 0x60, 0x60, 0xff}, SymbolSquare, "初中"},
		{color.NRGBA{0x60, 0x60, 0x60, 0xff}, SymbolDiamond, "九年一贯制"},
		{color.NRGBA{0x60, 0x60, 0x60, 0xff}, SymbolTriangle, "幼儿园/其他"},
	}
}

// premul converts a straight-alpha colour to premultiplied.
func premul(c color.NRGBA) color.RGBA {
	a := uint32(c.A)
	return color.RGBA{uint8(uint32(c.R) * a / 255), uint8(uint32(c.G) * a / 255), uint8(uint32(c.B) * a / 255), c.A}
}
