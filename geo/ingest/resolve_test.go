package ingest

import (
	"slices"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// A county's zones table names its schools the way people write them;
// the schools layer uses the full official names.
func TestResolveZoneSchoolsVariants(t *testing.T) {
	schools := []model.School{
		{ID: "3601001", Name: "城关镇第一小学", Level: model.LevelPrimary},
		{ID: "3601002", Name: "城关镇第二小学", Level: model.LevelPrimary},
		{ID: "3601003", Name: "某某县实验小学（本部）", Level: model.LevelPrimary},
		{ID: "3601004", Name: "城关初级中学", Level: model.LevelJunior},
		{ID: "3601005", Name: "长堤九年一贯制学校", Level: model.LevelNineYear},
		{ID: "3601006", Name: "Catonsville Elementary School", Level: model.LevelPrimary},
		{ID: "3601007", Name: "Arbor Heights (interim at Boren)", Level: model.LevelPrimary},
		{ID: "3601008", Name: "城关第一中学", Level: model.LevelJunior},
	}
	cases := []struct{ written, want string }{
		{"3601001", "3601001"},                // id
		{"城关镇第一小学", "3601001"},                // exact name
		{"城关镇 第一小学", "3601001"},               // spaces
		{"城关一小", "3601001"},                   // abbreviation
		{"城关二小", "3601002"},                   //
		{"实验小学", "3601003"},                   // place prefix and bracket note
		{"某某县实验小学", "3601003"},                //
		{"长堤九年制学校", "3601005"},                // 九年一贯制 / 九年制
		{"Catonsville ES", "3601006"},         // ES suffix
		{"catonsville elementary", "3601006"}, // case
		{"Arbor Heights", "3601007"},          // bracket note
		{"ＣＡＴＯＮＳＶＩＬＬＥ　ＥＳ", "3601006"},         // full width
		{"不存在小学", ""},                         // nothing like it
		{"城关三小", ""},                          // close but not there
	}
	zones := make([]model.Zone, len(cases))
	for i, c := range cases {
		zones[i] = model.Zone{ID: c.written, PrimarySchool: c.written}
	}
	rep := ResolveZoneSchools("zones.shp", zones, nil, schools, nil)
	for i, c := range cases {
		if got := zones[i].PrimarySchool; got != c.want {
			t.Errorf("%q → %q, want %q", c.written, got, c.want)
		}
	}
	var unresolved []string
	for _, u := range rep.Unresolved {
		unresolved = append(unresolved, u.Value)
	}
	if !slices.Equal(unresolved, []string{"不存在小学", "城关三小"}) {
		t.Errorf("unresolved %v", unresolved)
	}
	for _, u := range rep.Unresolved {
		if u.Value == "城关三小" && (len(u.Suggestions) == 0 || !strings.HasPrefix(u.Suggestions[0], "城关镇第")) {
			t.Errorf("城关三小: suggestions %v, want the 城关 schools first", u.Suggestions)
		}
	}
	if got := zones[len(cases)-1].Attrs[FieldPrimarySchool]; got != "城关三小" {
		t.Errorf("the written value of an unresolved zone is kept in Attrs: %q", got)
	}
}

// A junior catchment takes junior or nine-year schools: 城关一中 names a
// junior school even if a primary school's name folds the same way.
func TestResolvePrefersFittingStage(t *testing.T) {
	schools := []model.School{
		{ID: "P", Name: "城关第一学校", Level: model.LevelPrimary},
		{ID: "J", Name: "城关第一学校", Level: model.LevelJunior},
	}
	zones := []model.Zone{{ID: "Z", PrimarySchool: "城关第一学校", JuniorSchool: "城关第一学校"}}
	ResolveZoneSchools("z", zones, nil, schools, nil)
	if zones[0].PrimarySchool != "P" || zones[0].JuniorSchool != "J" {
		t.Errorf("got %q / %q", zones[0].PrimarySchool, zones[0].JuniorSchool)
	}
}

// Two schools that fold to the same name are never chosen between.
func TestResolveAmbiguous(t *testing.T) {
	schools := []model.School{
		{ID: "A", Name: "实验小学（东校区）", Level: model.LevelPrimary},
		{ID: "B", Name: "实验小学（西校区）", Level: model.LevelPrimary},
	}
	zones := []model.Zone{{ID: "Z", PrimarySchool: "实验小学"}}
	rep := ResolveZoneSchools("z", zones, []int{7}, schools, nil)
	if zones[0].PrimarySchool != "" || len(rep.Unresolved) != 1 || len(rep.Unresolved[0].Suggestions) != 2 {
		t.Fatalf("ambiguous name was resolved: %q %+v", zones[0].PrimarySchool, rep.Unresolved)
	}
	if is := rep.ByCode(CodeUnresolvedRef); len(is) != 1 || !strings.Contains(is[0].Message, "feature index 6") {
		t.Errorf("report: %v", rep)
	}
}

func TestValueMapFlags(t *testing.T) {
	vm, err := ValueMap{"zones.primary_school": {"a": "b"}}.With([]string{
		"zones.primary_school=Helen X=Hellen X", "schools.level=K-8=nine_year", "zones.junior_school=旧名="})
	if err != nil {
		t.Fatal(err)
	}
	if vm["zones.primary_school"]["Helen X"] != "Hellen X" || vm["zones.primary_school"]["a"] != "b" ||
		vm["schools.level"]["K-8"] != "nine_year" || vm["zones.junior_school"]["旧名"] != "" {
		t.Errorf("%v", vm)
	}
	for _, bad := range []string{"zones.primary_school", "zones.name=a=b", "schools.level=K-8=grade school"} {
		if _, err := (ValueMap{}).With([]string{bad}); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

func TestDecodeTextStrict(t *testing.T) {
	utf := []byte(strings.Repeat("上城区,西湖区,", 50) + "\xff" + "拱墅区")
	d, err := decodeTextBad(utf)
	if err != nil || d.enc != EncUTF8 || d.badCount != 1 || !strings.Contains(string(d.text), "上城区") {
		t.Fatalf("a stray byte flipped the file: enc %s bad %d", d.enc, d.badCount)
	}
	if d.bad[0] != strings.Index(string(utf), "\xff") {
		t.Errorf("bad byte offset %v", d.bad)
	}
	g := gbk(t, "学校,年份\n城关一小,2024\n")
	d, err = decodeTextBad(append([]byte{0xEF, 0xBB, 0xBF}, g...))
	if err != nil || d.enc != EncGB18030BOM || !strings.Contains(string(d.text), "城关一小") {
		t.Errorf("BOM + GBK: %s %q", d.enc, d.text)
	}
	d, _ = decodeTextBad(g)
	if d.enc != EncGB18030 || !strings.Contains(string(d.text), "年份") {
		t.Errorf("GBK: %s", d.enc)
	}
}

func TestNumbersZeroIsZero(t *testing.T) {
	for _, s := range []string{"0", "０", "0人", "0.0"} {
		if n, ok, err := parseCount(s); n != 0 || !ok || err != nil {
			t.Errorf("%q: %d %v %v, want a known 0", s, n, ok, err)
		}
	}
	for _, s := range []string{"", "—", "/", "无", "null", "N/A", "-"} {
		if _, ok, err := parseCount(s); ok || err != nil {
			t.Errorf("%q: want unknown", s)
		}
	}
	for s, want := range map[string]int{"1,234人": 1234, "１，２３４": 1234, "1 234": 1234} {
		if n, ok, err := parseCount(s); n != want || !ok || err != nil {
			t.Errorf("%q: %d", s, n)
		}
	}
}

// Births and housing tables often name 小区 rather than code them.
func TestResolveZoneRefsByName(t *testing.T) {
	zones := []model.Zone{{ID: "Z1", Name: "阳光小区"}, {ID: "Z2", Name: "幸福家园"}, {ID: "Z3", Name: "幸福家园"}}
	refs := []string{"Z1", "阳光小区", " 阳光 小区 ", "幸福家园", "无此小区"}
	rep := &Report{}
	resolveZoneRefs(rep, "births.xlsx", zones, func(yield func(*string)) {
		for i := range refs {
			yield(&refs[i])
		}
	})
	want := []string{"Z1", "Z1", "Z1", "幸福家园", "无此小区"} // an ambiguous name is not chosen
	if !slices.Equal(refs, want) {
		t.Errorf("got %q, want %q", refs, want)
	}
	if n := len(rep.ByCode(CodeUnknownZone)); n != 2 {
		t.Errorf("%d unknown-zone warnings, want 2 (the ambiguous and the missing)\n%s", n, rep)
	}
}
