package ingest

import (
	"cmp"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
)

// ReadSchools reads school sites (Points; Polygons are replaced by a
// point inside them) from a file of any format FormatOf knows. name is
// the path; data is the GeoJSON content already read, or nil to read the
// file (the only way for Shapefiles, KML/KMZ and GeoPackages). The error is a *model.InputError when the file cannot be read
// at all; everything else is in the Report.
func ReadSchools(name string, data []byte, opt Options) ([]model.School, *Report, error) {
	rep := &Report{}
	c, err := readLayerFile(name, data, opt, wantPoints, rep)
	if err != nil {
		return nil, rep, err
	}
	m := c.mapping(Schools, opt.Map, rep)
	ids := newIDMaker(name, "S", 3)
	var out []model.School
	levelFromName := 0
	levels := newLevelReader(name, opt.Values)
	for i := range c.features {
		f := &c.features[i]
		s := model.School{Public: true}
		s.ID = ids.id(f, m[FieldID], rep)
		s.Name, _ = f.get(m[FieldName])
		s.Name = strings.TrimSpace(s.Name)
		if s.Name == "" {
			rep.add(Issue{Severity: Warning, Code: CodeMissingName, File: name, Feature: f.index, ID: s.ID, Field: m[FieldName],
				Args: map[string]any{}, Message: "school has no name; used its id"})
			s.Name = s.ID
		}
		switch g := f.geom.(type) {
		case orb.Point:
			s.Location = g
		case orb.Polygon:
			f.geom = orb.MultiPolygon{g}
		}
		if mp, ok := f.geom.(orb.MultiPolygon); ok {
			mp, _ = geo.RepairMultiPolygon(mp)
			if len(mp) == 0 {
				rep.add(Issue{Severity: Warning, Code: CodeBadGeometry, File: name, Feature: f.index, ID: s.ID,
					Args:    map[string]any{"Case": "school-polygon", "Detail": ""},
					Message: "skipped: the school is an empty or degenerate polygon; give it a Point location"})
				continue
			}
			s.Location = geo.LabelPoint(mp)
			rep.add(Issue{Severity: Warning, Code: CodeWrongGeometry, File: name, Feature: f.index, ID: s.ID,
				Args:    wrongGeometry("school-polygon", "point", 0, "Polygon"),
				Message: "school given as a polygon; placed it at a point inside the polygon"})
		}
		if v, ok := f.get(m[FieldLevel]); ok && strings.TrimSpace(v) != "" {
			s.Level = levels.read(f.index, strings.TrimSpace(v), s.Name, s.ID, m[FieldLevel], rep)
		} else if l, ok := levelFromText(s.Name); ok {
			s.Level = l
			levelFromName++
		}
		s.Capacity, _ = c.count(f, s.ID, m[FieldCapacity], rep)
		s.Classrooms, _ = c.count(f, s.ID, m[FieldClassrooms], rep)
		if v, ok := f.get(m[FieldBoarding]); ok && strings.TrimSpace(v) != "" {
			b, ok := parseYesNo(v)
			if !ok {
				rep.add(Issue{Severity: Warning, Code: CodeBadNumber, File: name, Feature: f.index, ID: s.ID, Field: m[FieldBoarding],
					Args:    badNumber("boarding", v, ""),
					Message: fmt.Sprintf("boarding %q is not 是/否; read as 否", v)})
			}
			s.Boarding = b
		}
		s.Township, _ = f.get(m[FieldTownship])
		s.Address, _ = f.get(m[FieldAddress])
		s.Phone, _ = f.get(m[FieldPhone])
		if v, ok := f.get(m[FieldPublic]); ok && strings.TrimSpace(v) != "" {
			p, ok := parsePublic(v)
			if !ok {
				rep.add(Issue{Severity: Warning, Code: CodeBadNumber, File: name, Feature: f.index, ID: s.ID, Field: m[FieldPublic],
					Args:    badNumber("public", v, ""),
					Message: fmt.Sprintf("办学性质 %q is not 公办/民办; read as 公办", v)})
				p = true
			}
			s.Public = p
			s.Inclusive = strings.Contains(v, "普惠") // 普惠性民办
		}
		if v, ok := f.get(m[FieldInclusive]); ok && strings.TrimSpace(v) != "" {
			s.Inclusive, _ = parseYesNo(v)
			s.Inclusive = s.Inclusive || strings.Contains(v, "普惠")
		}
		s.Attrs = attrs(f, m)
		out = append(out, s)
	}
	ids.summary(rep, "schools")
	levels.summary(rep)
	if levelFromName > 0 {
		rep.add(Issue{Severity: Info, Code: CodeLevelFromName, File: name,
			Args:    map[string]any{"Case": "summary", "Value": "", "Level": model.LevelUnknown, "Name": "", "N": levelFromName},
			Message: fmt.Sprintf("no level field; took the level of %d school(s) from their names (…小学, …初中); map one with --map schools.level=学段", levelFromName)})
	}
	c.summary(rep, len(out), "schools")
	return out, rep, nil
}

// ReadZones reads residential zones (Polygon/MultiPolygon) from a file
// of any format FormatOf knows (name and data as for ReadSchools), repairing geometry (geo.RepairMultiPolygon) and
// reporting each repair.
func ReadZones(name string, data []byte, opt Options) ([]model.Zone, *Report, error) {
	zones, _, rep, err := readZones(name, data, opt)
	return zones, rep, err
}

// readZones is ReadZones that also returns each zone's 1-based feature
// position, for the reports of later steps (ResolveZoneSchools).
func readZones(name string, data []byte, opt Options) ([]model.Zone, []int, *Report, error) {
	rep := &Report{}
	c, err := readLayerFile(name, data, opt, wantPolygons, rep)
	if err != nil {
		return nil, nil, rep, err
	}
	m := c.mapping(Zones, opt.Map, rep)
	ids := newIDMaker(name, "Z", 4)
	var out []model.Zone
	var feats []int
	quiet := map[string]int{}
	repaired := repairAll(c.features)
	for i := range c.features {
		f := &c.features[i]
		z := model.Zone{}
		z.ID = ids.id(f, m[FieldID], rep)
		mp, notes := repaired[i].mp, repaired[i].notes
		routine := map[string]bool{}
		for _, n := range notes {
			if n.Code == geo.NoteOrientation || n.Code == geo.NoteDuplicates {
				routine[n.Code] = true // routine (shapefile rings are clockwise): summarised below, per zone
				continue
			}
			// One issue per repaired, split or dropped part, with the feature index.
			rep.add(Issue{Severity: Warning, Code: n.Code, File: name, Feature: f.index, ID: z.ID, Args: noteArgs(n), Message: n.Msg + repairHint(n.Code)})
		}
		for code := range routine {
			quiet[code]++
		}
		if len(mp) == 0 {
			rep.add(Issue{Severity: Warning, Code: CodeBadGeometry, File: name, Feature: f.index, ID: z.ID,
				Args:    map[string]any{"Case": "zone-empty", "Detail": ""},
				Message: "skipped: no valid polygon left after repair; redraw the zone"})
			continue
		}
		if detail := tooLarge(mp); detail != "" {
			rep.add(tooLargeIssue(name, f.index, z.ID, detail))
			continue
		}
		z.Geometry = mp
		z.Name, _ = f.get(m[FieldName])
		z.Name = strings.TrimSpace(z.Name)
		z.Population, _ = c.count(f, z.ID, m[FieldPopulation], rep)
		z.Households, _ = c.count(f, z.ID, m[FieldHouseholds], rep)
		z.Dwellings, _ = c.count(f, z.ID, m[FieldDwellings], rep)
		var known bool
		z.PrimaryAge, known = c.count(f, z.ID, m[FieldPrimaryAge], rep)
		z.PrimaryAgeKnown = known && z.PrimaryAge == 0
		z.JuniorAge, known = c.count(f, z.ID, m[FieldJuniorAge], rep)
		z.JuniorAgeKnown = known && z.JuniorAge == 0
		z.PreschoolAge, known = c.count(f, z.ID, m[FieldPreschoolAge], rep)
		z.PreschoolAgeKnown = known && z.PreschoolAge == 0
		z.PrimarySchool, _ = f.get(m[FieldPrimarySchool])
		z.JuniorSchool, _ = f.get(m[FieldJuniorSchool])
		z.Township, _ = f.get(m[FieldTownship])
		if z.Name == "" {
			// An attendance-area file names each area by its school.
			z.Name = cmp.Or(strings.TrimSpace(z.PrimarySchool), strings.TrimSpace(z.JuniorSchool), z.ID)
		}
		z.Attrs = attrs(f, m)
		out = append(out, z)
		feats = append(feats, f.index)
	}
	ids.summary(rep, "zones")
	if n := quiet[geo.NoteOrientation]; n > 0 {
		rep.add(Issue{Severity: Info, Code: geo.NoteOrientation, File: name, Args: map[string]any{"N": n},
			Message: fmt.Sprintf("reoriented the rings of %d zone(s): outer rings counter-clockwise, holes clockwise (RFC 7946)", n)})
	}
	if n := quiet[geo.NoteDuplicates]; n > 0 {
		rep.add(Issue{Severity: Info, Code: geo.NoteDuplicates, File: name, Args: map[string]any{"N": n},
			Message: fmt.Sprintf("dropped repeated consecutive vertices in %d zone(s)", n)})
	}
	if m[FieldPopulation] == "" {
		rep.add(Issue{Severity: Warning, Code: CodeNoPopulation, File: name, Field: FieldPopulation,
			Args:    map[string]any{"Fields": fieldList(c.names)},
			Message: fmt.Sprintf("no population field among %s; zones loaded with population 0 — map one with --map zones.population=常住人口 (your field name)", quoteList(c.names))})
	}
	c.summary(rep, len(out), "zones")
	return out, feats, rep, nil
}

// noteArgs copies the Args of a repair note, with Part 0 when the
// geometry has a single part, so every issue of a code has the same Args.
func noteArgs(n geo.Note) map[string]any {
	args := map[string]any{"Part": 0}
	for k, v := range n.Args {
		args[k] = v
	}
	return args
}

func repairHint(code string) string {
	switch code {
	case geo.NoteSelfIntersection, geo.NotePartsOverlap, geo.NoteHoleClipped, geo.NotePartRepaired:
		return " — check the zone's outline in QGIS"
	case geo.NoteRingClosed:
		return ""
	}
	return ""
}

// fieldList is quoteList for Args: "" when there are no names (the
// templates say so in their own language).
func fieldList(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return quoteList(names)
}

func quoteList(names []string) string {
	if len(names) == 0 {
		return "(no properties)"
	}
	q := make([]string, 0, len(names))
	for i, n := range names {
		if i == 12 {
			q = append(q, "…")
			break
		}
		q = append(q, fmt.Sprintf("%q", n))
	}
	return strings.Join(q, ", ")
}

// mapping guesses the field mapping, applies overrides and reports both.
func (c *collection) mapping(l Layer, over Mapping, rep *Report) Mapping {
	m := GuessMapping(l, c.names).apply(over)
	present := map[string]bool{}
	for _, n := range c.names {
		present[n] = true
	}
	for field, src := range over {
		if src != "" && src != "-" && !present[src] {
			rep.add(Issue{Severity: Error, Code: CodeMapOverrideUnused, File: c.file, Field: src,
				Args:    map[string]any{"Layer": string(l), "Target": field, "Source": src, "Fields": fieldList(c.names)},
				Message: fmt.Sprintf("--map %s.%s=%s: the file has no property %q; its properties are %s", l, field, src, src, quoteList(c.names))})
		}
	}
	rep.add(Issue{Severity: Info, Code: CodeFieldMapping, File: c.file,
		Args: map[string]any{"Layer": string(l), "Fields": m.String()}, Message: fmt.Sprintf("%s fields: %s", l, orNone(m.String()))})
	return m
}

func orNone(s string) string {
	if s == "" {
		return "(none recognised)"
	}
	return s
}

func (c *collection) summary(rep *Report, n int, layer string) {
	rep.add(Issue{Severity: Info, Code: CodeFeatureCount, File: c.file,
		Args:    map[string]any{"N": n, "Layer": layer, "CRS": c.crs.String()},
		Message: fmt.Sprintf("read %d %s (coordinates %s → lon/lat)", n, layer, c.crs)})
}

// repairResult is one zone's geo.RepairMultiPolygon result.
type repairResult struct {
	mp    orb.MultiPolygon
	notes []geo.Note
}

// repairAll repairs every feature's multipolygon, on all cores: repair
// (mostly validation, for valid zones) is the costliest step of reading a
// large zones file, and zones are independent.
func repairAll(features []feature) []repairResult {
	out := make([]repairResult, len(features))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(features); i = int(next.Add(1) - 1) {
				mp, notes := geo.RepairMultiPolygon(features[i].geom.(orb.MultiPolygon))
				out[i] = repairResult{mp, notes}
			}
		})
	}
	wg.Wait()
	return out
}

// tooLargeIssue reports a zone skipped by tooLarge.
func tooLargeIssue(file string, feature int, id, detail string) Issue {
	return Issue{Severity: Warning, Code: CodeBadGeometry, File: file, Feature: feature, ID: id,
		Args:    map[string]any{"Case": "too-large", "Detail": detail},
		Message: "skipped: the zone has " + detail + ", more than a project file holds; simplify it in QGIS (Vector → Geometry Tools → Simplify)"}
}

// tooLarge says what of a zone exceeds the limits a project file's
// geometry must keep (gpkg.MaxVertices, gpkg.MaxParts; the same limits
// Open enforces), "" when it fits: an import must not write a zone that no
// later command could read.
func tooLarge(mp orb.MultiPolygon) string {
	vertices, parts := 0, len(mp)
	for _, p := range mp {
		parts += len(p)
		for _, r := range p {
			vertices += len(r)
		}
	}
	switch {
	case vertices > gpkg.MaxVertices:
		return fmt.Sprintf("%d vertices (limit %d)", vertices, gpkg.MaxVertices)
	case parts > gpkg.MaxParts:
		return fmt.Sprintf("%d rings and polygons (limit %d)", parts, gpkg.MaxParts)
	}
	return ""
}
