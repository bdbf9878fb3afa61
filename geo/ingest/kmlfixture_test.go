package ingest

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Fixtures under testdata/kml look like what a bureau holds; regenerate
// them with XUEQU_WRITE_FIXTURES=1 go test -run TestWriteKMLFixtures ./geo/ingest.

// ovitalKML is a district drawn in 奥维互动地图 and exported as KMZ:
// Document → Folders 小学 / 初中 / 居住小区 (with a nested Folder) / 道路,
// Styles, ExtendedData and SchemaData, an ArcGIS-style HTML table
// description, MultiGeometry polygons (one nested), a polygon with a hole,
// an unclosed ring with stray spaces and commas, a Placemark with no
// geometry, a road and a gx:Track.
const ovitalKML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2" xmlns:atom="http://www.w3.org/2005/Atom">
<Document>
	<name>城关镇学区规划</name>
	<atom:author><atom:name>奥维互动地图 www.ovital.com</atom:name></atom:author>
	<open>1</open>
	<Style id="school_n"><IconStyle><scale>1.1</scale><Icon><href>files/school.png</href></Icon></IconStyle><LabelStyle><color>ff00ffff</color></LabelStyle></Style>
	<Style id="zone_n"><LineStyle><color>ff0000ff</color><width>2</width></LineStyle><PolyStyle><color>4d00ff00</color></PolyStyle></Style>
	<StyleMap id="school"><Pair><key>normal</key><styleUrl>#school_n</styleUrl></Pair><Pair><key>highlight</key><styleUrl>#school_n</styleUrl></Pair></StyleMap>
	<Schema name="学校属性" id="schoolSchema">
		<SimpleField name="学校代码" type="string"></SimpleField>
		<SimpleField name="学段" type="string"></SimpleField>
		<SimpleField name="学位数" type="int"></SimpleField>
	</Schema>
	<Folder>
		<name>小学</name>
		<Placemark id="pm1">
			<name>城关第一小学</name>
			<styleUrl>#school</styleUrl>
			<ExtendedData>
				<Data name="学校代码"><value>S001</value></Data>
				<Data name="学段"><displayName>学段</displayName><value>小学</value></Data>
				<Data name="学位数"><value>1,350</value></Data>
			</ExtendedData>
			<Point><gx:drawOrder>1</gx:drawOrder><coordinates>114.301234,30.601234,0</coordinates></Point>
		</Placemark>
		<Placemark id="pm2">
			<name>城关第二小学</name>
			<description><![CDATA[<html xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:msxsl="urn:schemas-microsoft-com:xslt">
<head><META http-equiv="Content-Type" content="text/html"><meta http-equiv="content-type" content="text/html; charset=UTF-8"></head>
<body style="margin:0px 0px 0px 0px;overflow:auto;background:#FFFFFF;">
<table style="font-family:Arial,Verdana,Times;font-size:12px;text-align:left;width:100%;border-collapse:collapse;padding:3px 3px 3px 3px">
<tr style="text-align:center;font-weight:bold;background:#9CBCE2"><td>城关第二小学</td></tr>
<tr><td><table style="font-family:Arial,Verdana,Times;font-size:12px;text-align:left;width:100%;border-spacing:0px; padding:3px 3px 3px 3px">
<tr><td>FID</td><td>1</td></tr>
<tr bgcolor="#D4E4F3"><td>学校代码</td><td>S002</td></tr>
<tr><td>学段</td><td>小学</td></tr>
<tr bgcolor="#D4E4F3"><td>学位数</td><td>900</td></tr>
<tr><td>备注</td><td>&lt;空&gt;&nbsp;</td></tr>
</table></td></tr></table></body></html>]]></description>
			<styleUrl>#school</styleUrl>
			<Point><coordinates> 114.3150, 30.6080 </coordinates></Point>
		</Placemark>
		<Placemark>
			<name>北街小学</name>
			<description>2019年新建，含学前部</description>
			<ExtendedData><SchemaData schemaUrl="#schoolSchema">
				<SimpleData name="学校代码">S003</SimpleData>
				<SimpleData name="学段">小学</SimpleData>
				<SimpleData name="学位数">720</SimpleData>
			</SchemaData></ExtendedData>
			<Point><altitudeMode>clampToGround</altitudeMode><coordinates>
				114.2950,30.6150,12.5
			</coordinates></Point>
		</Placemark>
	</Folder>
	<Folder>
		<name>初中</name>
		<Placemark>
			<name>城关中学</name>
			<ExtendedData><SchemaData schemaUrl="#schoolSchema">
				<SimpleData name="学校代码">S101</SimpleData>
				<SimpleData name="学段">初中</SimpleData>
				<SimpleData name="学位数">1500</SimpleData>
			</SchemaData></ExtendedData>
			<Point><coordinates>114.3080,30.6010</coordinates></Point>
		</Placemark>
		<Placemark>
			<name>实验中学</name>
			<ExtendedData><Data name="学校代码"><value>S102</value></Data><Data name="学段"><value>初级中学</value></Data></ExtendedData>
			<Point><coordinates>114.2990,30.5930,0</coordinates></Point>
		</Placemark>
	</Folder>
	<Folder>
		<name>居住小区</name>
		<Folder>
			<name>城东片</name>
			<Placemark>
				<name>阳光小区</name>
				<styleUrl>#zone_n</styleUrl>
				<ExtendedData>
					<Data name="小区编码"><value>Z001</value></Data>
					<Data name="常住人口"><value>3200</value></Data>
					<Data name="对口小学"><value>城关第一小学</value></Data>
					<Data name="对口初中"><value>城关中学</value></Data>
				</ExtendedData>
				<Polygon>
					<tessellate>1</tessellate>
					<outerBoundaryIs><LinearRing><coordinates>
						114.300,30.600,0	114.310,30.600,0
						114.310,30.610,0 114.300,30.610,0
						114.300,30.600,0
					</coordinates></LinearRing></outerBoundaryIs>
					<innerBoundaryIs><LinearRing><coordinates>114.304,30.604,0 114.304,30.606,0 114.306,30.606,0 114.306,30.604,0 114.304,30.604,0</coordinates></LinearRing></innerBoundaryIs>
				</Polygon>
			</Placemark>
			<Placemark>
				<name>幸福里</name>
				<ExtendedData>
					<Data name="小区编码"><value>Z002</value></Data>
					<Data name="常住人口"><value>1500</value></Data>
					<Data name="对口小学"><value>城关第二小学</value></Data>
				</ExtendedData>
				<MultiGeometry>
					<Polygon><outerBoundaryIs><LinearRing><coordinates>114.310,30.600 114.320,30.600 114.320,30.610 114.310,30.610 114.310,30.600</coordinates></LinearRing></outerBoundaryIs></Polygon>
					<Polygon><outerBoundaryIs><LinearRing><coordinates>114.322,30.600 114.325,30.600 114.325,30.603 114.322,30.603 114.322,30.600</coordinates></LinearRing></outerBoundaryIs></Polygon>
				</MultiGeometry>
			</Placemark>
		</Folder>
		<Placemark>
			<name>南湖花园</name>
			<ExtendedData>
				<Data name="小区编码"><value>Z003</value></Data>
				<Data name="常住人口"><value>2,100</value></Data>
				<Data name="对口小学"><value>北街小学</value></Data>
			</ExtendedData>
			<Polygon><outerBoundaryIs><LinearRing><coordinates>114.290,30.590,0, 114.300,30.590,0, 114.300,30.600,0, 114.290,30.600,0,</coordinates></LinearRing></outerBoundaryIs></Polygon>
		</Placemark>
		<Placemark>
			<name>滨江新城</name>
			<ExtendedData><Data name="小区编码"><value>Z004</value></Data><Data name="常住人口"><value>0</value></Data></ExtendedData>
			<MultiGeometry>
				<MultiGeometry>
					<Polygon><outerBoundaryIs><LinearRing><coordinates>114.290,30.600 114.300,30.600 114.300,30.610 114.290,30.610 114.290,30.600</coordinates></LinearRing></outerBoundaryIs></Polygon>
				</MultiGeometry>
				<Polygon><outerBoundaryIs><LinearRing><coordinates>114.280,30.600 114.285,30.600 114.285,30.605 114.280,30.605 114.280,30.600</coordinates></LinearRing></outerBoundaryIs></Polygon>
			</MultiGeometry>
		</Placemark>
		<Placemark>
			<name>待定地块</name>
			<ExtendedData><Data name="小区编码"><value>Z005</value></Data></ExtendedData>
		</Placemark>
	</Folder>
	<Folder>
		<name>道路</name>
		<Placemark>
			<name>解放大道</name>
			<LineString><coordinates>114.28,30.60 114.33,30.60</coordinates></LineString>
		</Placemark>
		<Placemark>
			<name>巡查轨迹</name>
			<gx:Track><when>2024-03-01T08:00:00Z</when><gx:coord>114.30 30.60 0</gx:coord></gx:Track>
		</Placemark>
	</Folder>
</Document>
</kml>
`

// gbkKML is a school list saved by a Chinese converter: GBK bytes,
// encoding="GBK", every element with the kml: prefix, no Folder.
const gbkKML = `<?xml version="1.0" encoding="GBK"?>
<kml:kml xmlns:kml="http://www.opengis.net/kml/2.2">
<kml:Document>
<kml:name>学校分布</kml:name>
<kml:Placemark><kml:name>城关第一小学</kml:name><kml:description>学段：小学</kml:description>
<kml:ExtendedData><kml:Data name="编码"><kml:value>S001</kml:value></kml:Data><kml:Data name="学段"><kml:value>小学</kml:value></kml:Data></kml:ExtendedData>
<kml:Point><kml:coordinates>114.301234,30.601234</kml:coordinates></kml:Point></kml:Placemark>
<kml:Placemark><kml:name>城关中学</kml:name>
<kml:ExtendedData><kml:Data name="编码"><kml:value>S101</kml:value></kml:Data><kml:Data name="学段"><kml:value>初中</kml:value></kml:Data></kml:ExtendedData>
<kml:Point><kml:coordinates>114.3080,30.6010,0</kml:coordinates></kml:Point></kml:Placemark>
</kml:Document>
</kml:kml>
`

// kmzBytes zips kml as doc.kml (with a fixed time, so the bytes are
// reproducible) beside an icon, as Google Earth and 奥维 write KMZ.
func kmzBytes(t testing.TB, kml string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	stamp := time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)
	for _, m := range []struct{ name, body string }{{"doc.kml", kml}, {"files/school.png", "\x89PNG\r\n\x1a\n"}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(m.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// kmlFixtures are the files under testdata/kml, by name.
func kmlFixtures(t testing.TB) map[string][]byte {
	return map[string][]byte{
		"chengguan_ovital.kmz": kmzBytes(t, ovitalKML),
		"schools_gbk.kml":      gbk(t, gbkKML),
	}
}

func TestWriteKMLFixtures(t *testing.T) {
	if os.Getenv("XUEQU_WRITE_FIXTURES") == "" {
		t.Skip("set XUEQU_WRITE_FIXTURES=1 to regenerate testdata/kml and testdata/gpkg")
	}
	dir := filepath.Join("testdata", "kml")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range kmlFixtures(t) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestKMLFixturesCurrent: the committed fixtures are what the generator
// writes (the KML text above is their readable source).
func TestKMLFixturesCurrent(t *testing.T) {
	for name, want := range kmlFixtures(t) {
		got, err := os.ReadFile(filepath.Join("testdata", "kml", name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("testdata/kml/%s is stale or missing (%v); regenerate it (see TestWriteKMLFixtures)", name, err)
		}
	}
}
