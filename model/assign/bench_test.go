package assign

import (
	"testing"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/synth"
)

func benchAssign(b *testing.B, d *model.District, m Method) {
	b.Helper()
	benchAssignWith(b, d, Options{Stage: model.LevelPrimary, Method: m})
}

func benchAssignWith(b *testing.B, d *model.District, opt Options) {
	b.Helper()
	var r *Result
	cpu0, runs := cpuTime(), 0
	for b.Loop() {
		var err error
		if r, err = Assign(d, opt); err != nil {
			b.Fatal(err)
		}
		runs++
	}
	// CPU time, not wall: the machines that run these share their cores.
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(runs), "cpu-s/op")
	b.ReportMetric(float64(len(r.Assignments)), "zones")
	b.ReportMetric(float64(len(r.Schools)), "schools")
	b.ReportMetric(float64(r.Checks.OverCapacityStudents), "over-pupils")
	b.ReportMetric(float64(r.Checks.NonContiguous), "non-contiguous")
	b.ReportMetric(100*r.Gap, "gap-%")
}

// The embedded sample county: 400 zones, about 30 primary-stage schools.
func BenchmarkOptimalSample(b *testing.B) { benchAssign(b, synth.Sample(), MethodOptimal) }

func BenchmarkNearestSample(b *testing.B) { benchAssign(b, synth.Sample(), MethodNearest) }

// A large county: 2000 zones and 100 schools.
func county2k() *model.District {
	c := synth.SampleConfig()
	c.Zones, c.Schools = 2000, 100
	return synth.Generate(c)
}

func BenchmarkOptimal2kZones100Schools(b *testing.B) { benchAssign(b, county2k(), MethodOptimal) }

func BenchmarkNearest2kZones100Schools(b *testing.B) { benchAssign(b, county2k(), MethodNearest) }

// The flow alone, without preparation and checks, on the 2k-zone county.
func BenchmarkOptimalFlowOnly2k(b *testing.B) {
	p, err := Prepare(county2k(), model.LevelPrimary, 0)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p.Optimal(0)
	}
}

// The same county with twice the seats, so every pupil can be seated and
// the flow balances loads instead of only filling schools.
func BenchmarkOptimal2kZonesAmpleSeats(b *testing.B) {
	d := county2k()
	for i := range d.Schools {
		d.Schools[i].Capacity = 2 * max(d.Schools[i].Capacity, 1000)
	}
	benchAssign(b, d, MethodOptimal)
}

// A county of 10 000 zones and 800 schools (all levels; about 500 teach
// the primary stage). Target: under 2 s per run, contiguity included.
func county10k() *model.District {
	c := synth.SampleConfig()
	c.Zones, c.Schools = 10000, 800
	return synth.Generate(c)
}

func BenchmarkOptimal10kZones800Schools(b *testing.B) {
	benchAssign(b, county10k(), MethodOptimal)
}

// The same without contiguity: the flow and the whole-zone search alone.
func BenchmarkOptimal10kZonesPieces(b *testing.B) {
	benchAssignWith(b, county10k(), Options{Stage: model.LevelPrimary, AllowPieces: true})
}

// A province: 100 000 zones and 10 000 schools (about 250 county seats),
// generated in the benchmark. Target: under 30 s per run.
func BenchmarkOptimalProvince(b *testing.B) {
	benchAssign(b, synth.Generate(synth.ProvinceConfig()), MethodOptimal)
}

// The 10k county with seats for 110 % of its pupils: seats bind, yet every
// pupil can be seated, so the gap is that of whole zones alone.
func BenchmarkOptimal10kZonesEnoughSeats(b *testing.B) {
	d := county10k()
	p, err := Prepare(d, model.LevelPrimary, 0)
	if err != nil {
		b.Fatal(err)
	}
	scale := 1.1 * float64(p.TotalDemand()) / float64(p.TotalCapacity())
	for i := range d.Schools {
		d.Schools[i].Capacity = int(float64(max(d.Schools[i].Capacity, 1)) * scale)
	}
	benchAssignWith(b, d, Options{Stage: model.LevelPrimary, AllowPieces: true})
}

// The same with contiguity: every pupil can be seated, so the seats come
// first (lexicographic) and the annealing charges excess the fallback
// penalty.
func BenchmarkOptimal10kZonesEnoughSeatsContiguous(b *testing.B) {
	d := county10k()
	p, err := Prepare(d, model.LevelPrimary, 0)
	if err != nil {
		b.Fatal(err)
	}
	scale := 1.1 * float64(p.TotalDemand()) / float64(p.TotalCapacity())
	for i := range d.Schools {
		d.Schools[i].Capacity = int(float64(max(d.Schools[i].Capacity, 1)) * scale)
	}
	benchAssignWith(b, d, Options{Stage: model.LevelPrimary})
}
