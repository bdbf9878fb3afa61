package ui

// The effective-year field of the dialogs that plan an edit (新建学校,
// 扩建/学位/教室, 撤并): the school year the edit takes effect, empty for
// "from the first year" (a correction of the data rather than a plan).

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// planYearSource is what the year field needs of the session.
type planYearSource interface {
	Year() int
	Projected(year int) bool
	YearRange() (first, last int)
}

// suggestedYear is the year a plan most likely starts: the year under
// study when it is projected, else the first projected year.
func suggestedYear(src planYearSource) int {
	y := src.Year()
	for !src.Projected(y) {
		if _, last := src.YearRange(); y >= last {
			return y
		}
		y++
	}
	return y
}

// newYearEntry is the year field with text def (0 = empty) and a
// placeholder that says what empty means.
func newYearEntry(def int) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(lang.X("timeline.year.placeholder", "空 = 自始生效"))
	if def > 0 {
		e.SetText(strconv.Itoa(def))
	}
	e.Validator = func(s string) error { _, err := parsePlanYear(s); return err }
	return e
}

// parsePlanYear reads the year field: 0 when empty, else a school year
// from 1900 to 2200.
func parsePlanYear(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(strings.TrimSuffix(s, "年"))
	if err != nil || y < 1900 || y > 2200 {
		return 0, fmt.Errorf("%s", lang.X("timeline.year.bad", "年份须为如 2028 的学年（秋季开学的年份），或留空表示自始生效"))
	}
	return y, nil
}
