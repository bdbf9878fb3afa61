package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/synth"
)

// BenchmarkMapFrame100k redraws one 1600×1000 frame of a province-sized
// district (100 000 zones, 10 000 schools, class-size theme, catchment
// boundaries, labels) through the widget's frame path, as a pan or zoom does.
func BenchmarkMapFrame100k(b *testing.B) {
	test.NewTempApp(b)
	if err := SetLanguage(langChinese); err != nil {
		b.Fatal(err)
	}
	s := app.NewSession(synth.Generate(synth.ProvinceConfig()), "", nil)
	m := NewMapView()
	m.SetSession(s)
	m.Resize(fyne.NewSize(1600, 1000))
	m.frame(1600, 1000) // fit, build the boundary cache
	b.ResetTimer()
	cpu := startCPU()
	for b.Loop() {
		m.dirty = true
		m.frame(1600, 1000)
	}
	cpu.report(b)
}

// BenchmarkEditRecompute is one catchment edit on a county (2 000 zones,
// 100 schools) through Session.Do: "Do" is the session alone (undo stack,
// re-analysis); "DoProjected" also re-projects 10 years with app.Project,
// as the desktop app does; "Window" adds what the window does on OnChange
// with projection (title, menu, status, panels, map restyle and a 1000×800
// redraw).
func BenchmarkEditRecompute(b *testing.B) {
	d := synth.Generate(synth.Config{Schools: 100, Zones: 2000})
	zone, schools := editTarget(d)
	b.Run("Do", func(b *testing.B) {
		s := app.NewSession(d, "", nil)
		i := 0
		for b.Loop() {
			if err := s.Do(&app.AssignZones{Zones: []string{zone}, School: schools[i%2], Stage: model.LevelPrimary}); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("DoProjected", func(b *testing.B) {
		s := app.NewSession(d, "", app.Project)
		i := 0
		cpu := startCPU()
		defer cpu.report(b)
		for b.Loop() {
			if err := s.Do(&app.AssignZones{Zones: []string{zone}, School: schools[i%2], Stage: model.LevelPrimary}); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("Window", func(b *testing.B) {
		a := test.NewTempApp(b)
		a.Settings().SetTheme(newTheme("light"))
		if err := SetLanguage(langChinese); err != nil { // as the app: no lookup misses logged
			b.Fatal(err)
		}
		w := newMainWindow(a, Config{})
		w.setSession(app.NewSession(d, "", app.Project))
		w.win.Resize(fyne.NewSize(1600, 1000))
		w.mapView.Resize(fyne.NewSize(1000, 800))
		w.mapView.frame(1000, 800)
		i := 0
		cpu := startCPU()
		for b.Loop() {
			if err := w.sess.Do(&app.AssignZones{Zones: []string{zone}, School: schools[i%2], Stage: model.LevelPrimary}); err != nil {
				b.Fatal(err)
			}
			w.mapView.frame(1000, 800)
			i++
		}
		cpu.report(b)
	})
}

// editTarget picks a zone and two primary schools to flip it between.
func editTarget(d *model.District) (string, []string) {
	var ps []string
	for _, s := range d.Schools {
		if s.Level == model.LevelPrimary {
			ps = append(ps, s.ID)
		}
	}
	return d.Zones[len(d.Zones)/2].ID, ps[:2]
}
