package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// progressDelay is how long work may run before a progress dialog
// appears: quicker work should not flash a dialog.
const progressDelay = 300 * time.Millisecond

// progressFunc reports the share done in [0, 1]; a negative value means
// "unknown" (the bar runs indeterminate). Safe from any goroutine.
type progressFunc func(done float64)

// runLong runs work on its own goroutine so the window stays responsive.
// If it is still running after progressDelay a modal progress dialog titled
// title appears; its Cancel button cancels ctx (work should check it). done
// is called on the UI goroutine (through fyne.Do) with work's result; after
// a cancel err is context.Canceled unless work finished anyway.
//
// This is the one place the UI goes off its goroutine: work must not touch
// widgets or the Session the window shows (see package app's threading).
func runLong[T any](w fyne.Window, title string, work func(ctx context.Context, progress progressFunc) (T, error), done func(T, error)) {
	runWithProgress(w, title, progressDelay, work, done)
}

// runLongModal is runLong with the modal dialog shown at once: for work
// that reads state the user must not change meanwhile (saving).
func runLongModal[T any](w fyne.Window, title string, work func(ctx context.Context, progress progressFunc) (T, error), done func(T, error)) {
	runWithProgress(w, title, 0, work, done)
}

// inflight counts long work whose done callback has not run yet, so that
// tests can wait until nothing runs in the background (the test driver
// runs fyne.Do callbacks on the worker goroutine).
var inflight sync.WaitGroup

func runWithProgress[T any](w fyne.Window, title string, delay time.Duration, work func(ctx context.Context, progress progressFunc) (T, error), done func(T, error)) {
	inflight.Add(1)
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	infinite := widget.NewProgressBarInfinite()
	bar.Hide()
	var dlg dialog.Dialog
	finished := false

	progress := func(share float64) {
		fyne.Do(func() {
			if share < 0 {
				return
			}
			infinite.Stop()
			infinite.Hide()
			bar.Show()
			bar.SetValue(min(share, 1))
		})
	}

	show := func() {
		if finished || w == nil {
			return
		}
		cancelBtn := widget.NewButton(lang.X("progress.cancel", "Cancel"), func() { cancel() })
		body := container.NewVBox(widget.NewLabel(title), bar, infinite, container.NewCenter(cancelBtn))
		dlg = dialog.NewCustomWithoutButtons(lang.X("progress.title", "Working…"), body, w)
		dlg.Resize(fyne.NewSize(420, 0))
		dlg.Show()
	}
	var timer *time.Timer
	if delay <= 0 {
		show()
	} else {
		timer = time.AfterFunc(delay, func() { fyne.Do(show) })
	}

	go func() {
		v, err := work(ctx, progress)
		if timer != nil {
			timer.Stop()
		}
		cancel()
		fyne.Do(func() {
			defer inflight.Done()
			finished = true
			if dlg != nil {
				dlg.Hide()
			}
			infinite.Stop()
			done(v, err)
		})
	}()
}
