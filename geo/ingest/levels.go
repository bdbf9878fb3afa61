package ingest

import (
	"fmt"

	"github.com/xuequ/xuequ/model"
)

// levelChoices are what a 学段 value can be mapped to, as the wizard
// offers them and --map-value schools.level="K-8=nine_year" accepts.
var levelChoices = []string{"primary", "junior", "nine_year", "kindergarten", "senior", "other"}

// levelReader reads the 学段 values of one schools file: the value map
// first, then parseLevel, then the school's name; values it cannot read
// are gathered per distinct value and reported once each.
type levelReader struct {
	file    string
	values  map[string]string // schools.level replacements
	unknown map[string]*Unresolved
	order   []string
	mapped  int
	seen    map[string]bool
}

func newLevelReader(file string, values ValueMap) *levelReader {
	return &levelReader{file: file, values: values[string(Schools)+"."+FieldLevel], unknown: map[string]*Unresolved{}, seen: map[string]bool{}}
}

// read returns the level of the school at feature index feat (1-based)
// whose level field says v.
func (lr *levelReader) read(feat int, v, name, id, field string, rep *Report) model.Level {
	lr.seen[v] = true
	if r, ok := lr.values[v]; ok {
		lr.mapped++
		v = r
	}
	l, ok := parseLevel(v)
	if ok && l == model.LevelOther {
		// "Charter School", "Service School": the name may still tell.
		if l2, ok2 := levelFromText(name); ok2 && l2.InK9() {
			l = l2
		}
	}
	if ok {
		return l
	}
	if l2, ok2 := levelFromText(name); ok2 {
		rep.add(Issue{Severity: Info, Code: CodeLevelFromName, File: lr.file, Feature: feat, ID: id, Field: field,
			Args:    map[string]any{"Case": "name", "Value": v, "Level": l2, "Name": name, "N": 1},
			Message: fmt.Sprintf("level %q not recognised; took %s from the name %q", v, l2, name)})
		return l2
	}
	u := lr.unknown[v]
	if u == nil {
		u = &Unresolved{Layer: Schools, Field: FieldLevel, Value: v, Suggestions: levelChoices}
		lr.unknown[v] = u
		lr.order = append(lr.order, v)
	}
	u.Count++
	if len(u.Features) < 200 {
		u.Features = append(u.Features, feat)
	}
	return model.LevelUnknown
}

// summary reports each unreadable value once, with its schools.
func (lr *levelReader) summary(rep *Report) {
	reportValueMap(rep, lr.file, string(Schools)+"."+FieldLevel, lr.values, lr.mapped, lr.seen)
	for _, v := range lr.order {
		u := lr.unknown[v]
		feats := zeroBased(u.Features, maxListed)
		rep.Unresolved = append(rep.Unresolved, *u)
		rep.add(Issue{Severity: Warning, Code: CodeBadLevel, File: lr.file, Field: FieldLevel,
			Args: map[string]any{"Value": v, "N": u.Count, "Features": feats},
			Message: fmt.Sprintf("level %q (%d school(s): feature index %s) not recognised; left unknown, so those schools are outside the class-size rules — map it with --map-value schools.level=\"%s=primary\" (primary, junior, nine_year, kindergarten, senior, other) or choose it in the import wizard",
				v, u.Count, feats, v)})
	}
}
