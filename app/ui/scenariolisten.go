package ui

// The scenario bar and the comparison window follow the session through
// Session.Listen; the window removes their listeners when it replaces them
// (another project, the language switch) or the comparison window closes,
// so no hidden widget keeps recomputing after every edit.

// Unlisten stops the bar following its session.
func (b *ScenarioBar) Unlisten() {
	if b.unlisten != nil {
		b.unlisten()
		b.unlisten = nil
	}
}

// Unlisten stops the comparison following its session.
func (v *CompareView) Unlisten() {
	if v.unlisten != nil {
		v.unlisten()
		v.unlisten = nil
	}
}

// setCompareView shows a new comparison of the current session in the
// comparison window, dropping the old one's listener.
func (w *mainWindow) setCompareView() {
	w.closeCompareView()
	w.compareView = NewCompareView(w.sess)
	w.compareWin.SetContent(w.compareView)
}

// closeCompareView removes the shown comparison's listener.
func (w *mainWindow) closeCompareView() {
	if w.compareView != nil {
		w.compareView.Unlisten()
		w.compareView = nil
	}
}
