package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/model"
)

// TestMapEdgeCases: districts with nothing or almost nothing to draw give
// a complete map (or a clear error), never a panic or NaN coordinates.
func TestMapEdgeCases(t *testing.T) {
	square := orb.MultiPolygon{{{{113, 30}, {113.01, 30}, {113.01, 30.01}, {113, 30.01}, {113, 30}}}}
	for name, d := range map[string]*model.District{
		"empty":                   {Name: "空县"},
		"one school":              {Name: "一校县", Schools: []model.School{{ID: "A", Name: "一小", Level: model.LevelPrimary, Location: orb.Point{113, 30}}}},
		"unnamed zone, no school": {Name: "无名县", Zones: []model.Zone{{ID: "Z1", Geometry: square}}},
		"degenerate zone": {Name: "退化县", Zones: []model.Zone{{ID: "Z1", Name: "点", PrimarySchool: "A",
			Geometry: orb.MultiPolygon{{{{113, 30}, {113, 30}, {113, 30}, {113, 30}}}}}},
			Schools: []model.School{{ID: "A", Name: "一小", Level: model.LevelPrimary, Location: orb.Point{113, 30}}}},
	} {
		s := newTestSession(d)
		for _, f := range []func(*bytes.Buffer) error{
			func(b *bytes.Buffer) error { return MapPDF(b, s, MapOptions{Options: Options{Date: fixedDate}}) },
			func(b *bytes.Buffer) error { return MapSVG(b, s, MapOptions{Options: Options{Date: fixedDate}}) },
			func(b *bytes.Buffer) error {
				return MapPNG(b, s, MapOptions{Options: Options{Date: fixedDate}, DPI: 30})
			},
			func(b *bytes.Buffer) error { return NoticePDF(b, s, Options{Date: fixedDate}) },
			func(b *bytes.Buffer) error { return NoticeXLSX(b, s, Options{Date: fixedDate}) },
		} {
			var buf bytes.Buffer
			err := f(&buf)
			if err != nil {
				t.Logf("%s: %v", name, err)
				if strings.TrimSpace(err.Error()) == "" {
					t.Errorf("%s: empty error", name)
				}
				continue
			}
			if bytes.Contains(buf.Bytes(), []byte("NaN")) {
				t.Errorf("%s: NaN in the output", name)
			}
		}
	}
}
