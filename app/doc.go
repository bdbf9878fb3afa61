// Package app holds an editing session on a district: the open project,
// the chosen year, the analysis of that year, and every edit as a Command
// with undo and redo. The GUI (app/ui) shows a Session and forwards user
// actions to it; the CLI uses the same Session, so planning logic lives here
// and in model/..., never in widgets.
//
// A Session is not safe for concurrent use: the UI calls it from its own
// goroutine, and long work (open, save, import) runs on a separate value and
// hands the result back.
package app
