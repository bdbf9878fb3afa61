package ingest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unsafe"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// decodeGeometry reads a GeoJSON geometry. Point, MultiPoint, Polygon and
// MultiPolygon coordinates — nearly all of a zones file's bytes — go
// through a single-pass parser (orb's decoder validates and re-scans the
// coordinates several times, which made a 25 MB file take seconds); other
// types fall back to orb's geojson. Extra ordinates (Z, M) are ignored.
func decodeGeometry(raw []byte) (orb.Geometry, error) {
	var g struct {
		Type        string
		Coordinates []byte
	}
	err := eachMember(raw, func(key string, val []byte) error {
		switch {
		case strings.EqualFold(key, "type"):
			g.Type = jsonString(val)
		case strings.EqualFold(key, "coordinates"):
			g.Coordinates = val
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	p := coordParser{b: g.Coordinates}
	var out orb.Geometry
	switch g.Type {
	case "Point":
		out, err = p.point()
	case "MultiPoint":
		var r orb.Ring
		r, err = p.ring()
		out = orb.MultiPoint(r)
	case "Polygon":
		out, err = p.polygon()
	case "MultiPolygon":
		var mp orb.MultiPolygon
		err = p.list(func() error {
			poly, err := p.polygon()
			mp = append(mp, poly)
			return err
		})
		out = mp
	default:
		gg, err := geojson.UnmarshalGeometry(raw)
		if err != nil {
			return nil, err
		}
		return gg.Geometry(), nil
	}
	if err == nil {
		p.ws()
		if p.i != len(p.b) {
			err = p.errorf("unexpected text after the coordinates")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s coordinates: %w", g.Type, err)
	}
	return out, nil
}

type coordParser struct {
	b []byte
	i int
}

func (p *coordParser) errorf(format string, args ...any) error {
	return fmt.Errorf("at byte %d: %s", p.i, fmt.Sprintf(format, args...))
}

func (p *coordParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// list parses '[' item (',' item)* ']' or '[]', calling item for each.
func (p *coordParser) list(item func() error) error {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '[' {
		return p.errorf("expected '['")
	}
	p.i++
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return nil
	}
	for {
		if err := item(); err != nil {
			return err
		}
		p.ws()
		if p.i >= len(p.b) {
			return p.errorf("unexpected end")
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return nil
		default:
			return p.errorf("expected ',' or ']'")
		}
	}
}

var errShortPosition = errors.New("a position needs at least 2 numbers")

func (p *coordParser) point() (orb.Point, error) {
	var pt orb.Point
	n := 0
	err := p.list(func() error {
		v, err := p.number()
		if n < 2 {
			pt[n] = v
		}
		n++
		return err
	})
	if err == nil && n < 2 {
		err = errShortPosition
	}
	return pt, err
}

func (p *coordParser) ring() (orb.Ring, error) {
	r := make(orb.Ring, 0, 16)
	err := p.list(func() error {
		pt, err := p.point()
		r = append(r, pt)
		return err
	})
	return r, err
}

func (p *coordParser) polygon() (orb.Polygon, error) {
	var poly orb.Polygon
	err := p.list(func() error {
		r, err := p.ring()
		poly = append(poly, r)
		return err
	})
	return poly, err
}

func (p *coordParser) number() (float64, error) {
	p.ws()
	s := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			p.i++
			continue
		}
		break
	}
	if s == p.i {
		return 0, p.errorf("expected a number")
	}
	// The string view avoids one allocation per number; it does not outlive
	// this call (the error below is built from a copy).
	v, err := strconv.ParseFloat(unsafe.String(&p.b[s], p.i-s), 64)
	if err != nil {
		return 0, p.errorf("%q is not a number", string(p.b[s:p.i]))
	}
	return v, nil
}
