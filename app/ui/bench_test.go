package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/synth"
)

// BenchmarkMapFrame100k draws 1600×1000 frames of a province-sized
// district (100 000 zones, 10 000 schools, class-size theme, catchment
// boundaries, labels) through the widget's frame path, as the user makes
// them: "Repaint" redraws the same view, "Recolour" switches the map
// theme (restyle and frame), "Edit" recolours one zone (its rectangle and
// the overlays), "Pan" moves the view as a drag does, and "Zoom" draws
// each frame at a new scale.
func BenchmarkMapFrame100k(b *testing.B) {
	test.NewTempApp(b)
	if err := SetLanguage(langChinese); err != nil {
		b.Fatal(err)
	}
	s := app.NewSession(synth.Generate(synth.ProvinceConfig()), "", nil)
	m := NewMapView()
	m.SetSession(s)
	m.Resize(fyne.NewSize(1600, 1000))
	m.frame(1600, 1000) // fit, build the zone topology
	home := m.view
	run := func(name string, step func(i int)) {
		b.Run(name, func(b *testing.B) {
			m.view = home
			m.redraw()
			m.frame(1600, 1000)
			i := 0
			cpu := startCPU()
			for b.Loop() {
				step(i)
				m.frame(1600, 1000)
				i++
			}
			cpu.report(b)
		})
	}
	run("Repaint", func(int) { m.dirty = true })
	run("Recolour", func(i int) {
		m.SetMapTheme([]MapTheme{ThemeDensity, ThemeClassSize}[i%2])
	})
	run("Edit", func(i int) {
		z := len(m.fills) / 2
		m.fills[z] = []color.NRGBA{{0xc6, 0x28, 0x28, 0xd8}, {0x2e, 0x7d, 0x32, 0xd8}}[i%2]
		m.redrawZones(m.zonePixels(z))
	})
	run("Pan", func(i int) {
		d := []float64{37.5, -37.5}[i%2]
		m.view = m.view.Pan(d, d*0.6)
		m.redraw()
	})
	run("Zoom", func(i int) {
		m.zoomAt([]float64{1.1, 1 / 1.1}[i%2], 800, 500)
	})
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
