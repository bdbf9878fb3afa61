package report

import (
	"fmt"
	"image"
	"math"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo/render"
)

// printRatio is the render pixel ratio for a print resolution: render's
// sizes are screen pixels (about 1/96 inch); on paper they are drawn at
// three quarters of that, so a 12 px school name prints at about 6.8 pt.
func printRatio(dpi float64) float64 { return dpi / 96 * 0.75 }

// pixels converts millimetres on paper to pixels at dpi.
func pixels(mm, dpi float64) int { return int(math.Round(mm / 25.4 * dpi)) }

// mapTitle is the heading of a map: 示例县2025年小学学区划分图 (or
// …学区班额状况图 for the status theme).
func mapTitle(s *app.Session, opt MapOptions) string {
	if opt.Theme == ThemeStatus {
		return fmt.Sprintf("%s%d年%s学区班额状况图", s.District().Name, opt.Year, stageName(opt.Stage))
	}
	return fmt.Sprintf("%s%d年%s学区划分图", s.District().Name, opt.Year, stageName(opt.Stage))
}

// mapSubtitle says what the colours show and where the numbers come from.
func mapSubtitle(s *app.Session, opt MapOptions) string {
	if opt.Theme == ThemeStatus {
		return fmt.Sprintf("按对口学校%d年班额状况着色（%s数据）", opt.Year, dataKind(s, opt.Year))
	}
	return fmt.Sprintf("义务教育阶段%s招生划片范围", stageName(opt.Stage))
}

// drawMap renders the district into a w×h pixel image at dpi, fitted with
// a small margin. legend adds the compact in-map legend.
func drawMap(s *app.Session, m *mapModel, w, h int, dpi float64, legend bool) (*image.RGBA, error) {
	d := s.District()
	scene, err := render.NewScene(d.Zones, d.Schools)
	if err != nil {
		return nil, err
	}
	r, err := render.NewDefaultRenderer()
	if err != nil {
		return nil, err
	}
	ratio := printRatio(dpi)
	v := render.FitBounds(scene.Bounds(), w, h, int(14*ratio))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	st := m.style(ratio, legend)
	if err := r.Draw(img, scene, v, &st); err != nil {
		return nil, err
	}
	return img, nil
}
