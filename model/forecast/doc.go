// Package forecast projects school enrollment (招生与在校生预测) by cohort
// survival: each grade next year is this year's grade below times a grade
// progression ratio (升级率/留存率) fitted from the history; the entry grade
// comes from explicit entrants, from lagged births (出生人口) times a fitted
// entry ratio, or from last year's intake, plus pupils from newly occupied
// housing (新建住宅生源). Junior schools take their grade 7 from the grade 6 of
// the primaries that feed them through the catchment zones.
//
// Backtest hides the last k years of history, projects them and reports the
// mean absolute percentage error per horizon next to two naive baselines;
// its relative errors give empirical prediction intervals.
//
// Units: pupils (float64, unrounded unless Options.Round), school years
// (the calendar year the autumn term starts), ratios as plain fractions.
// The package uses gonum for every statistic and never imports Fyne.
package forecast
