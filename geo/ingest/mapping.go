package ingest

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/width"
)

// Layer names a kind of input file.
type Layer string

const (
	Schools Layer = "schools"
	Zones   Layer = "zones"
)

// Canonical field names (the left side of --map layer.field=源字段).
const (
	FieldID            = "id"
	FieldName          = "name"
	FieldLevel         = "level"
	FieldCapacity      = "capacity"
	FieldClassrooms    = "classrooms"
	FieldBoarding      = "boarding"
	FieldTownship      = "township"
	FieldPublic        = "public"
	FieldAddress       = "address"
	FieldPhone         = "phone"
	FieldInclusive     = "inclusive"
	FieldPreschoolAge  = "preschool_age"
	FieldPopulation    = "population"
	FieldHouseholds    = "households"
	FieldDwellings     = "dwellings"
	FieldPrimaryAge    = "primary_age"
	FieldJuniorAge     = "junior_age"
	FieldPrimarySchool = "primary_school"
	FieldJuniorSchool  = "junior_school"
)

// aliases lists, per layer and canonical field, the source property names
// recognised automatically, best first. Matching ignores case, width
// (full-width letters), spaces, '_' and '-'.
var aliases = map[Layer][]struct {
	field string
	names []string
}{
	Schools: {
		{FieldID, []string{"编码", "学校编码", "学校代码", "学校标识码", "标识码", "代码", "编号", "id", "code", "schoolid", "schoolcode", "schid", "schnum", "schoolnumber", "ncessch"}},
		{FieldName, []string{"名称", "学校名称", "学校名", "校名", "学校", "单位名称", "name", "schoolname", "schname", "school", "sitename", "property_l", "propertyname"}},
		{FieldLevel, []string{"学段", "学校类型", "办学类型", "学校类别", "类型", "类别", "level", "type", "schooltype", "stage", "status"}},
		{FieldCapacity, []string{"学位数", "学位", "核定学位", "规划学位", "容量", "capacity", "seats"}},
		{FieldClassrooms, []string{"教室数", "普通教室", "教室", "classrooms", "rooms"}},
		{FieldBoarding, []string{"寄宿", "寄宿制", "是否寄宿", "boarding"}},
		{FieldTownship, []string{"乡镇", "乡镇街道", "所属乡镇", "街道", "township", "town", "street"}},
		{FieldPublic, []string{"办学性质", "性质", "公办民办", "public", "ownership"}},
		{FieldAddress, []string{"学校地址", "地址", "校址", "详细地址", "address", "addr", "street_address"}},
		{FieldPhone, []string{"咨询电话", "招生咨询电话", "联系电话", "电话", "phone", "tel", "telephone"}},
		{FieldInclusive, []string{"普惠", "普惠性", "是否普惠", "普惠园", "inclusive"}},
	},
	Zones: {
		{FieldID, []string{"编码", "小区编码", "片区编码", "代码", "编号", "id", "code", "zoneid", "zonecode", "geoid20", "geoid10", "geoid", "blockid"}},
		{FieldName, []string{"名称", "小区名称", "片区名称", "居住小区", "小区", "片区", "name", "zonename", "zone", "blockname", "block", "hs_zone"}},
		{FieldPopulation, []string{"人口", "常住人口", "总人口", "人口数", "户籍人口", "population", "pop", "poptotal", "totalpop", "totpop",
			"pop20", "pop10", "pop2020", "pop2010", "pop100", "p0010001", "p1001n"}},
		{FieldHouseholds, []string{"户数", "住户数", "总户数", "households", "hh"}},
		{FieldDwellings, []string{"住宅套数", "套数", "住房套数", "dwellings", "housingunits", "units", "hu100", "hu20", "hu10", "housing20", "housing10"}},
		{FieldPrimaryAge, []string{"学龄人口_小学", "小学学龄人口", "小学适龄人口", "primary_age", "primaryage"}},
		{FieldJuniorAge, []string{"学龄人口_初中", "初中学龄人口", "初中适龄人口", "junior_age", "juniorage"}},
		{FieldPreschoolAge, []string{"学前人口", "学前适龄人口", "学前学龄人口", "3-5岁人口", "3至5岁人口", "preschool_age", "preschoolage"}},
		{FieldPrimarySchool, []string{"对口小学", "划片小学", "对口小学名称", "所属小学", "小学学区", "小学", "primary_school", "primaryschool",
			"es_zone", "es_name", "esname", "assigned_es", "elementary", "elementaryschool", "elem", "elemschool", "elemsch", "esschool", "es",
			"prim_sch"}}, // prim_sch: xuequ export --zones in a Shapefile (geo/export.ZoneFields)
		{FieldJuniorSchool, []string{"对口初中", "划片初中", "对口初中名称", "所属初中", "初中学区", "初中", "junior_school", "juniorschool",
			"ms_zone", "ms_name", "msname", "assigned_ms", "middle", "middleschool", "middlesch", "msschool", "juniorhigh", "ms",
			"jun_sch"}},
		{FieldTownship, []string{"乡镇", "乡镇街道", "所属乡镇", "街道", "township", "town", "street"}},
	},
}

// Fields returns the canonical fields of a layer, in display order.
func Fields(l Layer) []string {
	var out []string
	for _, a := range aliases[l] {
		out = append(out, a.field)
	}
	return out
}

// Mapping maps canonical field → source property name as spelled in the
// file. A field absent from the map (or mapped to "") is not read.
type Mapping map[string]string

// normName folds a property name for matching: width, case, separators.
func normName(s string) string {
	s = width.Fold.String(strings.TrimSpace(s))
	return nameSeparators.Replace(strings.ToLower(s))
}

var nameSeparators = strings.NewReplacer(" ", "", "_", "", "-", "", "\u3000", "")

// GuessMapping proposes a mapping for a layer from the property names of
// a file: for each canonical field the best-ranked alias present, each
// property used at most once. The GUI shows it for the user to correct.
func GuessMapping(l Layer, propertyNames []string) Mapping {
	byNorm := map[string]string{}
	for _, p := range propertyNames {
		n := normName(p)
		if _, ok := byNorm[n]; !ok {
			byNorm[n] = p
		}
	}
	used := map[string]bool{}
	m := Mapping{}
	for _, a := range aliases[l] {
		// Exact names first, then names a dBase file cut to 10 bytes.
		for _, cut := range []bool{false, true} {
			if _, done := m[a.field]; done {
				break
			}
			for _, alias := range a.names {
				if src, ok := matchAlias(byNorm, alias, cut); ok && !used[src] {
					m[a.field] = src
					used[src] = true
					break
				}
			}
		}
	}
	return m
}

// matchAlias finds the property named alias, or with cut, one named as a
// dBase writer (ArcGIS, GDAL) cuts a longer alias to its first 10 bytes
// in UTF-8 or GBK, not splitting a character (primary_school →
// primary_sc, 小学学龄人口 → 小学学龄人).
func matchAlias(byNorm map[string]string, alias string, cut bool) (string, bool) {
	if !cut {
		src, ok := byNorm[normName(alias)]
		return src, ok
	}
	for _, c := range dbfNameCuts(alias) {
		if src, ok := byNorm[normName(c)]; ok && normName(c) != normName(alias) {
			return src, true
		}
	}
	return "", false
}

// dbfNameCuts returns name cut to 10 bytes of UTF-8 and of GBK, for a
// name longer than that (none otherwise).
func dbfNameCuts(name string) []string {
	const limit = 10
	var out []string
	if len(name) > limit {
		n := limit
		for n > 0 && !utf8.RuneStart(name[n]) {
			n--
		}
		out = append(out, name[:n])
	}
	if gbk, err := simplifiedchinese.GBK.NewEncoder().String(name); err == nil && len(gbk) > limit {
		n, size := 0, 0
		for _, r := range name { // GBK: ASCII is 1 byte, a Chinese character 2
			w := 2
			if r < 0x80 {
				w = 1
			}
			if size+w > limit {
				break
			}
			size += w
			n += utf8.RuneLen(r)
		}
		out = append(out, name[:n])
	}
	return out
}

// apply returns the guess with overrides applied (override "" unmaps).
func (m Mapping) apply(over Mapping) Mapping {
	out := Mapping{}
	for k, v := range m {
		out[k] = v
	}
	for k, v := range over {
		if v == "" || v == "-" {
			delete(out, k)
			continue
		}
		// A property mapped by override is no longer available to a guess.
		for k2, v2 := range out {
			if v2 == v && k2 != k {
				delete(out, k2)
			}
		}
		out[k] = v
	}
	return out
}

// String lists the mapping as "field=source" pairs, sorted.
func (m Mapping) String() string {
	var parts []string
	for k, v := range m {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// ParseMapFlags parses --map values "layer.field=源字段" (e.g.
// "schools.name=学校名称", "zones.population=常住人口") into per-layer
// overrides. An empty right side unmaps the field.
func ParseMapFlags(flags []string) (map[Layer]Mapping, error) {
	out := map[Layer]Mapping{}
	for _, f := range flags {
		lhs, src, ok := strings.Cut(f, "=")
		layer, field, ok2 := strings.Cut(strings.TrimSpace(lhs), ".")
		if !ok || !ok2 {
			return nil, fmt.Errorf("--map %q: write it as layer.field=source, e.g. schools.name=学校名称", f)
		}
		l := Layer(strings.ToLower(layer))
		if _, known := aliases[l]; !known {
			return nil, fmt.Errorf("--map %q: layer must be schools or zones", f)
		}
		field = strings.ToLower(field)
		valid := false
		for _, c := range Fields(l) {
			valid = valid || c == field
		}
		if !valid {
			return nil, fmt.Errorf("--map %q: %s has no field %q; fields are %s", f, l, field, strings.Join(Fields(l), ", "))
		}
		if out[l] == nil {
			out[l] = Mapping{}
		}
		out[l][field] = strings.TrimSpace(src)
	}
	return out, nil
}
