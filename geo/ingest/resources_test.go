package ingest

import (
	"errors"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/model"
)

func TestReadResourcesChinese(t *testing.T) {
	csv := "2024年学校办学条件统计表\n" +
		"学校名称,年份,专任教师数,高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,教学及辅助用房面积(平方米),体育运动场馆面积,教学仪器设备值(万元),网络多媒体教室数\n" +
		"城关一小,2024,42,30,5,6,\"3,250.5\",6000,120.5,14\n" +
		"城关一小,2023,40,,4,5,3200,6000,110,12\n" +
		"合计,2024,42,30,5,6,3250.5,6000,120.5,14\n"
	rows, _, err := ReadResources("r.csv", []byte(csv), TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2 (合计 skipped)", len(rows))
	}
	r := rows[0]
	if r.School != "城关一小" || r.Year != 2024 {
		t.Errorf("row %+v", r)
	}
	for f, want := range map[model.ResourceField]float64{model.ResTeachers: 42, model.ResBuildingM2: 3250.5,
		model.ResEquipmentYuan: 1205000, model.ResMultimediaRooms: 14} {
		if v, ok := r.Value(f); !ok || v != want {
			t.Errorf("%s = %v %v, want %v", f.Key(), v, ok, want)
		}
	}
	if _, ok := rows[1].Value(model.ResTeachersQualified); ok {
		t.Error("an empty cell must read as unknown")
	}
}

func TestReadResourcesErrors(t *testing.T) {
	for _, c := range []struct{ csv, want string }{
		{"school,year,teachers\nA,2024,-3\n", "negative"},
		{"school,year,teachers\nA,2024,3\nA,2024,4\n", "second row"},
		{"school,year,remarks\nA,2024,x\n", "no value column"},
		{"school,year,teachers\nA,2024,many\n", `"many" is not a number`},
	} {
		_, _, err := ReadResources("r.csv", []byte(c.csv), TableOptions{})
		var ie *model.InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want an InputError with %q", c.csv, err, c.want)
		}
	}
}

func TestResolveResources(t *testing.T) {
	schools := []model.School{{ID: "S1", Name: "城关镇第一小学"}}
	rows := []model.Resources{{School: "城关镇第一小学", Year: 2024}, {School: "无此校", Year: 2024}}
	got, rep := ResolveResources(rows, schools)
	if len(got) != 1 || got[0].School != "S1" || len(rep.Issues) == 0 {
		t.Errorf("got %+v, report %+v", got, rep.Issues)
	}
}

// Kindergarten grades in a long history: -2/-1/0, 小班/中班/大班, K1/K2/K3.
func TestKindergartenGrades(t *testing.T) {
	csv := "school,year,grade,students\nK,2024,-2,25\nK,2024,中班,30\nK,2024,大班,35\nK,2023,K1,20\nK,2023,K3,21\nK,2023,0,1\n"
	recs, _, err := ReadHistory("h.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Grade{-2, -1, 0, -2, 0, 0}
	for i, e := range recs {
		if e.Grade != want[i] {
			t.Errorf("row %d: grade %d, want %d", i, e.Grade, want[i])
		}
	}
	if _, _, err := ReadHistory("h.csv", []byte("school,year,grade,students\nK,2024,-3,25\n")); err == nil {
		t.Error("grade -3 must be refused")
	}
}

// A wide kindergarten table: 小班/中班/大班 columns with their 班数.
func TestWideKindergarten(t *testing.T) {
	csv := "2024年幼儿园在园幼儿统计表\n学校名称,小班,小班班数,中班,中班班数,大班,大班班数,合计\n城关幼儿园,75,3,90,3,100,3,265\n"
	recs, _, err := ReadHistory("k.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	got := map[model.Grade][2]int{}
	for _, e := range recs {
		got[e.Grade] = [2]int{e.Students, e.Classes}
	}
	if len(recs) != 3 || got[-2] != [2]int{75, 3} || got[-1] != [2]int{90, 3} || got[0] != [2]int{100, 3} || recs[0].Year != 2024 {
		t.Errorf("records %+v", recs)
	}
}

// A two-row header: 专任教师 over 人数 | 其中：高于规定学历 | 其中：县级及以上骨干教师数,
// and 体育艺术专任教师数 beside it, not taken for 专任教师数.
func TestReadResourcesTwoRowHeader(t *testing.T) {
	csv := "学校,年度,专任教师,,,体育艺术专任教师数,教学及辅助用房面积（㎡）\n" +
		",,专任教师数,其中：高于规定学历,其中：县级及以上骨干教师数,,\n" +
		"一小,2024,40,35,4,5,2600\n"
	rows, _, err := ReadResources("r.csv", []byte(csv), TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[model.ResourceField]float64{model.ResTeachers: 40, model.ResTeachersQualified: 35,
		model.ResTeachersBackbone: 4, model.ResTeachersPEArt: 5, model.ResBuildingM2: 2600}
	for f, w := range want {
		if v, ok := rows[0].Value(f); !ok || v != w {
			t.Errorf("%s = %v %v, want %v", f.Key(), v, ok, w)
		}
	}
}
