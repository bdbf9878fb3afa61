package synth

import "github.com/paulmach/orb"

// Config describes the district to generate. Zero fields take the values of
// SampleConfig.
type Config struct {
	Seed uint64
	Name string // district (county) name, e.g. 示例县
	// Schools and Zones are the exact numbers of schools and residential
	// zones generated. Zones is raised to Schools when smaller (every
	// school needs its own site zone).
	Schools int
	Zones   int
	// Years is the number of history years, FirstYear the first of them
	// (school year starting in autumn): history covers FirstYear …
	// FirstYear+Years−1, births FirstYear−8 … the last year.
	Years     int
	FirstYear int
	// Center is the lon/lat (degrees) of the main county seat.
	Center orb.Point
	// Kindergartens adds kindergartens (幼儿园) after the K–9 schools, and
	// Resources the schools' resources rows (办学条件) — see
	// addKindergartens and addResources. Unlike the fields above, false
	// means none: the sample has them, benchmarks do not.
	Kindergartens bool
	Resources     bool
}

// SampleConfig is the embedded sample district: a fictional county of about
// 40 schools and 400 zones with six years of history (2020–2025).
func SampleConfig() Config {
	return Config{
		Seed:      20250901,
		Name:      "示例县",
		Schools:   40,
		Zones:     400,
		Years:     6,
		FirstYear: 2020,
		Center:    orb.Point{113.9, 30.95},

		Kindergartens: true,
		Resources:     true,
	}
}

// ProvinceConfig is a province-sized district (10 000 schools, 100 000
// zones, about 250 county seats) for benchmarks.
func ProvinceConfig() Config {
	c := SampleConfig()
	c.Name = "示例省"
	c.Schools = 10000
	c.Zones = 100000
	c.Center = orb.Point{113.5, 31.0}
	c.Kindergartens, c.Resources = false, false
	return c
}

func (c Config) withDefaults() Config {
	d := SampleConfig()
	if c.Name == "" {
		c.Name = d.Name
	}
	if c.Schools <= 0 {
		c.Schools = d.Schools
	}
	if c.Zones <= 0 {
		c.Zones = d.Zones
	}
	if c.Zones < c.Schools {
		c.Zones = c.Schools
	}
	if c.Years <= 0 {
		c.Years = d.Years
	}
	if c.FirstYear == 0 {
		c.FirstYear = d.FirstYear
	}
	if c.Center == (orb.Point{}) {
		c.Center = d.Center
	}
	return c
}
