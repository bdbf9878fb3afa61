package geo

import (
	"testing"

	"github.com/paulmach/orb"
)

// fuzzMultiPolygon decodes bytes into a multipolygon on a small grid, so
// that repeated points, collinear edges and touching rings are common:
// 0xFF starts a new ring, 0xFE a new polygon, any other two bytes are a
// vertex. The first byte picks the coordinates' scale: whole units,
// 1e-7° steps near (114°, 30°), or steps of 1e-12.
func fuzzMultiPolygon(data []byte) orb.MultiPolygon {
	if len(data) == 0 {
		return nil
	}
	scale, ox, oy := 1.0, 0.0, 0.0
	switch data[0] % 3 {
	case 1:
		scale, ox, oy = 1e-7, 114, 30
	case 2:
		scale = 1e-12
	}
	mp := orb.MultiPolygon{{{}}}
	for i := 1; i < len(data); i++ {
		p := &mp[len(mp)-1]
		switch b := data[i]; {
		case b == 0xFF:
			*p = append(*p, orb.Ring{})
		case b == 0xFE:
			mp = append(mp, orb.Polygon{{}})
		case i+1 < len(data):
			r := &(*p)[len(*p)-1]
			*r = append(*r, orb.Point{ox + scale*float64(b%32), oy + scale*float64(data[i+1]%32)})
			i++
		}
	}
	return mp
}

func FuzzRepair(f *testing.F) {
	f.Add([]byte{0, 0, 0, 2, 2, 2, 0, 0, 2, 0, 0})                   // bow-tie
	f.Add([]byte{1, 0, 0, 4, 0, 4, 4, 0, 4, 0xFF, 1, 1, 2, 1, 2, 2}) // hole
	f.Add([]byte{0, 0, 0, 2, 0, 2, 2, 0xFE, 1, 1, 3, 1, 3, 3, 1, 3}) // overlapping parts
	f.Add([]byte{2, 0, 0, 1, 1, 2, 0, 2, 2, 1, 1, 0, 2})             // figure-8
	f.Add([]byte{0, 0, 0, 4, 0, 4, 4, 0, 4, 0xFF, 1, 0, 1, 1, 2, 1, 2, 0, 0xFF, 3, 1, 5, 1, 5, 2, 3, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1200 {
			// ~600 vertices on a 32×32 grid already cross ~10⁵ times; larger
			// inputs only slow the fuzzer down (the star benchmark covers size).
			return
		}
		mp := fuzzMultiPolygon(data)
		_ = Validate(mp) // must not panic on anything
		out, _ := RepairMultiPolygon(mp)
		if err := Validate(out); err != nil {
			t.Fatalf("repair of %v gave an invalid %v: %v", mp, out, err)
		}
	})
}
