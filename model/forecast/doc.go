// Package forecast projects school enrollment (招生与在校生预测) by cohort
// survival: each grade next year is this year's grade below times a grade
// progression ratio (升级率/留存率) fitted from the history; the entry grade
// comes from explicit entrants, from lagged births (出生人口) times a fitted
// entry ratio, or from last year's intake, plus pupils from newly occupied
// housing (新建住宅生源). Junior schools take their grade 7 from the grade 6 of
// the primaries that feed them through the catchment zones. Kindergartens
// with 小班/中班 history project grades −2…0: 小班 from their township's
// births lagged 3 years, classes at the 25/30/35 standards (nursery.go).
//
// District is THE projection every caller uses (the app's Session,
// `xuequ forecast`, `analyze`, `export`, scenario comparison): the cohort
// model above on the district's history, closed schools' pupils at their
// receivers (MergeClosed), entry intakes that follow re-drawn catchments
// (catchment.go), spare classrooms opened where classes are over the
// standard (UseSpareClassrooms), and a scenario's timeline: a list of
// Steps, the district in force from each edit's effective year, so every
// year before an edit is exactly what it would be without it. Nothing
// outside this package re-assembles the policy.
//
// Backtest hides the last k years of history, projects them and reports the
// mean absolute percentage error per horizon next to two naive baselines;
// its relative errors give empirical prediction intervals.
//
// Units: pupils (float64, unrounded unless Options.Round), school years
// (the calendar year the autumn term starts), ratios as plain fractions.
// The package uses gonum for every statistic and never imports Fyne.
package forecast
