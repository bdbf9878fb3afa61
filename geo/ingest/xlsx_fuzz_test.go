package ingest

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// xlsxSeeds are small workbooks in the layouts the readers know.
func xlsxSeeds(t testing.TB) map[string][]byte {
	schools := []model.School{{ID: "S1", Name: "城关小学"}, {ID: "S2", Name: "城关中学"}, {ID: "S3", Name: "新区九年一贯制学校"}}
	var hist []model.Enrollment
	for y := 2023; y <= 2024; y++ {
		for g := model.Grade(1); g <= 9; g++ {
			for _, s := range schools {
				if (s.ID == "S1" && g > 6) || (s.ID == "S2" && g < 7) {
					continue
				}
				hist = append(hist, model.Enrollment{School: s.ID, Year: y, Grade: g, Students: 40 + int(g) + y%10, Classes: 1})
			}
		}
	}
	return map[string][]byte{
		"bureau":  bureauWorkbook(t, schools, hist),
		"yearcol": yearColumnWorkbook(t, schools, hist),
		"long": buildXLSX(t, xlsxSheet{name: "Sheet1", rows: [][]any{{"在校生"}, {"学校", "年份", "年级", "学生数", "班级数"},
			{"S1", 2024, "一年级", 113, 2}, {"S1", "2024学年", 2, "90", ""}, {"S2", 45566, "初一", 0, ""}}}),
		"bad":     buildXLSX(t, xlsxSheet{name: "x", rows: [][]any{{"学校", "年份", "一年级"}, {"A", 2024, -3}}}),
		"xls":     []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"),
		"notxlsx": []byte("PK\x03\x04\x14\x00\x00\x00"),
	}
}

// sheetXMLSeeds are the first worksheet XML of each seed workbook, for
// FuzzReadHistorySheetXML, which mutates the XML inside a valid zip.
func sheetXMLSeeds(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for name, wb := range xlsxSeeds(t) {
		zr, err := zip.NewReader(bytes.NewReader(wb), int64(len(wb)))
		if err != nil {
			continue
		}
		for _, f := range zr.File {
			if f.Name == "xl/worksheets/sheet1.xml" {
				r, _ := f.Open()
				b, _ := io.ReadAll(r)
				out[name] = b
			}
		}
	}
	out["merges"] = []byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>学校</t></is></c><c r="B1" t="inlineStr"><is><t>一年级</t></is></c></row>` +
		`<row r="2"><c r="B2" t="inlineStr"><is><t>学生数</t></is></c><c r="C2" t="inlineStr"><is><t>班数</t></is></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>A</t></is></c><c r="B3"><v>40</v></c><c r="C3"><v>1</v></c></row>` +
		`</sheetData><mergeCells count="2"><mergeCell ref="A1:A2"/><mergeCell ref="B1:C1"/></mergeCells></worksheet>`)
	out["farrow"] = []byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>学校</t></is></c><c r="B1" t="inlineStr"><is><t>G1</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2"><v>40</v></c></row>` +
		`<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>` +
		`</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`)
	return out
}

// withSheetXML returns the base workbook with its first worksheet
// replaced by sheet (stored, so the bytes reach the XML parser
// unchanged).
func withSheetXML(base, sheet []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		return nil
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
		if f.Name == "xl/worksheets/sheet1.xml" {
			w.Write(sheet)
			continue
		}
		r, _ := f.Open()
		io.Copy(w, r)
	}
	zw.Close()
	return buf.Bytes()
}

func TestWriteXLSXFuzzSeeds(t *testing.T) {
	if os.Getenv("XUEQU_WRITE_SEEDS") == "" {
		t.Skip("set XUEQU_WRITE_SEEDS=1 to regenerate testdata/fuzz seeds")
	}
	for fuzz, seeds := range map[string]map[string][]byte{"FuzzReadHistoryXLSX": xlsxSeeds(t), "FuzzReadHistorySheetXML": sheetXMLSeeds(t), "FuzzReadBirthsCSV": zoneYearSeeds(t)} {
		writeFuzzSeeds(t, fuzz, seeds)
	}
}

// checkHistory fails on a record no reader may return.
func checkHistory(t *testing.T, h []model.Enrollment) {
	for _, e := range h {
		if e.School == "" || !e.Grade.Valid() || e.Students < 0 || e.Classes < 0 || e.Year < 1900 || e.Year > 2200 {
			t.Fatalf("invalid record %+v", e)
		}
	}
}

// FuzzReadHistoryXLSX: any bytes named .xlsx give an *model.InputError or
// valid records — never a panic.
func FuzzReadHistoryXLSX(f *testing.F) {
	for _, b := range xlsxSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		h, _, err := ReadHistoryWith("h.xlsx", data, TableOptions{Year: 2024})
		checkInputErr(t, err)
		checkHistory(t, h)
	})
}

// FuzzReadHistorySheetXML mutates the worksheet XML of a valid workbook,
// where byte-level mutation of the zip would mostly hit its checksums.
func FuzzReadHistorySheetXML(f *testing.F) {
	base := xlsxSeeds(f)["bad"]
	for _, b := range sheetXMLSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, sheet []byte) {
		h, _, err := ReadHistoryWith("h.xlsx", withSheetXML(base, sheet), TableOptions{Year: 2024})
		checkInputErr(t, err)
		checkHistory(t, h)
	})
}

func zoneYearSeeds(t testing.TB) map[string][]byte {
	return map[string][]byte{
		"long":      []byte("小区,年份,出生人口\nZ1,2018,120\nZ2,2019年,1,200\n"),
		"byyear":    gbk(t, "各小区出生人口统计\n小区编码,出生人口,,\n,2018年,2019年,2020年\nZ1,120,—,0\nZ2,80,85,90\n合计,200,85,90\n"),
		"housing":   []byte("片区,2025年交付套数,2026年交付套数\nZ1,300,\n"),
		"dupyears":  []byte("zone,2018,2018年,1900\nZ1,1,2,3\n"),
		"negative":  []byte("zone,2018\nZ1,-4\n"),
		"noyearcol": []byte("小区,人口\nZ1,3\n"),
	}
}

// FuzzReadBirthsCSV: births and housing tables (long or one column per
// year) give an *model.InputError or valid rows.
func FuzzReadBirthsCSV(f *testing.F) {
	for _, b := range zoneYearSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, _, err := ReadBirths("b.csv", data)
		checkInputErr(t, err)
		for _, x := range b {
			if x.Zone == "" || x.Births < 0 || !validYear(x.Year) {
				t.Fatalf("invalid row %+v", x)
			}
		}
		h, _, err := ReadHousing("d.csv", data)
		checkInputErr(t, err)
		for _, x := range h {
			if x.Zone == "" || x.Dwellings < 0 || !validYear(x.Year) {
				t.Fatalf("invalid row %+v", x)
			}
		}
	})
}
