package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportReportLanguage: the import report prints in the CLI language,
// English exactly as ingest.Issue.String().
func TestImportReportLanguage(t *testing.T) {
	schools := writeFile(t, "schools.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"编码":"S1","名称":"城关第一小学","学段":"小学","学位数":"很多"},"geometry":{"type":"Point","coordinates":[114.005,30.005]}}]}`)
	zones := writeFile(t, "zones.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"编码":"Z1","名称":"阳光小区","人口":800,"对口小学":"S1"},"geometry":{"type":"Polygon","coordinates":[[[114,30],[114.01,30],[114.01,30.01],[114,30.01]]]}}]}`)
	for _, c := range []struct {
		locale string
		want   []string
	}{
		{"zh_CN.UTF-8", []string{
			"警告：" + schools + " 要素 0（S1）字段“学位数”：“很多”不是数字，已按 0 处理，请在源文件中更正",
			"警告：" + zones + " 要素 0（Z1）：外环未闭合，已自动闭合（补上首个顶点）",
			"提示：" + zones + "：读入 1 个片区（坐标 EPSG:4326 → 经纬度）",
		}},
		{"en_US.UTF-8", []string{
			"warning: " + schools + `: feature index 0 (id S1): field "学位数": "很多" is not a number; used 0 — correct the value in the source file`,
			"warning: " + zones + ": feature index 0 (id Z1): outer ring: was not closed; closed it by repeating the first vertex",
			"info: " + zones + ": read 1 zones (coordinates EPSG:4326 → lon/lat)",
		}},
	} {
		t.Run(c.locale, func(t *testing.T) {
			t.Setenv("LC_ALL", c.locale)
			out := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
			code, _, errOut := runCLI(t, "import", "--schools", schools, "--zones", zones, "-o", out)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, "  "+w+"\n") {
					t.Errorf("report lacks\n  %s\ngot:\n%s", w, errOut)
				}
			}
		})
	}
}

func TestVersion(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"--version"}, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "xuequ ") {
		t.Errorf("--version: exit %d, %q %q", code, out.String(), errb.String())
	}
}
