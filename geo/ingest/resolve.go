package ingest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuequ/xuequ/model"
)

// ValueMap holds the user's replacements for values that matched nothing,
// per "layer.field" key ("zones.primary_school", "schools.level"): value
// as written in the file → value to use instead (a school id or name for
// a reference field, a level name for schools.level; "" = leave empty).
// It comes from --map-value flags or the import wizard and is saved in
// the project, so a re-import repeats it.
type ValueMap map[string]map[string]string

// Unresolved is one distinct value of a reference or enumerated field
// (a zone's 对口小学/对口初中, a school's 学段) that matched nothing. The
// import report lists each once; the wizard offers a picker for each.
type Unresolved struct {
	Layer Layer
	Field string // canonical field: FieldPrimarySchool, FieldJuniorSchool, FieldLevel
	Value string // as written in the file
	// Count is how many features use the value; Features their 1-based
	// positions (the first few hundred).
	Count    int
	Features []int
	// Suggestions are the closest candidates, best first: school names
	// (by edit distance on normalised names) or level names.
	Suggestions []string
}

// Key is the ValueMap key of the field: "zones.primary_school".
func (u Unresolved) Key() string { return string(u.Layer) + "." + u.Field }

// refField is one reference field of the zones: the stage it assigns and
// which schools can take it.
type refField struct {
	field string
	stage model.Level
}

var zoneRefs = []refField{{FieldPrimarySchool, model.LevelPrimary}, {FieldJuniorSchool, model.LevelJunior}}

// fitsStage: a primary catchment takes primary and nine-year schools, a
// junior one junior and nine-year schools.
func fitsStage(stage model.Level) func(*model.School) bool {
	return func(s *model.School) bool { return s.Level == stage || s.Level == model.LevelNineYear }
}

// multiSep splits a cell naming several schools (多校划片 written as
// "城关一小、城关二小").
var multiSep = strings.NewReplacer("，", ",", "、", ",", "；", ",", ";", ",", "|", ",", "/", ",")

// maxListed bounds the feature indices an issue lists.
const maxListed = 20

// ResolveZoneSchools links each zone's catchment schools (PrimarySchool,
// JuniorSchool as the file wrote them: an id, a code or a name) to school
// ids: by id, then exact name, then the name tiers of schoolIndex; values
// in values (ValueMap, "zones.primary_school" → {written: replacement})
// are replaced first. features[i] is zone i's 1-based feature position
// (nil = unknown). Every value that matches no school, or several, is
// reported once with the zones using it and the closest school names, and
// listed in Report.Unresolved; its zones are left unassigned for that
// stage with the written value kept in Attrs.
func ResolveZoneSchools(file string, zones []model.Zone, features []int, schools []model.School, values ValueMap) *Report {
	rep := &Report{}
	ix := newSchoolIndex(schools)
	for _, rf := range zoneRefs {
		key := string(Zones) + "." + rf.field
		fits := fitsStage(rf.stage)
		type group struct {
			count int
			feats []int
			kind  matchKind
			cands []int
		}
		unresolved := map[string]*group{}
		var order []string
		loose := map[string]int{}
		var empty, multi []int
		emptyN, multiN, mapped, looseN := 0, 0, 0, 0
		seen := map[string]bool{}
		for i := range zones {
			z := &zones[i]
			ref := &z.PrimarySchool
			if rf.stage == model.LevelJunior {
				ref = &z.JuniorSchool
			}
			feat := i + 1
			if features != nil {
				feat = features[i]
			}
			written := strings.TrimSpace(*ref)
			v := written
			seen[written] = true
			if r, ok := values[key][written]; ok {
				mapped++
				v = strings.TrimSpace(r)
				if v == "" { // the user chose to leave it empty
					*ref = ""
					continue
				}
			}
			if v == "" {
				*ref = ""
				emptyN++
				if len(empty) < maxListed {
					empty = append(empty, feat-1)
				}
				continue
			}
			idx, kind, cands := ix.resolve(v, fits)
			if idx < 0 && kind == matchNone {
				if parts := strings.Split(multiSep.Replace(v), ","); len(parts) > 1 {
					if j, k, _ := ix.resolve(parts[0], fits); j >= 0 {
						idx, kind = j, k
						multiN++
						if len(multi) < maxListed {
							multi = append(multi, feat-1)
						}
					}
				}
			}
			if idx >= 0 {
				*ref = schools[idx].ID
				if kind == matchLoose || kind == matchFolded {
					if _, seen := loose[written]; !seen {
						loose[written] = idx
						if kind == matchLoose {
							looseN++
						}
						rep.add(Issue{Severity: Info, Code: CodeZoneSchoolMatched, File: file, Field: rf.field,
							Args:    map[string]any{"Value": written, "ID": schools[idx].ID, "Name": schools[idx].Name, "Loose": kind == matchLoose, "Key": key},
							Message: zoneMatchedMessage(written, schools[idx].ID, schools[idx].Name, kind == matchLoose, key)})
					}
				}
				continue
			}
			*ref = ""
			if z.Attrs == nil {
				z.Attrs = map[string]string{}
			}
			z.Attrs[rf.field] = written
			g := unresolved[written]
			if g == nil {
				g = &group{kind: kind, cands: cands}
				unresolved[written] = g
				order = append(order, written)
			}
			g.count++
			if len(g.feats) < 200 {
				g.feats = append(g.feats, feat)
			}
		}
		for _, w := range order {
			g := unresolved[w]
			var sugg []string
			if g.kind == matchAmbiguous {
				for _, c := range g.cands {
					sugg = append(sugg, schools[c].Name)
				}
			} else {
				sugg = ix.suggest(w, fits, 3)
			}
			rep.Unresolved = append(rep.Unresolved, Unresolved{Layer: Zones, Field: rf.field, Value: w, Count: g.count, Features: g.feats, Suggestions: sugg})
			idxs := zeroBased(g.feats, maxListed)
			ambiguous := g.kind == matchAmbiguous
			suggs := strings.Join(sugg, "、")
			rep.add(Issue{Severity: Warning, Code: CodeUnresolvedRef, File: file, Field: rf.field,
				Args:    map[string]any{"Value": w, "N": g.count, "Features": idxs, "Ambiguous": ambiguous, "Suggestions": suggs, "Key": key},
				Message: unresolvedMessage(w, g.count, idxs, ambiguous, suggs, key)})
		}
		reportValueMap(rep, file, key, values[key], mapped, seen)
		if looseN > 0 {
			rep.add(Issue{Severity: Warning, Code: CodeLooseMatches, File: file, Field: rf.field,
				Args:    map[string]any{"N": looseN, "Key": key},
				Message: fmt.Sprintf("%d value(s) of %s matched a school only by a loose comparison of names (each is listed as a note): check them", looseN, key)})
		}
		if multiN > 0 {
			rep.add(Issue{Severity: Warning, Code: CodeMultiValued, File: file, Field: rf.field,
				Args:    map[string]any{"N": multiN, "Features": zeroBasedIdx(multi, multiN)},
				Message: fmt.Sprintf("%d zone(s) name several schools in one cell (feature index %s); took the first — a zone belongs to one school per stage", multiN, zeroBasedIdx(multi, multiN))})
		}
		if emptyN > 0 && emptyN < len(zones) {
			rep.add(Issue{Severity: Warning, Code: CodeEmptyRef, File: file, Field: rf.field,
				Args:    map[string]any{"N": emptyN, "Features": zeroBasedIdx(empty, emptyN), "Stage": stageWord(rf.stage)},
				Message: fmt.Sprintf("%d zone(s) have no %s school (feature index %s); they stay unassigned (未划片) until you draw them", emptyN, stageWord(rf.stage), zeroBasedIdx(empty, emptyN))})
		}
	}
	return rep
}

func stageWord(stage model.Level) string {
	if stage == model.LevelJunior {
		return "junior"
	}
	return "primary"
}

// zeroBased lists 1-based feature positions as the 0-based indices QGIS
// shows, at most n of them ("3, 17, 42 …").
func zeroBased(feats []int, n int) string {
	var b strings.Builder
	for i, f := range feats {
		if i == n {
			b.WriteString(" …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(f - 1))
	}
	return b.String()
}

// zeroBasedIdx lists already 0-based indices, with "…" when total is more.
func zeroBasedIdx(idx []int, total int) string {
	one := make([]int, len(idx))
	for i, x := range idx {
		one[i] = x + 1
	}
	s := zeroBased(one, maxListed)
	if total > len(idx) && !strings.HasSuffix(s, "…") {
		s += " …"
	}
	return s
}

// zoneMatchedMessage is the English text of a CodeZoneSchoolMatched issue
// (assets/i18n/ingest.en.json renders the same from its Args).
func zoneMatchedMessage(value, id, name string, loose bool, key string) string {
	how := "ignoring width, case and punctuation"
	if loose {
		how = "by a loose comparison of names (brackets, place names, 第一小学/一小)"
	}
	return fmt.Sprintf("%q matched school %s %q %s; check it, or set it with --map-value %s=\"%s=%s\"", value, id, name, how, key, value, id)
}

// unresolvedMessage is the English text of a CodeUnresolvedRef issue.
func unresolvedMessage(value string, n int, feats string, ambiguous bool, suggs, key string) string {
	msg := fmt.Sprintf("%q (%d zone(s): feature index %s) ", value, n, feats)
	if ambiguous {
		msg += "fits several schools: " + suggs
	} else {
		msg += "matches no school"
		if suggs != "" {
			msg += "; closest: " + suggs
		}
	}
	return msg + fmt.Sprintf("; those zones are left unassigned for this stage — fix the name in the file, choose the school in the import wizard, or pass --map-value %s=\"%s=学校名称\"", key, value)
}

// With returns a copy of m with --map-value flags added:
// "zones.primary_school=Helen X=Hellen X" replaces the value "Helen X" of
// the zones' primary_school field by "Hellen X" (a school id or name);
// "schools.level=K-8=nine_year" reads the level "K-8" as nine-year. The
// value is what stands between the first and the last "=".
func (m ValueMap) With(flags []string) (ValueMap, error) {
	out := ValueMap{}
	for k, vs := range m {
		out[k] = map[string]string{}
		for from, to := range vs {
			out[k][from] = to
		}
	}
	for _, f := range flags {
		key, rest, ok := strings.Cut(f, "=")
		i := strings.LastIndex(rest, "=")
		if !ok || i < 0 {
			return nil, fmt.Errorf("--map-value %q: write it as layer.field=value=replacement, e.g. zones.primary_school=城关一小=城关镇第一小学", f)
		}
		key = strings.ToLower(strings.TrimSpace(key))
		if !validValueKey(key) {
			return nil, fmt.Errorf("--map-value %q: %q is not one of %s", f, key, strings.Join(valueKeys, ", "))
		}
		from, to := strings.TrimSpace(rest[:i]), strings.TrimSpace(rest[i+1:])
		if key == string(Schools)+"."+FieldLevel && to != "" {
			if _, ok := parseLevel(to); !ok {
				return nil, fmt.Errorf("--map-value %q: %q is not a level; use one of %s", f, to, strings.Join(levelChoices, ", "))
			}
		}
		if out[key] == nil {
			out[key] = map[string]string{}
		}
		out[key][from] = to
	}
	return out, nil
}

// valueKeys are the fields whose values a ValueMap can replace.
var valueKeys = []string{"zones." + FieldPrimarySchool, "zones." + FieldJuniorSchool, "schools." + FieldLevel}

func validValueKey(k string) bool {
	for _, v := range valueKeys {
		if k == v {
			return true
		}
	}
	return false
}

// reportValueMap says how many values of key the value map replaced, and
// which of its entries name a value the file does not have (a stale or
// mistyped entry).
func reportValueMap(rep *Report, file, key string, vm map[string]string, mapped int, seen map[string]bool) {
	if mapped > 0 {
		rep.add(Issue{Severity: Info, Code: CodeValueMapped, File: file, Field: key,
			Args: map[string]any{"Key": key, "N": mapped}, Message: fmt.Sprintf("replaced %d value(s) of %s as the value map says", mapped, key)})
	}
	froms := make([]string, 0, len(vm))
	for from := range vm {
		if !seen[from] {
			froms = append(froms, from)
		}
	}
	slices.Sort(froms)
	for _, from := range froms {
		rep.add(Issue{Severity: Info, Code: CodeValueMapUnused, File: file, Field: key, ID: from,
			Args: map[string]any{"Key": key, "Value": from}, Message: fmt.Sprintf("value map %s: %q does not occur in the file", key, from)})
	}
}

var (
	colVMField = csvColumn{name: "field", aliases: []string{"field", "字段", "key"}}
	colVMValue = csvColumn{name: "value", aliases: []string{"value", "原值", "值", "from"}}
	colVMRepl  = csvColumn{name: "replacement", aliases: []string{"replacement", "替换为", "替换值", "to"}, optional: true}
)

// ReadValueMap reads a value map table (CSV): field,value,replacement —
// field is "zones.primary_school", "zones.junior_school" or
// "schools.level"; an empty replacement leaves the value empty.
func ReadValueMap(name string, data []byte) (ValueMap, error) {
	t, err := readCSV(name, data, []csvColumn{colVMField, colVMValue, colVMRepl}, &Report{})
	if err != nil {
		return nil, err
	}
	var flags []string
	for i := range t.rows {
		field := strings.ToLower(t.cell(i, 0))
		if !validValueKey(field) {
			return nil, t.errAt(i, "field", "%q is not one of %s", field, strings.Join(valueKeys, ", "))
		}
		flags = append(flags, field+"="+t.cell(i, 1)+"="+t.cell(i, 2))
	}
	vm, err := ValueMap{}.With(flags)
	if err != nil {
		return nil, &model.InputError{File: name, Msg: err.Error()}
	}
	return vm, nil
}
