package ingest

import (
	"encoding/json"
	"io"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xuequ/xuequ/model"
)

// WriteSchools writes schools as a UTF-8 GeoJSON FeatureCollection of
// lon/lat Points with the Chinese property names ReadSchools recognises
// (编码, 名称, 学段, 学位数, 教室数, 寄宿, 乡镇, 办学性质) plus each school's
// Attrs, so that reading the output gives the same schools back.
func WriteSchools(w io.Writer, schools []model.School) error {
	fc := geojson.NewFeatureCollection()
	for _, s := range schools {
		f := geojson.NewFeature(s.Location)
		p := withAttrs(s.Attrs)
		p["编码"] = s.ID
		p["名称"] = s.Name
		if l := s.Level.Chinese(); l != "" {
			p["学段"] = l
		}
		p["学位数"] = s.Capacity
		p["教室数"] = s.Classrooms
		p["寄宿"] = yesNo(s.Boarding)
		p["乡镇"] = s.Township
		if s.Address != "" {
			p["学校地址"] = s.Address
		}
		if s.Phone != "" {
			p["咨询电话"] = s.Phone
		}
		if s.Public {
			p["办学性质"] = "公办"
		} else {
			p["办学性质"] = "民办"
		}
		f.Properties = p
		fc.Append(f)
	}
	return encode(w, fc)
}

// WriteZones writes zones as a UTF-8 GeoJSON FeatureCollection of lon/lat
// MultiPolygons with the Chinese property names ReadZones recognises (编码,
// 名称, 人口, 户数, 住宅套数, 学龄人口_小学, 学龄人口_初中, 对口小学, 对口初中,
// 乡镇) plus Attrs.
func WriteZones(w io.Writer, zones []model.Zone) error {
	fc := geojson.NewFeatureCollection()
	for _, z := range zones {
		f := geojson.NewFeature(orb.Geometry(z.Geometry))
		p := withAttrs(z.Attrs)
		p["编码"] = z.ID
		p["名称"] = z.Name
		p["人口"] = z.Population
		p["户数"] = z.Households
		p["住宅套数"] = z.Dwellings
		if n, ok := z.AgeCount(model.LevelPrimary); ok {
			p["学龄人口_小学"] = n
		}
		if n, ok := z.AgeCount(model.LevelJunior); ok {
			p["学龄人口_初中"] = n
		}
		p["对口小学"] = z.PrimarySchool
		p["对口初中"] = z.JuniorSchool
		p["乡镇"] = z.Township
		f.Properties = p
		fc.Append(f)
	}
	return encode(w, fc)
}

func withAttrs(a map[string]string) geojson.Properties {
	p := geojson.Properties{}
	for k, v := range a {
		p[k] = v
	}
	return p
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func encode(w io.Writer, fc *geojson.FeatureCollection) error {
	fcJSON := struct {
		Type     string             `json:"type"`
		CRS      any                `json:"crs"`
		Features []*geojson.Feature `json:"features"`
	}{"FeatureCollection", map[string]any{"type": "name", "properties": map[string]string{"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}, fc.Features}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(fcJSON)
}
