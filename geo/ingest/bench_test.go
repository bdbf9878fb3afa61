package ingest

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// bigZones builds a realistic zones file: n polygons of ~100 vertices in
// a county-sized area, with Chinese property names and values.
func bigZones(n int) []byte {
	rng := rand.New(rand.NewPCG(7, 8))
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[` + "\n")
	side := int(math.Ceil(math.Sqrt(float64(n))))
	d := 0.004
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		cx := 113.5 + float64(i%side)*d
		cy := 22.5 + float64(i/side)*d
		fmt.Fprintf(&b, `{"type":"Feature","properties":{"编码":"Z%05d","名称":"幸福家园%d期","人口":"%d","户数":%d,"住宅套数":%d,"对口小学":"S%03d","对口初中":"J%02d","乡镇":"城关镇","备注":"2019年交付，物业：某某物业管理有限公司"},"geometry":{"type":"Polygon","coordinates":[[`,
			i, i%9+1, 1000+rng.IntN(5000), 300+rng.IntN(1500), 300+rng.IntN(1600), i%120, i%30)
		const verts = 100
		var first string
		for k := 0; k < verts; k++ {
			a := 2 * math.Pi * float64(k) / verts
			r := d * (0.45 + 0.04*rng.Float64())
			pt := "[" + strconv.FormatFloat(cx+r*math.Cos(a), 'f', 8, 64) + "," + strconv.FormatFloat(cy+r*math.Sin(a), 'f', 8, 64) + "]"
			if k == 0 {
				first = pt
			} else {
				b.WriteByte(',')
			}
			b.WriteString(pt)
		}
		b.WriteString("," + first + "]]}}")
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

// BenchmarkReadZones25MB: 10 000 zones of 100 vertices (~25 MB).
func BenchmarkReadZones25MB(b *testing.B) {
	data := bigZones(10000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		z, rep, err := ReadZones("big.geojson", data, Options{})
		if err != nil || len(z) != 10000 {
			b.Fatalf("%v %d\n%s", err, len(z), rep)
		}
	}
}
