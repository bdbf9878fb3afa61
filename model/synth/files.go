package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/model"
)

// File is one generated file: a name (no directory) and its bytes.
type File struct {
	Name string
	Data []byte
}

// Files encodes a district in the agreed exchange formats (common notes,
// "File formats"): schools.geojson and zones.geojson (UTF-8, lon/lat with 6
// decimals, Chinese property names, one feature per line), history.csv,
// births.csv, housing.csv and a README.md describing the data. The bytes
// depend only on d, so a generated sample can be compared byte for byte.
//
// Kindergartens, when the district has any, go to files of their own, as
// bureaus keep the 学前 roster and statistics apart: kindergartens.geojson
// (with 普惠) and kindergarten_history.csv; resources.csv holds the
// schools' 办学条件 when there are any.
func Files(d *model.District) []File {
	k9, kg := splitKindergartens(d)
	out := []File{
		{"README.md", Readme(d)},
		{"schools.geojson", SchoolsGeoJSON(k9)},
		{"zones.geojson", ZonesGeoJSON(d)},
		{"history.csv", HistoryCSV(k9)},
		{"births.csv", BirthsCSV(d)},
		{"housing.csv", HousingCSV(d)},
	}
	if len(kg.Schools) > 0 {
		out = append(out, File{"kindergartens.geojson", KindergartensGeoJSON(kg)}, File{"kindergarten_history.csv", HistoryCSV(kg)})
	}
	if len(d.Resources) > 0 {
		out = append(out, File{"resources.csv", ResourcesCSV(d)})
	}
	return out
}

// splitKindergartens splits the schools and history of d into the K–12
// schools and the kindergartens (level kindergarten), each with its own
// history rows.
func splitKindergartens(d *model.District) (k9, kg *model.District) {
	k9, kg = &model.District{}, &model.District{}
	isKG := map[string]bool{}
	for _, s := range d.Schools {
		if s.Level == model.LevelKindergarten {
			isKG[s.ID] = true
			kg.Schools = append(kg.Schools, s)
		} else {
			k9.Schools = append(k9.Schools, s)
		}
	}
	for _, e := range d.History {
		if isKG[e.School] {
			kg.History = append(kg.History, e)
		} else {
			k9.History = append(k9.History, e)
		}
	}
	return k9, kg
}

// KindergartensGeoJSON encodes the kindergartens as Point features with the
// properties of SchoolsGeoJSON, 普惠 (是/否) in place of 寄宿.
func KindergartensGeoJSON(d *model.District) []byte { return schoolFeatures(d, true) }

// ResourcesCSV is the school resources table (办学条件), long by year:
// school,year,teachers,teachers_qualified,teachers_backbone,
// teachers_pe_art,building_m2,sports_m2,equipment_yuan,multimedia_rooms;
// an unknown value is an empty cell.
func ResourcesCSV(d *model.District) []byte {
	var b bytes.Buffer
	b.WriteString("school,year")
	for f := range model.NumResourceFields {
		b.WriteString("," + f.Key())
	}
	b.WriteByte('\n')
	for _, r := range d.Resources {
		fmt.Fprintf(&b, "%s,%d", r.School, r.Year)
		for f := range model.NumResourceFields {
			b.WriteByte(',')
			if v, ok := r.Value(f); ok {
				b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
			}
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// props writes a JSON object with keys in the given order (encoding/json
// would sort them; the agreed order reads better).
type props struct{ b *bytes.Buffer }

func (p props) add(first bool, key string, v any) {
	if !first {
		p.b.WriteByte(',')
	}
	k, _ := json.Marshal(key)
	p.b.Write(k)
	p.b.WriteByte(':')
	switch v := v.(type) {
	case int:
		p.b.WriteString(strconv.Itoa(v))
	case string:
		s, _ := json.Marshal(v)
		p.b.Write(s)
	}
}

func writeCoord(b *bytes.Buffer, p orb.Point) {
	b.WriteByte('[')
	b.WriteString(strconv.FormatFloat(p[0], 'f', -1, 64))
	b.WriteByte(',')
	b.WriteString(strconv.FormatFloat(p[1], 'f', -1, 64))
	b.WriteByte(']')
}

func writePolygon(b *bytes.Buffer, poly orb.Polygon) {
	b.WriteByte('[')
	for ri, r := range poly {
		if ri > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for k, p := range r {
			if k > 0 {
				b.WriteByte(',')
			}
			writeCoord(b, p)
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')
}

func featureCollection(n int, feature func(b *bytes.Buffer, i int)) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	for i := range n {
		feature(&b, i)
		if i < n-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

func yesNo(v bool, yes, no string) string {
	if v {
		return yes
	}
	return no
}

// SchoolsGeoJSON encodes the schools as Point features with the properties
// 编码 名称 学段 学位数 教室数 寄宿 乡镇 办学性质.
func SchoolsGeoJSON(d *model.District) []byte { return schoolFeatures(d, false) }

// schoolFeatures writes the school layers: a kindergarten roster says 普惠
// (last) where a school roster says 寄宿 (after 教室数).
func schoolFeatures(d *model.District, kindergartens bool) []byte {
	return featureCollection(len(d.Schools), func(b *bytes.Buffer, i int) {
		s := &d.Schools[i]
		b.WriteString(`{"type":"Feature","properties":{`)
		p := props{b}
		p.add(true, "编码", s.ID)
		p.add(false, "名称", s.Name)
		p.add(false, "学段", s.Level.Chinese())
		p.add(false, "学位数", s.Capacity)
		p.add(false, "教室数", s.Classrooms)
		if !kindergartens {
			p.add(false, "寄宿", yesNo(s.Boarding, "是", "否"))
		}
		p.add(false, "乡镇", s.Township)
		p.add(false, "办学性质", yesNo(s.Public, "公办", "民办"))
		if kindergartens {
			p.add(false, "普惠", yesNo(s.Inclusive, "是", "否"))
		}
		b.WriteString(`},"geometry":{"type":"Point","coordinates":`)
		writeCoord(b, s.Location)
		b.WriteString("}}")
	})
}

// ZonesGeoJSON encodes the zones as Polygon (one part) or MultiPolygon
// features with the properties 编码 名称 人口 户数 住宅套数 学龄人口_小学
// 学龄人口_初中 对口小学 对口初中 乡镇.
func ZonesGeoJSON(d *model.District) []byte {
	return featureCollection(len(d.Zones), func(b *bytes.Buffer, i int) {
		z := &d.Zones[i]
		b.WriteString(`{"type":"Feature","properties":{`)
		p := props{b}
		p.add(true, "编码", z.ID)
		p.add(false, "名称", z.Name)
		p.add(false, "人口", z.Population)
		p.add(false, "户数", z.Households)
		p.add(false, "住宅套数", z.Dwellings)
		p.add(false, "学龄人口_小学", z.PrimaryAge)
		p.add(false, "学龄人口_初中", z.JuniorAge)
		p.add(false, "对口小学", z.PrimarySchool)
		p.add(false, "对口初中", z.JuniorSchool)
		p.add(false, "乡镇", z.Township)
		if len(z.Geometry) == 1 {
			b.WriteString(`},"geometry":{"type":"Polygon","coordinates":`)
			writePolygon(b, z.Geometry[0])
		} else {
			b.WriteString(`},"geometry":{"type":"MultiPolygon","coordinates":[`)
			for k, poly := range z.Geometry {
				if k > 0 {
					b.WriteByte(',')
				}
				writePolygon(b, poly)
			}
			b.WriteByte(']')
		}
		b.WriteString("}}")
	})
}

// HistoryCSV is the enrollment history: school,year,grade,students,classes.
func HistoryCSV(d *model.District) []byte {
	var b bytes.Buffer
	b.WriteString("school,year,grade,students,classes\n")
	for _, e := range d.History {
		fmt.Fprintf(&b, "%s,%d,%d,%d,%d\n", e.School, e.Year, e.Grade, e.Students, e.Classes)
	}
	return b.Bytes()
}

// BirthsCSV is births by zone and year: zone,year,births.
func BirthsCSV(d *model.District) []byte {
	var b bytes.Buffer
	b.WriteString("zone,year,births\n")
	for _, r := range d.Births {
		fmt.Fprintf(&b, "%s,%d,%d\n", r.Zone, r.Year, r.Births)
	}
	return b.Bytes()
}

// HousingCSV is dwellings first occupied by zone and year: zone,year,dwellings.
func HousingCSV(d *model.District) []byte {
	var b bytes.Buffer
	b.WriteString("zone,year,dwellings\n")
	for _, r := range d.Housing {
		fmt.Fprintf(&b, "%s,%d,%d\n", r.Zone, r.Year, r.Dwellings)
	}
	return b.Bytes()
}
