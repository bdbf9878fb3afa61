package main

import (
	"runtime/debug"

	"github.com/xuequ/xuequ/app/store"
)

// importMemory holds `xuequ import` to about twice the memory ogr2ogr
// needs for the same file (see BenchmarkImportPeakHeap): an import keeps
// one copy of the district (its geometry is most of it) and makes much
// short-lived garbage, so the GC collects at 25 % heap growth instead of
// 100 %, and the save uses an 8 MB page cache instead of 64 MB (a one-shot
// import does not gain from keeping the file in memory). It returns the
// function that puts both back.
func importMemory() (restore func()) {
	gc := debug.SetGCPercent(25)
	cache := store.SetSaveCache(8 << 20)
	return func() {
		debug.SetGCPercent(gc)
		cache()
	}
}

// importRead gives the memory of what the import read and let go (the
// features as read, before repair) back to the system before the save
// needs its own.
func importRead() { debug.FreeOSMemory() }
