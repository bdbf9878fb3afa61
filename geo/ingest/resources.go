package ingest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuequ/xuequ/model"
)

// resourceColumns are the value columns of the resources table in
// model.ResourceField order, with the headers of 教育事业统计 and
// 优质均衡 监测 tables (parenthesised units are ignored when matching).
var resourceColumns = [model.NumResourceFields]csvColumn{
	{name: "teachers", optional: true, aliases: []string{"teachers", "专任教师数", "专任教师", "教职工数", "教职工", "教师数", "在编教师数"}},
	{name: "teachers_qualified", optional: true, aliases: []string{"teachers_qualified", "高于规定学历教师数", "高于规定学历教师", "高学历教师数", "高于规定学历", "qualified_teachers"}},
	{name: "teachers_backbone", optional: true, aliases: []string{"teachers_backbone", "县级及以上骨干教师数", "县级以上骨干教师数", "县级及以上骨干教师", "骨干教师数", "骨干教师", "backbone_teachers"}},
	{name: "teachers_pe_art", optional: true, aliases: []string{"teachers_pe_art", "体育艺术专任教师数", "体育艺术专任教师", "体育艺术教师数", "体艺教师数", "音体美教师数", "音体美专任教师数", "pe_art_teachers"}},
	{name: "building_m2", optional: true, aliases: []string{"building_m2", "教学及辅助用房面积", "教学及辅助用房", "教学辅助用房面积", "building"}},
	{name: "sports_m2", optional: true, aliases: []string{"sports_m2", "体育运动场馆面积", "体育运动场面积", "运动场馆面积", "运动场面积", "sports"}},
	{name: "equipment_yuan", optional: true, aliases: []string{"equipment_yuan", "教学仪器设备值", "教学仪器设备总值", "教学仪器设备资产值", "仪器设备值", "equipment"}},
	{name: "multimedia_rooms", optional: true, aliases: []string{"multimedia_rooms", "网络多媒体教室数", "网络多媒体教室", "多媒体教室数", "多媒体教室", "multimedia"}},
}

// ReadResources reads the school resources table (办学条件) from CSV or
// .xlsx, long by year: school,year and any of teachers,
// teachers_qualified, teachers_backbone, teachers_pe_art, building_m2,
// sports_m2, equipment_yuan, multimedia_rooms (or the Chinese headers
// 专任教师数/教职工数, 高于规定学历教师数, 县级及以上骨干教师数,
// 体育艺术专任教师数, 教学及辅助用房面积, 体育运动场馆面积, 教学仪器设备值,
// 网络多媒体教室数). An empty cell or a missing column is unknown; a value
// in 万元 (the header says so) is converted to 元. school is kept as
// written; ResolveResources matches it to school ids.
func ReadResources(name string, data []byte, opt TableOptions) ([]model.Resources, *Report, error) {
	rep := &Report{}
	grids, err := readTables(name, data, opt, rep)
	if err != nil {
		return nil, rep, err
	}
	want := append([]csvColumn{colSchool, colYear}, resourceColumns[:]...)
	g := grids[0]
	h, err := findHeader(g, want, nil, model.Message{})
	if err != nil {
		return nil, rep, err
	}
	findResourceColumns(h)
	if !anyColumn(h.cols[2:]) {
		return nil, rep, model.Inputf(name, "input.no_resource_column", "the resources table has no value column; it needs one or more of {{.Need}}", map[string]any{"Need": colNames(resourceColumns[:])}).At(g.pos[h.first], "teachers")
	}
	noteLayout(rep, g, h, "long", 0, "")
	out, err := readResourceRows(g, h)
	if err != nil {
		return nil, rep, err
	}
	rep.add(Issue{Severity: Info, Code: CodeFeatureCount, File: name, Args: rowCount(len(out), "resources"),
		Message: fmt.Sprintf("read %d resources rows", len(out))})
	return out, rep, nil
}

// findResourceColumns finds value columns whose header holds an alias
// inside a longer text — a two-row header joined ("专任教师" over "其中：
// 高于规定学历" → "专任教师其中：高于规定学历"), or a note after the name —
// for the value columns not matched exactly. Longer aliases go first and
// a column is used once, so "体育艺术专任教师数" is not taken for
// "专任教师数".
func findResourceColumns(h *header) {
	used := map[int]bool{}
	for _, c := range h.cols {
		used[c] = true
	}
	type cand struct {
		field int
		alias string
	}
	var cands []cand
	for f, c := range resourceColumns {
		if h.cols[2+f] >= 0 {
			continue
		}
		for _, a := range c.aliases {
			if utf8.RuneCountInString(a) >= 4 && !isASCII([]byte(a)) {
				cands = append(cands, cand{f, headerKey(a)})
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return len(cands[i].alias) > len(cands[j].alias) })
	for _, c := range cands {
		if h.cols[2+c.field] >= 0 {
			continue
		}
		for col, name := range h.names {
			if !used[col] && strings.Contains(headerKey(name), c.alias) {
				h.cols[2+c.field], used[col] = col, true
				break
			}
		}
	}
}

func anyColumn(cols []int) bool {
	for _, c := range cols {
		if c >= 0 {
			return true
		}
	}
	return false
}

func readResourceRows(g *grid, h *header) ([]model.Resources, error) {
	type key struct {
		school string
		year   int
	}
	seen := map[key]int{}
	var out []model.Resources
	for i := h.first + h.n; i < len(g.rows); i++ {
		school := g.cell(i, h.cols[0])
		if school == "" || totalRow(school) {
			continue // blank or 合计 rows
		}
		r := model.Resources{School: school}
		var err error
		if r.Year, err = g.yearAt(i, h.cols[1], h); err != nil {
			return nil, err
		}
		for f := range model.NumResourceFields {
			if err := g.resourceAt(i, h, &r, f); err != nil {
				return nil, err
			}
		}
		k := key{r.School, r.Year}
		if line, dup := seen[k]; dup {
			return nil, g.errAtf(i, h.cols[0], h, "school", "input.duplicate_resources", "a second row for {{.School}} in {{.Year}} (the first is line {{.Line}}); keep one row per school and year", map[string]any{"School": strconv.Quote(r.School), "Year": r.Year, "Line": line})
		}
		seen[k] = g.pos[i]
		out = append(out, r)
	}
	return out, nil
}

// resourceAt reads value f of row i into r: unknown when the column is
// absent or the cell empty, ×10000 when the header is in 万元.
func (g *grid) resourceAt(i int, h *header, r *model.Resources, f model.ResourceField) error {
	col := h.cols[2+int(f)]
	if col < 0 {
		return nil
	}
	name := f.Key()
	v, ok, err := parseNumber(g.cell(i, col))
	switch {
	case err != nil:
		return g.errAtf(i, col, h, name, "input.not_number", "{{.Problem}}; {{.Name}} must be a number ≥ 0", map[string]any{"Problem": problem(err), "Name": colWord(name)})
	case !ok:
		return nil
	case v < 0:
		return g.errAtf(i, col, h, name, "input.negative", "{{.Name}} is negative ({{.Value}}); enter a number ≥ 0 or leave it empty if unknown", map[string]any{"Name": colWord(name), "Value": v})
	}
	if strings.Contains(h.names[col], "万元") {
		v *= 10000
	}
	r.Set(f, v)
	return nil
}

// ResolveResources rewrites each row's School to a school id as
// ResolveSchools does for the history; rows of unknown schools are
// dropped and reported.
func ResolveResources(rows []model.Resources, schools []model.School) ([]model.Resources, *Report) {
	recs := make([]model.Enrollment, len(rows))
	for i, r := range rows {
		recs[i] = model.Enrollment{School: r.School, Year: r.Year, Grade: model.Grade(i)}
	}
	resolved, rep := ResolveSchools(recs, schools)
	out := make([]model.Resources, 0, len(resolved))
	for _, e := range resolved {
		r := rows[int(e.Grade)]
		r.School = e.School
		out = append(out, r)
	}
	return out, rep
}
